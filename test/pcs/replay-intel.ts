/**
 * Serves recorded Intel collateral (dcap-qvl JSON from ../shared/vectors) on a loopback PCS in the shapes Intel PCS
 * API v4 / PCCS serve: TCB Info and QE Identity as `{"tcbInfo"|"enclaveIdentity":…,"signature":"…"}` bodies with
 * URL-encoded PEM issuer-chain headers, the PCK CRL as DER with its chain header, the root CA CRL as PCCS hex text.
 */
import { collateralFromJson, type Collateral } from '../../attestation/collateral';
import { parseTcbInfo } from '../../attestation/tdx/collateral-json';
import { derToPem } from '../../core/pem';
import { intelHeader, route, type LoopbackPcs } from './loopback-pcs';

const pem = (ders: readonly Uint8Array[]): string => ders.map((d) => derToPem(d)).join('');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Routes for `c` (TDX or SGX by its TCB Info id) on `pcs`; both PCK CA types get the same CRL. */
export function serveCollateral(pcs: LoopbackPcs, c: Collateral): void {
  const info = parseTcbInfo(c.tcbInfo);
  const tee = info.id === 'TDX' ? 'tdx' : 'sgx';
  const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
  const pckChain = c.pckCrlIssuerChain.length > 0 ? c.pckCrlIssuerChain : c.tcbInfoIssuerChain;
  for (const ca of ['platform', 'processor'])
    route(pcs, `/sgx/certification/v4/pckcrl?ca=${ca}&encoding=der`, {
      body: c.pckCrl,
      headers: { 'SGX-PCK-CRL-Issuer-Chain': intelHeader(pem(pckChain)), 'Content-Type': 'application/pkix-crl' },
    });
  route(pcs, `/${tee}/certification/v4/tcb?fmspc=${info.fmspc.toUpperCase()}`, {
    body: `{"tcbInfo":${text(c.tcbInfo)},"signature":"${hex(c.tcbInfoSignature)}"}`,
    headers: { 'TCB-Info-Issuer-Chain': intelHeader(pem(c.tcbInfoIssuerChain)), 'Content-Type': 'application/json' },
  });
  route(pcs, `/${tee}/certification/v4/qe/identity`, {
    body: `{"enclaveIdentity":${text(c.qeIdentity)},"signature":"${hex(c.qeIdentitySignature)}"}`,
    headers: {
      'SGX-Enclave-Identity-Issuer-Chain': intelHeader(pem(c.qeIdentityIssuerChain)),
      'Content-Type': 'application/json',
    },
  });
  route(pcs, '/sgx/certification/v4/rootcacrl', { body: hex(c.rootCaCrl) });
}

/** A recorded dcap-qvl collateral JSON file as Collateral. */
export function recordedCollateral(json: Buffer | string): Collateral {
  return collateralFromJson(typeof json === 'string' ? json : json.toString('utf8'));
}
