'use strict';
/**
 * Jest environment for tests that run onnxruntime-node: jest's per-test realm has its own typed-array
 * constructors, and onnxruntime-node's native backend checks `data instanceof Float32Array` against the outer
 * realm's constructors (microsoft/onnxruntime#16622-style failure). Share the outer realm's typed arrays.
 */
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OrtEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const k of SHARED) this.global[k] = globalThis[k];
  }
}
module.exports = OrtEnvironment;
