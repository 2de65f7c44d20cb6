/**
 * The model disk record (`chrysalis.model-disk.v1`): the worker extends it after the model id when given the disk's
 * dm-verity root hash; the chrysalis policy requires it with the registry's value when the verifier knows one, and
 * otherwise admits it as any 32 bytes. A model record that disagrees with the claims is still refused.
 */
import {
  appraiseRuntimeLog,
  chrysalisRuntimePolicy,
  configRuntimeEvent,
  modelDiskRuntimeEvent,
  modelRuntimeEvent,
  readyRuntimeEvent,
  runtimeLogViolations,
  RUNTIME_EVENT_MODEL_DISK,
  type RuntimeEvent,
} from '../../attestation/eventlog';
import { createNoGpuProvider, createWorker } from '../../enclave-runtime';
import { createSimulatedTdx } from '../../devnet/providers';
import { createDevnetIntelPki } from '../../devnet/intel';

const cfg = new Uint8Array(32).fill(0xc1);
const model = 'ab'.repeat(32);
const root = 'cd'.repeat(32);
const log = (disk?: RuntimeEvent): RuntimeEvent[] => [
  configRuntimeEvent(cfg),
  modelRuntimeEvent(model),
  ...(disk ? [disk] : []),
  readyRuntimeEvent(),
];
const codes = (events: RuntimeEvent[], modelDiskRootHash?: string): string[] =>
  runtimeLogViolations(
    events,
    undefined,
    chrysalisRuntimePolicy({ configDigest: cfg, modelId: model, ...(modelDiskRootHash ? { modelDiskRootHash } : {}) }),
  ).map((v) => v.code);

describe('chrysalis.model-disk.v1', () => {
  test('the record: deterministic, 32 bytes, from hex or bytes; anything else is malformed', () => {
    const e = modelDiskRuntimeEvent(root);
    expect([e.name, e.kind, Buffer.from(e.payload).toString('hex')]).toEqual([
      RUNTIME_EVENT_MODEL_DISK,
      'deterministic',
      root,
    ]);
    expect(modelDiskRuntimeEvent(Buffer.from(root, 'hex')).payload).toEqual(e.payload);
    for (const bad of ['cd', 'zz'.repeat(32), new Uint8Array(31)])
      expect(() => modelDiskRuntimeEvent(bad)).toThrow(expect.objectContaining({ code: 'RUNTIME_EVENT_MALFORMED' }));
  });

  test('without a root hash to expect: optional, any 32 bytes, in its place', () => {
    expect(codes(log())).toEqual([]);
    expect(codes(log(modelDiskRuntimeEvent(root)))).toEqual([]);
    const short: RuntimeEvent = { ...modelDiskRuntimeEvent(root), payload: new Uint8Array(31) };
    expect(codes(log(short))).toEqual(['RUNTIME_EVENT_VALUE_MISMATCH']);
    const before = [
      configRuntimeEvent(cfg),
      modelDiskRuntimeEvent(root),
      modelRuntimeEvent(model),
      readyRuntimeEvent(),
    ];
    expect(codes(before)).toEqual(['RUNTIME_EVENT_ORDER']);
    const instance: RuntimeEvent = { ...modelDiskRuntimeEvent(root), kind: 'instance' };
    expect(codes(log(instance))).toEqual(['RUNTIME_EVENT_KIND_MISMATCH']);
  });

  test('with the registry root hash: required and equal', () => {
    expect(codes(log(modelDiskRuntimeEvent(root)), root)).toEqual([]);
    expect(codes(log(), root)).toEqual(['RUNTIME_EVENT_MISSING']);
    expect(codes(log(modelDiskRuntimeEvent('ef'.repeat(32))), root)).toEqual(['RUNTIME_EVENT_VALUE_MISMATCH']);
    expect(() => chrysalisRuntimePolicy({ configDigest: cfg, modelId: model, modelDiskRootHash: 'ab' })).toThrow(
      TypeError,
    );
  });

  test('a model record that disagrees with the claimed model id is still refused', () => {
    const other = [
      configRuntimeEvent(cfg),
      modelRuntimeEvent('ef'.repeat(32)),
      modelDiskRuntimeEvent(root),
      readyRuntimeEvent(),
    ];
    expect(codes(other)).toEqual(['RUNTIME_EVENT_VALUE_MISMATCH']);
    expect(() =>
      appraiseRuntimeLog(other, undefined, chrysalisRuntimePolicy({ configDigest: cfg, modelId: model })),
    ).toThrow(expect.objectContaining({ code: 'RUNTIME_LOG_REJECTED' }));
  });

  test('a deterministic rule with neither a value nor a length is a malformed policy', () => {
    const policy = { rules: [{ name: 'x', kind: 'deterministic' } as never] };
    expect(() => runtimeLogViolations([], undefined, policy)).toThrow(TypeError);
  });

  test('the worker extends it after the model id when given the root hash, and refuses one that is not 32 bytes', async () => {
    const pki = createDevnetIntelPki({ seed: 'model-disk-test' });
    const engine = {
      kind: 'fake',
      modelName: 'fake',
      modelId: Buffer.from(model, 'hex'),
      generate: () => (async function* () {})(),
      close: async () => undefined,
    } as never;
    const base = {
      engine,
      prices: { promptNano: 1n, completionNano: 1n },
      gpu: createNoGpuProvider(),
      reattestIntervalMs: 0,
    };
    const w = await createWorker({
      ...base,
      tdx: createSimulatedTdx({ pki }),
      modelDiskRootHash: Buffer.from(root, 'hex'),
    });
    try {
      expect(w.runtimeEvents.map((e) => e.name)).toEqual([
        'chrysalis.config.v1',
        'chrysalis.model.v1',
        RUNTIME_EVENT_MODEL_DISK,
        'chrysalis.ready.v1',
      ]);
      expect(Buffer.from(w.runtimeEvents[2]!.payload).toString('hex')).toBe(root);
    } finally {
      await w.close();
    }
    await expect(
      createWorker({ ...base, tdx: createSimulatedTdx({ pki }), modelDiskRootHash: new Uint8Array(31) }),
    ).rejects.toMatchObject({ code: 'WORKER_CONFIG_INVALID' });
  });
});
