import { run } from '../../cli/gateway';
import { ConfigError, parseGatewayConfig } from '../../sdk/gateway/config';
import { muteOutputEachTest } from '../cli/helpers';

const base = ['--broker', 'http://127.0.0.1:8080', '--channel', 'EQ_addr', '--registry-file', '/r.json'];

describe('chrysalis gateway configuration', () => {
  muteOutputEachTest();

  it('parses flags with env fallbacks into a frozen config', () => {
    const c = parseGatewayConfig([...base, '--port', '0', '--model', `tiny=${'ab'.repeat(32)}`, '--max-price', '100'], {
      CHRYSALIS_CHANNEL_KEY: '11'.repeat(32),
    });
    expect(c).toMatchObject({
      broker: 'http://127.0.0.1:8080',
      port: 0,
      host: '127.0.0.1',
      models: { tiny: 'ab'.repeat(32) },
      maxPriceNano: 100n,
      settle: true,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it.each([
    [[]],
    [['--broker', 'ftp://x', '--channel', 'c', '--registry-file', 'r']],
    [[...base, '--port', '70000']],
    [[...base, '--model', 'tiny=xyz']],
    [[...base, '--max-price', '-1']],
    [[...base, '--unknown']],
    [['--broker', 'http://127.0.0.1:8080', '--channel', 'c', '--registry', '/r.json']],
    [['--broker', 'http://127.0.0.1:8080', '--channel', 'c', '--registry-address', 'EQ_x']],
  ])('refuses bad flags %j', (argv) => {
    expect(() => parseGatewayConfig(argv, { CHRYSALIS_CHANNEL_KEY: '11'.repeat(32) })).toThrow(ConfigError);
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
