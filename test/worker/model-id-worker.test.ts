/** @jest-environment ./test/worker/ort-environment.js */
/**
 * `chrysalis model id DIR` prints the id a worker serving DIR is admitted with: a worker on the tiny ONNX model and an
 * upstream worker whose --model-dir is the published vector directory each dial an in-process broker whose registry
 * lists only the ids the command printed, and the broker lists each under that id. The upstream worker also extends
 * the model disk's root hash into RTMR3, which the default policy admits.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { main } from '../../cli/index';
import { run as runWorker } from '../../cli/worker';
import { EXIT } from '../../cli/exit';
import { StaticRegistry, attestationBundleVerifier, startBroker, type RunningBroker } from '../../broker';
import { createDevnetIntelPki, createDevnetNvidiaPki, devnetTdFields } from '../../devnet';
import { imageId as computeImageId, platformId as computePlatformId } from '../../attestation/policy';
import { pollUntil } from '../../core/retry';
import { devnetPayoutAddress } from '../../devnet/network/workers';
import { ensureTinyModel } from '../../enclave-runtime/tiny-model';
import { capture } from '../cli/helpers';
import { VECTOR_ENGINE_CONFIG, VECTOR_ID, VECTOR_ID_WITH_ENGINE_CONFIG, writeVector } from './model-id-fixture';

const SEED = 'model-id-worker-test';
const BASE = [
  ...['--prompt-price-nano', '1', '--completion-price-nano', '2', '--payout-address', devnetPayoutAddress(SEED, 0)],
  ...['--tdx', 'simulated', '--gpu', 'simulated', '--devnet-seed', SEED],
];

async function modelIdCommand(dir: string, ...more: string[]): Promise<string> {
  const r = await capture(() => main(['model', 'id', dir, ...more]));
  expect(r.code).toBe(EXIT.OK);
  expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  return r.stdout.trim();
}

describe('chrysalis model id = the id the worker is admitted with', () => {
  jest.setTimeout(180_000);
  let dir: string;
  let tinyDir: string;
  let vectorDir: string;
  let ids: string[];
  let engineConfig: string;
  let broker: RunningBroker;
  let collateralFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-model-id-worker-'));
    tinyDir = (await ensureTinyModel(join(dir, 'tiny'), { seed: SEED })).dir;
    vectorDir = writeVector();
    engineConfig = join(dir, 'engine.json');
    writeFileSync(engineConfig, VECTOR_ENGINE_CONFIG);
    ids = [await modelIdCommand(tinyDir), await modelIdCommand(vectorDir, '--engine-config', engineConfig)];
    expect(ids[1]).toBe(VECTOR_ID_WITH_ENGINE_CONFIG);
    const intel = createDevnetIntelPki({ seed: SEED, issuedAt: new Date(Date.now() - 3600_000) });
    collateralFile = join(dir, 'collateral.json');
    writeFileSync(collateralFile, JSON.stringify(intel.collateralJson()));
    const fields = devnetTdFields();
    const registry = new StaticRegistry({
      version: 1,
      imageIds: [computeImageId(fields as never)],
      platformIds: [computePlatformId(fields as never)],
      modelIds: ids,
    });
    const trust = { intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: createDevnetNvidiaPki({ seed: SEED }).trust };
    const policy = { quote: { allowedRoots: [createHash('sha256').update(intel.rootCaDer).digest('hex')] } };
    broker = await startBroker({
      config: { host: '127.0.0.1', port: 0, dbPath: ':memory:' },
      logger: pino({ level: 'silent' }),
      registry,
      bundleVerifier: attestationBundleVerifier({ registry, trust, policy }),
    });
  });
  afterAll(async () => {
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a worker with `args` until the broker lists it, and returns the model id (hex) it is listed under. */
  async function admittedModelId(args: string[]): Promise<string> {
    const ac = new AbortController();
    const argv = [...BASE, '--tdx-collateral', collateralFile, '--broker', broker.workerUrl, ...args];
    const done = capture(() => runWorker(argv, { signal: ac.signal }));
    type Listing = { modelId: string };
    const listed = await pollUntil(
      async () => {
        const j = (await (await fetch(`${broker.url}/v1/workers`)).json()) as { workers: Listing[] };
        return j.workers.length > 0 ? j.workers : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
    ac.abort();
    const r = await done;
    expect(r.code).toBe(EXIT.OK);
    await pollUntil(
      async () => {
        const j = (await (await fetch(`${broker.url}/v1/workers`)).json()) as { workers: Listing[] };
        return j.workers.length === 0 ? true : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(listed).toHaveLength(1);
    return Buffer.from(listed![0]!.modelId, 'base64').toString('hex');
  }

  it('the onnx worker on the tiny model directory', async () => {
    expect(await admittedModelId(['--engine', 'onnx', '--model-dir', tinyDir])).toBe(ids[0]);
  });

  it('the upstream worker on the vector directory and an engine configuration; the disk root in RTMR3', async () => {
    const upstream = [
      '--engine',
      'openai-upstream',
      '--upstream-url',
      'http://127.0.0.1:9/v1',
      '--upstream-model',
      'm',
    ];
    const model = ['--model-dir', vectorDir, '--engine-config', engineConfig];
    const disk = ['--model-verity-root-hash', 'ab'.repeat(32)];
    expect(await admittedModelId([...upstream, ...model, ...disk])).toBe(ids[1]);
  });

  it('without --engine-config the vector id; a missing directory is refused with its code', async () => {
    expect(await modelIdCommand(vectorDir)).toBe(VECTOR_ID);
    const missing = await capture(() => main(['model', 'id', join(dir, 'nope')]));
    expect(missing.code).toBe(EXIT.REJECTED);
    expect(missing.stderr).toContain('ENGINE_MODEL_INVALID');
    const usage = await capture(() => main(['model', 'id']));
    expect(usage.code).toBe(EXIT.USAGE);
  });
});
