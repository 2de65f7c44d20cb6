/** @jest-environment ./test/worker/ort-environment.js */
/**
 * The onnx engine on small synthetic ONNX graphs written with the tiny-model writer: a "next token = f(token)" table
 * (logits = W[input_ids]) with or without a working KV cache, a merged-decoder branch input, and graphs or model
 * directories that the engine must refuse. The tokenizer is the tiny TEST model's, so text round-trips.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOnnxEngine,
  parseChatRequest,
  type EngineEvent,
  type InferenceEngine,
} from '../../enclave-runtime/engines';
import { buildTinyModel } from '../../enclave-runtime/tiny-model';
import {
  DT_BOOL,
  DT_FLOAT,
  DT_INT64,
  encodeModel,
  floatTensor,
  int64Tensor,
  type Node,
  type ValueInfo,
} from '../../enclave-runtime/tiny-model/onnx-writer';

const tiny = buildTinyModel('synthetic-graphs');
const V = tiny.vocabSize;
const tokJson = JSON.parse(Buffer.from(tiny.files['tokenizer.json']).toString('utf8')) as {
  model: { vocab: Record<string, number> };
  added_tokens?: unknown[];
};
const vocab = tokJson.model.vocab;
const EOS = vocab['<|endoftext|>']!;
const ASSISTANT = vocab['<|assistant|>']!;
const idToToken = Object.fromEntries(Object.entries(vocab).map(([t, i]) => [i, t]));

/** The greedy successor table: `<|assistant|>` -> A -> B -> C -> EOS; every other token -> A. */
const A = vocab['Alice']!;
const B = vocab['was']!;
const C = vocab['beginning']!;
function successorTable(): Float32Array {
  const w = new Float32Array(V * V);
  const next = (i: number): number => (i === ASSISTANT ? A : i === A ? B : i === B ? C : i === C ? EOS : A);
  for (let i = 0; i < V; i++) w[i * V + next(i)] = 10;
  return w;
}

type KvKind = 'none' | 'numeric' | 'symbolic' | 'float16';
interface GraphOptions {
  readonly kv?: KvKind;
  readonly branch?: boolean;
  readonly maskAndPositions?: boolean;
  readonly extraInput?: string;
  readonly logitsName?: string;
  readonly presentOutputs?: boolean;
}

/** logits = W[input_ids]; with a KV cache, present.0.* = concat(past, E[input_ids] as [1, 1, S, 1]). */
function graph(o: GraphOptions = {}): Uint8Array {
  const kv = o.kv ?? 'none';
  const logits = o.logitsName ?? 'logits';
  const nodes: Node[] = [{ op: 'Gather', inputs: ['W', 'input_ids'], outputs: [logits], attrs: { axis: 0 } }];
  const initializers = [floatTensor('W', [V, V], successorTable())];
  const inputs: ValueInfo[] = [{ name: 'input_ids', elemType: DT_INT64, shape: ['batch', 'seq'] }];
  const outputs: ValueInfo[] = [{ name: logits, elemType: DT_FLOAT, shape: ['batch', 'seq', V] }];
  if (o.maskAndPositions) {
    inputs.push({ name: 'attention_mask', elemType: DT_INT64, shape: ['batch', 'total'] });
    inputs.push({ name: 'position_ids', elemType: DT_INT64, shape: ['batch', 'seq'] });
  }
  if (o.branch) inputs.push({ name: 'use_cache_branch', elemType: DT_BOOL, shape: [1] });
  if (o.extraInput) inputs.push({ name: o.extraInput, elemType: DT_INT64, shape: ['batch', 'seq'] });
  if (kv !== 'none') {
    const shape = kv === 'symbolic' ? ['batch', 'heads', 'past', 'dim'] : ['batch', 1, 'past', 1];
    const elemType = kv === 'float16' ? 10 : DT_FLOAT;
    for (const k of ['key', 'value']) inputs.push({ name: `past_key_values.0.${k}`, elemType, shape });
    if (kv !== 'float16' && o.presentOutputs !== false) {
      initializers.push(floatTensor('E', [V, 1], new Float32Array(V).fill(0.5)));
      initializers.push(int64Tensor('axes1', [1], [1]));
      nodes.push({ op: 'Gather', inputs: ['E', 'input_ids'], outputs: ['e3'], attrs: { axis: 0 } });
      nodes.push({ op: 'Unsqueeze', inputs: ['e3', 'axes1'], outputs: ['e4'] });
      for (const k of ['key', 'value']) {
        nodes.push({
          op: 'Concat',
          inputs: [`past_key_values.0.${k}`, 'e4'],
          outputs: [`present.0.${k}`],
          attrs: { axis: 2 },
        });
        outputs.push({ name: `present.0.${k}`, elemType: DT_FLOAT, shape: ['batch', 1, 'total', 1] });
      }
    }
  }
  return encodeModel({
    graphName: 'synthetic',
    docString: 'test graph',
    producer: 'chrysalis test',
    opset: 17,
    nodes,
    initializers,
    inputs,
    outputs,
    metadata: {},
  });
}

interface DirOptions {
  readonly model?: Uint8Array;
  readonly config?: Record<string, unknown> | null;
  readonly tokenizer?: unknown;
  readonly tokenizerConfig?: Record<string, unknown> | null;
}

function modelDir(o: DirOptions = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'chrysalis-onnx-synth-')), 'synthetic');
  mkdirSync(dir);
  writeFileSync(join(dir, 'model.onnx'), o.model ?? graph());
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(o.tokenizer ?? tokJson));
  if (o.tokenizerConfig !== null)
    writeFileSync(
      join(dir, 'tokenizer_config.json'),
      JSON.stringify(
        o.tokenizerConfig ?? JSON.parse(Buffer.from(tiny.files['tokenizer_config.json']).toString('utf8')),
      ),
    );
  if (o.config !== null) writeFileSync(join(dir, 'config.json'), JSON.stringify(o.config ?? { eos_token_id: EOS }));
  return dir;
}

const engines: InferenceEngine[] = [];
async function load(o: DirOptions = {}): Promise<InferenceEngine & { encodePrompt(r: unknown): number[] }> {
  const e = await createOnnxEngine({ modelDir: modelDir(o) });
  engines.push(e);
  return e as InferenceEngine & { encodePrompt(r: unknown): number[] };
}
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );

async function generate(
  e: InferenceEngine,
  body: Record<string, unknown> = {},
  signal = new AbortController().signal,
): Promise<{ text: string; usage: unknown; finishReason: string }> {
  let text = '';
  let last: EngineEvent | undefined;
  const req = parseChatRequest({ messages: [{ role: 'user', content: 'hello' }], temperature: 0, ...body });
  for await (const ev of e.generate(req, signal)) {
    if ('text' in ev) text += ev.text;
    last = ev;
  }
  if (!last || !('usage' in last)) throw new Error('no usage');
  return { text, usage: last.usage, finishReason: last.finishReason };
}

const ALICE_WAS_BEGINNING = `${idToToken[A]} ${idToToken[B]} ${idToToken[C]}`;

describe('onnx engine on synthetic graphs', () => {
  test.each<[string, GraphOptions, Record<string, unknown> | undefined]>([
    ['without a KV cache (the whole sequence is re-fed)', { kv: 'none' }, undefined],
    ['with a KV cache of numeric shape, mask and positions', { kv: 'numeric', maskAndPositions: true }, undefined],
    ['with a merged-decoder branch input', { kv: 'numeric', branch: true }, undefined],
    [
      'with symbolic KV dims from num_key_value_heads + head_dim',
      { kv: 'symbolic' },
      { num_key_value_heads: 1, head_dim: 1 },
    ],
    [
      'with symbolic KV dims from num_attention_heads + hidden_size',
      { kv: 'symbolic' },
      { num_attention_heads: 1, hidden_size: 1 },
    ],
  ])('greedy decoding %s stops at EOS with exact counts', async (_name, g, cfg) => {
    const e = await load({ model: graph(g), config: { eos_token_id: EOS, ...(cfg ?? {}) } });
    const prompt = e.encodePrompt(parseChatRequest({ messages: [{ role: 'user', content: 'hello' }] })).length;
    const r = await generate(e);
    expect(r.text).toBe(ALICE_WAS_BEGINNING);
    expect(r.finishReason).toBe('stop');
    expect(r.usage).toEqual({ promptTokens: prompt, completionTokens: 4 });
  });

  test('max_tokens cuts with finish "length"; ignore_eos runs past EOS', async () => {
    const e = await load({ model: graph({ kv: 'numeric' }) });
    const short = await generate(e, { max_tokens: 2 });
    expect(short.text).toBe(`${idToToken[A]} ${idToToken[B]}`);
    expect(short.finishReason).toBe('length');
    const long = await generate(e, { max_tokens: 6, ignore_eos: true });
    expect(long.finishReason).toBe('length');
    expect((long.usage as { completionTokens: number }).completionTokens).toBe(6);
    expect(long.text.startsWith(ALICE_WAS_BEGINNING)).toBe(true);
  });

  test('a stop sequence ends the stream before it and reports "stop"', async () => {
    const e = await load({ model: graph({ kv: 'numeric' }) });
    const r = await generate(e, { stop: [` ${idToToken[C]}`] });
    expect(r.text).toBe(`${idToToken[A]} ${idToToken[B]}`);
    expect(r.finishReason).toBe('stop');
    expect((r.usage as { completionTokens: number }).completionTokens).toBe(3);
  });

  test('an aborted request: ENGINE_ABORTED', async () => {
    const e = await load({ model: graph({ kv: 'numeric' }) });
    const ctl = new AbortController();
    ctl.abort();
    expect(await codeOf(generate(e, {}, ctl.signal))).toBe('ENGINE_ABORTED');
  });

  test('a prompt that fills the context window: ENGINE_CONTEXT_EXCEEDED', async () => {
    const e = await load({ config: { eos_token_id: EOS, max_position_embeddings: 4 } });
    expect(await codeOf(generate(e))).toBe('ENGINE_CONTEXT_EXCEEDED');
  });

  test('a graph that produces no present.* outputs fails at the second step: ENGINE_BACKEND_FAILED', async () => {
    const e = await load({ model: graph({ kv: 'numeric', presentOutputs: false }) });
    expect(await codeOf(generate(e))).toBe('ENGINE_BACKEND_FAILED');
  });

  test('EOS from a config list, from the vocab when added_tokens is empty; limits from tokenizer_config', async () => {
    const noAdded = { ...tokJson, added_tokens: [] };
    // no config.json: EOS comes from the end-of-turn token in the vocab, max positions from tokenizer_config
    const e1 = await load({ tokenizer: noAdded, config: null, tokenizerConfig: { model_max_length: 2 } });
    expect(await codeOf(generate(e1))).toBe('ENGINE_CONTEXT_EXCEEDED');
    const e2 = await load({ tokenizer: noAdded, config: null, tokenizerConfig: { model_max_length: 1e30 } });
    expect((await generate(e2)).text).toBe(ALICE_WAS_BEGINNING);
    // eos as a list (non-numbers ignored), no tokenizer_config.json at all
    const e3 = await load({ config: { eos_token_id: ['x', EOS] }, tokenizerConfig: null });
    expect((await generate(e3)).finishReason).toBe('stop');
    // chatml: an end-of-turn token missing from the vocab is skipped, the other one still ends the turn
    const e4 = await load({ tokenizer: noAdded, config: { chrysalis_chat_format: 'chatml' } });
    expect((await generate(e4)).finishReason).toBe('stop');
  });
});

describe('onnx engine refuses unusable model directories: ENGINE_MODEL_INVALID', () => {
  test.each<[string, DirOptions]>([
    ['an input outside the decoder convention', { model: graph({ extraInput: 'token_type_ids' }) }],
    ['no logits output', { model: graph({ logitsName: 'scores' }) }],
    ['a float16 KV cache', { model: graph({ kv: 'float16' }) }],
    [
      'symbolic KV dims and no config to resolve them',
      { model: graph({ kv: 'symbolic' }), config: { eos_token_id: EOS } },
    ],
    ['symbolic KV dims and no config.json', { model: graph({ kv: 'symbolic' }), config: null }],
    ['a model file that is not ONNX', { model: Buffer.from('not an onnx graph') }],
    ['a tokenizer.json that is not a tokenizer', { tokenizer: { model: 5 } }],
  ])('%s', async (_name, o) => {
    expect(await codeOf(createOnnxEngine({ modelDir: modelDir(o) }))).toBe('ENGINE_MODEL_INVALID');
  });

  test('a missing tokenizer.json', async () => {
    const dir = modelDir();
    rmSync(join(dir, 'tokenizer.json'));
    expect(await codeOf(createOnnxEngine({ modelDir: dir }))).toBe('ENGINE_MODEL_INVALID');
  });

  test('a named model file that does not exist', async () => {
    expect(await codeOf(createOnnxEngine({ modelDir: modelDir(), modelFile: 'onnx/decoder.onnx' }))).toBe(
      'ENGINE_MODEL_INVALID',
    );
  });
});
