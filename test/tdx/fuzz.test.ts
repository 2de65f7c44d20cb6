/** Seeded random mutations: malformed input is always a typed error (a TDX_* code), never a crash or an accept. */
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet/intel';
import { parseQuote, verifyQuote } from '../../attestation/tdx';
import { collateralFromJson } from '../../attestation/collateral';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pki = createDevnetIntelPki({ seed: 'a1-fuzz' });
const trust = { intelRootCaDer: [pki.rootCaDer] };
const NOW = new Date('2025-06-10T00:00:00Z');

function outcome(f: () => unknown): string {
  try {
    f();
    return 'accepted';
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? code : `CRASH ${String(e)}`;
  }
}

const diff = (a: Uint8Array, b: Uint8Array): string =>
  [...a].flatMap((x, i) => (x === b[i] ? [] : [`${i}:${x}->${b[i]}`])).join(',');

/** Only bytes of the type-5 blob changed and it still splits into the same DER certificates. */
function sameChainDifferentBlob(a: Uint8Array, b: Uint8Array): boolean {
  const pa = parseQuote(a);
  let pb;
  try {
    pb = parseQuote(b);
  } catch {
    return false;
  }
  const start = pa.signatureData.certData.byteOffset - a.byteOffset;
  for (let i = 0; i < start; i++) if (a[i] !== b[i]) return false;
  const hex = (l: readonly Uint8Array[]): string => l.map((d) => Buffer.from(d).toString('hex')).join('|');
  return hex(pa.signatureData.pckChain) === hex(pb.signatureData.pckChain);
}

describe('fuzzing the verifier with seeded mutations', () => {
  it.each([4, 5] as const)('v%i quote: 1-3 random byte changes are rejected with a typed code', (version) => {
    const quote = simulateTdxQuote(pki, { reportData: new Uint8Array(64).fill(1) }, { version });
    const rnd = prng(version * 7919);
    const bad: string[] = [];
    for (let i = 0; i < 600; i++) {
      const q = quote.slice();
      const n = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) {
        const off = Math.floor(rnd() * q.length);
        const val = Math.floor(rnd() * 256);
        q[off] = val === q[off] ? val ^ 0x80 : val;
      }
      const r = outcome(() => verifyQuote(q, pki.collateral, { now: NOW, trust }));
      if (r === 'accepted' && sameChainDifferentBlob(quote, q)) continue; // PEM whitespace/terminator: same certificates
      if (!r.startsWith('TDX_')) bad.push(`${r} ${diff(quote, q)}`);
    }
    expect(bad).toEqual([]);
  });

  it('random changes to collateral fields are rejected with a typed code', () => {
    const quote = simulateTdxQuote(pki, { reportData: new Uint8Array(64) });
    const json = pki.collateralJson() as unknown as Record<string, string>;
    const keys = Object.keys(json);
    const rnd = prng(4242);
    const bad: string[] = [];
    for (let i = 0; i < 400; i++) {
      const k = keys[Math.floor(rnd() * keys.length)]!;
      const v = json[k]!;
      const off = Math.floor(rnd() * v.length);
      const alphabet = k.endsWith('chain')
        ? 'ABCDEFabcdef0123456789+/'
        : k === 'tcb_info' || k === 'qe_identity'
          ? '0123456789"{}[],:'
          : '0123456789abcdef';
      const ch = alphabet[Math.floor(rnd() * alphabet.length)]!;
      if (v[off] === ch) continue;
      const mutated = { ...json, [k]: v.slice(0, off) + ch + v.slice(off + 1) };
      const r = outcome(() => verifyQuote(quote, collateralFromJson(mutated), { now: NOW, trust }));
      if (!r.startsWith('TDX_') && !r.startsWith('COLLATERAL_') && r !== 'accepted') bad.push(`${k}@${off}: ${r}`);
      // A change inside PEM/base64 padding or whitespace may leave the DER identical; everything else must fail.
    }
    expect(bad).toEqual([]);
  });
});
