import { compileContract } from '../../contracts/wrappers/compile';
import { paymentChannelCode, paymentChannelCodeHash } from '../../contracts/wrappers/payment-channel';
import { modelPrice, registryModelPrices } from '../../contracts/pricing';
import { configWithGlobalId, globalIdOfConfig } from '../../contracts/wrappers/codec';
import { NETWORK_GLOBAL_ID } from '../../contracts/constants';
import { newChain } from './helpers';

describe('paymentChannelCodeHash', () => {
  it('is the hash of the code compiled from contracts/tolk (the committed BoC is not stale)', async () => {
    const compiled = await compileContract('payment_channel');
    const fresh = compiled.toBoc().toString('base64');
    // On failure: paste `fresh` into contracts/wrappers/payment-channel-code.ts.
    expect({
      hash: Buffer.from(paymentChannelCodeHash()).toString('hex'),
      boc: paymentChannelCode().toBoc().toString('base64'),
    }).toEqual({
      hash: compiled.hash().toString('hex'),
      boc: fresh,
    });
    expect(paymentChannelCodeHash()).toHaveLength(32);
  });
});

describe('modelPrice', () => {
  const base = { promptPricePerToken: 1000n, completionPricePerToken: 3001n };
  it('scales both base prices by the multiplier (10000 = 1x), rounding up', () => {
    expect(modelPrice(base, 10000)).toEqual({ promptNano: 1000n, completionNano: 3001n });
    expect(modelPrice(base, 15000)).toEqual({ promptNano: 1500n, completionNano: 4502n }); // 4501.5 -> 4502
    expect(modelPrice(base, 1)).toEqual({ promptNano: 1n, completionNano: 1n });
    expect(modelPrice(base, 0)).toEqual({ promptNano: 0n, completionNano: 0n });
    expect(modelPrice({ promptPricePerToken: 0n, completionPricePerToken: 0n }, 30000)).toEqual({
      promptNano: 0n,
      completionNano: 0n,
    });
  });
  it('refuses a negative or fractional multiplier and negative prices', () => {
    expect(() => modelPrice(base, -1)).toThrow(RangeError);
    expect(() => modelPrice(base, 1.5)).toThrow(RangeError);
    expect(() => modelPrice({ ...base, completionPricePerToken: -1n }, 10000)).toThrow(RangeError);
  });
  it('registryModelPrices keys every model by lowercase hex id', () => {
    const id = 'AB'.repeat(32);
    expect(registryModelPrices(base, [{ id, multiplier: 20000 }])).toEqual({
      [id.toLowerCase()]: { promptNano: 2000n, completionNano: 6002n },
    });
  });
});

describe('configWithGlobalId', () => {
  it('sets, replaces and removes config param 19, keeping every other param', async () => {
    const bc = await newChain();
    const base = bc.config;
    expect(globalIdOfConfig(base)).toBe(NETWORK_GLOBAL_ID.mainnet); // @ton/sandbox's default config
    const devnet = configWithGlobalId(base, NETWORK_GLOBAL_ID.devnet);
    expect(globalIdOfConfig(devnet)).toBe(-4242);
    const none = configWithGlobalId(devnet, null);
    expect(globalIdOfConfig(none)).toBeNull();
    expect(configWithGlobalId(none, NETWORK_GLOBAL_ID.mainnet).hash().equals(base.hash())).toBe(true);
  });
});
