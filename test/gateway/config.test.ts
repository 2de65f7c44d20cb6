import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandGatewayConfig, gatewayCollateralSource, run } from '../../cli/gateway';
import { INTEL_PCS_URL } from '../../attestation/collateral/pcs-client';
import { createDevnetIntelPki } from '../../devnet/intel';
import { simulateBundle } from '../../devnet/sim-bundle';
import { startLoopbackPcs } from '../pcs/loopback-pcs';
import { serveCollateral } from '../pcs/replay-intel';
import { ConfigError, parseGatewayConfig } from '../../sdk/gateway/config';
import { muteOutputEachTest } from '../cli/helpers';

const base = ['--broker', 'http://127.0.0.1:8080', '--channel', 'EQ_addr', '--registry-file', '/r.json'];

describe('chrysalis gateway configuration', () => {
  muteOutputEachTest();

  it('parses flags with env fallbacks into a frozen config', () => {
    const argv = [...base, '--port', '0', '--model', `tiny=${'ab'.repeat(32)}`, '--max-prompt-price', '100'];
    const c = parseGatewayConfig([...argv, '--default-max-tokens', '64', '--network', 'devnet', '--data-dir', '/d'], {
      CHRYSALIS_CHANNEL_KEY: '11'.repeat(32),
    });
    expect(c).toMatchObject({
      broker: 'http://127.0.0.1:8080',
      port: 0,
      host: '127.0.0.1',
      models: { tiny: 'ab'.repeat(32) },
      maxPromptPriceNano: 100n,
      maxCompletionPriceNano: undefined,
      defaultMaxTokens: 64,
      network: 'devnet',
      globalId: -4242,
      dataDir: '/d',
      settle: true,
    });
    expect(Object.isFrozen(c)).toBe(true);
    // Defaults: mainnet, the data dir from the environment (else the store picks ~/.chrysalis).
    const d = parseGatewayConfig([...base, '--max-completion-price', '7'], {
      CHRYSALIS_CHANNEL_KEY: '11'.repeat(32),
      CHRYSALIS_DATA_DIR: '/env-dir',
    });
    expect(d).toMatchObject({ network: 'mainnet', globalId: -239, dataDir: '/env-dir', maxCompletionPriceNano: 7n });
  });

  it.each([
    [[]],
    [['--broker', 'ftp://x', '--channel', 'c', '--registry-file', 'r']],
    [[...base, '--port', '70000']],
    [[...base, '--model', 'tiny=xyz']],
    [[...base, '--max-prompt-price', '-1']],
    [[...base, '--max-completion-price', '1.5']],
    [[...base, '--max-price', '5']],
    [[...base, '--default-max-tokens', '0']],
    [[...base, '--network', 'moon']],
    [[...base, '--unknown']],
    [['--broker', 'http://127.0.0.1:8080', '--channel', 'c', '--registry', '/r.json']],
    [['--broker', 'http://127.0.0.1:8080', '--channel', 'c', '--registry-address', 'EQ_x']],
  ])('refuses bad flags %j', (argv) => {
    expect(() => parseGatewayConfig(argv, { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) })).toThrow(ConfigError);
  });

  it('reads the registry from the chain: --chain-api (alias of --endpoint, and preferred), refresh default 30 s', () => {
    const key = { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) };
    const chain = ['--broker', 'http://127.0.0.1:8080', '--channel', 'c', '--registry-address', 'EQ_reg'];
    expect(parseGatewayConfig([...chain, '--chain-api', 'http://a/jsonRPC'], key)).toMatchObject({
      registryAddress: 'EQ_reg',
      registryFile: undefined,
      endpoint: 'http://a/jsonRPC',
      registryRefreshMs: 30_000,
    });
    expect(parseGatewayConfig([...chain, '--endpoint', 'http://b/jsonRPC'], key).endpoint).toBe('http://b/jsonRPC');
    const both = [...chain, '--endpoint', 'http://b/jsonRPC', '--chain-api', 'http://a/jsonRPC'];
    expect(parseGatewayConfig(both, key).endpoint).toBe('http://a/jsonRPC');
    expect(parseGatewayConfig(chain, { ...key, CHRYSALIS_CHAIN_ENDPOINT: 'http://e/jsonRPC' }).endpoint).toBe(
      'http://e/jsonRPC',
    );
    const fast = parseGatewayConfig([...chain, '--chain-api', 'http://a', '--registry-refresh-ms', '1000'], key);
    expect(fast.registryRefreshMs).toBe(1000);
    // A registry file does not change: no refresh.
    expect(parseGatewayConfig(base, key).registryRefreshMs).toBeUndefined();
  });

  it.each([
    [['--registry-refresh-ms', '999'], 'must be an integer >= 1000'],
    [['--registry-refresh-ms', '5s'], 'must be an integer >= 1000'],
    [['--registry-refresh-ms=-1000'], 'must be an integer >= 1000'],
  ])('refuses a bad refresh period %j', (extra, message) => {
    const argv = ['--broker', 'http://h:1', '--channel', 'c', '--registry-address', 'EQ_r', '--chain-api', 'http://a'];
    expect(() => parseGatewayConfig([...argv, ...extra], { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) })).toThrow(message);
  });

  it('refuses a refresh period without a registry address, and an address without a chain API', () => {
    const key = { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) };
    expect(() => parseGatewayConfig([...base, '--registry-refresh-ms', '5000'], key)).toThrow(
      '--registry-refresh-ms needs --registry-address',
    );
    expect(() =>
      parseGatewayConfig(['--broker', 'http://h:1', '--channel', 'c', '--registry-address', 'EQ_r'], key),
    ).toThrow('--registry-address needs --chain-api');
  });

  it('requires a channel key', () => {
    expect(() => parseGatewayConfig(base, {})).toThrow(ConfigError);
  });

  it('main exits 2 on bad usage and 0 on --help', async () => {
    await expect(run([])).resolves.toBe(2);
    await expect(run([...base])).resolves.toBe(2); // no key; registry unreadable
    await expect(run(['--help'])).resolves.toBe(0);
  });
});

describe('chrysalis gateway over several brokers', () => {
  const key = { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) };
  const chain = ['--registry-address', 'EQ_reg', '--chain-api', 'http://a/jsonRPC'];
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-brokers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--broker / --channel repeated are paired in order; one pair is the single broker as before', () => {
    const two = ['--broker', 'http://b1:1', '--channel', 'C1', '--broker', 'http://b2:2', '--channel', 'C2'];
    const c = parseGatewayConfig([...two, '--registry-file', '/r.json'], key);
    expect(c.brokers).toEqual([
      { url: 'http://b1:1', channel: 'C1' },
      { url: 'http://b2:2', channel: 'C2' },
    ]);
    expect(c).toMatchObject({ broker: 'http://b1:1', channel: 'C1', brokersFromRegistry: false });
    expect(parseGatewayConfig(base, key)).toMatchObject({
      broker: 'http://127.0.0.1:8080',
      channel: 'EQ_addr',
      brokers: [{ url: 'http://127.0.0.1:8080', channel: 'EQ_addr' }],
    });
    const env = { ...key, CHRYSALIS_BROKER_URL: 'http://e:1', CHRYSALIS_CHANNEL: 'CE' };
    expect(parseGatewayConfig(['--registry-file', '/r.json'], env).brokers).toEqual([
      { url: 'http://e:1', channel: 'CE' },
    ]);
  });

  it.each([
    [['--broker', 'http://b1:1', '--channel', 'C1', '--broker', 'http://b2:2'], 'paired in order'],
    [['--broker', 'http://b1:1', '--channel', 'C1', '--broker', 'http://b1:1', '--channel', 'C2'], 'given twice'],
    [['--broker', 'ws://b1:1', '--channel', 'C1'], 'http(s) URL'],
    [['--channel', 'C1'], '--broker is required'],
    [['--broker', 'http://b1:1'], '--channel is required'],
  ])('refuses unpaired or bad brokers %j', (argv, message) => {
    expect(() => parseGatewayConfig([...argv, '--registry-file', '/r.json'], key)).toThrow(message);
  });

  it('--brokers-from-registry: needs the registry on chain; brokers given are optional', () => {
    const c = parseGatewayConfig(['--brokers-from-registry', ...chain], key);
    expect(c).toMatchObject({ brokersFromRegistry: true, brokers: [], broker: undefined, channel: undefined });
    expect(() => parseGatewayConfig(['--brokers-from-registry', '--registry-file', '/r.json'], key)).toThrow(
      '--brokers-from-registry needs --registry-address',
    );
    const both = parseGatewayConfig(['--brokers-from-registry', ...base.slice(0, 4), ...chain], key);
    expect(both.brokers).toEqual([{ url: 'http://127.0.0.1:8080', channel: 'EQ_addr' }]);
  });

  it('config file: brokers: [{url, channel}] and brokersFromRegistry: true; the command line --broker replaces them', () => {
    const f = join(dir, 'gateway.yaml');
    writeFileSync(
      f,
      [
        'brokers:',
        '  - { url: "http://b1:1", channel: C1 }',
        '  - { url: "http://b2:2", channel: C2 }',
        'brokersFromRegistry: true',
        'registryAddress: EQ_reg',
        'chainApi: http://a/jsonRPC',
      ].join('\n'),
    );
    const c = parseGatewayConfig(expandGatewayConfig(['--config', f]), key);
    expect(c.brokers).toEqual([
      { url: 'http://b1:1', channel: 'C1' },
      { url: 'http://b2:2', channel: 'C2' },
    ]);
    expect(c.brokersFromRegistry).toBe(true);
    const over = parseGatewayConfig(
      expandGatewayConfig(['--config', f, '--broker', 'http://x:1', '--channel', 'CX']),
      key,
    );
    expect(over.brokers).toEqual([{ url: 'http://x:1', channel: 'CX' }]);
    writeFileSync(f, 'brokers: [{ url: "http://b1:1" }]\n');
    expect(() => expandGatewayConfig(['--config', f])).toThrow('each entry needs url and channel');
    writeFileSync(f, 'brokers: "http://b1:1"\n');
    expect(() => expandGatewayConfig(['--config', f])).toThrow('must be a list');
    writeFileSync(f, 'brokersFromRegistry: "yes"\n');
    expect(() => expandGatewayConfig(['--config', f])).toThrow('must be true or false');
  });
});

describe('chrysalis gateway: its own Intel collateral (--pcs-url)', () => {
  const key = { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-pcs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--pcs-url, env CHRYSALIS_GATEWAY_PCS_URL and the file field pcsUrl (the command line wins); bad values refused', () => {
    expect(parseGatewayConfig(base, key).pcsUrl).toBeUndefined();
    expect(parseGatewayConfig([...base, '--pcs-url', 'none'], key).pcsUrl).toBe('none');
    expect(parseGatewayConfig(base, { ...key, CHRYSALIS_GATEWAY_PCS_URL: 'http://pccs:8081' }).pcsUrl).toBe(
      'http://pccs:8081',
    );
    const f = join(dir, 'gateway.json');
    writeFileSync(f, JSON.stringify({ pcsUrl: 'https://pccs.example/sgx/certification/v4' }));
    expect(parseGatewayConfig(expandGatewayConfig(['--config', f, ...base]), key).pcsUrl).toBe(
      'https://pccs.example/sgx/certification/v4',
    );
    expect(parseGatewayConfig(expandGatewayConfig(['--config', f, ...base, '--pcs-url', 'none']), key).pcsUrl).toBe(
      'none',
    );
    for (const bad of ['ftp://x', 'pccs.local', 'off'])
      expect(() => parseGatewayConfig([...base, '--pcs-url', bad], key)).toThrow('--pcs-url must be');
  });

  it('defaults to Intel PCS for real roots; none and SIMULATED roots turn it off', () => {
    expect(gatewayCollateralSource({ pcsUrl: undefined, dataDir: dir }, false)?.baseUrl).toBe(INTEL_PCS_URL);
    expect(gatewayCollateralSource({ pcsUrl: 'http://pccs:8081/', dataDir: dir }, false)?.baseUrl).toBe(
      'http://pccs:8081',
    );
    expect(gatewayCollateralSource({ pcsUrl: 'none', dataDir: dir }, false)).toBeUndefined();
    expect(gatewayCollateralSource({ pcsUrl: undefined, dataDir: dir }, true)).toBeUndefined();
    expect(gatewayCollateralSource({ pcsUrl: 'http://pccs:8081', dataDir: dir }, true)).toBeUndefined();
  });

  it('fetches collateral for a quote and caches it under <data dir>/pcs-cache', async () => {
    const pcs = await startLoopbackPcs();
    try {
      // Collateral issued now, so that its nextUpdate lies ahead of the wall clock and the responses are cached.
      serveCollateral(pcs, createDevnetIntelPki({ seed: 'bundle-test-intel', issuedAt: new Date() }).collateral);
      const quote = (await simulateBundle()).bundle.tdxQuote;
      const source = gatewayCollateralSource({ pcsUrl: pcs.baseUrl, dataDir: dir }, false)!;
      const first = await source.getCollateralForQuote(quote);
      expect(readdirSync(join(dir, 'pcs-cache')).length).toBeGreaterThan(0);
      pcs.routes.clear(); // every answer now a 404: the second fetch is served from the cache
      const again = gatewayCollateralSource({ pcsUrl: pcs.baseUrl, dataDir: dir }, false)!;
      expect(Buffer.from((await again.getCollateralForQuote(quote)).tcbInfo)).toEqual(Buffer.from(first.tcbInfo));
    } finally {
      await pcs.close();
    }
  });
});
