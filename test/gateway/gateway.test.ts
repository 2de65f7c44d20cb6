import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../../sdk/gateway';
import { verifyReceipt, decodeReceipt } from '../../attestation/receipt';
import { FakeBroker, MODEL_HEX, answerFor, makeTestWorker, tamperBundle, type TestWorker } from '../sdk/fixtures';
import { testClient } from '../sdk/test-client';

const PROMPT = 'hello confidential world';
const ANSWER = answerFor(PROMPT).join('');

describe('OpenAI-compatible gateway: the official openai client, unchanged', () => {
  let broker: FakeBroker;
  let worker: TestWorker;
  let gw: RunningGateway;
  let openai: OpenAI;

  beforeEach(async () => {
    broker = await new FakeBroker().start();
    worker = await makeTestWorker();
    broker.workers = [worker];
    const client = testClient(broker);
    gw = await startGateway({ client, port: 0, host: '127.0.0.1' });
    openai = new OpenAI({ baseURL: gw.url, apiKey: 'not-needed', maxRetries: 0 });
  });
  afterEach(async () => {
    await gw.close();
    await broker.stop();
  });

  it('serves a non-streaming chat completion with the receipt in headers and the chrysalis field', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'tiny', messages: [{ role: 'user', content: PROMPT }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toBe(ANSWER);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: answerFor(PROMPT).length,
      total_tokens: 3 + answerFor(PROMPT).length,
    });
    const ext = (data as unknown as { chrysalis: Record<string, string> }).chrysalis;
    expect(ext.modelId).toBe(MODEL_HEX);
    expect(ext.workerKey).toBe(Buffer.from(worker.signing.publicKey).toString('hex'));
    expect(response.headers.get('x-chrysalis-model-id')).toBe(MODEL_HEX);
    expect(response.headers.get('x-chrysalis-image-id')).toBe(ext.imageId);
    const receipt = Buffer.from(response.headers.get('x-chrysalis-receipt') ?? '', 'base64');
    const sig = Buffer.from(response.headers.get('x-chrysalis-signature') ?? '', 'base64');
    expect(receipt.toString('base64')).toBe(ext.receipt);
    const r = verifyReceipt(receipt, sig, worker.signing.publicKey);
    expect(r.completionTokens).toBe(answerFor(PROMPT).length);
    expect(ext).toMatchObject({
      promptPriceNano: '100',
      completionPriceNano: '100',
      costNano: r.amountNano.toString(),
    });
    expect(BigInt(ext.maxCostNano!) >= r.amountNano).toBe(true);
  });

  it('streams a chat completion in OpenAI chunk format, ending with the receipt and [DONE]', async () => {
    const stream = await openai.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const ch of stream) chunks.push(ch);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]?.id)).toBe(true);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(ANSWER);
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks[chunks.length - 1]!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBe(answerFor(PROMPT).length);
    const ext = (last as unknown as { chrysalis: { receipt: string; signature: string; workerKey: string } }).chrysalis;
    const r = decodeReceipt(Buffer.from(ext.receipt, 'base64'));
    expect(Buffer.from(r.workerKey).toString('hex')).toBe(ext.workerKey);
    expect(() =>
      verifyReceipt(Buffer.from(ext.receipt, 'base64'), Buffer.from(ext.signature, 'base64'), worker.signing.publicKey),
    ).not.toThrow();
  });

  it('puts the chrysalis field on the finish chunk when usage is not requested', async () => {
    const stream = await openai.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    const chunks: unknown[] = [];
    for await (const ch of stream) chunks.push(ch);
    const last = chunks[chunks.length - 1] as { choices: { finish_reason: string }[]; chrysalis?: { modelId: string } };
    expect(last.choices[0]?.finish_reason).toBe('stop');
    expect(last.chrysalis?.modelId).toBe(MODEL_HEX);
  });

  it('serves /v1/completions, streaming and not', async () => {
    const c = await openai.completions.create({ model: 'tiny', prompt: PROMPT });
    expect(c.object).toBe('text_completion');
    expect(c.choices[0]?.text).toBe(ANSWER);
    const s = await openai.completions.create({ model: 'tiny', prompt: PROMPT, stream: true });
    let text = '';
    for await (const ch of s) text += ch.choices[0]?.text ?? '';
    expect(text).toBe(ANSWER);
  });

  it('lists and retrieves models', async () => {
    const list = await openai.models.list();
    expect(list.data.map((m) => m.id)).toEqual(['tiny']);
    const m = await openai.models.retrieve('tiny');
    expect(m.owned_by).toBe('chrysalis');
    // Each model's prices (nanotons per token, decimal strings): the lowest its verified workers commit to.
    expect((m as unknown as { pricing: unknown }).pricing).toEqual({
      prompt_nano_per_token: '100',
      completion_nano_per_token: '100',
    });
    await expect(openai.models.retrieve('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('returns OpenAI-shaped errors with stable codes', async () => {
    await expect(openai.chat.completions.create({ model: 'tiny', messages: [] })).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
    });
    await expect(
      openai.chat.completions.create({ model: 'unknown', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'SDK_NO_WORKER',
    });
    worker.bundle = tamperBundle(worker.bundle);
    await expect(
      openai.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({
      status: 502,
      code: 'SDK_BUNDLE_INVALID',
      type: 'attestation_error',
    });
    await expect(
      openai.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'x' }], stream: true }),
    ).rejects.toMatchObject({ status: 502, code: 'SDK_BUNDLE_INVALID' });
  });

  it('reports a mid-stream failure as an error event the openai client raises', async () => {
    broker.modes = ['truncate'];
    const stream = await openai.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    const got: string[] = [];
    let caught: unknown;
    try {
      for await (const ch of stream) got.push(ch.choices[0]?.delta.content ?? '');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'SDK_STREAM_TRUNCATED' });
  });

  it('refuses a wrong-key receipt over the gateway (non-streaming: 502 SDK_RECEIPT_INVALID)', async () => {
    broker.modes = ['wrong-key-receipt'];
    await expect(
      openai.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: PROMPT }] }),
    ).rejects.toMatchObject({
      status: 502,
      code: 'SDK_RECEIPT_INVALID',
    });
  });

  it('survives a client that disconnects mid-stream and keeps serving', async () => {
    const stream = await openai.chat.completions.create({
      model: 'tiny',
      messages: [{ role: 'user', content: PROMPT }],
      stream: true,
    });
    for await (const _ of stream) {
      stream.controller.abort();
      break;
    }
    const r = await openai.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: PROMPT }] });
    expect(r.choices[0]?.message.content).toBe(ANSWER);
  });

  it('refuses roles the workers cannot serve with 400', async () => {
    await expect(
      openai.chat.completions.create({ model: 'tiny', messages: [{ role: 'tool', content: 'x', tool_call_id: 't' }] }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await fetch(`${gw.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});
