/**
 * The pieces every command shares: flag parsing and help layout (cli/flags.ts), the exit-code table and error
 * printing (cli/exit.ts), file input decoding (cli/input.ts), trust files (cli/trust.ts) and registry files and
 * chain reads (cli/registry-source.ts).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { helpText, parseAt, parseCount, parseFlags, required, runCommand, type CommandSpec } from '../../cli/flags';
import { CliError, EXIT, causeLines, exitCodeFor, isDebug, networkError, reportError } from '../../cli/exit';
import { decodeBinaryHexOrBase64, decodeBinaryOrHex, readJsonInput } from '../../cli/input';
import { loadTrust } from '../../cli/trust';
import { trustFileToJson } from '../../attestation/trust-file';
import { INTEL_SGX_ROOT_CA_SHA256 } from '../../attestation/tdx/intel-root';
import { pkis } from '../../devnet/sim-bundle';
import {
  addressFlag,
  chainFor,
  loadRegistry,
  parseRegistryJson,
  readRegistryFromChain,
  toVerifyRegistry,
} from '../../cli/registry-source';
import type { ChainClient } from '../../contracts/chain';
import { capture } from './helpers';
import { thrownCode as codeOf } from '../helpers/codes';

describe('cli/flags', () => {
  const spec = {
    name: 'demo run',
    synopsis: '<in> <out> [options]',
    summary: 'A demonstration command.',
    positionals: [1, 2],
    options: {
      verbose: { type: 'boolean', short: 'v', desc: 'say more' },
      tag: { type: 'string', multiple: true, arg: 'T', desc: 'a repeated tag' },
      mode: { type: 'string', default: 'fast', desc: 'how to run' },
      'a-very-long-option-name-that-overflows': { type: 'string', desc: 'wraps its description' },
      json: { type: 'boolean', desc: 'print JSON' },
    },
    notes: ['A note line.'],
  } as const satisfies CommandSpec;

  it('help: usage line, short flags, placeholders, defaults, wrapped long flags, notes and exit codes', () => {
    const h = helpText(spec);
    expect(h.split('\n')[0]).toBe('usage: chrysalis demo run <in> <out> [options]');
    expect(h).toMatch(/ {2}-v, --verbose +say more/);
    expect(h).toMatch(/ {2}--tag T +a repeated tag/);
    expect(h).toMatch(/ {2}--mode VALUE +how to run \(default fast\)/);
    expect(h).toMatch(/--a-very-long-option-name-that-overflows VALUE\n {4,}wraps its description/);
    expect(h).toContain('\nA note line.\n');
    expect(h).toContain('exit codes:');
  });

  it('parses short, repeated and defaulted flags; counts positionals', () => {
    const p = parseFlags(spec, ['a', '-v', '--tag', 'x', '--tag', 'y']);
    expect(p).not.toBe('help');
    if (p === 'help') return;
    expect(p.values).toEqual({ verbose: true, tag: ['x', 'y'], mode: 'fast' });
    expect(p.positionals).toEqual(['a']);
    expect(parseFlags(spec, ['-h'])).toBe('help');
    expect(codeOf(() => parseFlags(spec, []))).toBe('CLI_USAGE');
    expect(codeOf(() => parseFlags(spec, ['a', 'b', 'c']))).toBe('CLI_USAGE');
    expect(codeOf(() => parseFlags(spec, ['a', '--mode']))).toBe('CLI_USAGE');
  });

  it('runCommand: usage errors name the missing argument and print usage; --json errors also go to stdout', async () => {
    const body = jest.fn(async () => 0);
    const missing = await capture(() => runCommand(spec, ['--json'], body));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing argument: <in>');
    expect(missing.stderr).toContain('usage: chrysalis demo run');
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, code: 'CLI_USAGE', exit: 2 });
    const extra = await capture(() => runCommand(spec, ['a', 'b', 'c'], body));
    expect(extra.stderr).toContain("unexpected argument 'c'");
    expect(body).not.toHaveBeenCalled();
    const thrown = await capture(() =>
      runCommand(spec, ['a', '--json'], async () => {
        throw networkError('no route', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'retry later');
      }),
    );
    expect(thrown.code).toBe(4);
    expect(thrown.stderr).toContain('chrysalis demo run: CLI_NETWORK_UNREACHABLE: no route');
    expect(thrown.stderr).toContain('  cause: ECONNREFUSED: refused');
    expect(thrown.stderr).toContain('  hint: retry later');
    expect(JSON.parse(thrown.stdout)).toMatchObject({ code: 'CLI_NETWORK_UNREACHABLE', exit: 4 });
  });

  it('required, parseAt and parseCount', () => {
    expect(required('x', 'f')).toBe('x');
    expect(codeOf(() => required('', 'f'))).toBe('CLI_USAGE');
    expect(codeOf(() => required(undefined, 'f'))).toBe('CLI_USAGE');
    expect(parseAt(undefined, () => new Date(5)).getTime()).toBe(5);
    expect(parseAt('2025-01-02T03:04:05Z').toISOString()).toBe('2025-01-02T03:04:05.000Z');
    expect(codeOf(() => parseAt('then'))).toBe('CLI_USAGE');
    expect(parseCount(undefined, 'n')).toBeUndefined();
    expect(parseCount('42', 'n')).toBe(42);
    expect(codeOf(() => parseCount('-1', 'n'))).toBe('CLI_USAGE');
    expect(codeOf(() => parseCount('11', 'n', 10))).toBe('CLI_USAGE');
  });
});

describe('cli/exit', () => {
  it('maps socket failures, file errors, typed codes and bugs', () => {
    expect(exitCodeFor(networkError('x'))).toBe(EXIT.NETWORK);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'SDK_TIMEOUT' }))).toBe(EXIT.NETWORK);
    expect(exitCodeFor(new Error('wrapped', { cause: Object.assign(new Error('r'), { code: 'ETIMEDOUT' }) }))).toBe(
      EXIT.NETWORK,
    );
    expect(exitCodeFor(new Error('outer', { cause: new TypeError('fetch failed') }))).toBe(EXIT.NETWORK);
    for (const code of ['EACCES', 'EISDIR', 'ENOTDIR'])
      expect(exitCodeFor(Object.assign(new Error('x'), { code }))).toBe(EXIT.INPUT);
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBeUndefined();
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'lowercase' }))).toBeUndefined();
    expect(exitCodeFor('a string')).toBeUndefined();
  });

  it('causeLines follows the chain once, stops at a cycle, and prints non-Error causes', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = Object.assign(new Error('b'), { code: 'X_Y' }) as Error & { cause?: unknown };
    a.cause = b;
    b.cause = a;
    expect(causeLines(a)).toEqual(['  cause: X_Y: b', '  cause: a']);
    expect(causeLines(new Error('top', { cause: 'plain text' }))).toEqual(['  cause: plain text']);
    expect(causeLines(null)).toEqual([]);
  });

  it('reportError: library codes get their hint; an unexpected error under --json reports UNEXPECTED', async () => {
    const lib = await capture(async () =>
      reportError('attest bundle', Object.assign(new Error('no'), { code: 'BUNDLE_TDX_INVALID' })),
    );
    expect(lib.code).toBe(1);
    expect(lib.stderr).toContain('chrysalis attest bundle: BUNDLE_TDX_INVALID: no');
    expect(lib.stderr).toContain('  hint: the quote did not verify');
    const bug = await capture(async () => reportError('', 'thrown string', { json: true }));
    expect(bug.code).toBe(1);
    expect(bug.stderr).toMatch(/^chrysalis: unexpected error: thrown string/);
    expect(JSON.parse(bug.stdout)).toMatchObject({ ok: false, code: 'UNEXPECTED', exit: 1 });
    const usage = await capture(async () =>
      reportError('x', new CliError('CLI_USAGE', EXIT.USAGE, 'bad', { showUsage: true }), { usage: 'usage: x\n' }),
    );
    expect(usage.stderr).toBe('chrysalis x: usage: bad\n\nusage: x\n');
    expect(isDebug()).toBe(false);
  });
});

describe('cli/input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('readJsonInput: parsed JSON, or CLI_INPUT_UNREADABLE for text that is not JSON', () => {
    writeFileSync(join(dir, 'ok.json'), '{"a":1}');
    writeFileSync(join(dir, 'bad.json'), '{a:1}');
    expect(readJsonInput(join(dir, 'ok.json'), 'thing')).toEqual({ a: 1 });
    expect(codeOf(() => readJsonInput(join(dir, 'bad.json'), 'thing'))).toBe('CLI_INPUT_UNREADABLE');
    expect(codeOf(() => readJsonInput(join(dir, 'missing.json'), 'thing'))).toBe('CLI_INPUT_UNREADABLE');
  });

  it('decodes hex (with 0x and whitespace), base64, and leaves binary alone', () => {
    const bin = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
    const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
    expect([...decodeBinaryOrHex(enc('0xDE AD\nbe ef\n'))]).toEqual([...bin]);
    expect(decodeBinaryOrHex(bin)).toBe(bin);
    expect([...decodeBinaryHexOrBase64(enc('3q2+7w==\n'))]).toEqual([...bin]);
    expect([...decodeBinaryHexOrBase64(enc('deadbeef'))]).toEqual([...bin]);
    expect(decodeBinaryHexOrBase64(bin)).toBe(bin);
    const blank = enc('   ');
    expect(decodeBinaryHexOrBase64(blank)).toBe(blank);
    const pad = enc('====');
    expect(decodeBinaryHexOrBase64(pad)).toBe(pad);
  });
});

describe('cli/trust', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-trust-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('no flag: nothing; a devnet file: SIMULATED roots added to the pinned Intel root; an NVIDIA-only file: no quote roots', () => {
    expect(loadTrust(undefined)).toBeUndefined();
    const { intel, nvidia } = pkis();
    writeFileSync(
      join(dir, 'devnet.json'),
      trustFileToJson({ kind: 'devnet', intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust }),
    );
    const t = loadTrust(join(dir, 'devnet.json'))!;
    expect(t.simulated).toBe(true);
    expect(t.allowedRoots?.[0]).toBe(INTEL_SGX_ROOT_CA_SHA256);
    expect(t.allowedRoots).toHaveLength(2);
    writeFileSync(join(dir, 'gpu-only.json'), trustFileToJson({ kind: 'devnet', nvidia: nvidia.trust }));
    expect(loadTrust(join(dir, 'gpu-only.json'))!.allowedRoots).toBeUndefined();
    expect(codeOf(() => loadTrust(join(dir, 'missing.json')))).toBe('CLI_INPUT_UNREADABLE');
  });
});

describe('cli/registry-source', () => {
  const ID = 'ab'.repeat(32);
  const good = {
    version: '4',
    images: [ID.toUpperCase()],
    platforms: [ID],
    models: [{ id: ID, multiplier: '15000' }],
    params: {
      promptPricePerToken: 1000,
      completionPricePerToken: '3001',
      brokerFeeBps: 100,
      minBrokerStake: '10',
      minClientDeposit: '1',
      clientCloseDelay: 60,
      workerCloseDelay: '60',
    },
    brokers: [{ key: 'k', wallet: 'w', endpoint: 'http://b' }, null],
    attestationLog: 'EQlog',
  };
  const parse = (o: unknown): ReturnType<typeof parseRegistryJson> => parseRegistryJson(JSON.stringify(o), 'r.json');
  const refusal = (o: unknown): string | undefined => codeOf(() => parse(o));

  it('reads the `contracts registry` shape: numbers as strings or numbers, ids lowercased, brokers filled in', () => {
    const r = parse(good);
    expect(r.version).toBe(4);
    expect(r.images).toEqual([ID]);
    expect(r.models).toEqual([{ id: ID, multiplier: 15000 }]);
    expect(r.params.promptPricePerToken).toBe(1000n);
    expect(r.params.completionPricePerToken).toBe(3001n);
    expect(r.params.workerCloseDelay).toBe(60);
    // Each model's prices: base x multiplier / 10000, rounded up; passed on to verifyBundle.
    expect(r.modelPrices).toEqual({ [ID]: { promptNano: 1500n, completionNano: 4502n } });
    expect(toVerifyRegistry(r).modelPrices).toEqual(r.modelPrices);
    expect(toVerifyRegistry(r).modelIds).toEqual([ID]);
    expect(r.brokers).toEqual([
      { key: 'k', wallet: 'w', endpoint: 'http://b' },
      { key: '', wallet: '', endpoint: '' },
    ]);
    expect(r.attestationLog).toBe('EQlog');
    expect(r.address).toBeNull();
    const { brokers: _b, attestationLog: _a, ...bare } = good;
    expect(parse(bare).brokers).toEqual([]);
    expect(parse(bare).attestationLog).toBeNull();
  });

  it('accepts the modelPrices the dump prints when they match params and multipliers', () => {
    const modelPrices = { [ID.toUpperCase()]: { promptNano: '1500', completionNano: '4502' } };
    expect(parse({ ...good, modelPrices }).modelPrices).toEqual({ [ID]: { promptNano: 1500n, completionNano: 4502n } });
  });

  it.each<[string, unknown]>([
    ['an array', [good]],
    [
      'the single price of old registries',
      { ...good, params: { ...good.params, completionPricePerToken: undefined, pricePerToken: 1 } },
    ],
    ['modelPrices not an object', { ...good, modelPrices: [] }],
    ['modelPrices missing a model', { ...good, modelPrices: {} }],
    [
      'modelPrices naming another model',
      { ...good, modelPrices: { ['cd'.repeat(32)]: { promptNano: '1500', completionNano: '4502' } } },
    ],
    [
      'a modelPrices price as a number',
      { ...good, modelPrices: { [ID]: { promptNano: 1500, completionNano: '4502' } } },
    ],
    [
      'a modelPrices price edited by hand',
      { ...good, modelPrices: { [ID]: { promptNano: '1', completionNano: '4502' } } },
    ],
    ['a modelPrices entry that is null', { ...good, modelPrices: { [ID]: null } }],
    ['a bare allowlist', { imageIds: [], platformIds: [], modelIds: [] }],
    ['no params', { ...good, params: undefined }],
    ['models not a list', { ...good, models: {} }],
    ['a model id that is not 64 hex', { ...good, models: [{ id: 'ab', multiplier: 1 }] }],
    ['a negative multiplier', { ...good, models: [{ id: ID, multiplier: -1 }] }],
    ['a null model', { ...good, models: [null] }],
    ['images that are not ids', { ...good, images: ['xyz'] }],
    ['platforms not a list', { ...good, platforms: ID }],
    ['a fractional price', { ...good, params: { ...good.params, promptPricePerToken: 1.5 } }],
    ['a negative completion price', { ...good, params: { ...good.params, completionPricePerToken: '-1' } }],
    ['a negative stake', { ...good, params: { ...good.params, minBrokerStake: '-5' } }],
    ['a delay as text', { ...good, params: { ...good.params, clientCloseDelay: 'soon' } }],
    ['a version as text', { ...good, version: 'v3' }],
  ])('refuses %s (CLI_REGISTRY_FILE_INVALID)', (_name, o) => {
    expect(refusal(o)).toBe('CLI_REGISTRY_FILE_INVALID');
  });

  it('refuses text that is not JSON', () => {
    expect(codeOf(() => parseRegistryJson('{', 'r.json'))).toBe('CLI_REGISTRY_FILE_INVALID');
  });

  it('flags: a bad address and a bad or missing --endpoint are usage errors; neither registry flag may be fine', async () => {
    expect(codeOf(() => addressFlag('not-an-address', 'log'))).toBe('CLI_USAGE');
    expect(codeOf(() => chainFor(undefined))).toBe('CLI_USAGE');
    expect(chainFor('http://127.0.0.1:1/jsonRPC')).toBeDefined();
    await expect(loadRegistry({}, false)).resolves.toBeUndefined();
    await expect(loadRegistry({}, true)).rejects.toMatchObject({ code: 'CLI_USAGE' });
    await expect(
      loadRegistry({ 'registry-address': 'not-an-address', endpoint: 'http://127.0.0.1:1/jsonRPC' }, true),
    ).rejects.toMatchObject({ code: 'CLI_USAGE' });
  });

  it('readRegistryFromChain: an active contract that is no Registry is CLI_NOT_A_REGISTRY; other errors pass through', async () => {
    const address = new Address(0, Buffer.alloc(32, 3));
    const stub = (readRegistry: () => Promise<never>): ChainClient =>
      ({ getAccountState: async () => 'active', readRegistry }) as unknown as ChainClient;
    const chainFailure = Object.assign(new Error('exit code 11'), { code: 'CHAIN_REQUEST_FAILED' });
    await expect(
      readRegistryFromChain(
        stub(async () => {
          throw chainFailure;
        }),
        address,
      ),
    ).rejects.toMatchObject({ code: 'CLI_NOT_A_REGISTRY', exitCode: EXIT.REJECTED, cause: chainFailure });
    const other = Object.assign(new Error('timeout'), { code: 'CHAIN_TIMEOUT' });
    await expect(
      readRegistryFromChain(
        stub(async () => {
          throw other;
        }),
        address,
      ),
    ).rejects.toBe(other);
    const frozen = { getAccountState: async () => 'frozen' } as unknown as ChainClient;
    await expect(readRegistryFromChain(frozen, address)).rejects.toMatchObject({ code: 'CLI_CONTRACT_NOT_FOUND' });
  });
});
