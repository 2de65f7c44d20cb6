import 'reflect-metadata';
import { X509Certificate, createHash, createPublicKey, verify as cryptoVerify, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { createDevnetIntelPki, simulateTdxQuote } from '../../devnet/intel';
import { parseQuote } from '../../attestation/tdx/parse';
import { parsePckExtension, OID_SGX_EXTENSION } from '../../attestation/tdx/pck-extension';
import { collateralFromJson, collateralFromPcsParts } from '../../attestation/collateral';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const SEED = 'chrysalis-test-pki';
const pki = createDevnetIntelPki({ seed: SEED });
const reportData = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const cert = (der: Uint8Array): X509Certificate => new X509Certificate(Buffer.from(der));
const rawVerify = (key: Parameters<typeof cryptoVerify>[2], data: Uint8Array, sig: Uint8Array): boolean =>
  cryptoVerify('sha256', data, { key: key as never, dsaEncoding: 'ieee-p1363' }, sig);

describe('devnet Intel PKI (SIMULATED)', () => {
  test('is deterministic in the seed', () => {
    const again = createDevnetIntelPki({ seed: SEED });
    expect(hex(again.rootCaDer)).toBe(hex(pki.rootCaDer));
    expect(hex(again.pckLeafDer)).toBe(hex(pki.pckLeafDer));
    expect(again.collateralJson()).toEqual(pki.collateralJson());
    expect(hex(simulateTdxQuote(again, { reportData }))).toBe(hex(simulateTdxQuote(pki, { reportData })));
    const other = createDevnetIntelPki({ seed: `${SEED}-2` });
    expect(hex(other.rootCaDer)).not.toBe(hex(pki.rootCaDer));
  });

  test('certificate chains verify and carry Intel names', () => {
    const root = cert(pki.rootCaDer);
    const ca = cert(pki.pckCaDer);
    const leaf = cert(pki.pckLeafDer);
    const signing = cert(pki.tcbSigningDer);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(ca.verify(root.publicKey)).toBe(true);
    expect(signing.verify(root.publicKey)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(false);
    expect(root.subject).toContain('CN=Intel SGX Root CA');
    expect(ca.subject).toContain('CN=Intel SGX PCK Platform CA');
    expect(leaf.subject).toContain('CN=Intel SGX PCK Certificate');
    expect(signing.subject).toContain('CN=Intel SGX TCB Signing');
    expect(root.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.serialNumber.toLowerCase().replace(/^0+/, '')).toBe(pki.pckSerialHex);
  });

  test('PCK SGX extension decodes to the configured TCB, FMSPC, PCE-ID', () => {
    const ext = new x509.X509Certificate(Buffer.from(pki.pckLeafDer)).getExtension(OID_SGX_EXTENSION);
    expect(ext).not.toBeNull();
    const parsed = parsePckExtension(new Uint8Array(ext!.value));
    expect(parsed.fmspc).toBe(pki.fmspc.toLowerCase());
    expect(parsed.pceId).toBe('0000');
    expect(parsed.sgxTcbComponents).toEqual(pki.pckSgxTcbComponents);
    expect(parsed.pceSvn).toBe(pki.pckPceSvn);
    expect([...parsed.cpuSvn]).toEqual(pki.pckSgxTcbComponents);
    expect(parsed.sgxType).toBe(1);
    const proc = createDevnetIntelPki({ seed: SEED, pckCaType: 'processor', fmspc: '00a067110000' });
    const pext = parsePckExtension(
      new Uint8Array(new x509.X509Certificate(Buffer.from(proc.pckLeafDer)).getExtension(OID_SGX_EXTENSION)!.value),
    );
    expect(pext.sgxType).toBe(0);
    expect(pext.fmspc).toBe('00a067110000');
    expect(cert(proc.pckCaDer).subject).toContain('CN=Intel SGX PCK Processor CA');
  });

  test('CRLs are signed by their issuers and list revoked serials', async () => {
    const rootCrl = new x509.X509Crl(Buffer.from(pki.collateral.rootCaCrl));
    const pckCrl = new x509.X509Crl(Buffer.from(pki.collateral.pckCrl));
    const rootKey = await new x509.X509Certificate(Buffer.from(pki.rootCaDer)).publicKey.export();
    const caKey = await new x509.X509Certificate(Buffer.from(pki.pckCaDer)).publicKey.export();
    expect(await rootCrl.verify({ publicKey: rootKey })).toBe(true);
    expect(await pckCrl.verify({ publicKey: caKey })).toBe(true);
    expect(pckCrl.issuer).toContain('CN=Intel SGX PCK Platform CA');
    expect(pckCrl.entries).toHaveLength(0);
    expect(pckCrl.thisUpdate.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(pckCrl.nextUpdate?.toISOString()).toBe('2025-07-01T00:00:00.000Z');

    const revoked = createDevnetIntelPki({ seed: SEED, revokePck: true, extraRevokedSerials: ['01ab'] });
    const rc = new x509.X509Crl(Buffer.from(revoked.collateral.pckCrl));
    expect(rc.entries.map((e) => e.serialNumber.toLowerCase().replace(/^0+/, ''))).toEqual([
      revoked.pckSerialHex,
      '1ab',
    ]);
    expect(await rc.verify({ publicKey: caKey })).toBe(true);
    const rcRoot = new x509.X509Crl(
      Buffer.from(createDevnetIntelPki({ seed: SEED, revokePckCa: true }).collateral.rootCaCrl),
    );
    expect(rcRoot.entries).toHaveLength(1);
  });

  test('TCB Info and QE Identity are Intel-shaped and signed over their exact text', () => {
    const key = cert(pki.tcbSigningDer).publicKey;
    expect(rawVerify(key, pki.collateral.tcbInfo, pki.collateral.tcbInfoSignature)).toBe(true);
    expect(rawVerify(key, pki.collateral.qeIdentity, pki.collateral.qeIdentitySignature)).toBe(true);
    const tcb = JSON.parse(pki.tcbInfoJson) as Record<string, unknown>;
    expect(Object.keys(tcb)).toEqual([
      'id',
      'version',
      'issueDate',
      'nextUpdate',
      'fmspc',
      'pceId',
      'tcbType',
      'tcbEvaluationDataNumber',
      'tdxModule',
      'tdxModuleIdentities',
      'tcbLevels',
    ]);
    expect(tcb['id']).toBe('TDX');
    expect(tcb['version']).toBe(3);
    expect(tcb['issueDate']).toBe('2025-06-01T00:00:00Z');
    expect((tcb['tcbLevels'] as { tcbStatus: string }[]).map((l) => l.tcbStatus)).toEqual(['UpToDate', 'OutOfDate']);
    const qe = JSON.parse(pki.qeIdentityJson) as Record<string, unknown>;
    expect(qe['id']).toBe('TD_QE');
    expect(qe['version']).toBe(2);
    expect(pki.pcs.tcbInfoBody.startsWith(`{"tcbInfo":${pki.tcbInfoJson},"signature":"`)).toBe(true);
  });

  test('collateral round-trips through the dcap-qvl JSON and PCS forms', () => {
    expect(collateralFromJson(pki.collateralJson())).toEqual(pki.collateral);
    expect(collateralFromJson(JSON.stringify(pki.collateralJson()))).toEqual(pki.collateral);
    const fromPcs = collateralFromPcsParts({
      tcbInfoBody: pki.pcs.tcbInfoBody,
      qeIdentityBody: pki.pcs.qeIdentityBody,
      pckCrl: pki.pcs.pckCrlDer,
      rootCaCrl: pki.pcs.rootCaCrlDer,
      tcbInfoIssuerChain: pki.collateral.tcbInfoIssuerChain,
      qeIdentityIssuerChain: pki.collateral.qeIdentityIssuerChain,
      pckCrlIssuerChain: pki.collateral.pckCrlIssuerChain,
    });
    expect(fromPcs).toEqual(pki.collateral);
  });

  test('rejects malformed options and fields with programmer errors', () => {
    expect(() => createDevnetIntelPki({ seed: '' })).toThrow(TypeError);
    expect(() => createDevnetIntelPki({ seed: 's', fmspc: 'zz' })).toThrow(RangeError);
    expect(() => simulateTdxQuote(pki, { reportData: new Uint8Array(63) })).toThrow(RangeError);
    expect(() => simulateTdxQuote(pki, { reportData, mrtd: new Uint8Array(47) })).toThrow(RangeError);
    expect(() => simulateTdxQuote({ ...pki }, { reportData })).toThrow(TypeError);
  });
});

describe('simulated TDX quotes (SIMULATED)', () => {
  const fields = {
    reportData,
    mrtd: new Uint8Array(48).fill(0x11),
    rtmr0: new Uint8Array(48).fill(0x20),
    rtmr1: new Uint8Array(48).fill(0x21),
    rtmr2: new Uint8Array(48).fill(0x22),
    rtmr3: new Uint8Array(48).fill(0x23),
    mrconfigid: new Uint8Array(48).fill(0x30),
    teeTcbSvn2: Uint8Array.from([7, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  };
  test.each([
    ['v4', 4, undefined, 'TD10', 632],
    ['v5 TD1.5', 5, 3, 'TD15', 702],
    ['v5 TD1.0', 5, 2, 'TD10', 638],
  ] as const)(
    '%s parses back to the chosen fields and verifies cryptographically',
    (_n, version, bodyType, kind, signedLen) => {
      const q = simulateTdxQuote(pki, fields, { version, ...(bodyType ? { bodyType } : {}) });
      const parsed = parseQuote(q);
      expect(parsed.version).toBe(version);
      expect(parsed.teeType).toBe('TDX');
      expect(parsed.size).toBe(q.length);
      expect(parsed.signedBytes.length).toBe(signedLen);
      if (parsed.teeType !== 'TDX') throw new Error('not TDX');
      const b = parsed.body;
      expect(b.kind).toBe(kind);
      expect(hex(b.reportData)).toBe(hex(reportData));
      expect(hex(b.mrtd)).toBe(hex(fields.mrtd));
      expect(hex(b.rtmr3)).toBe(hex(fields.rtmr3));
      expect(hex(b.mrconfigid)).toBe(hex(fields.mrconfigid));
      expect(hex(b.tdAttributes)).toBe('0000001000000000');
      if (kind === 'TD15') expect(hex(b.teeTcbSvn2!)).toBe(hex(fields.teeTcbSvn2));
      const sd = parsed.signatureData;
      const attKey = createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: Buffer.from(sd.attestationKey.subarray(0, 32)).toString('base64url'),
          y: Buffer.from(sd.attestationKey.subarray(32)).toString('base64url'),
        },
        format: 'jwk',
      });
      expect(rawVerify(attKey, parsed.signedBytes, sd.signature)).toBe(true);
      expect(rawVerify(cert(pki.pckLeafDer).publicKey, sd.qeReport.raw, sd.qeReportSignature)).toBe(true);
      const h = createHash('sha256').update(sd.attestationKey).update(sd.qeAuthData).digest();
      expect(hex(sd.qeReport.reportData)).toBe(hex(h) + '00'.repeat(32));
      expect(sd.certDataType).toBe(5);
      expect(sd.pckChain.map(hex)).toEqual([pki.pckLeafDer, pki.pckCaDer, pki.rootCaDer].map(hex));
    },
  );
});
