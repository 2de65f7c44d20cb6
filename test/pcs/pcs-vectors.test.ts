import 'reflect-metadata';
import { describeVectors, readVector, readVectorJson } from '../helpers/vectors';
import { createNodePcsClient } from '../../attestation/collateral/pcs-client-node';
import { collateralFromPcsParts } from '../../attestation/collateral';
import { verifyQuote } from '../../attestation/tdx';
import { hitsOf, intelHeader, route, startLoopbackPcs, type LoopbackPcs } from './loopback-pcs';

interface PcsFilesCase {
  id: string;
  quote: { path: string; fmspc: string; version: number };
  collateral: {
    format: string;
    tcb_info: string;
    qe_identity: string;
    pck_crl: string;
    root_ca_crl: string;
    tcb_info_issuer_chain: string[];
    qe_identity_issuer_chain: string[];
    pck_crl_issuer_chain: string[] | null;
  };
  suggested_now: string;
  expected_intel_qvl_semantics: { result: string; status?: string; advisoryIDs?: string[] };
}

/** The MANIFEST's PCS-files cases; read in the suite's describe body, which runs only when the vectors are present. */
const pcsFilesCases = (): PcsFilesCase[] =>
  readVectorJson<{ cases: PcsFilesCase[] }>('tdx', 'MANIFEST.json').cases.filter(
    (c) => c.collateral.format === 'pcs-files' && c.collateral.pck_crl_issuer_chain,
  );

/** PEM text of a list of chain files (each PEM or DER), in order: what Intel puts (URL-encoded) in the header. */
function chainPem(files: readonly string[]): string {
  return files
    .map((f) => {
      const b = readVector('tdx', f);
      if (b[0] === 0x30)
        return `-----BEGIN CERTIFICATE-----\n${(b.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
      return b.toString('latin1');
    })
    .join('');
}
const ders = (files: readonly string[]): Uint8Array[] =>
  chainPem(files)
    .split('-----END CERTIFICATE-----')
    .filter((s) => s.includes('BEGIN'))
    .map((s) => new Uint8Array(Buffer.from(s.replace(/-----BEGIN CERTIFICATE-----|\s/g, ''), 'base64')));

describeVectors('pcs')('PCS client on the real Intel PCS response files (loopback server, real header formats)', () => {
  const cases = pcsFilesCases();
  let pcs: LoopbackPcs;
  beforeAll(async () => {
    pcs = await startLoopbackPcs();
  });
  afterAll(async () => {
    await pcs.close();
  });

  test('there are pcs-files cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  test.each(cases.map((c) => [c.id, c] as const))(
    '%s: fetched collateral equals the files and verifies as Intel expects',
    async (_id, c) => {
      pcs.routes.clear();
      pcs.hits.clear();
      const col = c.collateral;
      const tee = c.quote.version === 3 ? 'sgx' : 'tdx';
      route(pcs, `/sgx/certification/v4/pckcrl?ca=platform&encoding=der`, {
        body: readVector('tdx', col.pck_crl),
        headers: {
          'SGX-PCK-CRL-Issuer-Chain': intelHeader(chainPem(col.pck_crl_issuer_chain ?? [])),
          'Content-Type': 'application/pkix-crl',
        },
      });
      route(pcs, `/${tee}/certification/v4/tcb?fmspc=${c.quote.fmspc.toUpperCase()}`, {
        body: readVector('tdx', col.tcb_info),
        headers: {
          'TCB-Info-Issuer-Chain': intelHeader(chainPem(col.tcb_info_issuer_chain)),
          'Content-Type': 'application/json',
        },
      });
      route(pcs, `/${tee}/certification/v4/qe/identity`, {
        body: readVector('tdx', col.qe_identity),
        headers: {
          'SGX-Enclave-Identity-Issuer-Chain': intelHeader(chainPem(col.qe_identity_issuer_chain)),
          'Content-Type': 'application/json',
        },
      });
      // PCCS serves the root CA CRL as hex text
      route(pcs, '/sgx/certification/v4/rootcacrl', { body: readVector('tdx', col.root_ca_crl).toString('hex') });

      const quote = new Uint8Array(readVector('tdx', c.quote.path));
      const fetched = await createNodePcsClient({ baseUrl: pcs.baseUrl }).getCollateralForQuote(quote);
      const direct = collateralFromPcsParts({
        tcbInfoBody: readVector('tdx', col.tcb_info).toString('utf8'),
        qeIdentityBody: readVector('tdx', col.qe_identity).toString('utf8'),
        pckCrl: new Uint8Array(readVector('tdx', col.pck_crl)),
        rootCaCrl: new Uint8Array(readVector('tdx', col.root_ca_crl)),
        tcbInfoIssuerChain: ders(col.tcb_info_issuer_chain),
        qeIdentityIssuerChain: ders(col.qe_identity_issuer_chain),
        pckCrlIssuerChain: ders(col.pck_crl_issuer_chain ?? []),
      });
      expect(fetched).toEqual(direct);
      expect(hitsOf(pcs, '/sgx/certification/v4/rootcacrl')).toBe(1);

      const exp = c.expected_intel_qvl_semantics;
      let got: { result: string; status?: string; advisoryIDs?: string[] };
      try {
        const v = verifyQuote(quote, fetched, { now: new Date(c.suggested_now), allowTrailingBytes: true });
        got = { result: 'ok', status: v.tcbStatus, advisoryIDs: [...v.advisoryIds].sort() };
      } catch (e) {
        got = { result: 'error', status: (e as { code?: string }).code ?? 'UNTYPED' };
      }
      expect(got.result).toBe(exp.result);
      if (exp.result === 'ok') {
        expect(got.status).toBe(exp.status);
        expect(got.advisoryIDs).toEqual([...(exp.advisoryIDs ?? [])].sort());
      }
    },
  );
});
