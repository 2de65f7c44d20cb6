import { ChrysalisClient, SdkError, type ChatStreamEvent } from '../../sdk';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { verifyReceipt } from '../../attestation/receipt';
import { encodeSubmitSigningMessage } from '../../proto/submit-signing';
import {
  CHANNEL,
  CLIENT_SEED,
  FakeBroker,
  MODEL_HEX,
  MODEL_PRICES,
  NOW,
  REGISTRY_PRICES,
  WORKER_PRICES,
  answerFor,
  makeTestWorker,
  tamperBundle,
  testBundleVerifier,
  type TestWorker,
} from './fixtures';
import { testClient as client } from './test-client';

const PROMPT = 'the quick brown fox';
const req = { model: 'tiny', messages: [{ role: 'user' as const, content: PROMPT }] };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SdkError);
    return (e as SdkError).code;
  }
  throw new Error('expected a rejection');
}

describe('ChrysalisClient against a broker speaking the documented HTTP API (real sealing and receipts)', () => {
  let broker: FakeBroker;
  let w1: TestWorker;
  beforeEach(async () => {
    broker = await new FakeBroker().start();
    w1 = await makeTestWorker();
    broker.workers = [w1];
  });
  afterEach(async () => {
    await broker.stop();
  });

  it('chat(): opens the sealed answer and returns it with a receipt verifiable under the attested key', async () => {
    const c = client(broker);
    const r = await c.chat(req);
    expect(r.content).toBe(answerFor(PROMPT).join(''));
    expect(r.usage).toEqual({ promptTokens: 4, completionTokens: answerFor(PROMPT).length });
    expect(r.worker.modelId).toBe(MODEL_HEX);
    expect(r.worker.workerKey).toBe(Buffer.from(w1.signing.publicKey).toString('hex'));
    expect(r.receipt.seq).toBe(1n);
    expect(r.costNano).toBe(BigInt(4 + answerFor(PROMPT).length) * 100n);
    expect(r.receipt).toMatchObject({ promptPriceNano: 100n, completionPriceNano: 100n, amountNano: r.costNano });
    // The reservation: 100 x (19 prompt bytes + 16 + 16) + 100 x 1024 (default max tokens), sealed and sent.
    expect(r.maxCostNano).toBe(100n * (19n + 32n) + 100n * 1024n);
    expect(broker.log.opened[0]).toMatchObject({ max_cost_nano: r.maxCostNano.toString() });
    expect(BigInt(broker.log.requests[0]!.submit.maxCostNano)).toBe(r.maxCostNano);
    expect(() => verifyReceipt(r.receipt.bytes, r.receipt.signature, w1.signing.publicKey)).not.toThrow();
    // The broker only ever saw ciphertext.
    const needle = Buffer.from('quick brown');
    for (const b of broker.log.bodies) expect(Buffer.from(b).includes(needle)).toBe(false);
  });

  it('signs the v3 submit message: sealed digest, nonce, channel, model, worker, max prices and max cost', async () => {
    const c = client(broker);
    await c.chat(req, { maxPrice: { promptNano: 120n } });
    const s = broker.log.requests[0]!.submit;
    const key = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(s.clientKey)]),
      format: 'der',
      type: 'spki',
    });
    const fields = {
      sealedDigest: createHash('sha256').update(s.sealed).digest(),
      nonce: s.nonce,
      channel: s.channel,
      modelId: s.modelId,
      workerId: s.workerId,
      maxPromptPriceNano: Number(s.maxPromptPriceNano),
      maxCompletionPriceNano: Number(s.maxCompletionPriceNano),
      maxCostNano: Number(s.maxCostNano),
    };
    // The cap: the registry price, lowered (prompt only) by the request's option.
    expect(fields).toMatchObject({
      channel: CHANNEL,
      workerId: w1.workerId,
      maxPromptPriceNano: 120,
      maxCompletionPriceNano: Number(REGISTRY_PRICES.completionNano),
    });
    expect(verify(null, encodeSubmitSigningMessage(fields), key, s.signature)).toBe(true);
    expect(verify(null, encodeSubmitSigningMessage({ ...fields, maxPromptPriceNano: 121 }), key, s.signature)).toBe(
      false,
    );
    expect(
      verify(null, encodeSubmitSigningMessage({ ...fields, maxCostNano: fields.maxCostNano + 1 }), key, s.signature),
    ).toBe(false);
    expect(verify(null, encodeSubmitSigningMessage({ ...fields, workerId: '' }), key, s.signature)).toBe(false);
    expect(verify(null, Buffer.concat([fields.sealedDigest, s.nonce]), key, s.signature)).toBe(false); // not the v1 form
  });

  it('stream(): yields deltas in order, then done with the verified result', async () => {
    const events: ChatStreamEvent[] = [];
    const s = client(broker).stream(req);
    for await (const ev of s) events.push(ev);
    const deltas = events.filter((e) => e.type === 'delta').map((e) => (e as { text: string }).text);
    expect(deltas).toEqual(answerFor(PROMPT));
    expect(events[events.length - 1]?.type).toBe('done');
    await expect(s.result).resolves.toMatchObject({ content: answerFor(PROMPT).join('') });
  });

  it('honours max_tokens and reports finish reason length', async () => {
    const r = await client(broker).chat({ ...req, max_tokens: 2 });
    expect(r.finishReason).toBe('length');
    expect(r.usage.completionTokens).toBe(2);
  });

  it('refuses a tampered bundle (SDK_BUNDLE_INVALID) and never submits to it', async () => {
    w1.bundle = tamperBundle(w1.bundle);
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_BUNDLE_INVALID');
    expect(broker.log.requests).toHaveLength(0);
  });

  it('skips a worker whose bundle fails and uses one that verifies', async () => {
    const w2 = await makeTestWorker();
    w1.bundle = tamperBundle(w1.bundle);
    broker.workers = [w1, w2];
    const r = await client(broker).chat(req);
    expect(r.worker.workerId).toBe(w2.workerId);
  });

  it('refuses a worker whose advertised model is not allowed by its own verification policy', async () => {
    const c = new ChrysalisClient({
      broker: broker.url,
      channel: CHANNEL,
      channelKey: CLIENT_SEED,
      bundleVerifier: testBundleVerifier(['00'.repeat(32)]),
      modelPrices: MODEL_PRICES,
      models: { tiny: MODEL_HEX },
      now: () => NOW,
    });
    expect(await codeOf(c.chat(req))).toBe('SDK_BUNDLE_INVALID');
  });

  it('refuses a receipt signed by another key (SDK_RECEIPT_INVALID)', async () => {
    broker.modes = ['wrong-key-receipt'];
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_RECEIPT_INVALID');
  });

  it('refuses a receipt whose token counts differ from the sealed usage (SDK_RECEIPT_MISMATCH)', async () => {
    broker.modes = ['inflate-tokens'];
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_RECEIPT_MISMATCH');
  });

  it('refuses a truncated stream (SDK_STREAM_TRUNCATED)', async () => {
    broker.modes = ['truncate'];
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_STREAM_TRUNCATED');
  });

  it('refuses an answer without a receipt (SDK_RECEIPT_MISSING)', async () => {
    broker.modes = ['no-receipt'];
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_RECEIPT_MISSING');
  });

  it('refuses a tampered sealed frame (SDK_STREAM_CORRUPT)', async () => {
    broker.modes = ['tamper-frame'];
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_STREAM_CORRUPT');
  });

  it('reports a worker failure carried in the sealed final frame (SDK_WORKER_FAILED)', async () => {
    broker.modes = ['worker-error'];
    expect(await codeOf(client(broker).chat(req))).toBe('SDK_WORKER_FAILED');
  });

  it('retries once after a worker is lost before its first chunk', async () => {
    broker.modes = ['lost-before-first'];
    const r = await client(broker).chat(req);
    expect(r.content).toBe(answerFor(PROMPT).join(''));
    expect(broker.log.requests).toHaveLength(2);
  });

  it('re-verifies after key rotation and retries once', async () => {
    const c = client(broker, { listingTtlMs: 60_000 });
    await c.chat(req);
    expect(c.cacheStats.misses).toBe(1);
    // The worker rotates its HPKE key and re-attests (new bundle, same worker id); the client still holds the old
    // listing, seals to the old key, the worker cannot open it (not charged), the client re-lists and retries once.
    const rotated = await makeTestWorker();
    w1.hpke = rotated.hpke;
    w1.signing = rotated.signing;
    w1.bundle = rotated.bundle;
    const r = await c.chat(req);
    expect(r.content).toBe(answerFor(PROMPT).join(''));
    expect(r.worker.workerKey).toBe(Buffer.from(rotated.signing.publicKey).toString('hex'));
    expect(c.cacheStats.misses).toBe(2);
    expect(broker.log.requests).toHaveLength(3);
  });

  it('fails with SDK_NO_WORKER when no worker serves the model within the price', async () => {
    expect(await codeOf(client(broker).chat({ ...req, model: 'other' }))).toBe('SDK_NO_WORKER');
    expect(await codeOf(client(broker, { maxPrice: { promptNano: 99n } }).chat(req))).toBe('SDK_NO_WORKER');
    expect(await codeOf(client(broker).chat(req, { maxPrice: { completionNano: 99n } }))).toBe('SDK_NO_WORKER');
    expect(broker.log.requests).toHaveLength(0);
  });

  it('fails with SDK_BROKER_UNREACHABLE when nothing listens', async () => {
    const url = broker.url;
    await broker.stop();
    const c = new ChrysalisClient({
      broker: url,
      channel: CHANNEL,
      channelKey: CLIENT_SEED,
      bundleVerifier: testBundleVerifier(),
      now: () => NOW,
    });
    expect(await codeOf(c.chat(req))).toBe('SDK_BROKER_UNREACHABLE');
    broker = await new FakeBroker().start();
  });

  it('caches verification by bundle digest', async () => {
    const c = client(broker);
    await c.chat(req);
    await c.chat(req);
    expect(c.cacheStats).toEqual({ hits: 1, misses: 1, failures: 0 });
  });

  it('validates requests and configuration with typed codes', async () => {
    const c = client(broker);
    expect(await codeOf(c.chat({ model: 'tiny', messages: [] }))).toBe('SDK_REQUEST_INVALID');
    expect(() => new ChrysalisClient({ broker: broker.url, channel: CHANNEL, channelKey: CLIENT_SEED })).toThrow(
      SdkError,
    );
    expect(
      () =>
        new ChrysalisClient({
          broker: 'ftp://x',
          channel: CHANNEL,
          channelKey: CLIENT_SEED,
          bundleVerifier: testBundleVerifier(),
        }),
    ).toThrow(expect.objectContaining({ code: 'SDK_CONFIG_INVALID' }));
  });

  it('lists models served by verified workers', async () => {
    const models = await client(broker).models();
    expect(models).toEqual([{ id: 'tiny', modelId: MODEL_HEX, workers: 1, prices: WORKER_PRICES }]);
  });
});
