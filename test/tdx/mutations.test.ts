/**
 * Negative tables: one-byte mutations in every region of real quotes, every truncation, and tampered/mismatched
 * collateral. Each must be rejected with the specific code of the layer that catches it.
 */
import { parseQuote, verifyQuote, TdxParseError } from '../../attestation/tdx';
import type { Collateral } from '../../attestation/collateral';
import { rawTopLevelValue } from '../../attestation/collateral/raw-json';
import { certsFromBytes } from '../../attestation/collateral/pem';
import { describeVectors } from '../helpers/vectors';
import { loadCollateral, quoteOf, tdx, vectorCase } from './vector-cases';
import { codeOf } from '../helpers/codes';

const PARSE = /^TDX_QUOTE_/;
const CHAIN = [
  'TDX_PCK_CHAIN_INVALID',
  'TDX_PCK_CHAIN_UNTRUSTED',
  'TDX_PCK_EXTENSION_INVALID',
  'TDX_QUOTE_BAD_CERT_DATA',
];

interface Region {
  name: string;
  start: number;
  end: number;
  expect: string | RegExp | string[];
}

/** Signed/structured regions of a v4 TDX quote with 32 bytes of QE auth data (reference tdx-dcap.md §2.5). */
function v4Regions(size: number): Region[] {
  return [
    { name: 'header.version', start: 0, end: 2, expect: 'TDX_QUOTE_UNSUPPORTED_VERSION' },
    { name: 'header.attestationKeyType', start: 2, end: 4, expect: 'TDX_QUOTE_UNSUPPORTED_KEY_TYPE' },
    { name: 'header.teeType', start: 4, end: 8, expect: 'TDX_QUOTE_UNSUPPORTED_TEE_TYPE' },
    { name: 'header.svns', start: 8, end: 12, expect: 'TDX_QUOTE_SIGNATURE_INVALID' },
    { name: 'header.qeVendorId', start: 12, end: 28, expect: 'TDX_QUOTE_UNSUPPORTED_QE_VENDOR' },
    { name: 'header.userData', start: 28, end: 48, expect: 'TDX_QUOTE_SIGNATURE_INVALID' },
    { name: 'body (TD report)', start: 48, end: 632, expect: 'TDX_QUOTE_SIGNATURE_INVALID' },
    { name: 'signature data length', start: 632, end: 636, expect: PARSE },
    { name: 'quote signature', start: 636, end: 700, expect: 'TDX_QUOTE_SIGNATURE_INVALID' },
    { name: 'attestation key', start: 700, end: 764, expect: 'TDX_QE_REPORT_DATA_MISMATCH' },
    { name: 'outer cert data type', start: 764, end: 766, expect: 'TDX_QUOTE_BAD_CERT_DATA_TYPE' },
    { name: 'outer cert data size', start: 766, end: 770, expect: PARSE },
    { name: 'QE report', start: 770, end: 1154, expect: 'TDX_QE_REPORT_SIGNATURE_INVALID' },
    { name: 'QE report signature', start: 1154, end: 1218, expect: 'TDX_QE_REPORT_SIGNATURE_INVALID' },
    { name: 'QE auth data size', start: 1218, end: 1220, expect: PARSE },
    { name: 'QE auth data', start: 1220, end: 1252, expect: 'TDX_QE_REPORT_DATA_MISMATCH' },
    { name: 'inner cert data type', start: 1252, end: 1254, expect: 'TDX_QUOTE_BAD_CERT_DATA_TYPE' },
    { name: 'inner cert data size', start: 1254, end: 1258, expect: PARSE },
    { name: 'PCK chain (PEM bytes)', start: 1258, end: size, expect: 'TDX_QUOTE_BAD_CERT_DATA' },
  ];
}

function offsets(r: Region): number[] {
  const n = r.end - r.start;
  const stride = n <= 64 ? 1 : n <= 700 ? 7 : 41;
  const out = new Set<number>([r.start, r.end - 1, r.start + (n >> 1)]);
  for (let o = r.start; o < r.end; o += stride) out.add(o);
  return [...out].sort((a, b) => a - b);
}

function matches(code: string, e: Region['expect']): boolean {
  if (typeof e === 'string') return code === e;
  if (Array.isArray(e)) return e.includes(code);
  return e.test(code);
}

describeVectors('TDX')('one-byte mutations of a real TDX v4 quote', () => {
  const c = vectorCase('phala-tdx-v4-uptodate');
  const original = quoteOf(c);
  const collateral = loadCollateral(c);
  const now = new Date(c.suggested_now);
  const size = parseQuote(original).size;

  it('the unmodified quote verifies', () => {
    expect(verifyQuote(original, collateral, { now }).tcbStatus).toBe('UpToDate');
  });

  for (const r of v4Regions(size)) {
    it(`${r.name} [${r.start}, ${r.end}) rejected with ${String(r.expect)}`, () => {
      const bad: string[] = [];
      for (const off of offsets(r)) {
        const q = original.slice();
        q[off] = (q[off] as number) ^ 0xff;
        const code = codeOf(() => verifyQuote(q, collateral, { now }));
        if (!matches(code, r.expect)) bad.push(`${off}:${code}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('base64 substitutions inside the PEM certificates break the chain (not accepted, typed code)', () => {
    const text = Buffer.from(original.subarray(1258, size)).toString('latin1');
    const bad: string[] = [];
    const re = /[A-Za-z0-9+/]/g;
    let m: RegExpExecArray | null;
    let i = 0;
    while ((m = re.exec(text))) {
      if (i++ % 29 !== 0) continue;
      const q = original.slice();
      const off = 1258 + m.index;
      q[off] = m[0] === 'A' ? 0x42 : 0x41; // another base64 letter
      const code = codeOf(() => verifyQuote(q, collateral, { now }));
      if (!CHAIN.includes(code)) bad.push(`${off}:${code}`);
    }
    expect(bad).toEqual([]);
  });

  it('every truncation is a typed parse error (TDX_QUOTE_TRUNCATED)', () => {
    const bad: string[] = [];
    for (let len = 0; len < size; len++) {
      try {
        parseQuote(original.subarray(0, len));
        bad.push(`${len}:accepted`);
      } catch (e) {
        if (!(e instanceof TdxParseError) || e.code !== 'TDX_QUOTE_TRUNCATED') bad.push(`${len}:${String(e)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a signature-data length beyond the buffer is TDX_QUOTE_TRUNCATED', () => {
    const q = original.slice();
    Buffer.from(q.buffer).writeUInt32LE(size, 632);
    expect(codeOf(() => parseQuote(q))).toBe('TDX_QUOTE_TRUNCATED');
  });

  it('a v4 header patched to version 5 is a body-descriptor error', () => {
    const q = original.slice();
    q[0] = 5;
    expect(codeOf(() => parseQuote(q))).toBe('TDX_QUOTE_BAD_BODY_DESCRIPTOR');
  });
});

describeVectors('TDX')('one-byte mutations of real v5 (TD 1.5) and SGX v3 quotes', () => {
  it('v5: descriptor, body and signatures', () => {
    const c = vectorCase('gotdx-v5-with-phala-collateral-uptodate');
    const original = quoteOf(c);
    const collateral = loadCollateral(c);
    const now = new Date(c.suggested_now);
    expect(verifyQuote(original, collateral, { now }).tcbStatus).toBe('UpToDate');
    const flip = (off: number): string => {
      const q = original.slice();
      q[off] = (q[off] as number) ^ 0xff;
      return codeOf(() => verifyQuote(q, collateral, { now }));
    };
    expect(flip(48)).toBe('TDX_QUOTE_BAD_BODY_DESCRIPTOR'); // body type
    expect(flip(50)).toBe('TDX_QUOTE_BAD_BODY_DESCRIPTOR'); // body size
    for (const off of [54, 54 + 136, 54 + 520, 54 + 584, 54 + 600, 701])
      expect(flip(off)).toBe('TDX_QUOTE_SIGNATURE_INVALID');
    for (const off of [706, 760]) expect(flip(off)).toBe('TDX_QUOTE_SIGNATURE_INVALID'); // quote signature (702+4 ..)
    expect(flip(702 + 4 + 64 + 10)).toBe('TDX_QE_REPORT_DATA_MISMATCH'); // attestation key
    expect(flip(702 + 4 + 128 + 6 + 100)).toBe('TDX_QE_REPORT_SIGNATURE_INVALID'); // QE report
  });

  it('SGX v3: body, signature, QE report, auth data', () => {
    const c = vectorCase('phala-sgx-v3-config-swhardening');
    const original = quoteOf(c);
    const collateral = loadCollateral(c);
    const now = new Date(c.suggested_now);
    const flip = (off: number): string => {
      const q = original.slice();
      q[off] = (q[off] as number) ^ 0xff;
      return codeOf(() => verifyQuote(q, collateral, { now }));
    };
    for (const off of [30, 48, 48 + 64, 431, 436, 499]) expect(flip(off)).toBe('TDX_QUOTE_SIGNATURE_INVALID');
    expect(flip(4)).toBe('TDX_QUOTE_UNSUPPORTED_TEE_TYPE');
    expect(flip(510)).toBe('TDX_QE_REPORT_DATA_MISMATCH');
    for (const off of [564, 947, 948, 1011]) expect(flip(off)).toBe('TDX_QE_REPORT_SIGNATURE_INVALID');
    expect(flip(1020)).toBe('TDX_QE_REPORT_DATA_MISMATCH');
    expect(flip(1046)).toBe('TDX_QUOTE_BAD_CERT_DATA_TYPE');
  });
});

describeVectors('TDX')('tampered, mismatched and expired collateral', () => {
  const c = vectorCase('phala-tdx-v4-uptodate');
  const quote = quoteOf(c);
  const good = loadCollateral(c);
  const now = new Date(c.suggested_now);
  const verify = (col: Collateral, at = now): string => codeOf(() => verifyQuote(quote, col, { now: at }));

  it('tampered TCB Info (one byte of the signed JSON) -> TDX_TCB_INFO_SIGNATURE_INVALID', () => {
    const t = good.tcbInfo.slice();
    const i = Buffer.from(t).indexOf('UpToDate');
    t[i] = 0x44; // 'D'
    expect(verify({ ...good, tcbInfo: t })).toBe('TDX_TCB_INFO_SIGNATURE_INVALID');
  });

  it('tampered TCB Info signature / QE Identity / QE Identity signature', () => {
    const s = good.tcbInfoSignature.slice();
    s[5] = (s[5] as number) ^ 1;
    expect(verify({ ...good, tcbInfoSignature: s })).toBe('TDX_TCB_INFO_SIGNATURE_INVALID');
    const q = good.qeIdentity.slice();
    q[q.length - 3] = (q[q.length - 3] as number) ^ 1;
    expect(verify({ ...good, qeIdentity: q })).toBe('TDX_QE_IDENTITY_SIGNATURE_INVALID');
    const qs = good.qeIdentitySignature.slice();
    qs[40] = (qs[40] as number) ^ 1;
    expect(verify({ ...good, qeIdentitySignature: qs })).toBe('TDX_QE_IDENTITY_SIGNATURE_INVALID');
  });

  it('tampered CRLs -> TDX_CRL_INVALID', () => {
    const p = good.pckCrl.slice();
    p[p.length - 10] = (p[p.length - 10] as number) ^ 1;
    expect(verify({ ...good, pckCrl: p })).toBe('TDX_CRL_INVALID');
    const r = good.rootCaCrl.slice();
    r[r.length - 10] = (r[r.length - 10] as number) ^ 1;
    expect(verify({ ...good, rootCaCrl: r })).toBe('TDX_CRL_INVALID');
    expect(verify({ ...good, pckCrl: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) })).toBe('TDX_CRL_INVALID');
  });

  it('only a TCB Signing certificate directly under the root may sign TCB Info / QE Identity', () => {
    const pckChain = parseQuote(quote).signatureData.pckChain; // PCK leaf, PCK CA, root
    expect(verify({ ...good, tcbInfoIssuerChain: pckChain })).toBe('TDX_COLLATERAL_CHAIN_INVALID');
    expect(verify({ ...good, qeIdentityIssuerChain: [pckChain[0]!, pckChain[1]!] })).toBe(
      'TDX_COLLATERAL_CHAIN_INVALID',
    );
    expect(verify({ ...good, tcbInfoIssuerChain: [pckChain[1]!] })).toBe('TDX_CERT_CONSTRAINTS_INVALID'); // a CA (cA=TRUE, CN)
    expect(verify({ ...good, tcbInfoIssuerChain: [] })).toBe('TDX_COLLATERAL_CHAIN_INVALID');
  });

  it('the root CA CRL passed as the PCK CRL -> TDX_CRL_ISSUER_MISMATCH', () => {
    expect(verify({ ...good, pckCrl: good.rootCaCrl, pckCrlIssuerChain: [] })).toBe('TDX_CRL_ISSUER_MISMATCH');
  });

  it("another FMSPC's TCB Info (both valid at now) -> TDX_TCB_INFO_MISMATCH", () => {
    const o = loadCollateral(vectorCase('automata-solana-tdx-v4-outofdate')); // 00806F050000, valid 2025-07-07..08-06
    const mixed = {
      ...good,
      tcbInfo: o.tcbInfo,
      tcbInfoSignature: o.tcbInfoSignature,
      tcbInfoIssuerChain: o.tcbInfoIssuerChain,
    };
    expect(verify(mixed, new Date('2025-07-10T00:00:00Z'))).toBe('TDX_TCB_INFO_MISMATCH');
  });

  it('SGX collateral for a TDX quote -> TDX_TCB_INFO_MISMATCH', () => {
    const sgx = loadCollateral(vectorCase('phala-sgx-v3-config-swhardening'));
    expect(verify({ ...good, tcbInfo: sgx.tcbInfo, tcbInfoSignature: sgx.tcbInfoSignature })).toBe(
      'TDX_TCB_INFO_MISMATCH',
    );
    expect(verify({ ...good, qeIdentity: sgx.qeIdentity, qeIdentitySignature: sgx.qeIdentitySignature })).toBe(
      'TDX_QE_IDENTITY_MISMATCH',
    );
  });

  it('collateral expired a day later / not yet valid a month earlier', () => {
    expect(verify(good, new Date('2025-08-04T10:00:00Z'))).toMatch(/_EXPIRED$/);
    expect(verify(good, new Date('2025-06-01T10:00:00Z'))).toMatch(/_NOT_YET_VALID$/);
  });

  it('a TCB Info signed by the OLD TCB Signing key verifies but its certificate has expired -> TDX_CERT_EXPIRED', () => {
    const v5 = vectorCase('gotdx-v5-with-phala-collateral-uptodate');
    const base = loadCollateral(v5);
    const body = tdx('google-go-tdx-guest/testing/testdata/sample_tcbinfo_response_v5').toString('utf8');
    const oldChain = certsFromBytes(tdx('google-go-tdx-guest/derived/tcb_info_issuer_chain.pem'), 'old');
    const newChain = [tdx('automata-dcap-attestation/solana/automata-dcap-framework/tests/data/signing.der')].map(
      (b) => new Uint8Array(b),
    );
    const mk = (chain: Uint8Array[]): Collateral => ({
      ...base,
      tcbInfo: new TextEncoder().encode(rawTopLevelValue(body, 'tcbInfo', 'tcb info')),
      tcbInfoSignature: new Uint8Array(Buffer.from((JSON.parse(body) as { signature: string }).signature, 'hex')),
      tcbInfoIssuerChain: chain,
    });
    const at = new Date('2026-02-25T00:00:00Z');
    const q = quoteOf(v5);
    expect(codeOf(() => verifyQuote(q, mk(oldChain), { now: at }))).toBe('TDX_CERT_EXPIRED');
    expect(codeOf(() => verifyQuote(q, mk(newChain), { now: at }))).toBe('accepted');
  });
});
