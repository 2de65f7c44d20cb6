import { run } from '../../cli/gateway';
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

  it('requires a channel key', () => {
    expect(() => parseGatewayConfig(base, {})).toThrow(ConfigError);
  });

  it('main exits 2 on bad usage and 0 on --help', async () => {
    await expect(run([])).resolves.toBe(2);
    await expect(run([...base])).resolves.toBe(2); // no key; registry unreadable
    await expect(run(['--help'])).resolves.toBe(0);
  });
});
