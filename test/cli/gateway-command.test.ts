/**
 * `chrysalis gateway`, in-process, against a fixture broker with one attested worker (SIMULATED TDX + GPU from the
 * devnet PKIs; real verifyBundle in the broker and in the SDK): bad flags exit 2, unreadable inputs exit 3; it prints
 * its URL and auth mode, answers the OpenAI-compatible API (verifying, sealing, paying), requires the API key when one
 * is set, and closes cleanly (exit 0) when its AbortSignal fires. Paying, it keeps its voucher state in
 * `<--data-dir>/vouchers.sqlite`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Address } from '@ton/core';
import { run } from '../../cli/gateway';
import { EXIT } from '../../cli/exit';
import {
  StaticChannels,
  StaticRegistry,
  attestationBundleVerifier,
  startBroker,
  type RunningBroker,
} from '../../broker';
import { MemoryLedger } from '../../broker/ledger';
import { createWorker, type InferenceEngine, type Worker } from '../../enclave-runtime';
import { connectBroker, type BrokerLink } from '../../enclave-runtime/broker-link';
import {
  createDevnetIntelPki,
  createDevnetNvidiaPki,
  createSimulatedGpuProvider,
  createSimulatedTdx,
} from '../../devnet';
import { trustFileToJson } from '../../attestation/trust-file';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { voucherKey } from '../../sdk';
import { SqliteVoucherStore, VOUCHER_STORE_FILE } from '../../sdk/voucher-store';
import { ed25519FromSeed } from '../sdk/fixtures';
import { capture, registryFileJson } from './helpers';
import { startCommand } from './long-running';

const SEED = 'cli-gateway-test';
const MODEL_ID = createHash('sha256').update('cli-gateway-model').digest('hex');
const CHANNEL = new Address(0, Buffer.alloc(32, 0x43)).toString();
const KEY_HEX = '11'.repeat(32);
const OTHER_KEY_HEX = '22'.repeat(32);
const ENV_KEYS = [
  'CHRYSALIS_BROKER_URL',
  'CHRYSALIS_CHANNEL',
  'CHRYSALIS_CHANNEL_KEY',
  'CHRYSALIS_GATEWAY_API_KEY',
  'CHRYSALIS_GATEWAY_PORT',
  'CHRYSALIS_GATEWAY_HOST',
  'CHRYSALIS_REGISTRY_FILE',
  'CHRYSALIS_REGISTRY_ADDRESS',
  'CHRYSALIS_CHAIN_ENDPOINT',
  'CHRYSALIS_TRUST_FILE',
  'CHRYSALIS_DATA_DIR',
  'CHRYSALIS_NETWORK',
];

function echoEngine(): InferenceEngine {
  return {
    kind: 'fake',
    modelId: Buffer.from(MODEL_ID, 'hex'),
    modelName: 'cli-gateway-model',
    async *generate(req) {
      const words = ['echo:', ...(req.messages.at(-1)?.content ?? '').split(/\s+/).filter(Boolean)];
      for (const w of words) yield { text: `${w} ` };
      yield { usage: { promptTokens: 1, completionTokens: words.length }, finishReason: 'stop' };
    },
    async close() {},
  };
}

describe('chrysalis gateway', () => {
  jest.setTimeout(120_000);
  const savedEnv: Record<string, string | undefined> = {};
  let dir: string;
  let worker: Worker;
  let link: BrokerLink;
  let broker: RunningBroker;
  const f: Record<string, string> = {};

  beforeAll(async () => {
    for (const k of ENV_KEYS) {
      savedEnv[k] = process.env[k];
      delete process.env[k];
    }
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-gateway-cli-'));
    const intel = createDevnetIntelPki({ seed: SEED, issuedAt: new Date(Date.now() - 3600_000) });
    const nvidia = createDevnetNvidiaPki({ seed: SEED });
    worker = await createWorker({
      engine: echoEngine(),
      prices: { promptNano: 10n, completionNano: 10n },
      tdx: createSimulatedTdx({ pki: intel }),
      gpu: createSimulatedGpuProvider({ pki: nvidia }),
      tdxCollateralJson: JSON.stringify(intel.collateralJson()),
      reattestIntervalMs: 0,
    });
    const snap = {
      version: 1,
      imageIds: [Buffer.from(worker.imageId).toString('hex')],
      platformIds: [Buffer.from(worker.platformId).toString('hex')],
      modelIds: [MODEL_ID],
      // registryFileJson's base prices at 1x
      modelPrices: { [MODEL_ID]: { promptNano: 1000n, completionNano: 2000n } },
    };
    const registry = new StaticRegistry(snap);
    const trust = { intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust };
    const rootHash = createHash('sha256').update(intel.rootCaDer).digest('hex');
    broker = await startBroker({
      // Credit lets the --no-settle runs (no vouchers at all) through; the paying run prepays regardless.
      config: {
        host: '127.0.0.1',
        port: 0,
        dbPath: ':memory:',
        globalId: NETWORK_GLOBAL_ID.devnet,
        defaultCreditNano: 10_000_000,
      },
      logger: pino({ level: 'silent' }),
      ledger: new MemoryLedger(),
      registry,
      bundleVerifier: attestationBundleVerifier({ registry, trust, policy: { quote: { allowedRoots: [rootHash] } } }),
      channels: new StaticChannels([
        {
          clientKey: Buffer.from(ed25519FromSeed(Buffer.from(KEY_HEX, 'hex')).publicKey).toString('hex'),
          channel: CHANNEL,
          depositNano: 1_000_000_000,
        },
      ]),
    });
    link = connectBroker({ url: broker.workerUrl, worker, reconnect: { enabled: false } });
    await link.admitted();

    const write = (name: string, text: string): string => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    f.key = write('channel.key', `${KEY_HEX}\n`);
    f.otherKey = write('other.key', OTHER_KEY_HEX);
    f.badKey = write('bad.key', 'not hex');
    f.registry = write('registry.json', registryFileJson(snap));
    f.trust = write('trust.json', trustFileToJson({ kind: 'devnet', intel: trust.intel, nvidia: trust.nvidia }));
    f.badTrust = write('bad-trust.json', '{"kind": "devnet"}');
    f.policy = write('policy.json', JSON.stringify({ minGpus: 1 }));
    f.otherRoots = write('policy-roots.json', JSON.stringify({ quote: { allowedRoots: ['00'.repeat(32)] } }));
    f.badJson = write('bad.json', '{');
  });
  afterAll(async () => {
    await link?.close();
    await broker?.close();
    await worker?.close();
    for (const k of ENV_KEYS) if (savedEnv[k] !== undefined) process.env[k] = savedEnv[k];
    rmSync(dir, { recursive: true, force: true });
  });

  const base = (): string[] => [
    '--broker',
    broker.url,
    '--channel',
    CHANNEL,
    '--channel-key-file',
    f.key!,
    '--registry-file',
    f.registry!,
    '--trust',
    f.trust!,
    '--port',
    '0',
    '--model',
    `tiny=${MODEL_ID}`,
    '--network',
    'devnet',
    '--data-dir',
    join(dir, 'data'),
  ];
  const without = (argv: string[], flag: string): string[] => {
    const i = argv.indexOf(flag);
    if (i < 0) return argv;
    return [...argv.slice(0, i), ...argv.slice(i + 2)];
  };
  const chat = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'tiny', messages: [{ role: 'user', content: 'hello gateway' }], max_tokens: 8 }),
    });

  it('--help prints usage and exits 0', async () => {
    const r = await capture(() => run(['--help']));
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout.startsWith('usage: chrysalis gateway')).toBe(true);
  });

  it('bad flags and config are usage errors (exit 2), printed with usage', async () => {
    const cases: string[][] = [
      [...base(), '--frobnicate'],
      without(base(), '--broker'),
      [...without(base(), '--broker'), '--broker', 'ws://127.0.0.1:1'],
      without(base(), '--channel'),
      without(base(), '--registry-file'),
      [...base(), '--host', '0.0.0.0'],
      [...without(base(), '--channel-key-file'), '--channel-key-file', f.badKey!],
      [...base(), '--model', 'nohex'],
      [...base(), '--network', 'moon'],
    ];
    for (const argv of cases) {
      const r = await capture(() => run(argv));
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.USAGE });
      expect(r.stderr).toContain('chrysalis gateway: usage: ');
      expect(r.stderr).toContain('usage: chrysalis gateway');
    }
  });

  it.each([
    ['channel key file', '--channel-key-file', 'no-such.key'],
    ['registry file', '--registry-file', 'no-such.json'],
    ['trust file', '--trust', 'no-such-trust.json'],
    ['malformed trust file', '--trust', 'bad-trust.json'],
    ['policy file', '--policy', 'no-such-policy.json'],
    ['malformed policy file', '--policy', 'bad.json'],
  ])('an unreadable %s exits 3', async (_what, flag, file) => {
    const argv = [...without(base(), flag), flag, join(dir, file)];
    const r = await capture(() => run(argv));
    expect(r.code).toBe(EXIT.INPUT);
    expect(r.stderr).not.toContain('unexpected error');
  });

  it('--registry-address with a chain that does not answer exits 4', async () => {
    const argv = [
      ...without(base(), '--registry-file'),
      '--registry-address',
      CHANNEL,
      '--endpoint',
      'http://127.0.0.1:1/jsonRPC',
    ];
    const r = await capture(() => run(argv));
    expect(r.code).toBe(EXIT.NETWORK);
    expect(r.stderr).toMatch(/chrysalis gateway: [A-Z_]+: /);
  });

  it('takes the channel key from CHRYSALIS_CHANNEL_KEY when no key file is given', async () => {
    process.env.CHRYSALIS_CHANNEL_KEY = KEY_HEX;
    try {
      const g = await startCommand(
        run,
        [...without(base(), '--channel-key-file'), '--no-settle'],
        /gateway: (http:\/\/127\.0\.0\.1:\d+\/v1)\n/,
      );
      try {
        const res = await chat(g.match[1]!);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { choices: { message: { content: string } }[] };
        expect(body.choices[0]!.message.content).toContain('echo: hello gateway');
      } finally {
        expect((await g.stop()).code).toBe(EXIT.OK);
      }
    } finally {
      delete process.env.CHRYSALIS_CHANNEL_KEY;
    }
  });

  it('on loopback without a key: prints its URL, answers a verified, paid chat, and stops on abort (exit 0)', async () => {
    const g = await startCommand(run, [...base(), '--policy', f.policy!], /gateway: (http:\/\/127\.0\.0\.1:\d+\/v1)\n/);
    const url = g.match[1]!;
    try {
      expect(g.stdout()).toContain('auth: none (listening on loopback 127.0.0.1 only)');
      const models = (await (await fetch(`${url}/models`)).json()) as { data: { id: string }[] };
      expect(models.data.map((m) => m.id)).toContain('tiny');
      const res = await chat(url);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        choices: { message: { content: string } }[];
        chrysalis: { costNano: string; maxCostNano: string };
      };
      expect(body.choices[0]!.message.content).toContain('echo: hello gateway');
      expect(BigInt(body.chrysalis.costNano) <= BigInt(body.chrysalis.maxCostNano)).toBe(true);
    } finally {
      const r = await g.stop();
      expect(r.code).toBe(EXIT.OK);
    }
    await expect(fetch(`${url}/models`)).rejects.toThrow();
    // The voucher state it paid from: one prepay voucher (seq 1), owed = the receipt, no reservation left.
    const store = new SqliteVoucherStore(join(dir, 'data', VOUCHER_STORE_FILE));
    try {
      const st = await store.read(voucherKey(CHANNEL, NETWORK_GLOBAL_ID.devnet));
      expect(st).toMatchObject({ seq: 1n, reservedNano: 0n });
      expect(st.owedNano > 0n && st.vouchedNano >= st.owedNano).toBe(true);
    } finally {
      store.close();
    }
  });

  it('a policy that names its own roots keeps them: the devnet worker is then refused', async () => {
    const g = await startCommand(
      run,
      [...base(), '--policy', f.otherRoots!, '--no-settle'],
      /gateway: (http:\/\/127\.0\.0\.1:\d+\/v1)\n/,
    );
    try {
      const res = await chat(g.match[1]!);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SDK_BUNDLE_INVALID');
    } finally {
      expect((await g.stop()).code).toBe(EXIT.OK);
    }
  });

  it('with --api-key: says so and refuses requests without the key; an unknown channel still starts', async () => {
    const argv = [
      ...without(base(), '--channel-key-file'),
      '--channel-key-file',
      f.otherKey!,
      '--api-key',
      'sekret',
      '--max-prompt-price',
      '1000',
    ];
    const g = await startCommand(run, argv, /gateway: (http:\/\/127\.0\.0\.1:\d+\/v1)\n/);
    const url = g.match[1]!;
    try {
      expect(g.stdout()).toContain('auth: API key required');
      expect((await fetch(`${url}/models`)).status).toBe(401);
      expect((await fetch(`${url}/models`, { headers: { authorization: 'Bearer sekret' } })).status).toBe(200);
    } finally {
      expect((await g.stop()).code).toBe(EXIT.OK);
    }
  });
});
