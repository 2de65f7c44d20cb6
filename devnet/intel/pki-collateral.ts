/**
 * Collateral of the SIMULATED devnet Intel-like DCAP PKI: PCK and Root CA CRLs, the signed TDX TCB Info and TD_QE
 * Identity, and the three shapes they are served in (verifier `Collateral`, Intel PCS responses, dcap-qvl JSON).
 */
import { signP256Raw, type P256KeyPair } from './ecdsa';
import { buildCrl, toPem } from './x509-build';
import { tdQeIdentityJson, tdxTcbInfoJson } from './tcb-json';
import {
  DEVNET_MODULE_IDENTITIES,
  DEVNET_QE_LEVELS,
  DEVNET_TCB_LEVELS,
  TD_QE_ISVPRODID,
  TD_QE_MRSIGNER,
} from './pki-defaults';
import type { DevnetIntelCerts, DevnetIntelKeys } from './pki-certs';
import type { DevnetCollateralJson, DevnetIntelPkiOptions, DevnetPcsResponses } from './pki-types';
import type { Collateral } from '../../attestation/collateral/types';
import { toHex } from '../../core/bytes';

const DAY_MS = 86_400_000;

/** Issue time and default lifetime of the collateral, plus the identity the TCB Info describes. */
export interface DevnetCollateralParams {
  readonly issuedAt: Date;
  readonly validityDays: number;
  readonly fmspc: string;
  readonly pceId: string;
}

export interface DevnetIntelCollateral {
  readonly tcbInfoJson: string;
  readonly qeIdentityJson: string;
  readonly collateral: Collateral;
  readonly pcs: DevnetPcsResponses;
  collateralJson(): DevnetCollateralJson;
}

interface DevnetCrls {
  readonly pckCrlDer: Uint8Array;
  readonly rootCaCrlDer: Uint8Array;
}

interface SignedJson {
  readonly json: string;
  readonly bytes: Uint8Array;
  readonly signature: Uint8Array;
}

function buildCrls(
  certs: DevnetIntelCerts,
  keys: DevnetIntelKeys,
  p: DevnetCollateralParams,
  opts: DevnetIntelPkiOptions,
): DevnetCrls {
  const revoked = [
    ...(opts.revokePck ? [certs.pckSerial] : []),
    ...(opts.extraRevokedSerials ?? []).map((h) => Uint8Array.from(Buffer.from(h.length % 2 ? `0${h}` : h, 'hex'))),
  ];
  const pckCrlDer = buildCrl({
    issuer: certs.caDn,
    issuerKey: keys.caKey,
    thisUpdate: p.issuedAt,
    nextUpdate: new Date(p.issuedAt.getTime() + (opts.pckCrlValidityDays ?? p.validityDays) * DAY_MS),
    crlNumber: 1,
    revoked,
  });
  const rootCaCrlDer = buildCrl({
    issuer: certs.rootDn,
    issuerKey: keys.rootKey,
    thisUpdate: p.issuedAt,
    nextUpdate: new Date(p.issuedAt.getTime() + (opts.rootCrlValidityDays ?? 365) * DAY_MS),
    crlNumber: 1,
    revoked: opts.revokePckCa ? [certs.pckCaSerial] : [],
  });
  return { pckCrlDer, rootCaCrlDer };
}

function signJson(key: P256KeyPair, json: string): SignedJson {
  const bytes = Uint8Array.from(Buffer.from(json, 'utf8'));
  return { json, bytes, signature: signP256Raw(key, bytes) };
}

function buildSignedTcbInfo(tcbKey: P256KeyPair, p: DevnetCollateralParams, opts: DevnetIntelPkiOptions): SignedJson {
  return signJson(
    tcbKey,
    tdxTcbInfoJson({
      issueDate: p.issuedAt,
      nextUpdate: new Date(p.issuedAt.getTime() + (opts.tcbInfoValidityDays ?? p.validityDays) * DAY_MS),
      fmspc: (opts.tcbInfoFmspc ?? p.fmspc).toUpperCase(),
      pceId: p.pceId,
      tcbEvaluationDataNumber: opts.tcbEvaluationDataNumber ?? 17,
      tdxModuleMrSigner: '0'.repeat(96),
      moduleIdentities: opts.moduleIdentities ?? DEVNET_MODULE_IDENTITIES,
      tcbLevels: opts.tcbLevels ?? DEVNET_TCB_LEVELS,
    }),
  );
}

function buildSignedQeIdentity(
  tcbKey: P256KeyPair,
  p: DevnetCollateralParams,
  opts: DevnetIntelPkiOptions,
): SignedJson {
  return signJson(
    tcbKey,
    tdQeIdentityJson({
      issueDate: p.issuedAt,
      nextUpdate: new Date(p.issuedAt.getTime() + (opts.qeIdentityValidityDays ?? p.validityDays) * DAY_MS),
      tcbEvaluationDataNumber: opts.tcbEvaluationDataNumber ?? 17,
      mrsigner: TD_QE_MRSIGNER,
      isvprodid: TD_QE_ISVPRODID,
      tcbLevels: opts.qeTcbLevels ?? DEVNET_QE_LEVELS,
    }),
  );
}

/** Builds the CRLs and signed collateral of the PKI and packages them in every served shape. */
export function buildDevnetIntelCollateral(
  certs: DevnetIntelCerts,
  keys: DevnetIntelKeys,
  p: DevnetCollateralParams,
  opts: DevnetIntelPkiOptions,
): DevnetIntelCollateral {
  const { pckCrlDer, rootCaCrlDer } = buildCrls(certs, keys, p, opts);
  const tcbInfo = buildSignedTcbInfo(keys.tcbKey, p, opts);
  const qeIdentity = buildSignedQeIdentity(keys.tcbKey, p, opts);
  const { rootCaDer, pckCaDer, tcbSigningDer } = certs;

  const signingChainPem = toPem(tcbSigningDer) + toPem(rootCaDer);
  const pckCrlChainPem = toPem(pckCaDer) + toPem(rootCaDer);
  const collateral: Collateral = Object.freeze({
    tcbInfo: tcbInfo.bytes,
    tcbInfoSignature: tcbInfo.signature,
    tcbInfoIssuerChain: Object.freeze([tcbSigningDer, rootCaDer]),
    qeIdentity: qeIdentity.bytes,
    qeIdentitySignature: qeIdentity.signature,
    qeIdentityIssuerChain: Object.freeze([tcbSigningDer, rootCaDer]),
    pckCrl: pckCrlDer,
    pckCrlIssuerChain: Object.freeze([pckCaDer, rootCaDer]),
    rootCaCrl: rootCaCrlDer,
  });
  const pcs: DevnetPcsResponses = Object.freeze({
    tcbInfoBody: `{"tcbInfo":${tcbInfo.json},"signature":"${toHex(tcbInfo.signature)}"}`,
    tcbInfoIssuerChainPem: signingChainPem,
    qeIdentityBody: `{"enclaveIdentity":${qeIdentity.json},"signature":"${toHex(qeIdentity.signature)}"}`,
    qeIdentityIssuerChainPem: signingChainPem,
    pckCrlDer,
    pckCrlIssuerChainPem: pckCrlChainPem,
    rootCaCrlDer,
  });
  return {
    tcbInfoJson: tcbInfo.json,
    qeIdentityJson: qeIdentity.json,
    collateral,
    pcs,
    collateralJson: (): DevnetCollateralJson => ({
      pck_crl_issuer_chain: pckCrlChainPem,
      root_ca_crl: toHex(rootCaCrlDer),
      pck_crl: toHex(pckCrlDer),
      tcb_info_issuer_chain: signingChainPem,
      tcb_info: tcbInfo.json,
      tcb_info_signature: toHex(tcbInfo.signature),
      qe_identity_issuer_chain: signingChainPem,
      qe_identity: qeIdentity.json,
      qe_identity_signature: toHex(qeIdentity.signature),
    }),
  };
}
