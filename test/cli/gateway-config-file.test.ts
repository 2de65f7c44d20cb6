/**
 * `chrysalis gateway --config FILE`: a JSON or YAML file becomes flags placed before the command line's, so a flag
 * given on the command line wins; `models` and `settle` map to `--model` and `--no-settle`; unknown fields and bad
 * values are refused naming the field, and `run()` turns each refusal into a usage error (exit 2).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandGatewayConfig, run } from '../../cli/gateway';
import { EXIT } from '../../cli/exit';
import { ConfigError as FileConfigError } from '../../broker/config';
import { ConfigError, parseGatewayConfig } from '../../sdk/gateway/config';
import { capture } from './helpers';

const HEX_A = 'ab'.repeat(32);
const HEX_B = 'cd'.repeat(32);
const ENV = { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) };

describe('gateway config file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-gateway-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const refusal = (argv: string[]): Error => {
    try {
      expandGatewayConfig(argv);
    } catch (e) {
      expect(e instanceof ConfigError || e instanceof FileConfigError).toBe(true);
      return e as Error;
    }
    throw new Error('not refused');
  };

  it('leaves a command line without --config as it is', () => {
    expect(expandGatewayConfig(['--port', '1'])).toEqual(['--port', '1']);
  });

  it('turns a JSON file into flags before the command line, models and settle included', () => {
    const f = write(
      'g.json',
      JSON.stringify({
        broker: 'http://127.0.0.1:1',
        channel: 'EQ_c',
        registryFile: '/r.json',
        port: 9000,
        models: { tiny: HEX_A, big: HEX_B },
        settle: false,
      }),
    );
    const argv = expandGatewayConfig(['--port', '9100', '--config', f]);
    expect(argv).toEqual([
      '--broker',
      'http://127.0.0.1:1',
      '--channel',
      'EQ_c',
      '--registry-file',
      '/r.json',
      '--port',
      '9000',
      '--model',
      `tiny=${HEX_A}`,
      '--model',
      `big=${HEX_B}`,
      '--no-settle',
      '--port',
      '9100',
    ]);
    const c = parseGatewayConfig(argv, ENV);
    // The command line's --port wins over the file's.
    expect(c).toMatchObject({ port: 9100, models: { tiny: HEX_A, big: HEX_B }, settle: false, channel: 'EQ_c' });
  });

  it('reads YAML (--config=FILE form); settle: true adds nothing; the chain registry fields map to their flags', () => {
    const f = write(
      'g.yaml',
      [
        'broker: http://127.0.0.1:2',
        'channel: EQ_y',
        'registryAddress: EQ_registry',
        'chainApi: http://127.0.0.1:3/jsonRPC',
        'registryRefreshMs: 5000',
        'network: devnet',
        'settle: true',
        `models: { tiny: "${HEX_A}" }`,
      ].join('\n'),
    );
    const argv = expandGatewayConfig([`--config=${f}`, '--network', 'testnet']);
    expect(argv).not.toContain('--no-settle');
    const c = parseGatewayConfig(argv, ENV);
    expect(c).toMatchObject({
      broker: 'http://127.0.0.1:2',
      registryAddress: 'EQ_registry',
      endpoint: 'http://127.0.0.1:3/jsonRPC',
      registryRefreshMs: 5000,
      network: 'testnet',
      settle: true,
      models: { tiny: HEX_A },
    });
  });

  it.each([
    ['an unknown field', 'u.json', '{"apiKey":"secret"}', 'config: apiKey: unknown field'],
    ['a non-scalar value', 'n.json', '{"port":[1]}', 'config: port: must be a string or a number'],
    ['models not an object', 'm.json', '{"models":["tiny"]}', 'config: models:'],
    ['models null', 'm2.yaml', 'models: null', 'config: models:'],
    ['settle not a boolean', 's.json', '{"settle":"no"}', 'config: settle: must be true or false'],
    ['malformed YAML', 'bad.yaml', 'broker: [unclosed', 'is not valid YAML'],
    ['malformed JSON', 'bad.json', '{"broker":', 'is not valid JSON'],
    ['a file that is not an object', 'arr.json', '[1,2]', 'must hold an object'],
  ])('refuses %s naming it', (_what, name, text, message) => {
    expect(refusal(['--config', write(name, text)]).message).toContain(message);
  });

  it('refuses a missing file and a --config without a file', () => {
    expect(refusal(['--config', join(dir, 'nope.json')]).message).toMatch(/^config: cannot read .*nope\.json/);
    expect(refusal(['--config']).message).toBe('--config needs a file');
  });

  it.each([
    ['unk.json', '{"colour":"red"}', 'config: colour: unknown field'],
    ['y.yaml', 'models: [a, b]', 'config: models:'],
    ['missing', '', 'config: cannot read'],
  ])('run() refuses the config file %s with exit 2 and the message', async (name, text, message) => {
    const file = name === 'missing' ? join(dir, 'absent.yaml') : write(name, text);
    const r = await capture(() => run(['--config', file]));
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('chrysalis gateway: usage:');
    expect(r.stderr).toContain(message);
  });

  it('run() applies the file: a valid file missing the channel key still exits 2 naming what is missing', async () => {
    const f = write(
      'nokey.json',
      JSON.stringify({ broker: 'http://127.0.0.1:1', channel: 'EQ_c', registryFile: '/r' }),
    );
    const saved = process.env.CHRYSALIS_CHANNEL_KEY;
    delete process.env.CHRYSALIS_CHANNEL_KEY;
    try {
      const r = await capture(() => run(['--config', f]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--channel-key-file or CHRYSALIS_CHANNEL_KEY is required');
    } finally {
      if (saved !== undefined) process.env.CHRYSALIS_CHANNEL_KEY = saved;
    }
  });
});
