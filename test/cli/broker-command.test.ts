/**
 * `chrysalis broker`, in-process: bad flags and config exit 2, an unreadable clients file exits 3; it starts on port 0
 * with a SQLite ledger in a temp dir (or PostgreSQL when CHRYSALIS_TEST_PG_URL is reachable), prints its endpoints,
 * serves the registry and static client channels it was given, and closes cleanly (exit 0) when its AbortSignal fires.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trustFileToJson } from '../../attestation/trust-file';
import { createDevnetIntelPki } from '../../devnet/intel';
import { Address } from '@ton/core';
import { run } from '../../cli/broker';
import { EXIT } from '../../cli/exit';
import { testPgUrl } from '../ledger/pg-probe';
import { ACCOUNT_AUTH_HEADER, encodeAccountAuthMessage, formatAccountAuthHeader } from '../../proto/account-auth';
import { capture, registryFileJson, type Captured } from './helpers';
import { startCommand } from './long-running';

/** A client key pair; its hex public key. */
function clientKeys(): { key: string; priv: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { key: Buffer.from(x, 'base64url').toString('hex'), priv: privateKey };
}
const CLIENT = clientKeys();
const CLIENT_KEY = CLIENT.key;

/** GET /v1/accounts/:key, signed by the client (Chrysalis-Auth, proto/account-auth.ts). */
function getAccount(url: string, c: { key: string; priv: KeyObject } = CLIENT): Promise<Response> {
  const now = Math.floor(Date.now() / 1000);
  const sig = sign(null, encodeAccountAuthMessage(Buffer.from(c.key, 'hex'), now), c.priv);
  return fetch(`${url}/v1/accounts/${c.key}`, {
    headers: { [ACCOUNT_AUTH_HEADER]: formatAccountAuthHeader(now, sig) },
  });
}
const CHANNEL = new Address(0, Buffer.alloc(32, 9)).toString();

/** Starts the broker, waits for its `broker listening on` line, runs `fn` against it, then stops it. */
async function withBroker(argv: string[], fn: (url: string, workerUrl: string) => Promise<void>): Promise<Captured> {
  const b = await startCommand(run, argv, /broker listening on (http:\/\/\S+) \(workers: (ws:\/\/\S+)\)/);
  try {
    await fn(b.match[1]!, b.match[2]!);
  } catch (e) {
    await b.stop();
    throw e;
  }
  return b.stop();
}

describe('chrysalis broker', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let savedLevel: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-broker-cli-'));
    savedLevel = process.env.CHRYSALIS_LOG_LEVEL;
    process.env.CHRYSALIS_LOG_LEVEL = 'silent';
  });
  afterAll(() => {
    if (savedLevel === undefined) delete process.env.CHRYSALIS_LOG_LEVEL;
    else process.env.CHRYSALIS_LOG_LEVEL = savedLevel;
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help exits 0; unknown flags, a bad port and a bad registry address exit 2', async () => {
    const help = await capture(() => run(['--help']));
    expect(help.code).toBe(EXIT.OK);
    expect(help.stdout.startsWith('usage: chrysalis broker')).toBe(true);
    for (const argv of [
      ['--frobnicate'],
      ['--port', 'eighty'],
      ['--max-body-bytes', '-5'],
      ['--registry-address', 'not-an-address', '--endpoint', 'http://127.0.0.1:1'],
      ['--registry-address', CHANNEL],
    ]) {
      const r = await capture(() => run([...argv, '--db', join(dir, 'unused.sqlite')]));
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.USAGE });
      expect(r.stderr).toContain('chrysalis broker: usage: ');
    }
  });

  it('an unreadable or malformed --clients-file exits 3; a missing --registry-file exits 3', async () => {
    const bad = join(dir, 'clients-bad.json');
    writeFileSync(bad, '[{"clientKey": ');
    for (const argv of [
      ['--clients-file', join(dir, 'no-such.json')],
      ['--clients-file', bad],
      ['--registry-file', join(dir, 'no-registry.json')],
    ]) {
      const r = await capture(() => run([...argv, '--port', '0', '--db', join(dir, 'unused.sqlite')]));
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.INPUT });
    }
  });

  it('--trust-file: an unreadable one exits 3; a SIMULATED one is trusted with a warning that says so', async () => {
    const missing = await capture(() =>
      run(['--trust-file', join(dir, 'no-trust.json'), '--port', '0', '--db', join(dir, 't0.sqlite')]),
    );
    expect(missing.code).toBe(EXIT.INPUT);
    const trust = join(dir, 'trust.json');
    const intel = createDevnetIntelPki({ seed: 'broker-trust' });
    writeFileSync(trust, trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] } }));
    const r = await withBroker(['--trust-file', trust, '--port', '0', '--db', join(dir, 't1.sqlite')], async (url) => {
      expect((await fetch(`${url}/v1/workers`)).status).toBe(200);
    });
    expect(r.code).toBe(EXIT.OK);
    expect(r.stderr).toContain('trusting SIMULATED attestation roots');
  });

  it('with no registry it warns that every worker will be refused, listens, and stops on abort (exit 0)', async () => {
    const db = join(dir, 'ledger', 'broker.sqlite');
    const r = await withBroker(['--port', '0', '--db', db, '--id', 'b-test'], async (url, workerUrl) => {
      expect(workerUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/worker$/);
      const j = (await (await fetch(`${url}/v1/workers`)).json()) as { workers: unknown[] };
      expect(j.workers).toEqual([]);
      expect((await getAccount(url)).status).toBe(403);
    });
    expect(r.code).toBe(EXIT.OK);
    expect(r.stderr).toContain('no registry given');
    expect(existsSync(db)).toBe(true);
  });

  it('serves a --registry-file (with its attestation log) and the channels of --clients-file', async () => {
    const registry = join(dir, 'registry.json');
    const snap = JSON.parse(
      registryFileJson({ version: 4, imageIds: ['aa'.repeat(32)], platformIds: ['bb'.repeat(32)], modelIds: [] }),
    ) as Record<string, unknown>;
    writeFileSync(
      registry,
      JSON.stringify({ ...snap, attestationLog: new Address(0, Buffer.alloc(32, 3)).toString() }),
    );
    const clients = join(dir, 'clients.json');
    writeFileSync(clients, JSON.stringify([{ clientKey: CLIENT_KEY, channel: CHANNEL, depositNano: 5000 }]));
    const r = await withBroker(
      ['--port', '0', '--db', join(dir, 'b2.sqlite'), '--registry-file', registry, '--clients-file', clients],
      async (url) => {
        const acct = (await (await getAccount(url)).json()) as Record<string, unknown>;
        expect(acct).toMatchObject({ channel: CHANNEL, depositNano: 5000, chargedNano: 0, availableNano: 5000 });
      },
    );
    expect(r.code).toBe(EXIT.OK);
    expect(r.stderr).not.toContain('no registry given');
  });

  it('--registry-address needs --network and a wallet (exit 2); with them and the chain down it retries, then exits 4', async () => {
    const down = ['--registry-address', CHANNEL, '--endpoint', 'http://127.0.0.1:1/jsonRPC'];
    const noNetwork = await capture(() => run([...down, '--db', join(dir, 'b3.sqlite')]));
    expect(noNetwork.code).toBe(EXIT.USAGE);
    expect(noNetwork.stderr).toContain('config: network: required');
    const noWallet = await capture(() => run([...down, '--network', 'devnet']));
    expect(noWallet.code).toBe(EXIT.USAGE);
    expect(noWallet.stderr).toContain('config: wallet: required');
    const key = join(dir, 'broker.key');
    writeFileSync(key, 'cd'.repeat(32));
    const r = await capture(() =>
      run([...down, '--network', 'devnet', '--wallet-key-file', key, '--chain-startup-timeout-ms', '300']),
    );
    expect(r.code).toBe(EXIT.NETWORK);
    expect(r.stderr).toContain('retrying in');
    expect(r.stderr).toContain('CLI_NETWORK_UNREACHABLE');
  });

  it('keeps static mode for offline use: --registry-file and --clients-file from a JSON config file', async () => {
    const registry = join(dir, 'registry-cfg.json');
    writeFileSync(
      registry,
      registryFileJson({ version: 2, imageIds: ['aa'.repeat(32)], platformIds: ['bb'.repeat(32)], modelIds: [] }),
    );
    const clients = join(dir, 'clients-cfg.json');
    writeFileSync(clients, JSON.stringify([{ clientKey: CLIENT_KEY, channel: CHANNEL, depositNano: 4000 }]));
    const cfg = join(dir, 'static.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        registryFile: registry,
        clientsFile: clients,
        ledger: { sqlite: join(dir, 'static.sqlite') },
        listen: { port: 0 },
        credit: { defaultNano: 10 },
      }),
    );
    const r = await withBroker(['--config', cfg], async (url) => {
      const acct = (await (await getAccount(url)).json()) as Record<string, unknown>;
      expect(acct).toMatchObject({ channel: CHANNEL, depositNano: 4000 });
    });
    expect(r.code).toBe(EXIT.OK);
  });

  const pgUrl = testPgUrl('broker command');
  (pgUrl ? it : it.skip)('--pg keeps the ledger in PostgreSQL', async () => {
    const clients = join(dir, 'clients-pg.json');
    const pgClient = clientKeys();
    writeFileSync(clients, JSON.stringify([{ clientKey: pgClient.key, channel: CHANNEL, depositNano: 7000 }]));
    const r = await withBroker(['--port', '0', '--pg', pgUrl!, '--clients-file', clients], async (url) => {
      const acct = (await (await getAccount(url, pgClient)).json()) as Record<string, unknown>;
      expect(acct).toMatchObject({ depositNano: 7000 });
    });
    expect(r.code).toBe(EXIT.OK);
  });
});
