/**
 * Incremental detokenisation with stop sequences: decodes the whole completion each step and emits only the
 * stable new suffix, holding back any tail that could be the start of a stop sequence.
 */
export class TextStream {
  readonly #decode: (ids: readonly number[]) => string;
  readonly #stops: readonly string[];
  readonly #hold: number;
  readonly #ids: number[] = [];
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
    const full = this.#decode(this.#ids);
    // Decoders may rewrite a tail (e.g. punctuation clean-up); only ever extend what was already emitted.
    this.#text = full.length >= this.#emitted ? full : this.#text;
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
    return this.stopped ? '' : this.#take(this.#text.length);
  }

  #take(upto: number): string {
    if (upto <= this.#emitted) return '';
    const out = this.#text.slice(this.#emitted, upto);
    this.#emitted = upto;
    return out;
  }
}
