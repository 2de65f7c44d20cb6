/**
 * The ONNX graph of the tiny TEST model: a one-layer decoder-only transformer in the Hugging Face / Optimum export
 * convention (`input_ids`, `attention_mask`, `position_ids`, `past_key_values.0.key/value` -> `logits`,
 * `present.0.key/value`). The weights come from `build.ts`.
 */
import { DT_FLOAT, DT_INT64, encodeModel, floatTensor, int64Tensor, type Node, type Tensor } from './onnx-writer';

/** The learned tensors of the model (row-major float32). */
export interface TinyWeights {
  readonly emb: Float32Array;
  readonly wq: Float32Array;
  readonly wk: Float32Array;
  readonly wv: Float32Array;
  readonly pq: Float32Array;
  readonly pk: Float32Array;
  readonly wo: Float32Array;
  readonly wlm: Float32Array;
}

/** Shape of the model: vocabulary size V, head dimension D, position table length. */
export interface TinyShape {
  readonly V: number;
  readonly D: number;
  readonly maxPositions: number;
}

/** Model header: graph name, doc string, producer and metadata. */
export interface TinyHeader {
  readonly graphName: string;
  readonly docString: string;
  readonly producer: string;
  readonly metadata: Record<string, string>;
}

function initializers(w: TinyWeights, s: TinyShape): Tensor[] {
  const { V, D, maxPositions } = s;
  const scalarF = (name: string, v: number) => floatTensor(name, [], new Float32Array([v]));
  const scalarI = (name: string, v: number) => int64Tensor(name, [], [v]);
  return [
    floatTensor('embed_tokens.weight', [V, V], w.emb),
    floatTensor('attn.q_proj.weight', [V, D], w.wq),
    floatTensor('attn.k_proj.weight', [V, D], w.wk),
    floatTensor('attn.v_proj.weight', [V, D], w.wv),
    floatTensor('attn.q_pos.weight', [maxPositions, D], w.pq),
    floatTensor('attn.k_pos.weight', [maxPositions, D], w.pk),
    floatTensor('attn.o_proj.weight', [D, V], w.wo),
    floatTensor('lm_head.weight', [V, V], w.wlm),
    scalarF('c.scale', 1 / Math.sqrt(D)),
    scalarF('c.neg', -1e9),
    scalarF('c.zero_f', 0),
    scalarF('c.one_f', 1),
    scalarI('c.zero_i', 0),
    scalarI('c.one_i', 1),
    scalarI('c.two_i', 2),
    int64Tensor('c.axes0', [1], [0]),
    int64Tensor('c.axes1', [1], [1]),
    int64Tensor('c.axes12', [2], [1, 2]),
  ];
}

function nodes(): Node[] {
  const n = (op: string, inputs: string[], outputs: string[], attrs?: Node['attrs']): Node =>
    attrs ? { op, inputs, outputs, attrs } : { op, inputs, outputs };
  return [
    n('Gather', ['embed_tokens.weight', 'input_ids'], ['x'], { axis: 0 }),
    n('MatMul', ['x', 'attn.q_proj.weight'], ['q0']),
    n('Gather', ['attn.q_pos.weight', 'position_ids'], ['qp'], { axis: 0 }),
    n('Add', ['q0', 'qp'], ['q']),
    n('MatMul', ['x', 'attn.k_proj.weight'], ['k0']),
    n('Gather', ['attn.k_pos.weight', 'position_ids'], ['kp'], { axis: 0 }),
    n('Add', ['k0', 'kp'], ['k']),
    n('MatMul', ['x', 'attn.v_proj.weight'], ['v']),
    n('Unsqueeze', ['q', 'c.axes1'], ['q4']),
    n('Unsqueeze', ['k', 'c.axes1'], ['k4']),
    n('Unsqueeze', ['v', 'c.axes1'], ['v4']),
    n('Concat', ['past_key_values.0.key', 'k4'], ['present.0.key'], { axis: 2 }),
    n('Concat', ['past_key_values.0.value', 'v4'], ['present.0.value'], { axis: 2 }),
    n('Transpose', ['present.0.key'], ['kT'], { perm: [0, 1, 3, 2] }),
    n('MatMul', ['q4', 'kT'], ['s0']),
    n('Mul', ['s0', 'c.scale'], ['s1']),
    // causal mask over absolute positions: query i sits at T - S + i
    n('Shape', ['present.0.key'], ['shk']),
    n('Gather', ['shk', 'c.two_i'], ['T'], { axis: 0 }),
    n('Shape', ['input_ids'], ['shq']),
    n('Gather', ['shq', 'c.one_i'], ['S'], { axis: 0 }),
    n('Sub', ['T', 'S'], ['P']),
    n('Range', ['P', 'T', 'c.one_i'], ['qpos']),
    n('Range', ['c.zero_i', 'T', 'c.one_i'], ['kpos']),
    n('Unsqueeze', ['qpos', 'c.axes1'], ['qposc']),
    n('Unsqueeze', ['kpos', 'c.axes0'], ['kposr']),
    n('Greater', ['kposr', 'qposc'], ['future']),
    n('Where', ['future', 'c.neg', 'c.zero_f'], ['causal']),
    // padding mask from attention_mask [B, T]
    n('Cast', ['attention_mask'], ['amf'], { to: DT_FLOAT }),
    n('Sub', ['c.one_f', 'amf'], ['aminv']),
    n('Mul', ['aminv', 'c.neg'], ['pad0']),
    n('Unsqueeze', ['pad0', 'c.axes12'], ['pad']),
    n('Add', ['s1', 'causal'], ['s2']),
    n('Add', ['s2', 'pad'], ['s3']),
    n('Softmax', ['s3'], ['attn'], { axis: -1 }),
    n('MatMul', ['attn', 'present.0.value'], ['ctx4']),
    n('Squeeze', ['ctx4', 'c.axes1'], ['ctx']),
    n('MatMul', ['ctx', 'attn.o_proj.weight'], ['o']),
    n('Add', ['x', 'o'], ['h']),
    n('MatMul', ['h', 'lm_head.weight'], ['logits']),
  ];
}

/** Encodes the model (graph, weights, inputs and outputs) as ONNX bytes, opset 17. */
export function encodeTinyOnnx(header: TinyHeader, w: TinyWeights, s: TinyShape): Uint8Array {
  const { V, D } = s;
  return encodeModel({
    graphName: header.graphName,
    docString: header.docString,
    producer: header.producer,
    opset: 17,
    nodes: nodes(),
    initializers: initializers(w, s),
    inputs: [
      { name: 'input_ids', elemType: DT_INT64, shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', elemType: DT_INT64, shape: ['batch_size', 'total_sequence_length'] },
      { name: 'position_ids', elemType: DT_INT64, shape: ['batch_size', 'sequence_length'] },
      { name: 'past_key_values.0.key', elemType: DT_FLOAT, shape: ['batch_size', 1, 'past_sequence_length', D] },
      { name: 'past_key_values.0.value', elemType: DT_FLOAT, shape: ['batch_size', 1, 'past_sequence_length', D] },
    ],
    outputs: [
      { name: 'logits', elemType: DT_FLOAT, shape: ['batch_size', 'sequence_length', V] },
      { name: 'present.0.key', elemType: DT_FLOAT, shape: ['batch_size', 1, 'total_sequence_length', D] },
      { name: 'present.0.value', elemType: DT_FLOAT, shape: ['batch_size', 1, 'total_sequence_length', D] },
    ],
    metadata: header.metadata,
  });
}
