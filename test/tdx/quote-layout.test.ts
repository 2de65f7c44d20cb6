/**
 * Size fields of a SIMULATED devnet v4 quote edited byte by byte (no vectors needed): a signature-data or QE
 * certification-data size that disagrees with its content is TDX_QUOTE_LENGTH_MISMATCH.
 */
import { parseQuote } from '../../attestation/tdx';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet';
import { thrownCode as codeOf } from '../helpers/codes';

const pki = createDevnetIntelPki({ seed: 'chrysalis-quote-layout' });
const quote = simulateTdxQuote(pki, { reportData: new Uint8Array(64).fill(3) });
const SIG_LEN_AT = 48 + 584; // header + TD 1.0 body
const OUTER_LEN_AT = SIG_LEN_AT + 4 + 64 + 64 + 2; // signature, attestation key, outer type

/** Grow one size field by `by` bytes (and the quote by as many non-zero bytes), optionally the outer size too. */
function grow(by: number, outer: boolean): Uint8Array {
  const q = new Uint8Array(quote.length + by);
  q.set(quote);
  q.fill(0xee, quote.length);
  const dv = new DataView(q.buffer);
  dv.setUint32(SIG_LEN_AT, dv.getUint32(SIG_LEN_AT, true) + by, true);
  if (outer) dv.setUint32(OUTER_LEN_AT, dv.getUint32(OUTER_LEN_AT, true) + by, true);
  return q;
}

describe('quote size fields', () => {
  it('the unedited quote parses and its size fields are where the layout says', () => {
    const q = parseQuote(quote);
    const dv = new DataView(quote.buffer, quote.byteOffset);
    expect(dv.getUint32(SIG_LEN_AT, true)).toBe(quote.length - SIG_LEN_AT - 4);
    expect(dv.getUint16(OUTER_LEN_AT - 2, true)).toBe(6);
    expect(q.signatureData.certDataType).toBe(5);
  });

  it('signature data longer than its parts is TDX_QUOTE_LENGTH_MISMATCH', () => {
    expect(codeOf(() => parseQuote(grow(2, false)))).toBe('TDX_QUOTE_LENGTH_MISMATCH');
  });

  it('QE certification data longer than its parts is TDX_QUOTE_LENGTH_MISMATCH', () => {
    expect(codeOf(() => parseQuote(grow(2, true)))).toBe('TDX_QUOTE_LENGTH_MISMATCH');
  });

  it('zero padding after the quote is accepted; other trailing bytes only when allowed', () => {
    const padded = new Uint8Array(quote.length + 8);
    padded.set(quote);
    expect(parseQuote(padded).version).toBe(4);
    const trailing = new Uint8Array([...quote, 1]);
    expect(codeOf(() => parseQuote(trailing))).toBe('TDX_QUOTE_TRAILING_BYTES');
    expect(parseQuote(trailing, { allowTrailingBytes: true }).version).toBe(4);
  });
});
