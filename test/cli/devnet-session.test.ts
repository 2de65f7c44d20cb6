/**
 * One `chrysalis devnet` run, in-process (the command itself, not `startDevnet`): it reuses the keys it finds in its
 * data directory, prints the stable address lines, honours CHRYSALIS_GATEWAY_API_KEY, and stops cleanly when its
 * AbortSignal fires. Against it: `chrysalis chat` (text and --json) and `chrysalis status` (text, --json,
 * --save-bundles, and a client that cannot verify). A second run whose workers die at start fails with their exit.
 *
 * The workers are child processes from the compiled package (`npm ci` builds it): skipped when `dist/` is missing.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { DEFAULT_PARAMS } from '../../contracts';
import { run as runDevnet } from '../../cli/devnet';
import { run as runChat } from '../../cli/chat';
import { run as runStatus } from '../../cli/status';
import { parseDevnetAddressLines, parseWorkerPayoutLines } from '../../cli/devnet-output';
import { devnetPayoutAddress } from '../../devnet/network/workers';
import { EXIT } from '../../cli/exit';
import { startCommand, type Started } from './long-running';

const BUILT = existsSync(join(__dirname, '..', '..', 'dist', 'cli', 'index.js'));
if (!BUILT) console.warn('dist/ not built (run `npm run build`) — skipping the `chrysalis devnet` command test');
const d = BUILT ? describe : describe.skip;

const BROKER_KEY = '5a'.repeat(32);

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}

d('chrysalis devnet, chat and status', () => {
  jest.setTimeout(240_000);
  let dir: string;
  let dataDir: string;
  let brokerPort: number;
  let dev: Started;
  let savedKey: string | undefined;

  /** Runs a short command while the devnet's capture is active; returns its code and what it printed. */
  async function side(run: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
    const o = dev.stdout().length;
    const e = dev.stderr().length;
    const code = await run();
    return { code, stdout: dev.stdout().slice(o), stderr: dev.stderr().slice(e) };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-devnet-cmd-'));
    dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    // A key kept from an earlier run is reused; one of the wrong length is replaced.
    writeFileSync(join(dataDir, 'broker.key'), `${BROKER_KEY}\n`);
    writeFileSync(join(dataDir, 'client.key'), 'abcd\n');
    savedKey = process.env.CHRYSALIS_GATEWAY_API_KEY;
    process.env.CHRYSALIS_GATEWAY_API_KEY = 'devnet-test-key';
    brokerPort = await freePort();
    dev = await startCommand(
      runDevnet,
      [
        '--data-dir',
        dataDir,
        '--gateway-port',
        '0',
        '--broker-port',
        String(brokerPort),
        '--chain-port',
        '0',
        '--workers',
        '1',
        '--seed',
        'devnet-cmd-test',
        '--settle-interval',
        '0',
      ],
      /Ctrl-C stops everything\./,
    );
  });
  afterAll(async () => {
    if (savedKey === undefined) delete process.env.CHRYSALIS_GATEWAY_API_KEY;
    else process.env.CHRYSALIS_GATEWAY_API_KEY = savedKey;
    if (dev) await dev.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the address lines, keeps a valid key, replaces a bad one, and the gateway wants the API key', async () => {
    const printed = dev.stdout();
    expect(printed).toContain('SIMULATED parts are marked');
    const a = parseDevnetAddressLines(printed);
    expect(a.gateway).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(a.broker).toBe(`http://127.0.0.1:${brokerPort}`);
    expect(a.registry).toBeDefined();
    expect(a.attestationLog).toBeDefined();
    // One payout line per worker (the GPU owner's address the broker pays), and the devnet's claim threshold.
    expect(parseWorkerPayoutLines(printed)).toEqual([devnetPayoutAddress('devnet-cmd-test', 0)]);
    expect(printed).toMatch(/claims once its voucher is \d+\.\d{9} TON above what it claimed \(a devnet setting/);
    expect(readFileSync(join(dataDir, 'broker.key'), 'utf8').trim()).toBe(BROKER_KEY);
    expect(readFileSync(join(dataDir, 'client.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(`${a.gateway}/models`)).status).toBe(401);
    const ok = await fetch(`${a.gateway}/models`, { headers: { authorization: 'Bearer devnet-test-key' } });
    expect(ok.status).toBe(200);
  });

  it('chat prints the answer, the SIMULATED worker, the verified receipt and the channel; --json the same as JSON', async () => {
    const text = await side(() => runChat(['Tell me a story', '--data-dir', dataDir, '--max-tokens', '8']));
    expect(text.code).toBe(EXIT.OK);
    expect(text.stdout).toMatch(/worker: image [0-9a-f]{64} {2}model [0-9a-f]{64} {2}tcb \S+ {2}\(SIMULATED roots/);
    expect(text.stdout).toMatch(
      /receipt: \d+ x \d+ \+ \d+ x \d+ nanoTON, seq \d+, signed by [0-9a-f]{64} \(verified\)/,
    );
    expect(text.stdout).toMatch(/cost: \d+\.\d{9} TON; vouched so far: \d+\.\d{9} TON/);
    expect(text.stdout).toMatch(/channel \S+: deposit 100\.000000000 TON, claimed on-chain \d+\.\d{9} TON/);

    const json = await side(() => runChat(['Hello', '--data-dir', dataDir, '--json']));
    expect(json.code).toBe(EXIT.OK);
    const out = JSON.parse(json.stdout) as {
      answer: string;
      worker: { simulatedRoots: boolean };
      receipt: { seq: string; bytes: string; promptPriceNano: string; completionPriceNano: string; amountNano: string };
      maxCostNano: string;
      channel: { depositNano: string };
    };
    expect(typeof out.answer).toBe('string');
    expect(out.worker.simulatedRoots).toBe(true);
    expect(BigInt(out.receipt.seq)).toBeGreaterThan(0n);
    expect(out.receipt.bytes).toMatch(/^[0-9a-f]+$/);
    // At the registry's prices of the model (the devnet registry's defaults), never above the reservation.
    expect([out.receipt.promptPriceNano, out.receipt.completionPriceNano]).toEqual([
      DEFAULT_PARAMS.promptPricePerToken.toString(),
      DEFAULT_PARAMS.completionPricePerToken.toString(),
    ]);
    expect(BigInt(out.receipt.amountNano)).toBeLessThanOrEqual(BigInt(out.maxCostNano));
    expect(out.channel.depositNano).toBe('100000000000');
  });

  it('status lists the registry, the admitted worker (verified here) and the ledger; --save-bundles writes them', async () => {
    const bundles = join(dir, 'bundles');
    const text = await side(() => runStatus(['--data-dir', dataDir, '--save-bundles', bundles]));
    expect(text.code).toBe(EXIT.OK);
    expect(text.stdout).toMatch(/^registry \S+ version \d+$/m);
    expect(text.stdout).toContain(`brokers: http://127.0.0.1:${brokerPort}`);
    expect(text.stdout).toContain('1 admitted worker(s)');
    expect(text.stdout).toMatch(/tcb \S+ \(SIMULATED roots\) {2}attested \d+s ago {2}queue \d+/);
    expect(text.stdout).toMatch(/ {2}broker ledger: \{.*"depositNano":100000000000/);
    expect(text.stdout).toContain(`saved 1 bundle(s) to ${bundles}`);
    const files = readdirSync(bundles);
    expect(files).toHaveLength(1);
    const bytes = readFileSync(join(bundles, files[0]!));
    expect(files[0]).toBe(`${createHash('sha256').update(bytes).digest('hex')}.bin`);

    const json = await side(() => runStatus(['--data-dir', dataDir, '--json', '--save-bundles', bundles]));
    expect(json.code).toBe(EXIT.OK);
    const st = JSON.parse(json.stdout) as { workers: { imageId: string }[]; savedBundles: string[] };
    expect(st.workers[0]!.imageId).toMatch(/^[0-9a-f]{64}$/);
    expect(st.savedBundles).toEqual([join(bundles, files[0]!)]);

    // A file where the bundle directory should be: exit 3.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'x');
    const bad = await side(() => runStatus(['--data-dir', dataDir, '--save-bundles', join(blocked, 'sub')]));
    expect(bad.code).toBe(EXIT.INPUT);
    expect(bad.stderr).toContain('cannot write bundles');
  });

  it('status says so when this client cannot verify the workers (its trust file is unreadable)', async () => {
    const trust = join(dataDir, 'trust.json');
    const saved = readFileSync(trust);
    writeFileSync(trust, '{');
    try {
      const r = await side(() => runStatus(['--data-dir', dataDir, '--json']));
      expect(r.code).toBe(EXIT.OK);
      const st = JSON.parse(r.stdout) as { workers: { tcbStatus: string }[] };
      expect(st.workers.map((w) => w.tcbStatus)).toEqual(['NOT VERIFIED by this client']);
    } finally {
      writeFileSync(trust, saved);
    }
  });

  it('status for a client the broker does not know and a channel not on chain: no account, deposit 0', async () => {
    const other = join(dir, 'other-client');
    mkdirSync(other);
    const info = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(other, 'client.key'), `${'7e'.repeat(32)}\n`);
    writeFileSync(
      join(other, 'devnet.json'),
      JSON.stringify({
        ...info,
        clientKeyFile: join(other, 'client.key'),
        clientChannel: new Address(0, Buffer.alloc(32, 1)).toString(),
      }),
    );
    const r = await side(() => runStatus(['--data-dir', other]));
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toMatch(/deposit 0\.000000000 TON, claimed on-chain 0\.000000000 TON/);
    expect(r.stdout).toContain('  broker ledger: (no account yet)');
  });

  it('stops on abort: drains, stops workers and the chain, exit 0', async () => {
    const r = await dev.stop();
    expect(r.code).toBe(EXIT.OK);
    expect(r.stdout).toContain('stopping: draining the gateway and broker');
    expect(r.stdout.trimEnd().endsWith('stopped.')).toBe(true);
  });
});

d('chrysalis devnet whose workers cannot start', () => {
  jest.setTimeout(240_000);
  it('fails to start and says which worker exited and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-devnet-fail-'));
    try {
      const argv = [
        '--data-dir',
        dir,
        '--gateway-port',
        '0',
        '--broker-port',
        '0',
        '--chain-port',
        '0',
        '--workers',
        '1',
        '--engine',
        'openai-upstream',
        '--upstream-url',
        'http://upstream.example/v1',
        '--upstream-model',
        'm',
      ];
      const r = await startCommand(runDevnet, argv, /Ctrl-C stops everything\./).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(r).toMatch(/^exited [1-9]/);
      expect(r).toContain('chrysalis devnet: failed to start');
      expect(r).toContain('devnet-worker-1 exited (1)');
      expect(r).toContain('WORKER_CONFIG_INVALID');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
