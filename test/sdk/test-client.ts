/** The SDK client the SDK and gateway suites drive against a `FakeBroker`: the test channel, key, verifier and model. */
import { ChrysalisClient } from '../../sdk';
import { CHANNEL, CLIENT_SEED, type FakeBroker, MODEL_HEX, MODEL_PRICES, NOW, testBundleVerifier } from './fixtures';

export function testClient(
  broker: FakeBroker,
  extra: Partial<ConstructorParameters<typeof ChrysalisClient>[0]> = {},
): ChrysalisClient {
  return new ChrysalisClient({
    broker: broker.url,
    channel: CHANNEL,
    channelKey: CLIENT_SEED,
    bundleVerifier: testBundleVerifier(),
    modelPrices: MODEL_PRICES,
    models: { tiny: MODEL_HEX },
    now: () => NOW,
    listingTtlMs: 0,
    ...extra,
  });
}
