/**
 * The client -> broker channel address is derivable: `clientChannelAddress` (contracts) equals the address of the
 * channel `openChannelFromWallet` actually deploys on the devnet chain, `brokersFromRegistry` derives the same from
 * the Registry read back from the chain, and the broker's ChainChannelDirectory finds it by derivation.
 */
import { Address, toNano } from '@ton/core';
import { TonChainClient } from '../../contracts';
import { clientChannelAddress } from '../../contracts/wrappers/payment-channel';
import { startDevnetChain, type DevnetChain } from '../../devnet/chain';
import { ChainChannelDirectory } from '../../broker/chain';
import { readRegistryFromChain } from '../../cli/registry-source';
import { brokersFromRegistry } from '../../sdk';
import { run } from '../../cli/gateway';
import { capture } from '../cli/helpers';
import { fakeClock, hexId, keyFromSeed, openChannelFromWallet, T0 } from '../broker-chain/helpers';

describe('clientChannelAddress against a deployed channel', () => {
  const broker = keyFromSeed('cca-broker');
  const client = keyFromSeed('cca-client');
  let dev: DevnetChain;
  let chain: TonChainClient;

  beforeAll(async () => {
    dev = await startDevnetChain({
      now: T0,
      images: [hexId('cca-img')],
      platforms: [hexId('cca-plt')],
      models: [{ id: hexId('cca-mdl'), multiplier: 10000 }],
      brokers: [{ key: broker.publicKey, endpoint: 'http://127.0.0.1:9000' }],
      fundWallets: [client.publicKey],
    });
    chain = new TonChainClient({ network: 'devnet', endpoint: dev.url });
  });
  afterAll(async () => {
    await dev?.close();
  });

  it('equals the deployed channel, the registry derivation and the broker directory derivation', async () => {
    const registry = await readRegistryFromChain(chain, dev.registry);
    expect(registry.brokers).toHaveLength(1);
    const payee = Address.parse(registry.brokers[0]!.wallet);
    const closeDelay = registry.params.clientCloseDelay;
    const deployed = await openChannelFromWallet(chain, client, {
      payee,
      deposit: toNano('2'),
      closeDelay,
      code: dev.codes.paymentChannel,
    });
    const derived = clientChannelAddress({ payerKey: client.publicKey, payee, closeDelay });
    expect(derived.equals(deployed)).toBe(true);
    expect(clientChannelAddress({ payerKey: client.publicKey, payee, closeDelay, nonce: 1n }).equals(deployed)).toBe(
      false,
    );

    const { brokers, skipped } = brokersFromRegistry(registry, client.publicKey);
    expect(skipped).toEqual([]);
    expect(brokers).toEqual([{ url: 'http://127.0.0.1:9000', channel: deployed.toString() }]);

    const dir = new ChainChannelDirectory({
      chain,
      brokerWallet: payee,
      clock: fakeClock(),
      derive: { paymentChannelCode: dev.codes.paymentChannel, closeDelay },
    });
    expect(await dir.lookup(client.publicKey)).toMatchObject({ channel: deployed.toString() });
  });

  it('brokersFromRegistry skips entries without an http(s) endpoint or a wallet', () => {
    const wallet = new Address(0, Buffer.alloc(32, 1)).toString();
    const r = brokersFromRegistry(
      {
        brokers: [
          { key: '', wallet, endpoint: 'ws://127.0.0.1:9000' },
          { key: '', wallet: 'not-an-address', endpoint: 'http://b:1' },
          { key: '', wallet, endpoint: 'https://b:2/' },
          { key: '', wallet, endpoint: 'https://b:2' },
        ],
        params: { clientCloseDelay: 86_400 },
      },
      client.publicKey,
    );
    expect(r.brokers.map((b) => b.url)).toEqual(['https://b:2']);
    expect(r.skipped.map((s) => s.why)).toEqual(['endpoint is not an http(s) URL', 'wallet is not a TON address']);
  });

  it('the gateway with --brokers-from-registry uses every registry broker and prints one broker: line each', async () => {
    const ctl = new AbortController();
    const saved = process.env.CHRYSALIS_CHANNEL_KEY;
    process.env.CHRYSALIS_CHANNEL_KEY = '22'.repeat(32);
    try {
      const argv = ['--brokers-from-registry', '--registry-address', dev.registry.toString(), '--chain-api', dev.url];
      const pending = capture(() => run([...argv, '--port', '0', '--no-settle'], { signal: ctl.signal }));
      setTimeout(() => ctl.abort(), 1500);
      const r = await pending;
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('broker: '))).toEqual(['broker: http://127.0.0.1:9000']);
    } finally {
      if (saved === undefined) delete process.env.CHRYSALIS_CHANNEL_KEY;
      else process.env.CHRYSALIS_CHANNEL_KEY = saved;
    }
  });
});
