/** The SDK clients the SDK and gateway suites drive against `FakeBroker`s: the test channels, key, verifier and model. */
import { Address } from '@ton/core';
import {
  ChrysalisClient,
  MultiBrokerClient,
  SdkError,
  tonVoucherSigner,
  type MultiBrokerClientOptions,
  type VoucherStore,
} from '../../sdk';
import {
  CHANNEL,
  CLIENT_SEED,
  FakeBroker,
  GLOBAL_ID,
  MODEL_HEX,
  MODEL_PRICES,
  NOW,
  makeTestWorker,
  testBundleVerifier,
} from './fixtures';

/** The channel a second broker is paid through (the first one uses `CHANNEL`). */
export const CHANNEL2 = new Address(0, Buffer.alloc(32, 8)).toString();

/** What every test client shares: the test key, verifier, prices and model, a fixed clock, no listing cache. */
export function testClientOptions() {
  return {
    channelKey: CLIENT_SEED,
    bundleVerifier: testBundleVerifier(),
    modelPrices: MODEL_PRICES,
    models: { tiny: MODEL_HEX },
    now: () => NOW,
    listingTtlMs: 0,
  };
}

/** Options that make a client pay with vouchers signed by the test key, kept in `store`. */
export function payingOptions(store: VoucherStore) {
  return {
    globalId: GLOBAL_ID,
    voucherSigner: tonVoucherSigner(CLIENT_SEED, { globalId: GLOBAL_ID }),
    voucherStore: store,
  };
}

export function testClient(
  broker: FakeBroker,
  extra: Partial<ConstructorParameters<typeof ChrysalisClient>[0]> = {},
): ChrysalisClient {
  return new ChrysalisClient({ broker: broker.url, channel: CHANNEL, ...testClientOptions(), ...extra });
}

/** Two started brokers, one worker each, paid through `CHANNEL` and `CHANNEL2`. */
export async function startTwoBrokers(): Promise<[FakeBroker, FakeBroker]> {
  const b1 = await new FakeBroker().start();
  const b2 = await new FakeBroker().start();
  b1.channel = CHANNEL;
  b2.channel = CHANNEL2;
  b1.workers = [await makeTestWorker()];
  b2.workers = [await makeTestWorker()];
  return [b1, b2];
}

/** A MultiBrokerClient over `b1` (paid through `CHANNEL`) and `b2` (through `CHANNEL2`). */
export function testMultiClient(
  b1: FakeBroker,
  b2: FakeBroker,
  extra: Partial<MultiBrokerClientOptions> = {},
): MultiBrokerClient {
  return new MultiBrokerClient({
    brokers: [
      { url: b1.url, channel: CHANNEL },
      { url: b2.url, channel: CHANNEL2 },
    ],
    ...testClientOptions(),
    ...extra,
  });
}

/** The SdkError `p` rejects with (fails the test when it resolves or rejects with anything else). */
export async function failure(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SdkError);
    return e as SdkError;
  }
  throw new Error('expected a rejection');
}
