/**
 * The `chrysalis worker` config: JSON and YAML files, flag beats file beats env beats default, every error names
 * its field (`config: payments.chain.endpoints[0]: ...` or `--flag: ...`), relative paths follow the file,
 * `--print-config` redacts secrets, the Hello frame carries the payout address, and the payouts open from the
 * config (operating wallet from a mnemonic or a key file).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairFromSeed, mnemonicNew, mnemonicToPrivateKey } from '@ton/crypto';
import { EXIT } from '../../cli/exit';
import { run } from '../../cli/worker';
import { readConfigFile, redactUrl, redactedConfig, resolveWorkerSettings } from '../../cli/worker-config';
import { loadOperatingWallet, openPayouts } from '../../cli/worker-payouts';
import { walletV4Address } from '../../contracts/chain';
import { devnetPayoutAddress } from '../../devnet/network/workers';
import { helloFrame } from '../../enclave-runtime/link-socket';
import { capture } from './helpers';

const PAYOUT = walletV4Address(keyPairFromSeed(Buffer.alloc(32, 7)).publicKey).toString();
const MODEL_ID = 'ab'.repeat(32);

/** A complete upstream-engine config as an operator would write it. */
const BASE = {
  brokers: ['ws://127.0.0.1:8080/v1/worker', 'wss://b2.example/v1/worker'],
  name: 'gpu-box-1',
  engine: { kind: 'openai-upstream', upstreamUrl: 'http://127.0.0.1:8000/v1', upstreamModel: 'llama' },
  model: { dir: '/models/llama', id: MODEL_ID },
  evidence: { tdx: 'simulated', gpu: 'simulated', gpuCount: 2 },
  prices: { promptNano: '100', completionNano: '200' },
  payoutAddress: PAYOUT,
};

describe('chrysalis worker config', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-worker-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `content` (an object as JSON, or raw text) to a fresh file with extension `ext`. */
  function file(content: unknown, ext = '.json'): string {
    const f = join(dir, `w${++n}${ext}`);
    writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
    return f;
  }
  const resolveFile = (content: unknown, flags: Record<string, unknown> = {}, env = {}) =>
    resolveWorkerSettings({ config: file(content), ...flags }, env);
  const usage = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect((e as { code?: string }).code).toBe('CLI_USAGE');
      return (e as Error).message;
    }
    throw new Error('expected a usage error');
  };

  it('reads a JSON file: typed values, defaults for the rest', () => {
    const w = resolveFile(BASE);
    expect(w.brokers).toEqual(BASE.brokers);
    expect(w.engine).toEqual(BASE.engine);
    expect(w.evidence).toEqual({
      tdx: 'simulated',
      gpu: 'simulated',
      gpuCount: 2,
      gpuTool: '/usr/local/bin/nvidia-collect.py',
      gpuCollector: 'nvml',
      pcsUrl: 'https://api.trustedservices.intel.com/tdx/certification/v4/',
      rimUrl: 'https://rim.attestation.nvidia.com/v1/rim/',
      ocspUrl: 'https://ocsp.ndis.nvidia.com/',
      devnetSeed: 'chrysalis-devnet',
    });
    expect(w.prices).toEqual({ promptNano: 100n, completionNano: 200n });
    expect(w.payments).toEqual({
      claimThresholdNano: 160_000_000_000n,
      maxUnpaidNano: 5_000_000_000n,
      chain: { startupTimeoutMs: 300_000 },
    });
    expect(w.model.id).toBe(MODEL_ID);
    expect(w.model.dir).toBe('/models/llama');
  });

  it('reads YAML (.yaml and .yml), numbers included; relative paths follow the file', () => {
    const yaml = [
      'brokers:',
      '  - ws://127.0.0.1:8080/v1/worker',
      'engine:',
      '  kind: onnx',
      'model:',
      '  dir: models/tiny',
      'evidence: { tdx: simulated, gpu: none, tdxCollateral: /abs/collateral.json }',
      'prices: { promptNano: 5, completionNano: "6" }',
      `payoutAddress: ${PAYOUT}`,
      'dataDir: state',
      'operatingWallet: { keyFile: op.key, version: v5r1 }',
      'payments:',
      '  claimThresholdNano: 12345',
      '  network: devnet',
      '  brokerFeeBps: 500',
      '  chain: { endpoints: [http://127.0.0.1:8081/jsonRPC] }',
    ].join('\n');
    for (const ext of ['.yaml', '.yml']) {
      const w = resolveWorkerSettings({ config: file(yaml, ext) }, {});
      expect(w.engine.kind).toBe('onnx');
      expect(w.model.dir).toBe(join(dir, 'models/tiny'));
      expect(w.dataDir).toBe(join(dir, 'state'));
      expect(w.operatingWallet).toEqual({ keyFile: join(dir, 'op.key'), version: 'v5r1' });
      expect(w.evidence.tdxCollateral).toBe('/abs/collateral.json');
      expect(w.prices).toEqual({ promptNano: 5n, completionNano: 6n });
      expect(w.payments).toEqual({
        claimThresholdNano: 12345n,
        maxUnpaidNano: 5_000_000_000n,
        network: 'devnet',
        brokerFeeBps: 500,
        chain: { endpoints: ['http://127.0.0.1:8081/jsonRPC'], startupTimeoutMs: 300_000 },
      });
    }
  });

  it('flag beats file beats env beats default', () => {
    const other = walletV4Address(keyPairFromSeed(Buffer.alloc(32, 9)).publicKey).toString();
    const { payoutAddress: _p, ...noPayout } = BASE;
    // env fills what the file lacks
    expect(resolveFile(noPayout, {}, { CHRYSALIS_PAYOUT_ADDRESS: other }).payoutAddress).toBe(other);
    // the file beats env
    expect(resolveFile(BASE, {}, { CHRYSALIS_PAYOUT_ADDRESS: other }).payoutAddress).toBe(PAYOUT);
    // the flag beats the file; repeated --broker replaces the file's list; flag paths stay as given
    const w = resolveFile(BASE, {
      'payout-address': other,
      broker: ['ws://10.0.0.1/v1/worker'],
      'gpu-count': '3',
      'prompt-price-nano': '7',
      'rtmr-journal': 'rel/journal',
    });
    expect(w.payoutAddress).toBe(other);
    expect(w.brokers).toEqual(['ws://10.0.0.1/v1/worker']);
    expect(w.evidence.gpuCount).toBe(3);
    expect(w.prices.promptNano).toBe(7n);
    expect(w.evidence.rtmrJournal).toBe('rel/journal');
    // the API key comes from env when neither flag nor file gives it
    const k = resolveFile(BASE, {}, { TONCENTER_API_KEY: 'env-key' });
    expect(k.payments.chain).toEqual({ apiKey: 'env-key', startupTimeoutMs: 300_000 });
    // no config file: flags and defaults alone
    const f = resolveWorkerSettings(
      {
        'prompt-price-nano': '1',
        'completion-price-nano': '2',
        'payout-address': PAYOUT,
        tiny: 'tiny',
      },
      {},
    );
    expect(f.engine.kind).toBe('onnx');
    expect(f.brokers).toEqual([]);
    expect(f.model.tiny).toBe('tiny');
  });

  it.each([
    ['an unknown top-level field', { ...BASE, colour: 'blue' }, 'config: colour: unknown field'],
    ['an unknown nested field', { ...BASE, payments: { chain: { endpoint: 'x' } } }, 'config: payments.chain.endpoint'],
    ['a group that is not an object', { ...BASE, evidence: 'simulated' }, 'config: evidence: expected an object'],
    ['brokers not a list', { ...BASE, brokers: 'ws://x/v1/worker' }, 'config: brokers: expected a list of URLs'],
    ['a broker URL that is not ws', { ...BASE, brokers: ['http://x/v1/worker'] }, 'config: brokers[0]: not a ws(s)'],
    ['a broker URL that is not a URL', { ...BASE, brokers: ['ws://ok/', 'nope'] }, 'config: brokers[1]: not a ws'],
    ['a broker that is not a string', { ...BASE, brokers: [3] }, 'config: brokers[0]: expected a URL'],
    [
      'a chain endpoint that is not http',
      { ...BASE, payments: { network: 'testnet', chain: { endpoints: ['ftp://x'] } } },
      'config: payments.chain.endpoints[0]: not an http(s) URL',
    ],
    ['an upstream URL that is not http', { ...BASE, engine: { ...BASE.engine, upstreamUrl: 'ws://x' } }, 'upstreamUrl'],
    ['an unknown engine', { ...BASE, engine: { kind: 'llama' } }, 'config: engine.kind: unknown value llama'],
    ['a bad price', { ...BASE, prices: { promptNano: '-1', completionNano: '1' } }, 'config: prices.promptNano'],
    ['a price that is an object', { ...BASE, prices: { promptNano: {}, completionNano: '1' } }, 'prices.promptNano'],
    ['a fractional price', { ...BASE, prices: { promptNano: 1.5, completionNano: '1' } }, 'prices.promptNano'],
    ['a bad gpuCount', { ...BASE, evidence: { gpuCount: 'two' } }, 'config: evidence.gpuCount: expected an integer'],
    ['a broker fee above 100%', { ...BASE, payments: { brokerFeeBps: 10001 } }, 'payments.brokerFeeBps'],
    ['a bad payout address', { ...BASE, payoutAddress: 'EQnotanaddress' }, 'config: payoutAddress: not a TON address'],
    ['a short model id', { ...BASE, model: { id: 'abcd' } }, 'config: model.id: expected 64 hex'],
    ['an empty name', { ...BASE, name: '' }, 'config: name: must not be empty'],
    ['an empty path', { ...BASE, dataDir: '' }, 'config: dataDir: must not be empty'],
    ['a boolean name', { ...BASE, name: true }, 'config: name: expected a string'],
    [
      'both operating wallet files',
      { ...BASE, operatingWallet: { mnemonicFile: 'a', keyFile: 'b' } },
      'mnemonicFile or keyFile, not both',
    ],
    [
      'a chain without a network',
      { ...BASE, payments: { chain: { endpoints: ['http://x/'] } } },
      '--network (payments.network) is required',
    ],
    ['devnet without a chain API', { ...BASE, dataDir: 'd', payments: { network: 'devnet' } }, '--chain-api'],
    ['a network without a data dir', { ...BASE, payments: { network: 'testnet' } }, '--data-dir (dataDir)'],
    [
      'a network with neither a registry nor a broker fee',
      { ...BASE, dataDir: 'd', payments: { network: 'testnet' } },
      '--registry-address (payments.registry) or --broker-fee-bps (payments.brokerFeeBps) is required',
    ],
    [
      'a registry without a network',
      { ...BASE, payments: { registry: PAYOUT } },
      '--network (payments.network) is required with --registry-address (payments.registry)',
    ],
    ['a bad registry address', { ...BASE, payments: { registry: 'nope' } }, 'config: payments.registry: not a TON'],
    ['no payout address', { ...BASE, payoutAddress: undefined }, '--payout-address is required (or payoutAddress'],
    ['onnx without a model', { ...BASE, engine: { kind: 'onnx' }, model: {} }, '--model-dir or --tiny'],
    ['upstream without a model directory', { ...BASE, model: { id: MODEL_ID } }, '--model-dir (the directory'],
    [
      'a short model disk root hash',
      { ...BASE, model: { dir: 'm', verityRootHash: 'ab' } },
      'config: model.verityRootHash: expected 64 hex',
    ],
  ])('%s is refused naming the field', (_what, content, text) => {
    expect(usage(() => resolveFile(content))).toContain(text);
  });

  it('a registry stands for the broker fee; --registry-address sets it and --broker-fee-bps may override it', () => {
    const pay = { network: 'testnet', registry: PAYOUT };
    const w = resolveFile({ ...BASE, dataDir: 'd', payments: pay });
    expect(w.payments).toMatchObject({ registry: PAYOUT });
    expect(w.payments.brokerFeeBps).toBeUndefined();
    const both = resolveFile(
      { ...BASE, dataDir: 'd', payments: { network: 'testnet' } },
      {
        'registry-address': PAYOUT,
        'broker-fee-bps': '250',
      },
    );
    expect(both.payments).toMatchObject({ registry: PAYOUT, brokerFeeBps: 250 });
    expect(redactedConfig(both)).toMatchObject({ payments: { registry: PAYOUT, brokerFeeBps: 250 } });
  });

  it('flag errors name the flag', () => {
    expect(usage(() => resolveFile(BASE, { broker: ['http://x/'] }))).toBe('--broker: not a ws(s) URL');
    expect(usage(() => resolveFile(BASE, { network: 'moon' }))).toContain('--network: unknown value moon');
    expect(usage(() => resolveFile(BASE, { 'max-unpaid-nano': 'lots' }))).toContain('--max-unpaid-nano: expected');
  });

  it('an unreadable or unparsable file is an input error (exit 3); the top must be an object', () => {
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return undefined;
    };
    expect(code(() => readConfigFile(join(dir, 'missing.json')))).toBe('CLI_INPUT_UNREADABLE');
    expect(code(() => readConfigFile(file('{ not json')))).toBe('CLI_INPUT_UNREADABLE');
    expect(code(() => readConfigFile(file('a: [1, 2', '.yaml')))).toBe('CLI_INPUT_UNREADABLE');
    expect(usage(() => readConfigFile(file([1, 2])))).toContain('config: expected an object');
  });

  it('redacts API keys and URL passwords, keeps the rest', () => {
    expect(redactUrl('wss://op:hunter2@b.example/v1/worker')).toBe('wss://op:<redacted>@b.example/v1/worker');
    expect(redactUrl('https://toncenter.example/api/v2/jsonRPC?api_key=abc&x=1')).toBe(
      'https://toncenter.example/api/v2/jsonRPC?api_key=<redacted>&x=1',
    );
    expect(redactUrl('http://127.0.0.1:8081/jsonRPC')).toBe('http://127.0.0.1:8081/jsonRPC');
    expect(redactUrl('not a url')).toBe('not a url');
    const w = resolveFile({
      ...BASE,
      brokers: ['wss://op:hunter2@b.example/v1/worker'],
      engine: { ...BASE.engine, upstreamUrl: 'http://u:pw@127.0.0.1:8000/v1' },
      payments: {
        network: 'testnet',
        brokerFeeBps: 1000,
        chain: { endpoints: ['https://x.example/?token=t'], apiKey: 'sekrit' },
      },
      dataDir: '/var/lib/w',
    });
    const out = redactedConfig(w);
    const text = JSON.stringify(out);
    for (const secret of ['hunter2', 'sekrit', ':pw@', 'token=t']) expect(text).not.toContain(secret);
    expect(out).toMatchObject({
      brokers: ['wss://op:<redacted>@b.example/v1/worker'],
      engine: { upstreamUrl: 'http://u:<redacted>@127.0.0.1:8000/v1' },
      prices: { promptNano: '100', completionNano: '200' },
      payments: {
        claimThresholdNano: '160000000000',
        chain: { apiKey: '<redacted>', endpoints: ['https://x.example/?token=<redacted>'] },
      },
      payoutAddress: PAYOUT,
    });
  });

  it('--print-config prints the effective config (redacted) and exits 0; a bad field exits 2 naming it', async () => {
    const f = file({ ...BASE, payments: { chain: { apiKey: 'sekrit' } } });
    const r = await capture(() => run(['--config', f, '--print-config', '--name', 'from-flag']));
    expect(r.code).toBe(EXIT.OK);
    const printed = JSON.parse(r.stdout) as { name: string; payments: { chain: { apiKey: string } } };
    expect(printed.name).toBe('from-flag');
    expect(printed.payments.chain.apiKey).toBe('<redacted>');
    expect(r.stdout).not.toContain('sekrit');
    const bad = await capture(() => run(['--config', file({ ...BASE, extra: 1 }), '--print-config']));
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('config: extra: unknown field');
    const missing = await capture(() => run(['--config', join(dir, 'nope.yaml')]));
    expect(missing.code).toBe(EXIT.INPUT);
  });

  it('the Hello frame carries the payout address', () => {
    const worker = { bundle: async () => new Uint8Array(), handle: () => (async function* () {})() };
    expect(helloFrame({ url: 'ws://x', worker, payoutAddress: PAYOUT }).hello!.payoutAddress).toBe(PAYOUT);
    expect(helloFrame({ url: 'ws://x', worker }).hello!.payoutAddress).toBe('');
  });

  it('the devnet gives each worker its own stable payout address', () => {
    const a = devnetPayoutAddress('seed', 0);
    expect(devnetPayoutAddress('seed', 0)).toBe(a);
    expect(devnetPayoutAddress('seed', 1)).not.toBe(a);
    expect(devnetPayoutAddress('other', 0)).not.toBe(a);
    expect(resolveFile({ ...BASE, payoutAddress: a }).payoutAddress).toBe(a);
  });

  describe('payouts from the config', () => {
    it('the operating wallet loads from a mnemonic file or a key file; bad files are input errors', async () => {
      const words = await mnemonicNew();
      const mnemonicFile = file(words.join(' '), '.txt');
      const kp = await mnemonicToPrivateKey(words);
      const fromWords = await loadOperatingWallet(resolveFile({ ...BASE, operatingWallet: { mnemonicFile } }));
      expect(Buffer.from(fromWords!.publicKey).equals(kp.publicKey)).toBe(true);
      expect(fromWords!.version).toBe('v4');
      const keyFile = file('11'.repeat(32), '.key');
      const fromKey = await loadOperatingWallet(
        resolveFile({ ...BASE, operatingWallet: { keyFile, version: 'v5r1' } }),
      );
      expect(Buffer.from(fromKey!.publicKey).equals(keyPairFromSeed(Buffer.alloc(32, 0x11)).publicKey)).toBe(true);
      expect(fromKey!.version).toBe('v5r1');
      expect(await loadOperatingWallet(resolveFile(BASE))).toBeUndefined();
      const bad = async (ow: object): Promise<string | undefined> =>
        loadOperatingWallet(resolveFile({ ...BASE, operatingWallet: ow })).then(
          () => undefined,
          (e: { code?: string }) => e.code,
        );
      expect(await bad({ mnemonicFile: file('not a mnemonic', '.txt') })).toBe('CLI_INPUT_UNREADABLE');
      expect(await bad({ mnemonicFile: join(dir, 'none.txt') })).toBe('CLI_INPUT_UNREADABLE');
      expect(await bad({ keyFile: file('abcd', '.key') })).toBe('CLI_INPUT_UNREADABLE');
      expect(await bad({ keyFile: join(dir, 'none.key') })).toBe('CLI_INPUT_UNREADABLE');
    });

    it('no network: no payouts; a network and a data dir: the payout book opens there', async () => {
      expect(await openPayouts(resolveFile(BASE))).toBeUndefined();
      const dataDir = join(dir, 'payouts-data');
      const w = resolveFile({
        ...BASE,
        dataDir,
        operatingWallet: { keyFile: file('22'.repeat(32), '.key') },
        payments: {
          network: 'devnet',
          brokerFeeBps: 1000,
          chain: { endpoints: ['http://127.0.0.1:9/jsonRPC'], apiKey: 'k' },
        },
      });
      const p = await openPayouts(w);
      expect(p).toBeDefined();
      expect(p!.forBroker('ws://b/v1/worker').refusal()).toBeUndefined();
      await p!.close();
      await expect(openPayouts({ ...w, dataDir: undefined } as never)).rejects.toMatchObject({ code: 'CLI_USAGE' });
    });
  });
});
