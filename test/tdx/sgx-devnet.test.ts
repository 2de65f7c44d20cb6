/**
 * SGX quotes (DCAP v3) end to end on the devnet Intel PKI (no vectors needed): the test builds a v3 quote for an
 * enclave, signs it with the devnet attestation key, and an SGX TCB Info / QE Identity with the devnet TCB signing
 * key. Verification, the SGX/TDX collateral pairing, and every SGX policy rule are asserted by their codes.
 */
import { createHash } from 'node:crypto';
import { verifyQuote, parseQuote, type VerifiedQuote } from '../../attestation/tdx';
import { appraiseQuote, quoteViolations, PolicyError, type QuotePolicy } from '../../attestation/policy';
import type { Collateral } from '../../attestation/collateral';
import { createPcsClient } from '../../attestation/collateral/pcs-client';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet';
import { deriveP256Key, signP256Raw } from '../../devnet/intel/ecdsa';
import { secretsOf } from '../../devnet/intel/pki';
import { thrownCode as codeOf } from '../helpers/codes';

const SEED = 'chrysalis-sgx-devnet';
const NOW = new Date('2025-06-15T12:00:00Z');
const pki = createDevnetIntelPki({ seed: SEED });
const { pckKey, attestationKey } = secretsOf(pki);
const tcbKey = deriveP256Key(SEED, 'tcb-signing');
const trust = { intelRootCaDer: [pki.rootCaDer] };
const QE_MRSIGNER = 'ab'.repeat(32);

const u16 = (v: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
};

interface Enclave {
  attributes?: number;
  mrEnclave?: Uint8Array;
  mrSigner?: Uint8Array;
  isvProdId?: number;
  isvSvn?: number;
  reportData?: Uint8Array;
}

/** SGX REPORTBODY (384 bytes): CPUSVN, MISCSELECT, ATTRIBUTES @48, MRENCLAVE @64, MRSIGNER @128, ISV ids @256, REPORTDATA @320. */
function enclaveReport(e: Enclave & { cpuSvn?: readonly number[] }): Buffer {
  const r = Buffer.alloc(384);
  if (e.cpuSvn) Buffer.from(e.cpuSvn).copy(r, 0);
  r[48] = e.attributes ?? 0x05; // INIT | MODE64BIT
  r[56] = 0xe7;
  Buffer.from(e.mrEnclave ?? new Uint8Array(32).fill(1)).copy(r, 64);
  Buffer.from(e.mrSigner ?? new Uint8Array(32).fill(2)).copy(r, 128);
  r.writeUInt16LE(e.isvProdId ?? 7, 256);
  r.writeUInt16LE(e.isvSvn ?? 3, 258);
  Buffer.from(e.reportData ?? new Uint8Array(64)).copy(r, 320);
  return r;
}

/** A DCAP v3 SGX quote signed by the devnet attestation key, its QE report by the devnet PCK key. */
function sgxQuote(e: Enclave = {}): Uint8Array {
  const header = Buffer.concat([
    u16(3),
    u16(2), // ECDSA P-256
    u32(0), // SGX
    u16(4),
    u16(pki.pckPceSvn),
    Buffer.from('939a7233f79c4ca9940a0db3957f0607', 'hex'),
    Buffer.alloc(20),
  ]);
  const signed = Buffer.concat([header, enclaveReport(e)]);
  const auth = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  const qeReportData = Buffer.alloc(64);
  createHash('sha256').update(attestationKey.publicXY).update(auth).digest().copy(qeReportData);
  const qe = enclaveReport({
    cpuSvn: pki.pckSgxTcbComponents,
    attributes: 0x15,
    mrSigner: Buffer.from(QE_MRSIGNER, 'hex'),
    isvProdId: 1,
    isvSvn: 4,
    reportData: qeReportData,
  });
  const chain = Buffer.concat([Buffer.from(pki.pckChainPem, 'ascii'), Buffer.of(0)]);
  const sig = Buffer.concat([
    signP256Raw(attestationKey, signed),
    attestationKey.publicXY,
    qe,
    signP256Raw(pckKey, qe),
    u16(auth.length),
    auth,
    u16(5),
    u32(chain.length),
    chain,
  ]);
  return new Uint8Array(Buffer.concat([signed, u32(sig.length), sig]));
}

type Json = Record<string, unknown>;
/** The devnet TCB Info / QE Identity rewritten for SGX and re-signed with the devnet TCB signing key. */
function sgxCollateral(edit: { tcb?: (o: Json) => void; qe?: (o: Json) => void } = {}): Collateral {
  const tcb = JSON.parse(pki.tcbInfoJson) as Json;
  tcb['id'] = 'SGX';
  delete tcb['tdxModule'];
  delete tcb['tdxModuleIdentities'];
  for (const l of tcb['tcbLevels'] as Json[]) delete (l['tcb'] as Json)['tdxtcbcomponents'];
  edit.tcb?.(tcb);
  const qe = JSON.parse(pki.qeIdentityJson) as Json;
  qe['id'] = 'QE';
  qe['mrsigner'] = QE_MRSIGNER.toUpperCase();
  qe['isvprodid'] = 1;
  edit.qe?.(qe);
  const tcbInfo = new Uint8Array(Buffer.from(JSON.stringify(tcb)));
  const qeIdentity = new Uint8Array(Buffer.from(JSON.stringify(qe)));
  return {
    ...pki.collateral,
    tcbInfo,
    tcbInfoSignature: signP256Raw(tcbKey, tcbInfo),
    qeIdentity,
    qeIdentitySignature: signP256Raw(tcbKey, qeIdentity),
  };
}

describe('SGX v3 quotes on the devnet PKI', () => {
  const verified = (e: Enclave = {}, c = sgxCollateral()): VerifiedQuote =>
    verifyQuote(sgxQuote(e), c, { now: NOW, trust });

  it('parses as a v3 SGX quote', () => {
    const q = parseQuote(sgxQuote());
    expect(q.version).toBe(3);
    expect(q.teeType).toBe('SGX');
    expect(q.signatureData.pckChain).toHaveLength(3);
  });

  it('verifies UpToDate with the SGX measurements of the enclave', () => {
    const v = verified({ mrEnclave: new Uint8Array(32).fill(0x11), isvSvn: 9 });
    expect(v.teeType).toBe('SGX');
    expect(v.tcbStatus).toBe('UpToDate');
    if (v.teeType !== 'SGX') throw new Error('unreachable');
    expect(Buffer.from(v.measurements.mrEnclave).toString('hex')).toBe('11'.repeat(32));
    expect(v.measurements.isvSvn).toBe(9);
    expect(v.measurements.isvProdId).toBe(7);
  });

  it('TDX collateral does not fit an SGX quote, nor SGX collateral a TDX quote', () => {
    expect(codeOf(() => verifyQuote(sgxQuote(), pki.collateral, { now: NOW, trust }))).toBe('TDX_TCB_INFO_MISMATCH');
    const tdx = simulateTdxQuote(pki, { reportData: new Uint8Array(64) });
    expect(codeOf(() => verifyQuote(tdx, sgxCollateral(), { now: NOW, trust }))).toBe('TDX_TCB_INFO_MISMATCH');
  });

  it('an SGX TCB Info of an unknown version or a TD_QE identity does not fit', () => {
    expect(codeOf(() => verified({}, sgxCollateral({ tcb: (o) => (o['version'] = 4) })))).toBe('TDX_TCB_INFO_MISMATCH');
    expect(codeOf(() => verified({}, sgxCollateral({ qe: (o) => (o['id'] = 'TD_QE') })))).toBe(
      'TDX_QE_IDENTITY_MISMATCH',
    );
    expect(verified({}, sgxCollateral({ tcb: (o) => (o['version'] = 2) })).tcbStatus).toBe('UpToDate');
  });

  it('a QE report whose attributes differ under the identity mask is TDX_QE_IDENTITY_MISMATCH', () => {
    const c = sgxCollateral({ qe: (o) => (o['attributes'] = '01000000000000000000000000000000') });
    expect(codeOf(() => verified({}, c))).toBe('TDX_QE_IDENTITY_MISMATCH');
  });

  describe('SGX policy', () => {
    const v = verified({ attributes: 0x07, reportData: new Uint8Array(64).fill(5) }); // DEBUG set
    const base: QuotePolicy = { teeType: 'SGX', allowedRoots: [v.rootSha256], allowDebug: true };

    it('an SGX quote needs a policy that names SGX', () => {
      expect(quoteViolations(v, { allowedRoots: [v.rootSha256] }).map((x) => x.code)).toEqual([
        'POLICY_TEE_TYPE_NOT_ALLOWED',
        'POLICY_DEBUG_ENABLED',
      ]);
    });

    it('passes when every allowlist holds', () => {
      expect(() =>
        appraiseQuote(v, {
          ...base,
          mrEnclave: ['01'.repeat(32)],
          mrSigner: ['0x' + '02'.repeat(32)],
          isvProdId: 7,
          minIsvSvn: 3,
          reportData: '05'.repeat(64),
        }),
      ).not.toThrow();
    });

    it('collects every SGX violation at once', () => {
      let err: unknown;
      try {
        appraiseQuote(v, {
          ...base,
          allowDebug: false,
          mrEnclave: ['00'.repeat(32)],
          mrSigner: [],
          isvProdId: 8,
          minIsvSvn: 4,
          reportData: new Uint8Array(64).fill(6),
        });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PolicyError);
      const vs = (err as PolicyError).violations;
      expect(vs.map((x) => [x.code, x.field])).toEqual([
        ['POLICY_DEBUG_ENABLED', 'attributes.DEBUG'],
        ['POLICY_MRENCLAVE_NOT_ALLOWED', 'mrEnclave'],
        ['POLICY_MRSIGNER_NOT_ALLOWED', 'mrSigner'],
        ['POLICY_ISV_NOT_ALLOWED', 'isvProdId'],
        ['POLICY_ISV_NOT_ALLOWED', 'isvSvn'],
        ['POLICY_REPORT_DATA_MISMATCH', 'reportData'],
      ]);
      expect(vs[2]!.expected).toBe('(none)');
      expect(vs[4]!.expected).toBe('>=4');
    });

    it('a non-debug enclave passes the debug rule under the default', () => {
      const plain = verified();
      expect(quoteViolations(plain, { teeType: 'SGX', allowedRoots: [plain.rootSha256] })).toEqual([]);
    });
  });
});

describe('PCS collateral for an SGX quote', () => {
  it('asks for SGX TCB Info and the SGX QE Identity of the quote FMSPC', async () => {
    const urls: string[] = [];
    const client = createPcsClient({
      baseUrl: 'https://pccs.example',
      transport: async (url) => {
        urls.push(url);
        return { status: 404, headers: {}, body: new Uint8Array(0) };
      },
    });
    await expect(client.getCollateralForQuote(sgxQuote())).rejects.toMatchObject({ code: 'PCS_HTTP_STATUS' });
    expect(urls).toContain(`https://pccs.example/sgx/certification/v4/tcb?fmspc=${pki.fmspc}`);
    expect(urls).toContain('https://pccs.example/sgx/certification/v4/qe/identity');
  });
});
