/**
 * The CLI doors: --version, --help on every command, group and subcommand (iterating the dispatcher's own table, so
 * new commands are covered), unknown flags and commands, and the exit-code table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { COMMANDS, GROUPS, main } from '../../cli';
import { EXIT, exitCodeFor, CliError } from '../../cli/exit';
import { capture } from './helpers';

const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string })
  .version;

describe('chrysalis: version, help, usage', () => {
  jest.setTimeout(120_000);

  it('--version prints x.y.z from package.json and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await capture(() => main([flag]));
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('--help lists every command and the exit-code table; no arguments prints it and exits 2', async () => {
    const help = await capture(() => main(['--help']));
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith('usage: chrysalis')).toBe(true);
    for (const c of COMMANDS) expect(help.stdout).toContain(`chrysalis ${c.path.join(' ')}`);
    expect(help.stdout).toMatch(/exit codes:[\s\S]*0 +ok[\s\S]*1 +verification failed[\s\S]*2 +usage[\s\S]*3 +input/);
    expect(help.stdout).toMatch(/4 +network or chain unreachable/);
    const none = await capture(() => main([]));
    expect(none.code).toBe(2);
    expect(none.stderr.startsWith('usage: chrysalis')).toBe(true);
  });

  it('an unknown command exits 2', async () => {
    const r = await capture(() => main(['frobnicate']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect((await capture(() => main(['attest', 'frobnicate']))).code).toBe(2);
  });

  it.each(Object.keys(GROUPS))('group `%s`: --help prints usage and exits 0; bare prints it and exits 2', async (g) => {
    const words = g.split(' ');
    const help = await capture(() => main([...words, '--help']));
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith(`usage: chrysalis ${g} <command>`)).toBe(true);
    expect(help.stdout).toContain('options:');
    for (const c of COMMANDS.filter((x) => words.every((w, i) => x.path[i] === w)))
      expect(help.stdout).toContain(`chrysalis ${c.path.join(' ')}`);
    const bare = await capture(() => main(words));
    expect(bare.code).toBe(2);
  });

  it('every prefix of a command is a group with help, or a command itself (`worker` and `worker claim`)', () => {
    const names = COMMANDS.map((c) => c.path.join(' '));
    for (const c of COMMANDS)
      for (let n = 1; n < c.path.length; n++)
        expect([...Object.keys(GROUPS), ...names]).toContain(c.path.slice(0, n).join(' '));
  });

  it.each(COMMANDS.map((c) => [c.path.join(' ')]))(
    '`chrysalis %s --help` prints a usage line first, then options, and exits 0',
    async (name) => {
      for (const flag of ['--help', '-h']) {
        const r = await capture(() => main([...name.split(' '), flag]));
        expect(r.code).toBe(0);
        expect(r.stdout.startsWith(`usage: chrysalis ${name}`)).toBe(true);
        expect(r.stdout).toMatch(/\noptions:\n/);
        expect(r.stdout).toMatch(/-h, --help +show this help/);
        expect(r.stdout).toContain('exit codes:');
      }
    },
  );

  it.each(COMMANDS.map((c) => [c.path.join(' ')]))(
    '`chrysalis %s --no-such-flag` prints the usage and exits 2',
    async (name) => {
      const r = await capture(() => main([...name.split(' '), '--no-such-flag']));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`usage: chrysalis ${name}`);
      expect(r.stderr).not.toMatch(/\n +at /); // no stack trace
    },
  );
});

describe('chrysalis: the exit-code table', () => {
  it('maps typed errors to codes in one place', () => {
    expect(exitCodeFor(new CliError('CLI_USAGE', EXIT.USAGE, 'x'))).toBe(2);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'BUNDLE_POLICY_REJECTED' }))).toBe(1);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'CHAIN_REQUEST_FAILED' }))).toBe(4);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(3);
    expect(
      exitCodeFor(new TypeError('fetch failed', { cause: Object.assign(new Error('c'), { code: 'ECONNREFUSED' }) })),
    ).toBe(4);
    expect(exitCodeFor(new Error('a bug'))).toBeUndefined();
  });

  it('3: unreadable input; 4: the chain cannot be reached (cause chain and hint printed, no stack)', async () => {
    const unreadable = await capture(() => main(['attest', 'quote', '/nonexistent/q', '--collateral', '/nonexistent']));
    expect(unreadable.code).toBe(3);
    expect(unreadable.stderr).toMatch(/^chrysalis attest quote: CLI_INPUT_UNREADABLE: cannot read quote/);
    expect(unreadable.stderr).toMatch(/\n  cause: ENOENT: /);

    const log = new Address(0, Buffer.alloc(32, 7)).toString();
    const net = await capture(() =>
      main(['attest', 'admissions', '--endpoint', 'http://127.0.0.1:9/jsonRPC', '--log', log]),
    );
    expect(net.code).toBe(4);
    expect(net.stderr).toMatch(/^chrysalis attest admissions: CHAIN_REQUEST_FAILED: /);
    expect(net.stderr).toContain('  hint: ');
    expect(net.stderr).not.toMatch(/\n +at /);
  });

  it('4: `chat` and `status` without a running devnet say how to start one', async () => {
    for (const cmd of [['chat', 'Hello'], ['status']]) {
      const r = await capture(() => main([...cmd, '--data-dir', '/nonexistent/devnet']));
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('CLI_NO_DEVNET');
      expect(r.stderr).toContain('npm start');
    }
  });

  it('unexpected errors print no stack unless --debug', async () => {
    const { reportError, setDebug } = await import('../../cli/exit');
    const plain = await capture(async () => reportError('x', new Error('boom')));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('unexpected error: boom');
    expect(plain.stderr).not.toMatch(/\n +at /);
    setDebug(true);
    try {
      const dbg = await capture(async () => reportError('x', new Error('boom')));
      expect(dbg.stderr).toMatch(/\n +at /);
    } finally {
      setDebug(false);
    }
  });
});
