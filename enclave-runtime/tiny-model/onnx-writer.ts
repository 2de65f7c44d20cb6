/**
 * A minimal ONNX ModelProto writer on protobufjs. The schema below is the subset of onnx/onnx.proto (IR version 8,
 * https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) this project writes; field numbers are ONNX's own.
 */
import * as protobuf from 'protobufjs';

const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7; STRINGS = 8; }
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  AttributeType type = 20;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; string doc_string = 3; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string domain = 7;
}
message StringStringEntryProto { string key = 1; string value = 2; }
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message TensorProto {
  enum DataType { UNDEFINED = 0; FLOAT = 1; UINT8 = 2; INT8 = 3; UINT16 = 4; INT16 = 5; INT32 = 6; INT64 = 7; STRING = 8; BOOL = 9; }
  repeated int64 dims = 1;
  int32 data_type = 2;
  string name = 8;
  bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

export const DT_FLOAT = 1;
export const DT_INT64 = 7;
export const DT_BOOL = 9;

export interface Tensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dataType: number;
  readonly raw: Uint8Array;
}

export type Attr = number | readonly number[] | Tensor | { readonly float: number };

export interface Node {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs?: Readonly<Record<string, Attr>>;
}

export interface ValueInfo {
  readonly name: string;
  readonly elemType: number;
  readonly shape: ReadonlyArray<number | string>;
}

export function floatTensor(name: string, dims: readonly number[], data: Float32Array): Tensor {
  return { name, dims, dataType: DT_FLOAT, raw: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
export function int64Tensor(name: string, dims: readonly number[], data: readonly number[]): Tensor {
  const b = Buffer.alloc(8 * data.length);
  data.forEach((v, i) => b.writeBigInt64LE(BigInt(v), 8 * i));
  return { name, dims, dataType: DT_INT64, raw: b };
}

let root: protobuf.Root | undefined;
function onnxRoot(): protobuf.Root {
  root ??= protobuf.parse(ONNX_SUBSET, { keepCase: true }).root;
  return root;
}

function tensorProto(t: Tensor): Record<string, unknown> {
  return { name: t.name, dims: [...t.dims], data_type: t.dataType, raw_data: t.raw };
}

function attribute(name: string, v: Attr): Record<string, unknown> {
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (Array.isArray(v)) return { name, type: 7, ints: [...(v as number[])] };
  if ('float' in (v as object)) return { name, type: 1, f: (v as { float: number }).float };
  return { name, type: 4, t: tensorProto(v as Tensor) };
}

function valueInfo(v: ValueInfo): Record<string, unknown> {
  return {
    name: v.name,
    type: {
      tensor_type: {
        elem_type: v.elemType,
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

/** Serialise an ONNX model (IR version 8, default-domain opset `opset`). */
export function encodeModel(m: {
  readonly graphName: string;
  readonly docString: string;
  readonly producer: string;
  readonly opset: number;
  readonly nodes: readonly Node[];
  readonly initializers: readonly Tensor[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly metadata: Readonly<Record<string, string>>;
}): Uint8Array {
  const ModelProto = onnxRoot().lookupType('onnx.ModelProto');
  const msg = ModelProto.fromObject({
    ir_version: 8,
    producer_name: m.producer,
    producer_version: '1',
    doc_string: m.docString,
    opset_import: [{ domain: '', version: m.opset }],
    metadata_props: Object.entries(m.metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: m.graphName,
      node: m.nodes.map((n, i) => ({
        name: `${n.op}_${i}`,
        op_type: n.op,
        input: [...n.inputs],
        output: [...n.outputs],
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      initializer: m.initializers.map(tensorProto),
      input: m.inputs.map(valueInfo),
      output: m.outputs.map(valueInfo),
    },
  });
  return ModelProto.encode(msg).finish();
}
