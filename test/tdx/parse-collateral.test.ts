/** Parser and collateral readers on synthetic input (devnet PKI, fixed seed): always run, no vectors needed. */
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet/intel';
import { parseQuote, verifyQuote, TdxParseError, clearQuoteVerifierCaches } from '../../attestation/tdx';
import { splitCertData } from '../../attestation/tdx/parse';
import { collateralFromJson, collateralToJson, CollateralError } from '../../attestation/collateral';
import { loadPcsDirectory } from '../../attestation/collateral/pcs-dir-fs';
import { rawTopLevelValue } from '../../attestation/collateral/raw-json';
import { codeOf } from '../helpers/codes';

const pki = createDevnetIntelPki({ seed: 'a1-parse' });
const trust = { intelRootCaDer: [pki.rootCaDer] };
const NOW = new Date('2025-06-10T00:00:00Z');
const RD = new Uint8Array(64).fill(3);

describe('parseQuote', () => {
  const v4 = simulateTdxQuote(pki, { reportData: RD });
  const v5 = simulateTdxQuote(pki, { reportData: RD, mrtd: new Uint8Array(48).fill(0xaa) }, { version: 5 });

  it('parses v4 and v5 TD bodies with the documented offsets', () => {
    const q4 = parseQuote(v4);
    expect(q4).toMatchObject({ version: 4, teeType: 'TDX', bodyType: undefined, size: v4.length });
    expect(q4.signedBytes.length).toBe(632);
    const q5 = parseQuote(v5);
    expect(q5).toMatchObject({ version: 5, teeType: 'TDX', bodyType: 3 });
    expect(q5.signedBytes.length).toBe(702);
    if (q5.teeType !== 'TDX') throw new Error('TDX expected');
    expect(q5.body.kind).toBe('TD15');
    expect(Buffer.from(q5.body.mrtd).equals(Buffer.alloc(48, 0xaa))).toBe(true);
    expect(Buffer.from(q5.body.reportData).equals(Buffer.from(RD))).toBe(true);
    expect(q5.body.mrservicetd?.length).toBe(48);
    expect(q5.signatureData.pckChain.length).toBe(3);
    expect(q5.signatureData.qeAuthData.length).toBe(32);
  });

  it('tolerates zero padding, rejects other trailing bytes unless allowed', () => {
    const padded = new Uint8Array(v4.length + 100);
    padded.set(v4);
    expect(parseQuote(padded).size).toBe(v4.length);
    padded[v4.length + 50] = 1;
    expect(codeOf(() => parseQuote(padded))).toBe('TDX_QUOTE_TRAILING_BYTES');
    expect(parseQuote(padded, { allowTrailingBytes: true }).size).toBe(v4.length);
  });

  it('every truncation of a v5 quote is TDX_QUOTE_TRUNCATED', () => {
    for (let len = 0; len < v5.length; len += len < 800 ? 1 : 13) {
      let err: unknown;
      try {
        parseQuote(v5.subarray(0, len));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TdxParseError);
      expect((err as TdxParseError).code).toBe('TDX_QUOTE_TRUNCATED');
    }
  });

  it('header and structure errors have specific codes', () => {
    const mut = (off: number, val: number, base = v4): Uint8Array => {
      const q = base.slice();
      q[off] = val;
      return q;
    };
    expect(codeOf(() => parseQuote(mut(0, 6)))).toBe('TDX_QUOTE_UNSUPPORTED_VERSION');
    expect(codeOf(() => parseQuote(mut(2, 3)))).toBe('TDX_QUOTE_UNSUPPORTED_KEY_TYPE');
    expect(codeOf(() => parseQuote(mut(4, 0x82)))).toBe('TDX_QUOTE_UNSUPPORTED_TEE_TYPE');
    expect(codeOf(() => parseQuote(mut(0, 3)))).toBe('TDX_QUOTE_UNSUPPORTED_TEE_TYPE'); // v3 is SGX only
    expect(codeOf(() => parseQuote(mut(12, 0)))).toBe('TDX_QUOTE_UNSUPPORTED_QE_VENDOR');
    const sgxBody = mut(48, 1, v5);
    new DataView(sgxBody.buffer).setUint32(50, 384, true);
    expect(codeOf(() => parseQuote(sgxBody))).toBe('TDX_QUOTE_UNSUPPORTED_TEE_TYPE'); // body type 1 (SGX) with TEE TDX
    expect(codeOf(() => parseQuote(mut(48, 1, v5)))).toBe('TDX_QUOTE_BAD_BODY_DESCRIPTOR'); // type 1 with 648 bytes
    expect(codeOf(() => parseQuote(mut(48, 9, v5)))).toBe('TDX_QUOTE_BAD_BODY_DESCRIPTOR');
    expect(codeOf(() => parseQuote(mut(764, 7)))).toBe('TDX_QUOTE_BAD_CERT_DATA_TYPE');
    expect(codeOf(() => parseQuote(mut(1252, 4)))).toBe('TDX_QUOTE_BAD_CERT_DATA_TYPE');
    expect(codeOf(() => parseQuote(mut(1260, 0x80)))).toBe('TDX_QUOTE_BAD_CERT_DATA');
    // Outer size one larger than its content and the sig-data length one larger -> mismatch / truncation.
    const q = v4.slice();
    const dv = new DataView(q.buffer);
    dv.setUint32(766, dv.getUint32(766, true) - 1, true);
    expect(codeOf(() => parseQuote(q))).toMatch(/^TDX_QUOTE_(LENGTH_MISMATCH|TRUNCATED)$/);
    expect(() => parseQuote('nope' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('splits PEM (NUL terminated) and concatenated DER chains', () => {
    const ders = [pki.pckLeafDer, pki.pckCaDer, pki.rootCaDer];
    const fromPem = splitCertData(new TextEncoder().encode(pki.pckChainPem));
    expect(fromPem.map((d) => Buffer.from(d).toString('hex'))).toEqual(ders.map((d) => Buffer.from(d).toString('hex')));
    const cat = Buffer.concat([...ders].reverse().map((d) => Buffer.from(d)));
    expect(splitCertData(cat).length).toBe(3);
    expect(codeOf(() => splitCertData(cat.subarray(0, cat.length - 5)))).toBe('TDX_QUOTE_BAD_CERT_DATA');
    expect(codeOf(() => splitCertData(new Uint8Array(4)))).toBe('TDX_QUOTE_BAD_CERT_DATA');
  });

  it('clearing the caches changes nothing but speed', () => {
    const a = verifyQuote(v4, pki.collateral, { now: NOW, trust });
    clearQuoteVerifierCaches();
    const b = verifyQuote(v4, pki.collateral, { now: NOW, trust });
    expect([b.tcbStatus, b.fmspc, b.rootSha256]).toEqual([a.tcbStatus, a.fmspc, a.rootSha256]);
  });

  it('verifyQuote rejects a non-Date now and copies its input', () => {
    expect(() => verifyQuote(v4, pki.collateral, { now: new Date('x') })).toThrow(TypeError);
    const mine = v4.slice();
    const v = verifyQuote(mine, pki.collateral, { now: NOW, trust });
    mine.fill(0);
    expect(Buffer.from(v.measurements.reportData).equals(Buffer.from(RD))).toBe(true);
    const buf = Buffer.from(v4); // Buffer#slice aliases: the verifier must still copy
    const vb = verifyQuote(buf, pki.collateral, { now: NOW, trust });
    buf.fill(0);
    expect(Buffer.from(vb.measurements.reportData).equals(Buffer.from(RD))).toBe(true);
  });
});

describe('collateral readers', () => {
  it('rawTopLevelValue keeps the exact served text (key order, whitespace, escapes)', () => {
    const inner = '{ "b":1,  "a":"x\\"}y", "n":[1, {"k":"}"}] }';
    const text = `{"signature":"00", "tcbInfo": ${inner} , "z":null}`;
    expect(rawTopLevelValue(text, 'tcbInfo', 't')).toBe(inner);
    expect(codeOf(() => rawTopLevelValue(text, 'missing', 't'))).toBe('COLLATERAL_MALFORMED');
    expect(codeOf(() => rawTopLevelValue('{"tcbInfo":', 'tcbInfo', 't'))).toBe('COLLATERAL_MALFORMED');
  });

  it('collateralFromJson: text, object and PCS-body forms give the same verified result', () => {
    const q = simulateTdxQuote(pki, { reportData: RD });
    const obj = pki.collateralJson();
    for (const c of [
      collateralFromJson(JSON.stringify(obj)),
      collateralFromJson(obj),
      collateralFromJson(collateralToJson(pki.collateral)),
    ]) {
      expect(verifyQuote(q, c, { now: NOW, trust }).tcbStatus).toBe('UpToDate');
    }
    const pcsStyle = { ...obj, tcb_info: pki.pcs.tcbInfoBody, qe_identity: pki.pcs.qeIdentityBody } as Record<
      string,
      unknown
    >;
    delete pcsStyle['tcb_info_signature'];
    delete pcsStyle['qe_identity_signature'];
    expect(verifyQuote(q, collateralFromJson(pcsStyle), { now: NOW, trust }).tcbStatus).toBe('UpToDate');
  });

  it('collateralFromJson: malformed input is COLLATERAL_MALFORMED', () => {
    const obj = pki.collateralJson() as unknown as Record<string, unknown>;
    expect(codeOf(() => collateralFromJson('{'))).toBe('COLLATERAL_MALFORMED');
    expect(codeOf(() => collateralFromJson('[]'))).toBe('COLLATERAL_MALFORMED');
    expect(codeOf(() => collateralFromJson({ ...obj, pck_crl: 'zz' }))).toBe('COLLATERAL_MALFORMED');
    expect(codeOf(() => collateralFromJson({ ...obj, tcb_info_issuer_chain: 'no pem here' }))).toBe(
      'COLLATERAL_MALFORMED',
    );
    const missing = { ...obj };
    delete missing['qe_identity'];
    expect(codeOf(() => collateralFromJson(missing))).toBe('COLLATERAL_MALFORMED');
    expect(codeOf(() => collateralFromJson({ ...obj, tcb_info: '{not json' }))).toBe('COLLATERAL_MALFORMED');
  });

  it('PCS directory loader (fs shell): the documented file names; missing files are COLLATERAL_UNREADABLE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chrysalis-a1-pcs-'));
    try {
      writeFileSync(join(dir, 'tcb_info.json'), pki.pcs.tcbInfoBody);
      writeFileSync(join(dir, 'qe_identity.json'), pki.pcs.qeIdentityBody);
      writeFileSync(join(dir, 'pck_crl.der'), pki.pcs.pckCrlDer);
      writeFileSync(join(dir, 'root_ca_crl.der'), Buffer.from(pki.pcs.rootCaCrlDer).toString('hex')); // hex accepted too
      writeFileSync(join(dir, 'tcb_info_issuer_chain.pem'), pki.pcs.tcbInfoIssuerChainPem);
      writeFileSync(join(dir, 'qe_identity_issuer_chain.pem'), pki.pcs.qeIdentityIssuerChainPem);
      const q = simulateTdxQuote(pki, { reportData: RD });
      expect(verifyQuote(q, loadPcsDirectory(dir), { now: NOW, trust }).tcbStatus).toBe('UpToDate'); // no PCK CRL chain: quote's CA
      writeFileSync(join(dir, 'pck_crl_issuer_chain.pem'), pki.pcs.pckCrlIssuerChainPem);
      expect(verifyQuote(q, loadPcsDirectory(dir), { now: NOW, trust }).tcbStatus).toBe('UpToDate');
      unlinkSync(join(dir, 'qe_identity.json'));
      let err: unknown;
      try {
        loadPcsDirectory(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CollateralError);
      expect((err as CollateralError).code).toBe('COLLATERAL_UNREADABLE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
