/**
 * Incremental detokenisation with stop sequences, in O(window) per token (the scheme of vLLM's detokenizer and
 * Hugging Face's TextStreamer): decode a short window `ids[prefix..]` and emit what it adds to `ids[prefix..read]`;
 * a window ending in U+FFFD (an incomplete UTF-8 sequence of a byte-level tokenizer) is held back. Text that could
 * still become the start of a stop sequence is held back too.
 */
export class TextStream {
  readonly #decode: (ids: readonly number[]) => string;
  readonly #stops: readonly string[];
  readonly #hold: number;
  readonly #ids: number[] = [];
  #prefix = 0;
  #read = 0;
  #emitted = 0;
  #text = '';
  stopped = false;

  constructor(decode: (ids: readonly number[]) => string, stops: readonly string[] = []) {
    this.#decode = decode;
    this.#stops = stops;
    this.#hold = stops.reduce((m, s) => Math.max(m, s.length - 1), 0);
  }

  /** Add one token; returns text that is safe to emit now ('' if none). Sets `stopped` when a stop sequence appears. */
  push(id: number): string {
    this.#ids.push(id);
    const before = this.#decode(this.#ids.slice(this.#prefix, this.#read));
    const after = this.#decode(this.#ids.slice(this.#prefix));
    if (after.length > before.length && !after.endsWith('\uFFFD') && after.startsWith(before)) {
      this.#text += after.slice(before.length);
      this.#prefix = this.#read;
      this.#read = this.#ids.length;
    }
    for (const s of this.#stops) {
      const at = this.#text.indexOf(s, Math.max(0, this.#emitted - s.length + 1));
      if (at >= 0) {
        this.stopped = true;
        return this.#take(at);
      }
    }
    return this.#take(Math.max(this.#emitted, this.#text.length - this.#hold));
  }

  /** Flush the held-back tail at the end of generation. */
  end(): string {
    if (this.stopped) return '';
    if (this.#read < this.#ids.length) {
      const before = this.#decode(this.#ids.slice(this.#prefix, this.#read));
      const after = this.#decode(this.#ids.slice(this.#prefix));
      if (after.startsWith(before)) this.#text += after.slice(before.length);
    }
    return this.#take(this.#text.length);
  }

  #take(upto: number): string {
    if (upto <= this.#emitted) return '';
    const out = this.#text.slice(this.#emitted, upto);
    this.#emitted = upto;
    return out;
  }
}
