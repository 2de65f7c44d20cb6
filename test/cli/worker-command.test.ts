/** @jest-environment ./test/worker/ort-environment.js */
/**
 * `chrysalis worker`, in-process: flag errors exit 2 with usage, an unreadable collateral file exits 3, a provider
 * that cannot attest exits with its code; with `--tdx simulated --gpu simulated` it attests, dials an in-process
 * broker that verifies its bundle against the devnet roots, is admitted under its --name, and drains and exits 0 when
 * its AbortSignal fires (as on SIGTERM). From a YAML `--config` naming two brokers it opens one link per broker and
 * is admitted by both.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { run } from '../../cli/worker';
import { EXIT } from '../../cli/exit';
import { StaticRegistry, attestationBundleVerifier, startBroker, type RunningBroker } from '../../broker';
import { createDevnetIntelPki, createDevnetNvidiaPki, devnetTdFields } from '../../devnet';
import { imageId as computeImageId, platformId as computePlatformId } from '../../attestation/policy';
import { pollUntil } from '../../core/retry';
import { devnetPayoutAddress } from '../../devnet/network/workers';
import { modelIdOfFiles } from '../../enclave-runtime/model/model-id';
import { capture } from './helpers';

const SEED = 'cli-worker-test';
// The directory the upstream "serves": the worker computes its model id from it (modelIdOfDir).
const UPSTREAM_FILES = new Map([['chrysalis-model.json', new Uint8Array(Buffer.from('{"name":"m","revision":"r"}'))]]);
const UPSTREAM_DIR = mkdtempSync(join(tmpdir(), 'chrysalis-worker-upstream-model-'));
for (const [n, b] of UPSTREAM_FILES) writeFileSync(join(UPSTREAM_DIR, n), b);
const MODEL_ID = modelIdOfFiles(UPSTREAM_FILES);
const PAYOUT = devnetPayoutAddress(SEED, 0);
const PRICES = ['--prompt-price-nano', '1234', '--completion-price-nano', '2345', '--payout-address', PAYOUT];
const UPSTREAM = [
  ...PRICES,
  '--engine',
  'openai-upstream',
  '--upstream-url',
  'http://127.0.0.1:9/v1',
  '--upstream-model',
  'm',
  '--model-dir',
  UPSTREAM_DIR,
];
const SIMULATED = ['--tdx', 'simulated', '--gpu', 'simulated', '--devnet-seed', SEED];

describe('chrysalis worker', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let collateralFile: string;
  let broker: RunningBroker;
  let broker2: RunningBroker;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-worker-cli-'));
    const intel = createDevnetIntelPki({ seed: SEED, issuedAt: new Date(Date.now() - 3600_000) });
    collateralFile = join(dir, 'collateral.json');
    writeFileSync(collateralFile, JSON.stringify(intel.collateralJson()));
    const fields = devnetTdFields();
    const registry = new StaticRegistry({
      version: 1,
      imageIds: [computeImageId(fields as never)],
      platformIds: [computePlatformId(fields as never)],
      modelIds: [MODEL_ID],
    });
    const trust = { intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: createDevnetNvidiaPki({ seed: SEED }).trust };
    const policy = { quote: { allowedRoots: [createHash('sha256').update(intel.rootCaDer).digest('hex')] } };
    const start = (): Promise<RunningBroker> =>
      startBroker({
        config: { host: '127.0.0.1', port: 0, dbPath: ':memory:' },
        logger: pino({ level: 'silent' }),
        registry,
        bundleVerifier: attestationBundleVerifier({ registry, trust, policy }),
      });
    broker = await start();
    broker2 = await start();
  });
  afterAll(async () => {
    await broker?.close();
    await broker2?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(UPSTREAM_DIR, { recursive: true, force: true });
  });

  it('--help prints usage and exits 0; an unknown flag exits 2 with usage', async () => {
    const help = await capture(() => run(['--help']));
    expect(help.code).toBe(EXIT.OK);
    expect(help.stdout.startsWith('usage: chrysalis worker')).toBe(true);
    const bad = await capture(() => run(['--frobnicate']));
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('usage: chrysalis worker');
  });

  it.each([
    ['an unknown engine', [...PRICES, '--engine', 'llama'], '--engine: unknown value llama'],
    ['onnx without --model-dir or --tiny', [...PRICES, '--engine', 'onnx'], '--model-dir or --tiny'],
    ['no --prompt-price-nano', [...UPSTREAM.slice(2), '--model-id', MODEL_ID], '--prompt-price-nano is required'],
    [
      'no --payout-address',
      [...UPSTREAM.slice(0, 4), ...UPSTREAM.slice(6), '--model-id', MODEL_ID],
      '--payout-address is required',
    ],
    [
      'a bad --payout-address',
      [...UPSTREAM, '--model-id', MODEL_ID, '--payout-address', 'nope'],
      '--payout-address: not a TON address',
    ],
    [
      'no --completion-price-nano',
      [...UPSTREAM.slice(0, 2), ...UPSTREAM.slice(4), '--model-id', MODEL_ID],
      '--completion-price-nano is required',
    ],
    ['a negative price', [...UPSTREAM, '--model-id', MODEL_ID, '--prompt-price-nano=-1'], '--prompt-price-nano'],
    [
      'a price above u64',
      [...UPSTREAM, '--model-id', MODEL_ID, '--completion-price-nano', '18446744073709551616'],
      '--completion-price-nano: expected an integer',
    ],
    ['openai-upstream without --model-dir', UPSTREAM.slice(0, -2), '--model-dir (the directory the upstream serves'],
    ['openai-upstream with --tiny', [...UPSTREAM, '--tiny', 'x'], '--tiny (model.tiny) applies to --engine onnx'],
    [
      'onnx with --engine-config',
      [...PRICES, '--engine', 'onnx', '--tiny', 'x', '--engine-config', 'e.json'],
      '--engine-config (model.engineConfig) applies to --engine openai-upstream',
    ],
    ['openai-upstream with a short --model-id', [...UPSTREAM, '--model-id', 'abcd'], '--model-id: expected 64 hex'],
    ['an unknown --tdx', [...UPSTREAM, '--model-id', MODEL_ID, '--tdx', 'sev'], '--tdx: unknown value sev'],
    [
      'an unknown --gpu',
      [...UPSTREAM, '--model-id', MODEL_ID, '--tdx', 'simulated', '--gpu', 'amd'],
      '--gpu: unknown value amd',
    ],
    [
      'a --broker that is not ws',
      [...UPSTREAM, '--model-id', MODEL_ID, '--broker', 'http://x/'],
      '--broker: not a ws(s)',
    ],
    [
      'a --gpu-count that is not a count',
      [...UPSTREAM, '--model-id', MODEL_ID, ...SIMULATED, '--gpu-count', 'two'],
      '--gpu-count',
    ],
  ])('%s is a usage error (exit 2)', async (_what, argv, text) => {
    const r = await capture(() => run(argv));
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain(`chrysalis worker: usage: `);
    expect(r.stderr).toContain(text);
    expect(r.stderr).toContain('usage: chrysalis worker');
  });

  it('an upstream off loopback is refused with WORKER_CONFIG_INVALID (exit 1)', async () => {
    const argv = [...UPSTREAM, '--model-id', MODEL_ID, ...SIMULATED];
    argv[argv.indexOf('http://127.0.0.1:9/v1')] = 'http://upstream.example/v1';
    const r = await capture(() => run(argv));
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toContain('WORKER_CONFIG_INVALID');
  });

  it('the upstream model id is computed from --model-dir: a --model-id pin that differs is refused', async () => {
    const other = createHash('sha256').update('another model').digest('hex');
    const r = await capture(() => run([...UPSTREAM, '--model-id', other, ...SIMULATED]));
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toContain('ENGINE_MODEL_DIGEST_MISMATCH');
    const missing = await capture(() => run([...UPSTREAM.slice(0, -1), join(dir, 'no-model'), ...SIMULATED]));
    expect(missing.code).toBe(EXIT.REJECTED);
    expect(missing.stderr).toContain('ENGINE_MODEL_INVALID');
  });

  it('an unreadable --tdx-collateral file exits 3', async () => {
    const r = await capture(() =>
      run([...UPSTREAM, '--model-id', MODEL_ID, ...SIMULATED, '--tdx-collateral', join(dir, 'missing.json')]),
    );
    expect(r.code).toBe(EXIT.INPUT);
    expect(r.stderr).toContain('ENOENT');
  });

  it('without --broker a SIMULATED worker attests and stays idle (exit 0), also with several GPUs or none', async () => {
    for (const gpu of [
      ['--gpu-count', '2'],
      ['--gpu-count', '9'],
      ['--gpu', 'none'],
    ]) {
      const r = await capture(() => run([...UPSTREAM, '--model-id', MODEL_ID, ...SIMULATED, ...gpu]));
      expect(r.code).toBe(EXIT.OK);
    }
  });

  it('configfs-tsm absent here: the worker cannot attest and exits non-zero with the code, not a stack', async () => {
    const tdx = await capture(() =>
      run([...UPSTREAM, '--model-id', MODEL_ID, '--gpu', 'none', '--rtmr-journal', join(dir, 'journal')]),
    );
    expect(tdx.code).not.toBe(EXIT.OK);
    expect(tdx.stderr).toMatch(/chrysalis worker: [A-Z]+_[A-Z_]+: /);
    expect(tdx.stderr).not.toContain('unexpected error');
  });

  it('the NVIDIA collector runs per bundle, not at start: without --broker the worker is ready and idle', async () => {
    const gpu = await capture(() =>
      run([...UPSTREAM, '--model-id', MODEL_ID, '--tdx', 'simulated', '--gpu-tool', join(dir, 'no-collector')]),
    );
    expect(gpu.code).toBe(EXIT.OK);
  });

  it('--engine onnx: --tiny builds the TEST model and serves it; --model-dir serves a built one (idle, exit 0)', async () => {
    const tiny = join(dir, 'tiny');
    const base = [...PRICES, '--engine', 'onnx', '--tdx', 'simulated', '--gpu', 'none', '--devnet-seed', SEED];
    expect((await capture(() => run([...base, '--tiny', tiny]))).code).toBe(EXIT.OK);
    expect((await capture(() => run([...base, '--model-dir', tiny]))).code).toBe(EXIT.OK);
    const missing = await capture(() => run([...base, '--model-dir', join(dir, 'no-model')]));
    expect(missing.code).not.toBe(EXIT.OK);
    expect(missing.stderr).not.toContain('unexpected error');
  });

  it('dials the broker, is admitted under its name, and drains and exits 0 on abort', async () => {
    const ac = new AbortController();
    const argv = [
      ...UPSTREAM,
      '--model-id',
      MODEL_ID,
      ...SIMULATED,
      '--tdx-collateral',
      collateralFile,
      '--broker',
      broker.workerUrl,
      '--name',
      'cli-worker-1',
    ];
    const done = capture(() => run(argv, { signal: ac.signal }));
    type Listing = { workerName?: string; modelId: string; promptPriceNano: number; completionPriceNano: number };
    const admitted = await pollUntil(
      async () => {
        const j = (await (await fetch(`${broker.url}/v1/workers`)).json()) as { workers: Listing[] };
        return j.workers.length > 0 ? j.workers : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(admitted).toHaveLength(1);
    // the listing states the prices committed in the attested claims
    expect(Number(admitted![0]!.promptPriceNano)).toBe(1234);
    expect(Number(admitted![0]!.completionPriceNano)).toBe(2345);
    ac.abort();
    const r = await done;
    expect(r.code).toBe(EXIT.OK);
    const after = await pollUntil(
      async () => {
        const j = (await (await fetch(`${broker.url}/v1/workers`)).json()) as { workers: Listing[] };
        return j.workers.length === 0 ? true : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(after).toBe(true);
  });

  it('--config (YAML) with two brokers: one link each, admitted by both (flags still apply)', async () => {
    type Listing = { modelId: string };
    const listed = async (b: RunningBroker): Promise<Listing[]> =>
      ((await (await fetch(`${b.url}/v1/workers`)).json()) as { workers: Listing[] }).workers;
    const file = join(dir, 'worker.yaml');
    writeFileSync(
      file,
      [
        `brokers: [${broker.workerUrl}, ${broker2.workerUrl}]`,
        'name: from-file',
        'engine: { kind: openai-upstream, upstreamUrl: "http://127.0.0.1:9/v1", upstreamModel: m }',
        `model: { dir: "${UPSTREAM_DIR}", id: "${MODEL_ID}" }`,
        `evidence: { tdx: simulated, gpu: simulated, devnetSeed: ${SEED}, tdxCollateral: collateral.json }`,
        'prices: { promptNano: "1234", completionNano: "2345" }',
        `payoutAddress: ${PAYOUT}`,
      ].join('\n'),
    );
    const ac = new AbortController();
    const done = capture(() => run(['--config', file, '--name', 'cli-worker-2'], { signal: ac.signal }));
    const both = await pollUntil(
      async () => {
        const [a, b] = [await listed(broker), await listed(broker2)];
        return a.length > 0 && b.length > 0 ? [...a, ...b] : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(both).toHaveLength(2);
    ac.abort();
    expect((await done).code).toBe(EXIT.OK);
  });
});
