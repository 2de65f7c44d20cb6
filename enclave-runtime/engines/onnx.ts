/**
 * `onnx` engine: onnxruntime-node (CPU) running a decoder-only ONNX export in the common Hugging Face / Optimum
 * convention — inputs `input_ids`, `attention_mask`, `position_ids` (optional), `past_key_values.N.key/value`;
 * outputs `logits`, `present.N.key/value` — with KV-cache decoding (prefill once, then one token per step), a
 * `tokenizer.json` tokenizer through @huggingface/tokenizers, temperature / top-p / max tokens / stop / seed.
 * Token counts are exact: prompt = tokens fed at prefill, completion = tokens sampled (an end-of-turn token counts).
 * A cost cap (`req.costCap`) refuses a prompt that alone exceeds it and stops completion where it ends (`length`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';
import { WorkerError } from '../errors';
import { computeModelId } from '../model/model-id';
import { completionTokenLimit } from './cost-cap';
import { detectChatFormat, endOfTurnTokens, renderChat, type ChatFormat } from './chat-template';
import { createRng, sampleToken } from './sampler';
import { TextStream } from './text-stream';
import type { EngineEvent, GenerateRequest, InferenceEngine } from './types';

export interface OnnxEngineOptions {
  readonly modelDir: string;
  /** File name of the ONNX graph inside modelDir (default `model.onnx`, else `onnx/model.onnx`). */
  readonly modelFile?: string;
  readonly intraOpNumThreads?: number;
  /** Default completion budget when the request names none. */
  readonly defaultMaxTokens?: number;
  /** The model id (64 hex) the directory must have: a different one is refused (ENGINE_MODEL_DIGEST_MISMATCH). */
  readonly expectedModelId?: string;
}

interface KvSpec {
  readonly layers: number;
  readonly heads: number;
  readonly headDim: number;
}

async function readJson(path: string, optional = false): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    if (optional) return undefined;
    throw new WorkerError('ENGINE_MODEL_INVALID', `cannot read ${path}`, { cause });
  }
}

const KNOWN_INPUT = /^(input_ids|attention_mask|position_ids|use_cache_branch|past_key_values\.\d+\.(key|value))$/;

function kvSpec(session: ort.InferenceSession, config: Record<string, unknown> | undefined): KvSpec {
  const unknown = session.inputNames.filter((n) => !KNOWN_INPUT.test(n));
  if (unknown.length > 0)
    throw new WorkerError('ENGINE_MODEL_INVALID', `ONNX model has unsupported inputs: ${unknown.join(', ')}`);
  const names = session.inputNames.filter((n) => /^past_key_values\.\d+\.key$/.test(n));
  const layers = names.length;
  if (!session.inputNames.includes('input_ids') || !session.outputNames.includes('logits')) {
    throw new WorkerError('ENGINE_MODEL_INVALID', 'ONNX model lacks input_ids or logits');
  }
  if (layers === 0) return { layers: 0, heads: 0, headDim: 0 };
  const meta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
  let heads: number | undefined;
  let headDim: number | undefined;
  if (meta && meta.isTensor) {
    if (meta.type !== 'float32')
      throw new WorkerError('ENGINE_MODEL_INVALID', `KV cache type ${meta.type} not supported (float32 only)`);
    if (typeof meta.shape[1] === 'number') heads = meta.shape[1];
    if (typeof meta.shape[3] === 'number') headDim = meta.shape[3];
  }
  const n = (k: string): number | undefined => (typeof config?.[k] === 'number' ? (config[k] as number) : undefined);
  heads ??= n('num_key_value_heads') ?? n('num_attention_heads');
  headDim ??=
    n('head_dim') ??
    (n('hidden_size') !== undefined && n('num_attention_heads')
      ? n('hidden_size')! / n('num_attention_heads')!
      : undefined);
  if (!heads || !headDim)
    throw new WorkerError('ENGINE_MODEL_INVALID', 'cannot determine KV cache shape (heads, head_dim)');
  return { layers, heads, headDim };
}

class OnnxEngine implements InferenceEngine {
  readonly kind = 'onnx';
  constructor(
    readonly modelId: Uint8Array,
    readonly modelName: string,
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: Tokenizer,
    private readonly kv: KvSpec,
    private readonly format: ChatFormat,
    private readonly eos: ReadonlySet<number>,
    private readonly maxPositions: number,
    private readonly defaultMaxTokens: number,
  ) {}

  encodePrompt(req: GenerateRequest): number[] {
    return this.tokenizer.encode(renderChat(this.format, req.messages), { add_special_tokens: false }).ids;
  }

  async *generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const prompt = this.encodePrompt(req);
    if (prompt.length >= this.maxPositions) {
      throw new WorkerError('ENGINE_CONTEXT_EXCEEDED', 'prompt does not fit the context window', {
        details: { promptTokens: prompt.length, maxPositions: this.maxPositions },
      });
    }
    // the cost cap, when set, bounds completion tokens too (the prompt is counted before anything is generated)
    const capped = req.costCap ? completionTokenLimit(req.costCap, prompt.length) : undefined;
    const budget = Math.min(
      req.maxTokens ?? this.defaultMaxTokens,
      this.maxPositions - prompt.length,
      capped ?? Number.MAX_SAFE_INTEGER,
    );
    const rng = createRng(req.seed);
    const params = { temperature: req.temperature ?? 1, topP: req.topP ?? 1 };
    const stream = new TextStream(
      (ids) => (ids.length === 0 ? '' : this.tokenizer.decode([...ids], { skip_special_tokens: true })),
      req.stop ?? [],
    );
    const hasPos = this.session.inputNames.includes('position_ids');
    const hasMask = this.session.inputNames.includes('attention_mask');
    const hasBranch = this.session.inputNames.includes('use_cache_branch');
    const past: Record<string, ort.Tensor> = {};
    for (let l = 0; l < this.kv.layers; l++) {
      for (const kv of ['key', 'value']) {
        past[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
          1,
          this.kv.heads,
          0,
          this.kv.headDim,
        ]);
      }
    }
    let feed = prompt;
    let pos = 0;
    let completion = 0;
    let finish: 'stop' | 'length' = 'length';
    while (completion < budget) {
      if (signal.aborted) throw new WorkerError('ENGINE_ABORTED', 'request aborted');
      const S = feed.length;
      const total = pos + S;
      const feeds: Record<string, ort.Tensor> = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(feed, BigInt), [1, S]),
        ...past,
      };
      if (hasMask) feeds.attention_mask = new ort.Tensor('int64', new BigInt64Array(total).fill(1n), [1, total]);
      // merged decoders (Optimum `decoder_model_merged.onnx`): take the with-past branch once a cache exists
      if (hasBranch) feeds.use_cache_branch = new ort.Tensor('bool', new Uint8Array([pos > 0 ? 1 : 0]), [1]);
      if (hasPos)
        feeds.position_ids = new ort.Tensor(
          'int64',
          BigInt64Array.from({ length: S }, (_, i) => BigInt(pos + i)),
          [1, S],
        );
      let out: ort.InferenceSession.OnnxValueMapType;
      try {
        out = await this.session.run(feeds);
      } catch (cause) {
        throw new WorkerError('ENGINE_BACKEND_FAILED', 'onnxruntime run failed', { cause });
      }
      const logits = out.logits as ort.Tensor;
      const V = logits.dims[logits.dims.length - 1]!;
      const data = logits.data as Float32Array;
      const last = data.subarray((S - 1) * V, S * V);
      if (this.kv.layers === 0) {
        // no cache: re-feed the whole sequence next step
      } else {
        for (let l = 0; l < this.kv.layers; l++) {
          past[`past_key_values.${l}.key`] = out[`present.${l}.key`] as ort.Tensor;
          past[`past_key_values.${l}.value`] = out[`present.${l}.value`] as ort.Tensor;
        }
      }
      const next = sampleToken(last, params, rng);
      completion++;
      if (this.eos.has(next) && !req.ignoreEos) {
        finish = 'stop';
        break;
      }
      const text = stream.push(next);
      if (text) yield { text };
      if (stream.stopped) {
        finish = 'stop';
        break;
      }
      if (this.kv.layers === 0) {
        feed = [...feed, next];
      } else {
        pos = total;
        feed = [next];
      }
    }
    const tail = stream.end();
    if (tail) yield { text: tail };
    yield { usage: { promptTokens: prompt.length, completionTokens: completion }, finishReason: finish };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/** Load a model directory. Throws ENGINE_MODEL_INVALID, ENGINE_MODEL_DIGEST_MISMATCH. */
export async function createOnnxEngine(
  opts: OnnxEngineOptions,
): Promise<InferenceEngine & { encodePrompt(req: GenerateRequest): number[] }> {
  const dir = opts.modelDir;
  const identity = await computeModelId(
    dir,
    opts.expectedModelId !== undefined ? { expected: opts.expectedModelId } : {},
  );
  const tokJson = await readJson(join(dir, 'tokenizer.json'));
  const tokConfig = (await readJson(join(dir, 'tokenizer_config.json'), true)) ?? {};
  const config = await readJson(join(dir, 'config.json'), true);
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(tokJson!, tokConfig);
  } catch (cause) {
    throw new WorkerError('ENGINE_MODEL_INVALID', 'tokenizer.json not loadable', { cause });
  }
  const file = opts.modelFile ?? 'model.onnx';
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(join(dir, file), {
      executionProviders: ['cpu'],
      intraOpNumThreads: opts.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (cause) {
    throw new WorkerError('ENGINE_MODEL_INVALID', `cannot load ONNX model ${file}`, { cause });
  }
  const format = detectChatFormat(tokConfig.chat_template, config?.chrysalis_chat_format);
  const eos = new Set<number>();
  const e = config?.eos_token_id;
  for (const v of Array.isArray(e) ? e : [e]) if (typeof v === 'number') eos.add(v);
  const vocab = (tokJson as { model?: { vocab?: unknown } }).model?.vocab;
  const added = (tokJson as { added_tokens?: Array<{ id: number; content: string }> }).added_tokens ?? [];
  for (const t of endOfTurnTokens(format)) {
    const a = added.find((x) => x.content === t);
    if (a) eos.add(a.id);
    else if (
      vocab &&
      typeof vocab === 'object' &&
      !Array.isArray(vocab) &&
      typeof (vocab as Record<string, unknown>)[t] === 'number'
    ) {
      eos.add((vocab as Record<string, number>)[t]!);
    }
  }
  const maxPositions =
    (typeof config?.max_position_embeddings === 'number' ? config.max_position_embeddings : undefined) ??
    (typeof tokConfig.model_max_length === 'number' && tokConfig.model_max_length < 1e7
      ? tokConfig.model_max_length
      : 2048);
  return new OnnxEngine(
    identity.modelId,
    `${identity.name}@${identity.revision}`,
    session,
    tokenizer,
    kvSpec(session, config),
    format,
    eos,
    maxPositions,
    opts.defaultMaxTokens ?? 256,
  );
}
