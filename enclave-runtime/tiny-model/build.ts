/**
 * Builds the tiny TEST model deterministically from a seed: a word-level (WordPiece, whole words plus character
 * fallback) tokenizer fitted to CORPUS and a one-layer decoder-only transformer in ONNX, exported in the common
 * Hugging Face / Optimum convention (`input_ids`, `attention_mask`, `position_ids`, `past_key_values.0.key/value`
 * -> `logits`, `present.0.key/value`), so the onnx engine drives it exactly like a real export.
 *
 * What it computes: x = onehot(token); q,k,v = x W{q,k,v} (+ position table for q,k); attention over the KV cache
 * (causal + padding mask); h = x + attn W_o; logits = h W_lm. W_lm holds the smoothed log-probabilities of the
 * CORPUS bigrams and W_o is small, so the output reads like the corpus with a faint dependence on context.
 * It is a TEST model: it knows a dozen paragraphs of Alice in Wonderland and nothing else.
 */
import { createHash } from 'node:crypto';
import { CORPUS } from './corpus';
import { encodeTinyOnnx, type TinyWeights } from './graph';

export const TINY_MODEL_NAME = 'chrysalis-tiny-test';
/** Bump when the generator's output changes for the same seed. */
export const TINY_GENERATOR_VERSION = 1;
export const HEAD_DIM = 16;
export const MAX_POSITIONS = 2048;
export const SPECIAL_TOKENS = ['<unk>', '<|endoftext|>', '<|system|>', '<|user|>', '<|assistant|>'] as const;
export const CHAT_TEMPLATE_NOTE =
  'chrysalis chat template: for each message "<|role|>\\n{content}\\n", then "<|assistant|>\\n" (ChatML-like, role tokens are special)';

/** mulberry32 seeded from SHA-256(seed): deterministic, arithmetic only. */
function prng(seed: string): () => number {
  let a = createHash('sha256').update(`chrysalis-tiny:${seed}`).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(rand: () => number, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * scale;
  return out;
}

/** Split like BertPreTokenizer: whitespace, then each punctuation character on its own. */
function words(text: string): string[] {
  return text.split(/\s+/).flatMap((w) => w.match(/[A-Za-z0-9]+|[^A-Za-z0-9\s]/g) ?? []);
}

export interface TinyModelFiles {
  readonly 'model.onnx': Uint8Array;
  readonly 'tokenizer.json': Uint8Array;
  readonly 'tokenizer_config.json': Uint8Array;
  readonly 'config.json': Uint8Array;
}

/** The tokenizer vocabulary: special tokens, corpus words by frequency, then single characters and `##` pieces. */
function fitVocabulary(paragraphs: readonly string[][]): string[] {
  const freq = new Map<string, number>();
  for (const p of paragraphs) for (const w of p) freq.set(w, (freq.get(w) ?? 0) + 1);
  const corpusWords = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
  const vocabList: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocabList);
  for (const t of [...corpusWords, ...chars, ...chars.map((c) => `##${c}`)]) {
    if (!seen.has(t)) {
      seen.add(t);
      vocabList.push(t);
    }
  }
  return vocabList;
}

/** lm_head: smoothed log-probabilities of the bigrams over [<|assistant|>, ...paragraph, <|endoftext|>]. */
function bigramLmHead(paragraphs: readonly string[][], id: ReadonlyMap<string, number>, V: number): Float32Array {
  const EOS = id.get('<|endoftext|>')!;
  const ASSISTANT = id.get('<|assistant|>')!;
  const counts = new Float64Array(V * V);
  const rowTotal = new Float64Array(V);
  const unigram = new Float64Array(V);
  for (const p of paragraphs) {
    const seq = [ASSISTANT, ...p.map((w) => id.get(w)!), EOS];
    for (let i = 0; i + 1 < seq.length; i++) {
      counts[seq[i]! * V + seq[i + 1]!]! += 1;
      rowTotal[seq[i]!]! += 1;
      unigram[seq[i + 1]!]! += 1;
    }
  }
  const uniTotal = unigram.reduce((a, b) => a + b, 0);
  const alpha = 0.3;
  const wlm = new Float32Array(V * V);
  for (let a = 0; a < V; a++) {
    for (let b = 0; b < V; b++) {
      const u = Math.max(unigram[b]! / uniTotal, 1e-12);
      const p = rowTotal[a]! > 0 ? (counts[a * V + b]! + alpha * u) / (rowTotal[a]! + alpha) : u;
      wlm[a * V + b] = Math.log(p);
    }
  }
  return wlm;
}

/** Every weight of the model; the random ones drawn from `rand` in a fixed order. */
function modelWeights(rand: () => number, V: number, wlm: Float32Array): TinyWeights {
  const emb = new Float32Array(V * V);
  for (let i = 0; i < V; i++) emb[i * V + i] = 1;
  const D = HEAD_DIM;
  const wq = uniform(rand, V * D, 0.5);
  const wk = uniform(rand, V * D, 0.5);
  const wv = uniform(rand, V * D, 0.5);
  const pq = uniform(rand, MAX_POSITIONS * D, 0.3);
  const pk = uniform(rand, MAX_POSITIONS * D, 0.3);
  const wo = uniform(rand, D * V, 0.004);
  return { emb, wq, wk, wv, pq, pk, wo, wlm };
}

function tokenizerJson(vocabList: readonly string[]): unknown {
  const vocab: Record<string, number> = {};
  vocabList.forEach((t, i) => (vocab[t] = i));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, i) => ({
      id: i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '<unk>',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

const TOKENIZER_CONFIG = {
  tokenizer_class: 'PreTrainedTokenizerFast',
  model_max_length: MAX_POSITIONS,
  unk_token: '<unk>',
  eos_token: '<|endoftext|>',
  bos_token: null,
  clean_up_tokenization_spaces: true,
  chat_template:
    "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}",
};

function configJson(V: number, eos: number): unknown {
  return {
    model_type: 'chrysalis-tiny',
    architectures: ['ChrysalisTinyForCausalLM'],
    test_model: true,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    num_key_value_heads: 1,
    head_dim: HEAD_DIM,
    hidden_size: V,
    vocab_size: V,
    max_position_embeddings: MAX_POSITIONS,
    eos_token_id: eos,
    chrysalis_chat_format: 'role-tags',
  };
}

/** Build all model files in memory. Pure and deterministic in `seed`. */
export function buildTinyModel(seed: string): { files: TinyModelFiles; vocabSize: number } {
  const rand = prng(seed);
  const paragraphs = CORPUS.split(/\n\s*\n/).map((p) => words(p));
  const vocabList = fitVocabulary(paragraphs);
  const V = vocabList.length;
  const id = new Map(vocabList.map((t, i) => [t, i]));
  const model = encodeTinyOnnx(
    {
      graphName: TINY_MODEL_NAME,
      docString: `TEST MODEL (not a language model): ${TINY_MODEL_NAME}, generator v${TINY_GENERATOR_VERSION}, seed ${JSON.stringify(seed)}`,
      producer: 'chrysalis make-tiny-model',
      metadata: { 'chrysalis.test_model': 'true', 'chrysalis.seed': seed },
    },
    modelWeights(rand, V, bigramLmHead(paragraphs, id, V)),
    { V, D: HEAD_DIM, maxPositions: MAX_POSITIONS },
  );
  const json = (o: unknown): Uint8Array => Buffer.from(`${JSON.stringify(o, null, 1)}\n`);
  return {
    files: {
      'model.onnx': model,
      'tokenizer.json': json(tokenizerJson(vocabList)),
      'tokenizer_config.json': json(TOKENIZER_CONFIG),
      'config.json': json(configJson(V, id.get('<|endoftext|>')!)),
    },
    vocabSize: V,
  };
}
