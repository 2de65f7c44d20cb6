/** @jest-environment ./test/worker/ort-environment.js */
/**
 * Committed prices and the cost cap, seen from a broker: a real worker (tiny TEST model on the onnx engine, and an
 * openai-upstream engine on a loopback fake) behind its real broker link, driven by a fake broker over the chrysalis.v1
 * wire. A dispatch at other prices is refused before the request is opened; receipts are always at the committed
 * prices; the cap (sealed `max_cost_nano`, dispatch `maxCostNano`, the lower wins) ends generation with `length`, and
 * a prompt or an upstream usage above it ends with WORKER_BUDGET_EXCEEDED and no receipt.
 */
import { verifyReceipt, type DecodedReceipt } from '../../attestation/receipt';
import { createDevnetIntelPki, type DevnetIntelPki } from '../../devnet/intel';
import { createSimulatedTdx } from '../../devnet/providers';
import { fixedClock } from '../../core/clock';
import { sealRequest } from '../../proto/sealing';
import {
  completionTokenLimit,
  connectBroker,
  createNoGpuProvider,
  createOnnxEngine,
  createOpenAiUpstreamEngine,
  createWorker,
  decodeResponseChunk,
  parseChatRequest,
  promptTokenBound,
  type BrokerLink,
  type GenerateRequest,
  type InferenceEngine,
  type Worker,
} from '../../enclave-runtime';
import { startFakeBroker, type FakeBroker, type Peer } from './fake-broker';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai';
import { tinyModel } from './tiny-model';

const NOW = new Date('2025-06-10T00:00:00Z');
const PROMPT_PRICE = 100n;
const COMPLETION_PRICE = 1000n;
const CHANNEL = `0:${'cd'.repeat(32)}`;
const enc = (o: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(o));

/** What the fake broker saw for one request. */
interface Served {
  readonly chunks: unknown[];
  /** The opened final frame (finish + usage, or error). */
  readonly final: unknown;
  readonly receipt?: DecodedReceipt;
  readonly failed?: string;
}

interface Dispatch {
  promptPriceNano?: bigint;
  completionPriceNano?: bigint;
  maxCostNano?: bigint;
}

let seqNo = 0;
/** Seals `body` to the worker, dispatches it through `peer` and collects every frame until a receipt or a failure. */
async function serve(
  peer: Peer,
  worker: Worker,
  body: unknown,
  d: Dispatch = {},
  sealed?: Uint8Array,
): Promise<Served> {
  const requestId = `q${++seqNo}`;
  const s = sealed ? { sealed, opener: undefined } : await sealRequest(worker.keys.hpkePublicKey, enc(body));
  peer.send({
    request: {
      requestId,
      sealed: s.sealed,
      channel: CHANNEL,
      seq: seqNo,
      promptPriceNano: Number(d.promptPriceNano ?? PROMPT_PRICE),
      completionPriceNano: Number(d.completionPriceNano ?? COMPLETION_PRICE),
      maxCostNano: Number(d.maxCostNano ?? 0n),
    },
  });
  const mine = (f: { msg?: string } & Record<string, unknown>): boolean =>
    (f[f.msg!] as { requestId?: string } | undefined)?.requestId === requestId;
  for (let i = 0; i < 2000; i++) {
    if (peer.frames.some((f) => (f.msg === 'receipt' || f.msg === 'failed') && mine(f as never))) break;
    if (peer.closed) throw new Error('link closed');
    await new Promise((r) => setTimeout(r, 5));
  }
  const frames = peer.frames.filter((f) => mine(f as never));
  peer.frames.splice(0, peer.frames.length, ...peer.frames.filter((f) => !mine(f as never)));
  const chunks: unknown[] = [];
  let final: unknown;
  for (const f of frames.filter((x) => x.msg === 'chunk')) {
    const opened = s.opener!.open(f.chunk!.frame!);
    const c = decodeResponseChunk(opened.data);
    if (opened.final) final = c;
    else chunks.push(c);
  }
  const rc = frames.find((f) => f.msg === 'receipt')?.receipt;
  const failed = frames.find((f) => f.msg === 'failed')?.failed;
  return {
    chunks,
    final,
    ...(rc ? { receipt: verifyReceipt(rc.receipt!, rc.signature!, worker.keys.signingPublicKey) } : {}),
    ...(failed ? { failed: failed.code! } : {}),
  };
}

let pki: DevnetIntelPki;
let broker: FakeBroker;
beforeAll(async () => {
  pki = createDevnetIntelPki({ seed: 'worker-prices-test' });
  broker = await startFakeBroker();
});
afterAll(async () => {
  await broker.close();
});

/** A worker at the test prices, linked and admitted to the fake broker. */
async function linked(engine: InferenceEngine): Promise<{ worker: Worker; link: BrokerLink; peer: Peer }> {
  const worker = await createWorker({
    engine,
    prices: { promptNano: PROMPT_PRICE, completionNano: COMPLETION_PRICE },
    tdx: createSimulatedTdx({ pki }),
    gpu: createNoGpuProvider(),
    clock: fixedClock(NOW),
    reattestIntervalMs: 0,
  });
  const link = connectBroker({ url: broker.url, worker, reconnect: { enabled: false } });
  const peer = await broker.nextPeer();
  await peer.next('hello');
  const admitted = link.admitted();
  peer.send({ challenge: { protocolVersion: 1, challenge: new Uint8Array(32).fill(1) } });
  await peer.next('bundle');
  peer.send({ admission: { ok: true, workerId: 'w', validUntilMs: 1, bundleDigest: new Uint8Array(1) } });
  await admitted;
  return { worker, link, peer };
}

describe('tiny model behind the broker link', () => {
  let engine: InferenceEngine & { encodePrompt(req: GenerateRequest): number[] };
  let worker: Worker;
  let link: BrokerLink;
  let peer: Peer;
  const messages = [{ role: 'user', content: 'Where did the rabbit go?' }];
  /** Prompt tokens of `messages` on the tiny model. */
  let P: bigint;
  beforeAll(async () => {
    engine = await createOnnxEngine({ modelDir: (await tinyModel()).dir });
    ({ worker, link, peer } = await linked(engine));
    P = BigInt(engine.encodePrompt(parseChatRequest(enc({ messages }))).length);
  });
  afterAll(async () => {
    await link.close();
    await worker.close();
    await engine.close();
  });
  const body = (maxCost: bigint | undefined, extra: Record<string, unknown> = {}): unknown => ({
    messages,
    max_tokens: 40,
    seed: 5,
    ignore_eos: true,
    ...(maxCost === undefined ? {} : { max_cost_nano: maxCost.toString() }),
    ...extra,
  });

  test.each<[string, Dispatch]>([
    ['a lower prompt price', { promptPriceNano: PROMPT_PRICE - 1n }],
    ['a higher completion price', { completionPriceNano: COMPLETION_PRICE + 1n }],
    ['no prices at all', { promptPriceNano: 0n, completionPriceNano: 0n }],
  ])('a dispatch naming %s is refused with WORKER_PRICE_MISMATCH: no frame, no receipt', async (_what, d) => {
    const r = await serve(peer, worker, body(10n ** 9n), d);
    expect(r.failed).toBe('WORKER_PRICE_MISMATCH');
    expect(r.receipt).toBeUndefined();
    expect(r.chunks).toHaveLength(0);
    expect(r.final).toBeUndefined();
  });

  test('the price check comes before the request is opened (garbage ciphertext: mismatch, not a seal error)', async () => {
    const junk = new Uint8Array(200).fill(7);
    expect((await serve(peer, worker, undefined, { promptPriceNano: 1n }, junk)).failed).toBe('WORKER_PRICE_MISMATCH');
    expect((await serve(peer, worker, undefined, {}, junk)).failed).toMatch(/^SEAL_/);
  });

  test('the receipt is signed at the committed prices and stays within the cap', async () => {
    const cap = 10n ** 9n;
    const r = await serve(peer, worker, body(cap, { max_tokens: 6 }), { maxCostNano: cap });
    expect(r.failed).toBeUndefined();
    const rc = r.receipt!;
    expect(rc.promptPriceNano).toBe(PROMPT_PRICE);
    expect(rc.completionPriceNano).toBe(COMPLETION_PRICE);
    expect(BigInt(rc.promptTokens)).toBe(P);
    expect(rc.completionTokens).toBe(6);
    expect(rc.amountNano).toBe(PROMPT_PRICE * P + COMPLETION_PRICE * 6n);
    expect(r.final).toEqual({ finish_reason: 'length', usage: { prompt_tokens: Number(P), completion_tokens: 6 } });
  });

  test.each<[string, bigint]>([
    ['3 completion tokens', 3n],
    ['no completion token', 0n],
  ])('a sealed cap that leaves %s ends generation there with `length`', async (_what, n) => {
    const cap = PROMPT_PRICE * P + COMPLETION_PRICE * n + (COMPLETION_PRICE - 1n);
    const r = await serve(peer, worker, body(cap));
    const rc = r.receipt!;
    expect(BigInt(rc.completionTokens)).toBe(n);
    expect(rc.amountNano).toBeLessThanOrEqual(cap);
    expect(rc.amountNano).toBe(PROMPT_PRICE * P + COMPLETION_PRICE * n);
    expect(r.final).toEqual({
      finish_reason: 'length',
      usage: { prompt_tokens: Number(P), completion_tokens: Number(n) },
    });
  });

  test('the lower of the sealed cap and the dispatch reservation applies', async () => {
    const low = PROMPT_PRICE * P + COMPLETION_PRICE * 2n;
    const byDispatch = await serve(peer, worker, body(10n ** 12n), { maxCostNano: low });
    expect(byDispatch.receipt!.completionTokens).toBe(2);
    expect(byDispatch.receipt!.amountNano).toBe(low);
    const bySealed = await serve(peer, worker, body(low), { maxCostNano: 10n ** 12n });
    expect(bySealed.receipt!.completionTokens).toBe(2);
    const dispatchOnly = await serve(peer, worker, body(undefined), { maxCostNano: low });
    expect(dispatchOnly.receipt!.completionTokens).toBe(2);
  });

  test('a prompt that alone costs more than the cap: WORKER_BUDGET_EXCEEDED (sealed error frame), no receipt', async () => {
    const cap = PROMPT_PRICE * P - 1n;
    const r = await serve(peer, worker, body(10n ** 12n), { maxCostNano: cap });
    expect(r.failed).toBe('WORKER_BUDGET_EXCEEDED');
    expect(r.receipt).toBeUndefined();
    expect(r.chunks).toHaveLength(0);
    expect(r.final).toEqual({ error: { code: 'WORKER_BUDGET_EXCEEDED' } });
  });

  test('no cap anywhere: WORKER_RESERVATION_REQUIRED (sealed error frame), no receipt', async () => {
    const r = await serve(peer, worker, body(undefined));
    expect(r.failed).toBe('WORKER_RESERVATION_REQUIRED');
    expect(r.receipt).toBeUndefined();
    expect(r.final).toEqual({ error: { code: 'WORKER_RESERVATION_REQUIRED' } });
  });

  test.each<[string, unknown]>([
    ['a number', 5000],
    ['a negative string', '-1'],
    ['a leading zero', '0100'],
    ['above u64', '18446744073709551616'],
  ])('a sealed max_cost_nano that is %s: ENGINE_REQUEST_INVALID', async (_what, v) => {
    const r = await serve(peer, worker, { messages, max_cost_nano: v }, { maxCostNano: 10n ** 9n });
    expect(r.failed).toBe('ENGINE_REQUEST_INVALID');
    expect(r.receipt).toBeUndefined();
  });
});

describe('openai-upstream behind the broker link', () => {
  const messages = [{ role: 'user', content: 'hi there' }];
  const bound = BigInt(promptTokenBound(parseChatRequest(enc({ messages })).messages));
  const words = ['a', ' b', ' c', ' d', ' e', ' f', ' g', ' h'];
  let fakes: FakeOpenAi[] = [];
  const opened: { worker: Worker; link: BrokerLink }[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map(async (o) => (await o.link.close(), await o.worker.close())));
    await Promise.all(fakes.map((f) => f.close()));
    fakes = [];
  });
  async function upstream(
    opts: Parameters<typeof startFakeOpenAi>[0],
  ): Promise<{ fake: FakeOpenAi; peer: Peer; worker: Worker }> {
    const fake = await startFakeOpenAi({ words, ...opts });
    fakes.push(fake);
    const engine = createOpenAiUpstreamEngine({ baseUrl: fake.url, model: 'm', modelId: new Uint8Array(32).fill(4) });
    const l = await linked(engine);
    opened.push(l);
    return { fake, peer: l.peer, worker: l.worker };
  }

  test('max_tokens upstream is what the cap leaves after the prompt bound; the receipt stays within the cap', async () => {
    const { fake, peer, worker } = await upstream({ promptTokens: 4 });
    const cap = PROMPT_PRICE * bound + COMPLETION_PRICE * 3n;
    const r = await serve(peer, worker, { messages, max_tokens: 50, max_cost_nano: cap.toString() });
    expect((fake.requests[0] as { max_tokens: number }).max_tokens).toBe(3);
    expect(r.final).toEqual({ finish_reason: 'length', usage: { prompt_tokens: 4, completion_tokens: 3 } });
    expect(r.receipt!.amountNano).toBe(PROMPT_PRICE * 4n + COMPLETION_PRICE * 3n);
    expect(r.receipt!.amountNano).toBeLessThanOrEqual(cap);
    // a request below its cap keeps its own max_tokens
    await serve(peer, worker, { messages, max_tokens: 2, max_cost_nano: cap.toString() });
    expect((fake.requests[1] as { max_tokens: number }).max_tokens).toBe(2);
    // a prompt bound above the cap still asks for one token (the usage decides)
    await serve(peer, worker, {
      messages,
      max_tokens: 5,
      max_cost_nano: (PROMPT_PRICE * 4n + COMPLETION_PRICE).toString(),
    });
    expect((fake.requests[2] as { max_tokens: number }).max_tokens).toBe(1);
  });

  test('an upstream whose usage exceeds the cap: WORKER_BUDGET_EXCEEDED, no receipt above the cap', async () => {
    const { peer, worker } = await upstream({ ignoreMaxTokens: true, promptTokens: 4 });
    const cap = PROMPT_PRICE * bound + COMPLETION_PRICE * 3n;
    const r = await serve(peer, worker, { messages, max_cost_nano: cap.toString() });
    expect(r.failed).toBe('WORKER_BUDGET_EXCEEDED');
    expect(r.receipt).toBeUndefined();
    expect(r.final).toEqual({ error: { code: 'WORKER_BUDGET_EXCEEDED' } });
  });

  test('an upstream whose real prompt exceeds the cap: WORKER_BUDGET_EXCEEDED, no receipt', async () => {
    const { peer, worker } = await upstream({ promptTokens: 1000 });
    const r = await serve(peer, worker, { messages, max_cost_nano: (PROMPT_PRICE * bound).toString() });
    expect(r.failed).toBe('WORKER_BUDGET_EXCEEDED');
    expect(r.receipt).toBeUndefined();
  });
});

describe('cost cap arithmetic', () => {
  const cap = (capNano: bigint, completionPriceNano = COMPLETION_PRICE) => ({
    capNano,
    promptPriceNano: PROMPT_PRICE,
    completionPriceNano,
  });
  test('floor((cap - prompt cost) / completion price); free completion tokens: no limit; prompt above: refused', () => {
    expect(completionTokenLimit(cap(10n * PROMPT_PRICE + 2999n), 10)).toBe(2);
    expect(completionTokenLimit(cap(10n * PROMPT_PRICE), 10)).toBe(0);
    expect(completionTokenLimit(cap(10n * PROMPT_PRICE, 0n), 10)).toBeUndefined();
    expect(completionTokenLimit(cap(2n ** 64n - 1n, 1n), 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => completionTokenLimit(cap(10n * PROMPT_PRICE - 1n), 10)).toThrow(
      expect.objectContaining({ code: 'WORKER_BUDGET_EXCEEDED' }),
    );
  });
  test('the prompt bound: UTF-8 bytes + 16 per message + 16', () => {
    expect(promptTokenBound([{ role: 'user', content: 'hé' }])).toBe(3 + 16 + 16);
    expect(promptTokenBound([])).toBe(16);
  });
});
