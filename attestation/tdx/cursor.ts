import { TdxParseError } from './errors';

/** Bounds-checked little-endian reader over a byte array. Every read past `end` throws TDX_QUOTE_TRUNCATED. */
export class Cursor {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }
  get remaining(): number {
    return this.end - this.pos;
  }
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new TdxParseError(
        'TDX_QUOTE_TRUNCATED',
        `quote truncated reading ${what} (${n} bytes at ${this.pos}, end ${this.end})`,
      );
    }
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.buf[this.pos] as number) | ((this.buf[this.pos + 1] as number) << 8);
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const b = this.buf;
    const p = this.pos;
    const v =
      ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16)) +
      (b[p + 3] as number) * 0x1000000;
    this.pos += 4;
    return v;
  }
}
