/**
 * A hostile worker against a REAL broker (chrysalis/broker, real verifyBundle over SIMULATED devnet hardware
 * evidence). The worker owns its attested signing key, so every lying receipt below carries a valid signature: the
 * broker must refuse it on its content (prices committed in the claims, the client's reservation), never charge it,
 * and never charge a request twice.
 */
import { randomBytes } from 'node:crypto';
import { simulateBundle } from '../../devnet';
import type { ModelPrice } from '../../broker';
import {
  CHANNEL,
  HonestClient,
  MODEL_ID,
  REGISTRY_PRICES,
  ed25519Key,
  rawLink,
  signedReceipt,
  startRealBroker,
  type Ed25519Key,
  type Msg,
  type RawLink,
  type RealBroker,
} from './helpers-a2';

/** Committed prices of the hostile worker (below the registry's). */
const COMMITTED: ModelPrice = { promptNano: 10n, completionNano: 20n };
const MAX_COST = 10_000;

interface HostileWorker {
  readonly link: RawLink;
  readonly key: Ed25519Key;
  readonly admission: Msg;
}

/** Dials the broker, answers the challenge with a real (simulated-hardware) bundle committing to `prices`. */
async function admit(b: RealBroker, prices: ModelPrice): Promise<HostileWorker> {
  const key = ed25519Key();
  const link = await rawLink(b.broker.workerUrl);
  link.send({ hello: { protocolVersion: 1, maxConcurrency: 4, workerName: 'hostile' } });
  const ch = await link.next('challenge');
  const built = await simulateBundle({
    challenge: ch.challenge as Uint8Array,
    keys: { hpkePublicKey: new Uint8Array(randomBytes(32)), signingPublicKey: key.publicKey },
    prices,
  });
  link.send({ bundle: { challenge: ch.challenge, bundle: built.encoded } });
  return { link, key, admission: await link.next('admission') };
}

/** One request from an honest client, answered by `answer` (the hostile worker's frames). */
async function serve(
  b: RealBroker,
  w: HostileWorker,
  answer: (req: Msg) => Msg[],
): Promise<{ client: HonestClient; result: Awaited<ReturnType<HonestClient['submit']>>; req: Msg }> {
  const client = new HonestClient();
  b.channels.set(client.keyHex, CHANNEL, 1_000_000_000);
  const pending = client.submit(b.broker.url, { maxCostNano: MAX_COST });
  const req = await w.link.next('request');
  for (const f of answer(req)) w.link.send(f);
  return { client, result: await pending, req };
}

function receiptFor(
  w: HostileWorker,
  req: Msg,
  o: { prices?: ModelPrice; promptTokens?: number; completionTokens?: number; amountNano?: bigint } = {},
): Msg {
  const r = signedReceipt(w.key, {
    sealed: req.sealed as Uint8Array,
    modelId: MODEL_ID,
    promptTokens: o.promptTokens ?? 5,
    completionTokens: o.completionTokens ?? 7,
    prices: o.prices ?? COMMITTED,
    ...(o.amountNano !== undefined ? { amountNano: o.amountNano } : {}),
    seq: BigInt(req.seq as number),
    channel: req.channel as string,
  });
  return { receipt: { requestId: req.requestId, ...r } };
}

const chunk = (req: Msg): Msg => ({ chunk: { requestId: req.requestId, frame: new Uint8Array(randomBytes(40)) } });
const terminal = (frames: Msg[]): string => {
  const last = frames.at(-1)!;
  return last.msg === 'error' ? String((last.error as Msg).code) : String(last.msg);
};

describe('hostile worker vs real broker', () => {
  let b: RealBroker;
  let w: HostileWorker;
  beforeEach(async () => {
    b = await startRealBroker(1_000_000);
  });
  afterEach(async () => {
    await w?.link.close();
    await b.close();
  });

  test('a bundle committing to a price above the registry is refused at admission', async () => {
    w = await admit(b, { promptNano: REGISTRY_PRICES.promptNano + 1n, completionNano: COMMITTED.completionNano });
    expect(w.admission.ok).toBe(false);
    expect(w.admission.code).toBe('BUNDLE_PRICE_ABOVE_REGISTRY');
    await w.link.close();
    w = await admit(b, { promptNano: COMMITTED.promptNano, completionNano: REGISTRY_PRICES.completionNano + 1n });
    expect(w.admission.code).toBe('BUNDLE_PRICE_ABOVE_REGISTRY');
    // at the registry's price exactly: admitted
    await w.link.close();
    w = await admit(b, REGISTRY_PRICES);
    expect(w.admission.ok).toBe(true);
  });

  test('the broker dispatches at the committed prices and charges an honest receipt once', async () => {
    w = await admit(b, COMMITTED);
    expect(w.admission.ok).toBe(true);
    const { client, result, req } = await serve(b, w, (r) => [chunk(r), receiptFor(w, r)]);
    expect([req.promptPriceNano, req.completionPriceNano, req.maxCostNano]).toEqual([10, 20, MAX_COST]);
    expect(terminal(result.frames)).toBe('receipt');
    expect((await b.ledger.getAccount(client.keyHex))!.chargedNano).toBe(10 * 5 + 20 * 7);
  });

  test.each([
    ['a higher prompt price than committed', { prices: { promptNano: 11n, completionNano: 20n } }],
    ['a higher completion price than committed', { prices: { promptNano: 10n, completionNano: 21n } }],
    ['more completion tokens than the reservation allows', { promptTokens: 0, completionTokens: MAX_COST / 20 + 1 }],
    ['an amount that is not prices x tokens', { promptTokens: 0, completionTokens: 0, amountNano: 5_000n }],
  ])('a receipt with %s is refused and not charged', async (_what, lie) => {
    w = await admit(b, COMMITTED);
    const { client, result } = await serve(b, w, (r) => [chunk(r), receiptFor(w, r, lie)]);
    expect(terminal(result.frames)).toBe('BROKER_BAD_RECEIPT');
    expect((await b.ledger.getAccount(client.keyHex))?.chargedNano ?? 0).toBe(0);
  });

  test('a receipt exactly at the reservation is charged (the bound is inclusive, not off by one)', async () => {
    w = await admit(b, COMMITTED);
    const { client, result } = await serve(b, w, (r) => [
      chunk(r),
      receiptFor(w, r, { promptTokens: 0, completionTokens: MAX_COST / 20 }),
    ]);
    expect(terminal(result.frames)).toBe('receipt');
    expect((await b.ledger.getAccount(client.keyHex))!.chargedNano).toBe(MAX_COST);
  });

  test('a second receipt for the same request is not charged twice', async () => {
    w = await admit(b, COMMITTED);
    const { client, result, req } = await serve(b, w, (r) => [chunk(r), receiptFor(w, r), receiptFor(w, r)]);
    expect(terminal(result.frames)).toBe('receipt');
    // and once more after the stream ended, a bigger one
    w.link.send(receiptFor(w, req, { completionTokens: 100 }));
    // a follow-up request through the same link proves the broker processed the stray receipt first
    const second = await serve(b, w, (r) => [chunk(r), receiptFor(w, r)]);
    expect(terminal(second.result.frames)).toBe('receipt');
    expect((await b.ledger.getAccount(client.keyHex))!.chargedNano).toBe(10 * 5 + 20 * 7);
  });
});
