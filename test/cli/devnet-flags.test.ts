/**
 * `chrysalis devnet` flags (parsed once into a typed object; every bad value is a usage error, exit 2) and the
 * devnet client's lookup of a running devnet (`chat`/`status` with no devnet: exit 4; a broken devnet.json: exit 3).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDevnetFlags } from '../../cli/devnet-flags';
import { loadDevnetInfo, nanoToTon } from '../../cli/devnet-client';
import { CliError, EXIT } from '../../cli/exit';
import { run as runChat } from '../../cli/chat';
import { run as runStatus } from '../../cli/status';
import { run as runDevnet } from '../../cli/devnet';
import { workerExitLine } from '../../devnet';
import { workerSessionLine } from '../../broker';
import { run as runModel } from '../../cli/model';
import type { WorkerSessionEnded } from '../../broker/ports';
import { capture } from './helpers';

function usageCode(argv: string[]): string | undefined {
  try {
    parseDevnetFlags(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(EXIT.USAGE);
    return (e as CliError).code;
  }
  return undefined;
}

describe('parseDevnetFlags', () => {
  it('defaults: loopback, fixed ports, one broker, two onnx workers, settle every 10 s', () => {
    expect(parseDevnetFlags([])).toEqual({
      dataDir: resolve('.data/devnet'),
      host: '127.0.0.1',
      gatewayPort: 8787,
      brokerPort: 8788,
      chainPort: 8789,
      workers: 2,
      brokers: 1,
      engine: 'onnx',
      seed: 'chrysalis-devnet',
      settleIntervalMs: 10_000,
    });
    expect(parseDevnetFlags(['--help'])).toBe('help');
  });

  it('takes every flag: ports 0, an upstream engine, a seed and the settle interval in seconds', () => {
    const f = parseDevnetFlags([
      '--data-dir',
      'x/y',
      '--host',
      '::1',
      '--gateway-port',
      '0',
      '--broker-port',
      '65535',
      '--chain-port',
      '1',
      '--workers',
      '16',
      '--brokers',
      '8',
      '--engine',
      'openai-upstream',
      '--upstream-url',
      'http://127.0.0.1:8000/v1',
      '--upstream-model',
      'qwen',
      '--seed',
      's',
      '--settle-interval',
      '0.5',
    ]);
    expect(f).toEqual({
      dataDir: resolve('x/y'),
      host: '::1',
      gatewayPort: 0,
      brokerPort: 65535,
      chainPort: 1,
      workers: 16,
      brokers: 8,
      engine: 'openai-upstream',
      upstreamUrl: 'http://127.0.0.1:8000/v1',
      upstreamModel: 'qwen',
      seed: 's',
      settleIntervalMs: 500,
    });
  });

  it.each([
    [['--workers', '0']],
    [['--workers', '17']],
    [['--workers', '1.5']],
    [['--workers', 'two']],
    [['--brokers', '0']],
    [['--brokers', '9']],
    [['--brokers', '1.5']],
    [['--engine', 'llama']],
    [['--engine', 'openai-upstream']],
    [['--engine', 'openai-upstream', '--upstream-url', 'http://x']],
    [['--engine', 'openai-upstream', '--upstream-model', 'm']],
    [['--settle-interval', '-1']],
    [['--settle-interval', 'soon']],
    [['--gateway-port', '65536']],
    [['--broker-port', '-1']],
    [['--chain-port', 'http']],
    [['--bogus']],
    [['positional']],
  ])('%j is a usage error', (argv) => {
    expect(usageCode(argv)).toBe('CLI_USAGE');
  });

  it('`chrysalis devnet` prints usage and exits 2 on a bad flag, 0 on --help', async () => {
    const bad = await capture(() => runDevnet(['--workers', '0']));
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toContain('--workers must be 1..16');
    expect(bad.stderr).toContain('usage: chrysalis devnet');
    const help = await capture(() => runDevnet(['--help']));
    expect(help.code).toBe(EXIT.OK);
    expect(help.stdout.startsWith('usage: chrysalis devnet')).toBe(true);
  });

  it('off loopback without CHRYSALIS_GATEWAY_API_KEY the devnet refuses to start: a usage error, nothing started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-devnet-flags-'));
    const saved = process.env.CHRYSALIS_GATEWAY_API_KEY;
    delete process.env.CHRYSALIS_GATEWAY_API_KEY;
    try {
      const r = await capture(() => runDevnet(['--host', '0.0.0.0', '--data-dir', join(dir, 'd')]));
      expect(r.code).toBe(EXIT.USAGE);
      expect(r.stderr).toContain('failed to start');
      expect(r.stderr).toContain('CHRYSALIS_GATEWAY_API_KEY');
      expect(r.stderr).not.toContain('unexpected error');
    } finally {
      if (saved !== undefined) process.env.CHRYSALIS_GATEWAY_API_KEY = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('finding a running devnet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-devnet-info-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no devnet.json: CLI_NO_DEVNET, exit 4, with a hint to start one', async () => {
    expect(() => loadDevnetInfo(join(dir, 'none'))).toThrow(expect.objectContaining({ code: 'CLI_NO_DEVNET' }));
    for (const run of [
      () => runChat(['hello', '--data-dir', join(dir, 'none')]),
      () => runStatus(['--data-dir', join(dir, 'none')]),
    ]) {
      const r = await capture(run);
      expect(r.code).toBe(EXIT.NETWORK);
      expect(r.stderr).toContain('CLI_NO_DEVNET');
      expect(r.stderr).toContain('hint: start one with `npm start`');
    }
  });

  it('an unreadable devnet.json: CLI_INPUT_UNREADABLE, exit 3; with --json the error is also one JSON line', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'devnet.json'), '{"gateway": ');
    expect(() => loadDevnetInfo(broken)).toThrow(expect.objectContaining({ code: 'CLI_INPUT_UNREADABLE' }));
    const r = await capture(() => runStatus(['--data-dir', broken, '--json']));
    expect(r.code).toBe(EXIT.INPUT);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'CLI_INPUT_UNREADABLE', exit: 3 });
  });

  it('chat: a missing or blank prompt and a bad --max-tokens are usage errors (exit 2)', async () => {
    expect((await capture(() => runChat(['--data-dir', dir]))).code).toBe(EXIT.USAGE);
    expect((await capture(() => runChat(['   ', '--data-dir', dir]))).code).toBe(EXIT.USAGE);
    const r = await capture(() => runChat(['hi', '--max-tokens', 'lots', '--data-dir', dir]));
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('--max-tokens');
  });

  it('nanoToTon prints nine decimals and the sign', () => {
    expect(nanoToTon(0n)).toBe('0.000000000');
    expect(nanoToTon(1_500_000_001n)).toBe('1.500000001');
    expect(nanoToTon(-2_000_000_000n)).toBe('-2.000000000');
  });
});

describe('devnet worker lines', () => {
  it('a worker process that ends: its code or signal, pid and the tail of its stderr', () => {
    expect(workerExitLine('devnet-worker-1', 42, 1, null, 'boom')).toBe(
      'worker devnet-worker-1 (pid 42) exited with code 1: boom',
    );
    expect(workerExitLine('devnet-worker-2', undefined, null, 'SIGKILL')).toBe(
      'worker devnet-worker-2 (pid ?) exited on signal SIGKILL',
    );
    expect(workerExitLine('w', 1, null, null)).toBe('worker w (pid 1) exited on signal unknown');
  });

  it('an admitted worker that leaves the broker: name, id prefix, reason and lost requests', () => {
    const e: WorkerSessionEnded = {
      workerId: 'ab'.repeat(32),
      workerName: 'devnet-worker-1',
      reason: 'socket closed',
      lost: 2,
    };
    expect(workerSessionLine(e)).toBe(
      'worker devnet-worker-1 (abababababababab…) left the broker: socket closed; 2 request(s) lost',
    );
    expect(workerSessionLine({ ...e, workerName: '' })).toContain('worker (unnamed) (');
  });
});

describe('chrysalis model make-tiny', () => {
  it('builds with the default seed, reuses, and rebuilds with --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-make-tiny-'));
    try {
      const out = join(dir, 'm');
      const first = await capture(() => runModel(['--out', out]));
      expect(first.code).toBe(EXIT.OK);
      expect(first.stdout).toMatch(/built in \d+ ms/);
      const id = /model id ([0-9a-f]{64})/.exec(first.stdout)?.[1];
      const reused = await capture(() => runModel(['--out', out]));
      expect(reused.stdout).toContain('up to date (reused)');
      const forced = await capture(() => runModel(['--out', out, '--force']));
      expect(forced.stdout).toMatch(/built in \d+ ms/);
      expect(/model id ([0-9a-f]{64})/.exec(forced.stdout)?.[1]).toBe(id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
