import { CollateralError } from './errors';
import { hexToBytes, pemToDerList } from './pem';
import { rawTopLevelValue } from './raw-json';
import type { Collateral } from './types';
import { toHex } from '../../core/bytes';
import { derToPem } from '../../core/pem';

const enc = new TextEncoder();

/** The dcap-qvl `QuoteCollateralV3` JSON object (as produced by `@phala/dcap-qvl` and its PCCS fetcher). */
export interface DcapQvlCollateralJson {
  pck_crl_issuer_chain: string;
  root_ca_crl: string;
  pck_crl: string;
  tcb_info_issuer_chain: string;
  tcb_info: string;
  tcb_info_signature: string;
  qe_identity_issuer_chain: string;
  qe_identity: string;
  qe_identity_signature: string;
}

function str(o: Record<string, unknown>, k: string): string {
  const v = o[k];
  if (typeof v !== 'string')
    throw new CollateralError('COLLATERAL_MALFORMED', `dcap-qvl collateral: "${k}" must be a string`);
  return v;
}

/** Hex, or a byte array (dcap-qvl's serde form of Vec<u8>). */
function bytesField(o: Record<string, unknown>, k: string): Uint8Array {
  const v = o[k];
  if (typeof v === 'string') return hexToBytes(v, k);
  if (Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x <= 255))
    return new Uint8Array(v as number[]);
  throw new CollateralError('COLLATERAL_MALFORMED', `dcap-qvl collateral: "${k}" must be hex`);
}

/**
 * Collateral from the dcap-qvl JSON format: a JSON text or an already parsed object. `tcb_info` and
 * `qe_identity` must be the exact signed text of the inner objects; CRLs and signatures are hex; chains PEM.
 * Also accepts an Intel PCS-style `{"tcbInfo":…,"signature":…}` body in `tcb_info`/`qe_identity` (signature then
 * taken from the body when the *_signature field is absent).
 * @throws CollateralError COLLATERAL_MALFORMED
 */
export function collateralFromJson(
  textOrObject: string | Uint8Array | DcapQvlCollateralJson | Readonly<Record<string, unknown>>,
): Collateral {
  let o: unknown = textOrObject;
  if (typeof textOrObject === 'string' || textOrObject instanceof Uint8Array) {
    const text = typeof textOrObject === 'string' ? textOrObject : Buffer.from(textOrObject).toString('utf8');
    try {
      o = JSON.parse(text);
    } catch (cause) {
      throw new CollateralError('COLLATERAL_MALFORMED', 'dcap-qvl collateral: invalid JSON', { cause });
    }
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new CollateralError('COLLATERAL_MALFORMED', 'dcap-qvl collateral: not a JSON object');
  }
  const r = o as Record<string, unknown>;
  const tcb = signedPart(r, 'tcb_info', 'tcbInfo');
  const qe = signedPart(r, 'qe_identity', 'enclaveIdentity');
  return Object.freeze({
    tcbInfo: tcb.bytes,
    tcbInfoSignature: tcb.sig,
    tcbInfoIssuerChain: Object.freeze(pemToDerList(str(r, 'tcb_info_issuer_chain'), 'tcb_info_issuer_chain')),
    qeIdentity: qe.bytes,
    qeIdentitySignature: qe.sig,
    qeIdentityIssuerChain: Object.freeze(pemToDerList(str(r, 'qe_identity_issuer_chain'), 'qe_identity_issuer_chain')),
    pckCrl: bytesField(r, 'pck_crl'),
    pckCrlIssuerChain: Object.freeze(
      r['pck_crl_issuer_chain'] == null || r['pck_crl_issuer_chain'] === ''
        ? []
        : pemToDerList(str(r, 'pck_crl_issuer_chain'), 'pck_crl_issuer_chain'),
    ),
    rootCaCrl: bytesField(r, 'root_ca_crl'),
  });
}

function signedPart(r: Record<string, unknown>, field: string, inner: string): { bytes: Uint8Array; sig: Uint8Array } {
  const text = str(r, field);
  const sigKey = `${field}_signature`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new CollateralError('COLLATERAL_MALFORMED', `${field}: invalid JSON`, { cause });
  }
  if (typeof parsed === 'object' && parsed !== null && inner in parsed) {
    // A full PCS response body was supplied: take the raw inner object and, if needed, its signature.
    const bytes = enc.encode(rawTopLevelValue(text, inner, field));
    const sig =
      r[sigKey] !== undefined
        ? bytesField(r, sigKey)
        : hexToBytes(String((parsed as Record<string, unknown>)['signature'] ?? ''), sigKey);
    return { bytes, sig };
  }
  return { bytes: enc.encode(text), sig: bytesField(r, sigKey) };
}

/**
 * Collateral from the Intel PCS response bodies and files (the parts a PCS directory or PCCS client holds).
 * `tcbInfoBody` / `qeIdentityBody` are the raw `{"tcbInfo":…,"signature":…}` / `{"enclaveIdentity":…}` texts.
 * @throws CollateralError COLLATERAL_MALFORMED
 */
export function collateralFromPcsParts(p: {
  readonly tcbInfoBody: string;
  readonly qeIdentityBody: string;
  readonly pckCrl: Uint8Array;
  readonly rootCaCrl: Uint8Array;
  readonly tcbInfoIssuerChain: readonly Uint8Array[];
  readonly qeIdentityIssuerChain: readonly Uint8Array[];
  readonly pckCrlIssuerChain: readonly Uint8Array[];
}): Collateral {
  const sigOf = (body: string, what: string): Uint8Array => {
    const o = JSON.parse(body) as Record<string, unknown>;
    if (typeof o['signature'] !== 'string') throw new CollateralError('COLLATERAL_MALFORMED', `${what}: no signature`);
    return hexToBytes(o['signature'], `${what} signature`);
  };
  const tcbInfo = enc.encode(rawTopLevelValue(p.tcbInfoBody, 'tcbInfo', 'tcb info'));
  const qeIdentity = enc.encode(rawTopLevelValue(p.qeIdentityBody, 'enclaveIdentity', 'qe identity'));
  return Object.freeze({
    tcbInfo,
    tcbInfoSignature: sigOf(p.tcbInfoBody, 'tcb info'),
    tcbInfoIssuerChain: Object.freeze([...p.tcbInfoIssuerChain]),
    qeIdentity,
    qeIdentitySignature: sigOf(p.qeIdentityBody, 'qe identity'),
    qeIdentityIssuerChain: Object.freeze([...p.qeIdentityIssuerChain]),
    pckCrl: p.pckCrl,
    pckCrlIssuerChain: Object.freeze([...p.pckCrlIssuerChain]),
    rootCaCrl: p.rootCaCrl,
  });
}

/** The dcap-qvl JSON form of a collateral (for `@phala/dcap-qvl` and the CLI). */
export function collateralToJson(c: Collateral): DcapQvlCollateralJson {
  const dec = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
  return {
    pck_crl_issuer_chain: c.pckCrlIssuerChain.map((d) => derToPem(d)).join(''),
    root_ca_crl: toHex(c.rootCaCrl),
    pck_crl: toHex(c.pckCrl),
    tcb_info_issuer_chain: c.tcbInfoIssuerChain.map((d) => derToPem(d)).join(''),
    tcb_info: dec(c.tcbInfo),
    tcb_info_signature: toHex(c.tcbInfoSignature),
    qe_identity_issuer_chain: c.qeIdentityIssuerChain.map((d) => derToPem(d)).join(''),
    qe_identity: dec(c.qeIdentity),
    qe_identity_signature: toHex(c.qeIdentitySignature),
  };
}
