/**
 * `chrysalis broker --config FILE`: JSON and YAML files, flags over the file over env, unknown fields and bad values
 * refused naming the field (exit 2), `--print-config` with secrets redacted, and a broker started from a config file
 * against the devnet chain: it reads the registry from the chain, finds a client's channel on it, serves
 * /v1/workers (empty: no worker), and exits 0 on shutdown.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { run } from '../../cli/broker';
import { EXIT } from '../../cli/exit';
import { ConfigError, DEFAULT_CONFIG } from '../../broker/config';
import { REDACTED, readConfigFile, redactUrl, redactedSettings, resolveBrokerSettings } from '../../broker/config-file';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { ACCOUNT_AUTH_HEADER, encodeAccountAuthMessage, formatAccountAuthHeader } from '../../proto/account-auth';
import { hexId, keyFromSeed } from '../broker-chain/helpers';
import { capture } from './helpers';
import { startCommand } from './long-running';

const REGISTRY = new Address(0, Buffer.alloc(32, 7)).toString();
const SEED_HEX = 'ab'.repeat(32);

describe('broker config file', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let savedLevel: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-broker-config-'));
    savedLevel = process.env.CHRYSALIS_LOG_LEVEL;
    process.env.CHRYSALIS_LOG_LEVEL = 'silent';
  });
  afterAll(() => {
    if (savedLevel === undefined) delete process.env.CHRYSALIS_LOG_LEVEL;
    else process.env.CHRYSALIS_LOG_LEVEL = savedLevel;
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  describe('resolveBrokerSettings', () => {
    it('reads JSON and YAML files into the same settings', () => {
      const obj = {
        network: 'testnet',
        chain: { endpoints: ['https://testnet.toncenter.com/api/v2/jsonRPC'], apiKey: 'k' },
        registry: REGISTRY,
        wallet: { keyFile: '/keys/broker.key', version: 'v5r1' },
        ledger: { sqlite: '/data/broker.sqlite' },
        listen: { host: '0.0.0.0', port: 9000 },
        settlement: {
          claimThresholdNano: '5000000000',
          intervalMs: 30000,
          workerPayoutIntervalMs: 60000,
          workerChannelDepositNano: 3000000000,
        },
        credit: { defaultNano: 5, clients: { ['AB'.repeat(32)]: 7 } },
        limits: { requestTimeoutMs: 5000, maxQueuePerWorker: 3 },
      };
      const json = readConfigFile(write('b.json', JSON.stringify(obj)));
      const yaml = readConfigFile(
        write(
          'b.yaml',
          [
            'network: testnet',
            'chain:',
            '  endpoints: [https://testnet.toncenter.com/api/v2/jsonRPC]',
            '  apiKey: k',
            `registry: ${REGISTRY}`,
            'wallet: { keyFile: /keys/broker.key, version: v5r1 }',
            'ledger: { sqlite: /data/broker.sqlite }',
            'listen: { host: 0.0.0.0, port: 9000 }',
            'settlement: { claimThresholdNano: "5000000000", intervalMs: 30000, workerPayoutIntervalMs: 60000, workerChannelDepositNano: "3000000000" }',
            `credit: { defaultNano: 5, clients: { "${'AB'.repeat(32)}": 7 } }`,
            'limits: { requestTimeoutMs: 5000, maxQueuePerWorker: 3 }',
          ].join('\n'),
        ),
      );
      const a = resolveBrokerSettings({ file: json, env: {} });
      const b = resolveBrokerSettings({ file: yaml, env: {} });
      expect(b).toEqual(a);
      expect(a.config).toMatchObject({
        host: '0.0.0.0',
        port: 9000,
        dbPath: '/data/broker.sqlite',
        globalId: NETWORK_GLOBAL_ID.testnet,
        defaultCreditNano: 5,
        clientCreditNano: { ['ab'.repeat(32)]: 7 },
        requestTimeoutMs: 5000,
        maxQueuePerWorker: 3,
      });
      expect(a.settlement).toEqual({
        claimThresholdNano: 5_000_000_000n,
        intervalMs: 30000,
        workerPayoutIntervalMs: 60000,
        workerChannelDepositNano: 3_000_000_000n,
      });
      expect(a.wallet.version).toBe('v5r1');
      expect(a.chain).toMatchObject({ apiKey: 'k', startupTimeoutMs: 300_000 });
    });

    it('a flag beats the file, which beats env, which beats the default', () => {
      const file = { listen: { port: 9000 }, id: 'from-file' };
      const env = { CHRYSALIS_BROKER_PORT: '9100', CHRYSALIS_BROKER_HOST: '10.0.0.1', CHRYSALIS_BROKER_ID: 'from-env' };
      const s = resolveBrokerSettings({ file, env, flags: { port: '9200' } });
      expect(s.config).toMatchObject({ port: 9200, host: '10.0.0.1', brokerId: 'from-file' });
      expect(resolveBrokerSettings({ file, env }).config.port).toBe(9000);
      expect(resolveBrokerSettings({ env }).config.port).toBe(9100);
      expect(resolveBrokerSettings({}).config).toMatchObject({ port: DEFAULT_CONFIG.port, host: DEFAULT_CONFIG.host });
      // globalId: the flag over the network's
      expect(resolveBrokerSettings({ file: { network: 'devnet' }, flags: { 'global-id': '-7' } }).config.globalId).toBe(
        -7,
      );
      expect(resolveBrokerSettings({}).config.globalId).toBe(NETWORK_GLOBAL_ID.mainnet);
    });

    it.each<[string, Record<string, unknown>, Record<string, string>, string]>([
      ['unknown top-level field', { frobnicate: 1 }, {}, 'config: frobnicate: unknown field'],
      ['unknown nested field', { chain: { endpoint: 'http://x' } }, {}, 'config: chain.endpoint: unknown field'],
      ['bad URL', { chain: { endpoints: ['ftp://x'] } }, {}, 'config: chain.endpoints[0]: not an http(s) URL'],
      ['bad URL in a flag', {}, { 'chain-api': 'nope' }, 'config: chain.endpoints[0]: not an http(s) URL'],
      ['empty endpoints', { chain: { endpoints: [] } }, {}, 'config: chain.endpoints: must be a non-empty list'],
      ['section not an object', { chain: 'http://x' }, {}, 'config: chain: must be an object'],
      ['bad port', { listen: { port: 70000 } }, {}, 'config: listen.port: must be an integer in [0, 65535]'],
      ['bad network', { network: 'moonnet' }, {}, "config: network: must be 'devnet', 'testnet' or 'mainnet'"],
      ['bad address', { registry: 'nope' }, {}, 'config: registry: not a TON address'],
      [
        'bad wallet version',
        { wallet: { version: 'v3' } },
        {},
        "config: wallet.version: must be 'v4', 'v5r1' or 'highload-v3'",
      ],
      ['bad nano', { settlement: { claimThresholdNano: -1 } }, {}, 'config: settlement.claimThresholdNano'],
      ['bad credit key', { credit: { clients: { zz: 1 } } }, {}, 'config: credit.clients.zz: not a 32-byte hex'],
      ['credit not a map', { credit: { clients: [1] } }, {}, 'config: credit.clients: must map'],
      ['bad postgres', { ledger: { postgres: 'mysql://x' } }, {}, 'config: ledger.postgres: not a postgres:// URL'],
      ['empty string', { id: '' }, {}, 'config: id: must be a non-empty string'],
      ['both registries', { registry: REGISTRY, registryFile: 'r.json' }, {}, 'config: registry: give registry'],
      ['no network', { registry: REGISTRY, wallet: { keyFile: 'k' } }, {}, 'config: network: required'],
      ['no wallet', { registry: REGISTRY, network: 'testnet' }, {}, 'config: wallet: required'],
      ['two wallets', { wallet: { keyFile: 'k', mnemonicFile: 'm' } }, {}, 'config: wallet: give one of'],
      [
        'devnet, no endpoint',
        { registry: REGISTRY, network: 'devnet', wallet: { keyFile: 'k' } },
        {},
        'chain.endpoints: required',
      ],
      ['limit out of range', { limits: { maxWorkerConcurrency: 0 } }, {}, 'config: worker concurrency must be >= 1'],
    ])('refuses %s, naming the field', (_what, file, flags, message) => {
      expect(() => resolveBrokerSettings({ file, flags, env: {} })).toThrow(ConfigError);
      expect(() => resolveBrokerSettings({ file, flags, env: {} })).toThrow(message);
    });

    it('reads an empty file as no settings; refuses a non-object, bad JSON or YAML, and a missing file', () => {
      expect(readConfigFile(write('empty.yml', ''))).toEqual({});
      expect(() => readConfigFile(write('list.json', '[1]'))).toThrow('must hold an object');
      expect(() => readConfigFile(write('bad.json', '{'))).toThrow('is not valid JSON');
      expect(() => readConfigFile(write('bad.yaml', 'a: [1'))).toThrow('is not valid YAML');
      expect(() => readConfigFile(join(dir, 'missing.json'))).toThrow('config: cannot read');
    });

    it('redacts secrets: mnemonic, API key, passwords and keys in URLs', () => {
      const s = resolveBrokerSettings({
        file: {
          network: 'testnet',
          chain: { endpoints: ['https://u:hunter2@node.example/api?api_key=SECRETKEY&x=1'], apiKey: 'APIKEY' },
          registry: REGISTRY,
          ledger: { postgres: 'postgres://broker:pgpass@db/chrysalis', exclusive: true },
        },
        env: { CHRYSALIS_BROKER_MNEMONIC: 'word '.repeat(24).trim() },
      });
      const printed = JSON.stringify(redactedSettings(s));
      for (const secret of ['hunter2', 'SECRETKEY', 'APIKEY', 'pgpass', 'word word'])
        expect(printed).not.toContain(secret);
      const r = redactedSettings(s) as { wallet: Record<string, unknown>; chain: Record<string, unknown> };
      expect(r.wallet.mnemonic).toBe(REDACTED);
      expect(r.chain.apiKey).toBe(REDACTED);
      expect(redactUrl('http://127.0.0.1:8081/jsonRPC')).toBe('http://127.0.0.1:8081/jsonRPC');
      expect(redactUrl('not a url')).toBe('not a url');
    });
  });

  describe('chrysalis broker --config', () => {
    it('--print-config prints the effective config (flags over the file), secrets redacted, exit 0', async () => {
      const cfg = write(
        'print.yaml',
        `network: devnet\nchain: { endpoints: ["http://127.0.0.1:1/jsonRPC"], apiKey: TOPSECRET }\nregistry: ${REGISTRY}\nwallet: { mnemonicFile: /nowhere/words.txt }\nlisten: { port: 9000 }\n`,
      );
      const r = await capture(() => run(['--config', cfg, '--port', '9300', '--print-config']));
      expect(r.code).toBe(EXIT.OK);
      expect(r.stdout).not.toContain('TOPSECRET');
      const j = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
      expect(j.listen).toEqual({ host: '127.0.0.1', port: 9300 });
      expect(j.chain).toMatchObject({ apiKey: REDACTED, endpoints: ['http://127.0.0.1:1/jsonRPC'] });
      expect(j.wallet).toMatchObject({ mnemonicFile: '/nowhere/words.txt', version: 'v4' });
      expect(j.globalId).toBe(NETWORK_GLOBAL_ID.devnet);
    });

    it('config errors exit 2 naming the field; an unreadable or malformed file exits 3', async () => {
      const unknown = write('unknown.json', JSON.stringify({ listen: { prot: 1 } }));
      const badUrl = write('badurl.yaml', 'chain:\n  endpoints: [ws://x]\n');
      for (const [argv, field] of [
        [['--config', unknown], 'config: listen.prot: unknown field'],
        [['--config', badUrl], 'config: chain.endpoints[0]: not an http(s) URL'],
        [['--chain-api', 'nope'], 'config: chain.endpoints[0]'],
        [
          ['--registry-address', REGISTRY, '--network', 'devnet', '--chain-api', 'http://127.0.0.1:1'],
          'config: wallet',
        ],
      ] as const) {
        const r = await capture(() => run([...argv]));
        expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.USAGE });
        expect(r.stderr).toContain(field);
      }
      for (const argv of [
        ['--config', join(dir, 'none.json')],
        ['--config', write('broken.json', '{')],
      ]) {
        const r = await capture(() => run(argv));
        expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.INPUT });
      }
    });

    it('a bad wallet file exits 3 before touching the chain', async () => {
      const base = ['--registry-address', REGISTRY, '--network', 'devnet', '--chain-api', 'http://127.0.0.1:1'];
      for (const argv of [
        ['--wallet-key-file', join(dir, 'no.key')],
        ['--wallet-key-file', write('short.key', 'abcd')],
        ['--wallet-mnemonic-file', join(dir, 'no-words.txt')],
        ['--wallet-mnemonic-file', write('bad-words.txt', 'not a mnemonic')],
      ]) {
        const r = await capture(() => run([...base, ...argv]));
        expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.INPUT });
        expect(r.stderr).toContain('config: wallet');
      }
    });

    it('chain API unreachable at start: retries with backoff, then exits 4 after chain.startupTimeoutMs', async () => {
      const key = write('broker.key', `${SEED_HEX}\n`);
      const cfg = write(
        'down.json',
        JSON.stringify({
          network: 'devnet',
          chain: { endpoints: ['http://127.0.0.1:1/jsonRPC', 'http://127.0.0.1:2/jsonRPC'], startupTimeoutMs: 600 },
          registry: REGISTRY,
          wallet: { keyFile: key },
          ledger: { sqlite: join(dir, 'down.sqlite') },
          listen: { port: 0 },
        }),
      );
      const r = await capture(() => run(['--config', cfg]));
      expect(r.code).toBe(EXIT.NETWORK);
      expect(r.stderr).toMatch(/chain API http:\/\/127\.0\.0\.1:1\/jsonRPC unreachable .*retrying in \d+ ms/);
      expect(r.stderr).toContain('http://127.0.0.1:2/jsonRPC unreachable');
      expect(r.stderr).toContain('CLI_NETWORK_UNREACHABLE: chain API unreachable for 600 ms');
      expect(r.stderr).not.toContain(SEED_HEX);
    });

    it('shut down while waiting for the chain: exits 0', async () => {
      const key = write('broker2.key', SEED_HEX);
      const ac = new AbortController();
      const p = capture(() =>
        run(
          [
            '--registry-address',
            REGISTRY,
            '--network',
            'devnet',
            '--chain-api',
            'http://127.0.0.1:1/jsonRPC',
            '--wallet-key-file',
            key,
            '--chain-startup-timeout-ms',
            '60000',
          ],
          { signal: ac.signal },
        ),
      );
      setTimeout(() => ac.abort(), 300);
      const r = await p;
      expect(r.code).toBe(EXIT.OK);
      expect(r.stderr).toContain('retrying');
    });
  });

  describe('against the devnet chain', () => {
    const broker = keyFromSeed('bc-broker');
    const client = keyFromSeed('bc-client');
    const ids = { imageId: hexId('bc-img'), platformId: hexId('bc-plt'), modelId: hexId('bc-mdl') };
    let dev: DevnetChain;
    beforeAll(async () => {
      dev = await startDevnetChain({
        images: [ids.imageId],
        platforms: [ids.platformId],
        models: [{ id: ids.modelId }],
        brokers: [{ key: broker.publicKey, endpoint: 'ws://127.0.0.1:9000' }],
        fundWallets: [broker.publicKey],
        params: { clientCloseDelay: 3600 },
      });
    });
    afterAll(async () => {
      await dev?.close();
    });

    it('a registry address with no contract exits 1', async () => {
      const key = write('nc.key', Buffer.from(broker.secretKey.subarray(0, 32)).toString('hex'));
      const r = await capture(() =>
        run([
          '--registry-address',
          REGISTRY,
          '--network',
          'devnet',
          '--chain-api',
          dev.url,
          '--wallet-key-file',
          key,
          '--db',
          join(dir, 'nc.sqlite'),
        ]),
      );
      expect(r.code).toBe(EXIT.REJECTED);
      expect(r.stderr).toContain('CLI_CONTRACT_NOT_FOUND');
    });

    it('starts from a YAML config: reads the registry from the chain, finds a client channel there, serves /v1/workers', async () => {
      // The key file holds the seed; the broker derives the same wallet as the registry lists.
      const key = write('devnet.key', Buffer.from(broker.secretKey.subarray(0, 32)).toString('hex'));
      expect(Buffer.from(keyPairFromSeed(broker.secretKey.subarray(0, 32)).publicKey)).toEqual(broker.publicKey);
      const cfg = write(
        'devnet.yaml',
        [
          'network: devnet',
          `chain: { endpoints: ["${dev.url}"] }`,
          `registry: ${dev.registry.toString()}`,
          `wallet: { keyFile: ${key} }`,
          `ledger: { sqlite: ${join(dir, 'devnet.sqlite')} }`,
          'listen: { host: 127.0.0.1, port: 0 }',
          'settlement: { intervalMs: 0, workerChannelDepositNano: "1000000000" }',
          'id: b-devnet',
        ].join('\n'),
      );
      const b = await startCommand(
        run,
        ['--config', cfg],
        /broker listening on (http:\/\/\S+) \(workers: (ws:\/\/\S+)\)/,
      );
      try {
        const url = b.match[1]!;
        expect(b.stdout()).toMatch(
          new RegExp(
            `registry: ${dev.registry.toString()} version \\d+ \\(1 image\\(s\\), 1 platform\\(s\\), 1 model\\(s\\)\\) on devnet`,
          ),
        );
        expect(b.stdout()).toContain(`broker wallet: ${dev.walletAddress(broker.publicKey).toString()}`);
        expect(b.stdout() + b.stderr()).not.toContain(Buffer.from(broker.secretKey).toString('hex').slice(0, 64));
        const list = (await (await fetch(`${url}/v1/workers`)).json()) as { workers: unknown[]; brokerId: string };
        expect(list).toMatchObject({ workers: [], brokerId: 'b-devnet' });
        // A client channel to the broker's wallet, with the registry's close delay: the broker finds it on chain.
        const channel = await dev.openChannel({
          payerKey: client.publicKey,
          payee: dev.walletAddress(broker.publicKey),
          deposit: 2_000_000_000n,
        });
        const clientHex = Buffer.from(client.publicKey).toString('hex');
        const now = Math.floor(Date.now() / 1000);
        const sig = signAs(client.secretKey, encodeAccountAuthMessage(Buffer.from(client.publicKey), now));
        const acct = await fetch(`${url}/v1/accounts/${clientHex}`, {
          headers: { [ACCOUNT_AUTH_HEADER]: formatAccountAuthHeader(now, sig) },
        });
        expect(acct.status).toBe(200);
        expect(await acct.json()).toMatchObject({
          channel: channel.toString(),
          depositNano: 2_000_000_000,
          globalId: dev.globalId,
        });
      } finally {
        const r = await b.stop();
        expect(r.code).toBe(EXIT.OK);
      }
    });
  });
});

/** Ed25519 signature by a @ton/crypto secret key (seed || public key). */
function signAs(secretKey: Uint8Array, msg: Uint8Array): Buffer {
  const pkcs8 = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(secretKey.subarray(0, 32)),
  ]);
  return sign(null, msg, createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
}
