/**
 * Offline verification of OCSP responses (RFC 6960) for the device chain (indices 1..n-2: BROM, Provisioner ICA,
 * Identity — leaf and root skipped, as nvtrust/NVAT do) and each RIM signer chain (every certificate except the root).
 * Responses are parsed with @peculiar/asn1-ocsp and their signatures verified with node:crypto (synchronous).
 * The signer must be the issuer itself or a delegated responder certificate (EKU id-kp-OCSPSigning) issued by it
 * (or, only where the trust roots name `ocspResponderRootDer`, by one of those roots: test responders).
 * The request nonce cannot be checked offline (responses travel in a bundle); freshness = thisUpdate/nextUpdate at `now`.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicOCSPResponse, OCSPResponse, OCSPResponseStatus } from '@peculiar/asn1-ocsp';
import { children, readTlv } from '../../core/der';
import { GpuVerifyError } from './errors';
import { toHex } from '../../core/bytes';

const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const HASH_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const SIG_HASH_BY_OID: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
/** CRLReason certificateHold (RFC 5280 §5.3.1). */
const REASON_CERTIFICATE_HOLD = 6;
/** Tolerated clock skew on thisUpdate. */
const THIS_UPDATE_SKEW_MS = 5 * 60 * 1000;

export interface OcspSingle {
  readonly hashAlg: string;
  readonly issuerNameHash: string;
  readonly issuerKeyHash: string;
  readonly serial: string;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revocationReason?: number;
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
}

export interface ParsedOcsp {
  /** SHA-256 (base64) of the response DER. */
  readonly digest: string;
  readonly tbs: Uint8Array;
  readonly sigHash: string;
  readonly signature: Uint8Array;
  readonly certs: X509Certificate[];
  readonly singles: OcspSingle[];
}

function malformed(msg: string, cause?: unknown): never {
  throw new GpuVerifyError('GPU_OCSP_MALFORMED', msg, cause === undefined ? undefined : { cause });
}

const hex = (v: ArrayBuffer | Uint8Array): string => toHex(v instanceof Uint8Array ? v : new Uint8Array(v));

export function parseOcspResponse(der: Uint8Array): ParsedOcsp {
  try {
    const resp = AsnConvert.parse(der, OCSPResponse);
    if (resp.responseStatus !== OCSPResponseStatus.successful) malformed(`OCSP responseStatus ${resp.responseStatus}`);
    if (!resp.responseBytes || resp.responseBytes.responseType !== OID_OCSP_BASIC)
      malformed('not a basic OCSP response');
    const basicDer = new Uint8Array(resp.responseBytes.response.buffer);
    const basic = AsnConvert.parse(basicDer, BasicOCSPResponse);
    const sigHash = SIG_HASH_BY_OID[basic.signatureAlgorithm.algorithm];
    if (!sigHash) malformed(`OCSP signature algorithm ${basic.signatureAlgorithm.algorithm} not supported`);
    // Exact signed bytes: the first element of BasicOCSPResponse (tbsResponseData).
    const tbs = children(readTlv(basicDer, 0))[0];
    if (!tbs) malformed('BasicOCSPResponse has no tbsResponseData');
    const singles: OcspSingle[] = basic.tbsResponseData.responses.map((s) => {
      const hashAlg = HASH_BY_OID[s.certID.hashAlgorithm.algorithm];
      if (!hashAlg) malformed('unsupported CertID hash');
      const cs = s.certStatus;
      const status = cs.revoked ? 'revoked' : cs.good === null ? 'good' : 'unknown';
      const reason = cs.revoked?.revocationReason?.reason;
      const single: OcspSingle = {
        hashAlg,
        issuerNameHash: hex(s.certID.issuerNameHash.buffer),
        issuerKeyHash: hex(s.certID.issuerKeyHash.buffer),
        serial: hex(s.certID.serialNumber),
        status,
        ...(reason === undefined ? {} : { revocationReason: reason as number }),
        thisUpdate: s.thisUpdate.getTime(),
        ...(s.nextUpdate ? { nextUpdate: s.nextUpdate.getTime() } : {}),
      };
      return single;
    });
    const certs = (basic.certs ?? []).map((c) => new X509Certificate(Buffer.from(AsnConvert.serialize(c))));
    return {
      digest: createHash('sha256').update(der).digest('base64'),
      tbs: tbs.raw,
      sigHash,
      signature: new Uint8Array(basic.signature),
      certs,
      singles,
    };
  } catch (cause) {
    if (cause instanceof GpuVerifyError) throw cause;
    return malformed('OCSP response cannot be decoded', cause);
  }
}

interface CertIdParts {
  readonly nameDer: Uint8Array;
  readonly keyBits: Uint8Array;
}
const issuerParts = new Map<string, CertIdParts>();
function partsOf(issuer: X509Certificate): CertIdParts {
  const key = issuer.fingerprint256;
  let p = issuerParts.get(key);
  if (!p) {
    // Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version, serial, sigAlg, issuer, validity, subject, spki, ... } }
    const tbs = children(children(readTlv(issuer.raw, 0))[0]!);
    const off = tbs[0]?.tag === 0xa0 ? 1 : 0;
    const subject = tbs[off + 4]!;
    const spki = children(tbs[off + 5]!);
    // subjectPublicKey BIT STRING contents without the unused-bits octet.
    p = { nameDer: subject.raw, keyBits: spki[1]!.content.subarray(1) };
    if (issuerParts.size > 1024) issuerParts.clear();
    issuerParts.set(key, p);
  }
  return p;
}

function serialHex(cert: X509Certificate): string {
  const s = cert.serialNumber.toLowerCase();
  return s.length % 2 === 1 ? '0' + s : s;
}

function stripLeadingZeros(h: string): string {
  return h.replace(/^(00)+(?=..)/, '');
}

/**
 * Parsed responses by DER digest, and (response digest / issuer fingerprint) pairs whose signature verified.
 * Delegated-responder validity is time-dependent, so only issuer signatures are memoised; freshness and status are
 * re-evaluated on every call.
 */
export interface OcspCache {
  readonly parsed: Map<string, ParsedOcsp>;
  readonly signed: Set<string>;
}

export interface OcspTarget {
  readonly cert: X509Certificate;
  readonly issuer: X509Certificate;
}

export interface OcspCheck {
  /** Earliest nextUpdate among the responses used. */
  readonly nextUpdate: Date;
  readonly checked: number;
  readonly warnings: readonly string[];
}

function signerOk(
  p: ParsedOcsp,
  issuer: X509Certificate,
  now: Date,
  responderRoots: readonly X509Certificate[],
): 'issuer' | 'delegated' | false {
  const candidates = [issuer, ...p.certs];
  for (const signer of candidates) {
    let ok = false;
    try {
      ok = cryptoVerify(p.sigHash, p.tbs, signer.publicKey, p.signature);
    } catch {
      ok = false;
    }
    if (!ok) continue;
    if (signer === issuer) return 'issuer';
    const t = now.getTime();
    const responder =
      (signer.keyUsage ?? []).includes(OID_KP_OCSP_SIGNING) &&
      t >= Date.parse(signer.validFrom) &&
      t <= Date.parse(signer.validTo);
    if (!responder) continue;
    const issuedBy = (ca: X509Certificate): boolean => signer.checkIssued(ca) && signer.verify(ca.publicKey);
    if (issuedBy(issuer) || responderRoots.some(issuedBy)) return 'delegated';
  }
  return false;
}

/**
 * Check every target against the supplied responses. Throws GpuVerifyError GPU_OCSP_MISSING (a target has no
 * response), GPU_OCSP_MALFORMED, GPU_OCSP_SIGNATURE_INVALID / GPU_OCSP_RESPONDER_UNTRUSTED, GPU_OCSP_REVOKED,
 * GPU_OCSP_UNKNOWN, GPU_OCSP_STALE.
 */
export function checkOcsp(
  responses: readonly Uint8Array[],
  targets: readonly OcspTarget[],
  now: Date,
  opts: {
    allowHold?: boolean;
    cache?: OcspCache;
    /** Extra roots whose directly issued OCSP-signing certificates may answer for any issuer (tests opt in). */
    responderRoots?: readonly X509Certificate[];
  } = {},
): OcspCheck {
  const cache = opts.cache;
  const parsed = responses.map((der) => {
    if (!cache) return parseOcspResponse(der);
    const key = createHash('sha256').update(der).digest('base64');
    let p = cache.parsed.get(key);
    if (!p) {
      p = parseOcspResponse(der);
      if (cache.parsed.size >= 1024) cache.parsed.clear();
      cache.parsed.set(key, p);
    }
    return p;
  });
  const t = now.getTime();
  let nextUpdate = Infinity;
  const warnings: string[] = [];
  for (const { cert, issuer } of targets) {
    const serial = stripLeadingZeros(serialHex(cert));
    const parts = partsOf(issuer);
    let found: { p: ParsedOcsp; s: OcspSingle } | undefined;
    for (const p of parsed) {
      for (const s of p.singles) {
        if (stripLeadingZeros(s.serial) !== serial) continue;
        const nameHash = createHash(s.hashAlg).update(parts.nameDer).digest('hex');
        const keyHash = createHash(s.hashAlg).update(parts.keyBits).digest('hex');
        if (nameHash === s.issuerNameHash && keyHash === s.issuerKeyHash) found = { p, s };
      }
    }
    if (!found) throw new GpuVerifyError('GPU_OCSP_MISSING', `no OCSP response for certificate serial ${serial}`);
    const signedKey = `${found.p.digest}/${issuer.fingerprint256}`;
    let signed = cache?.signed.has(signedKey) === true;
    if (!signed) {
      const by = signerOk(found.p, issuer, now, opts.responderRoots ?? []);
      signed = by !== false;
      // Delegated responders have their own validity window: only issuer signatures are memoised.
      if (by === 'issuer' && cache) {
        if (cache.signed.size >= 4096) cache.signed.clear();
        cache.signed.add(signedKey);
      }
    }
    if (!signed) {
      throw new GpuVerifyError(
        'GPU_OCSP_RESPONDER_UNTRUSTED',
        `OCSP response for serial ${serial} is not signed by its issuer or a delegated responder`,
      );
    }
    const s = found.s;
    if (s.thisUpdate > t + THIS_UPDATE_SKEW_MS || s.nextUpdate === undefined || t > s.nextUpdate) {
      throw new GpuVerifyError('GPU_OCSP_STALE', `OCSP response for serial ${serial} is not current`);
    }
    if (s.status === 'revoked') {
      if (!(opts.allowHold && s.revocationReason === REASON_CERTIFICATE_HOLD)) {
        throw new GpuVerifyError('GPU_OCSP_REVOKED', `certificate serial ${serial} is revoked`, {
          details: { reason: s.revocationReason },
        });
      }
      warnings.push('GPU_OCSP_CERTIFICATE_HOLD');
    } else if (s.status === 'unknown') {
      throw new GpuVerifyError('GPU_OCSP_UNKNOWN', `OCSP status of serial ${serial} is unknown`);
    }
    nextUpdate = Math.min(nextUpdate, s.nextUpdate);
  }
  return Object.freeze({
    nextUpdate: new Date(nextUpdate),
    checked: targets.length,
    warnings: Object.freeze(warnings),
  });
}
