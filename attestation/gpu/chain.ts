/**
 * X.509 chain verification for NVIDIA device chains (leaf = `GH100 A01 GSP FMC LF`, 5 certificates, RFC 5280 links)
 * and RIM signer chains. Synchronous (node:crypto X509Certificate). The anchor is matched by SPKI; the chain's own copy of
 * the root is only accepted when its key equals a pinned root and the pinned key verifies it. BasicConstraints, KeyUsage
 * and pathLenConstraint are read with the bounded TLV reader and checked once per chain (`checkChainConstraints`).
 */
import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { children as derChildren, readTlv, type Tlv } from './der';
import { GpuParseError, GpuVerifyError, type GpuVerifyCode } from './errors';
import { spkiSha256 } from './roots';

export interface ChainCodes {
  readonly broken: GpuVerifyCode;
  readonly untrusted: GpuVerifyCode;
  readonly expired: GpuVerifyCode;
  readonly constraints: GpuVerifyCode;
}

export const DEVICE_CHAIN_CODES: ChainCodes = {
  broken: 'GPU_CERT_CHAIN_BROKEN',
  untrusted: 'GPU_CERT_CHAIN_UNTRUSTED',
  expired: 'GPU_CERT_EXPIRED',
  constraints: 'GPU_CERT_CONSTRAINTS_INVALID',
};
export const RIM_CHAIN_CODES: ChainCodes = {
  broken: 'GPU_RIM_CHAIN_BROKEN',
  untrusted: 'GPU_RIM_CHAIN_UNTRUSTED',
  expired: 'GPU_RIM_CERT_EXPIRED',
  constraints: 'GPU_RIM_CERT_CONSTRAINTS_INVALID',
};

/** RFC 5280 §4.2.1.3 KeyUsage bits as a mask (bit n = 1 << n). */
export const KEY_USAGE = { digitalSignature: 1 << 0, keyCertSign: 1 << 5, cRLSign: 1 << 6 } as const;

/** The X.509 constraint fields of a certificate, read from its DER with the bounded TLV reader. */
export interface CertConstraints {
  /** BasicConstraints, undefined when the extension is absent; pathLen undefined = no limit. */
  readonly basicConstraints: { readonly cA: boolean; readonly pathLen: number | undefined } | undefined;
  /** KeyUsage mask (KEY_USAGE), undefined when absent. */
  readonly keyUsage: number | undefined;
  readonly selfIssued: boolean;
}

const OID_BASIC_CONSTRAINTS_HEX = '551d13'; // 2.5.29.19
const OID_KEY_USAGE_HEX = '551d0f'; // 2.5.29.15

function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new RangeError(`expected ${what}`);
  return t;
}
function whole(buf: Uint8Array): Tlv {
  const t = readTlv(buf, 0);
  if (t.raw.length !== buf.length) throw new RangeError('trailing bytes');
  return t;
}

/** Throws GpuParseError GPU_CERT_CHAIN_MALFORMED when the TBS, BasicConstraints or KeyUsage cannot be decoded. */
export function certConstraints(der: Uint8Array): CertConstraints {
  try {
    const tbs = derChildren(
      expect(derChildren(expect(whole(der), 0x30, 'Certificate').content)[0], 0x30, 'TBSCertificate').content,
    );
    const o = tbs[0]?.tag === 0xa0 ? 1 : 0;
    const issuer = expect(tbs[o + 2], 0x30, 'issuer');
    const subject = expect(tbs[o + 4], 0x30, 'subject');
    let basicConstraints: CertConstraints['basicConstraints'];
    let keyUsage: number | undefined;
    const wrap = tbs.find((t) => t.tag === 0xa3);
    for (const ext of wrap ? derChildren(expect(whole(wrap.content), 0x30, 'Extensions').content) : []) {
      const parts = derChildren(expect(ext, 0x30, 'Extension').content);
      const id = Buffer.from(expect(parts[0], 0x06, 'extnID').content).toString('hex');
      const value = expect(parts[parts.length - 1], 0x04, 'extnValue').content;
      if (id === OID_BASIC_CONSTRAINTS_HEX) {
        if (basicConstraints) throw new RangeError('duplicate BasicConstraints');
        const f = derChildren(expect(whole(value), 0x30, 'BasicConstraints').content);
        let i = 0;
        let cA = false;
        if (f[i]?.tag === 0x01) {
          const b = f[i++]!.content;
          if (b.length !== 1) throw new RangeError('bad BOOLEAN');
          cA = b[0] !== 0;
        }
        let pathLen: number | undefined;
        if (f[i]?.tag === 0x02) {
          const c = f[i++]!.content;
          if (c.length === 0 || c.length > 4 || c[0]! & 0x80) throw new RangeError('bad pathLenConstraint');
          pathLen = c.reduce((v, b) => v * 256 + b, 0);
        }
        if (i !== f.length) throw new RangeError('bad BasicConstraints');
        basicConstraints = { cA, pathLen };
      } else if (id === OID_KEY_USAGE_HEX) {
        if (keyUsage !== undefined) throw new RangeError('duplicate KeyUsage');
        const bits = expect(whole(value), 0x03, 'KeyUsage').content;
        if (bits.length < 2 || bits.length > 3 || bits[0]! > 7) throw new RangeError('bad KeyUsage');
        let mask = 0;
        for (let n = 0; n < (bits.length - 1) * 8; n++) if ((bits[1 + (n >> 3)]! >> (7 - (n & 7))) & 1) mask |= 1 << n;
        keyUsage = mask;
      }
    }
    return { basicConstraints, keyUsage, selfIssued: Buffer.compare(issuer.raw, subject.raw) === 0 };
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'certificate extensions cannot be decoded', { cause });
  }
}

/**
 * RFC 5280 constraints of a verified chain (leaf first, anchor last), once per chain (callers cache the chain):
 * every issuer has BasicConstraints cA=TRUE, respects pathLenConstraint (non-self-issued intermediates below it)
 * and, where KeyUsage is present, allows keyCertSign; the leaf (the report / RIM signer) is not a CA and, where
 * KeyUsage is present, allows digitalSignature. Throws GpuVerifyError `codes.constraints`.
 */
export function checkChainConstraints(chain: readonly X509Certificate[], codes: ChainCodes): void {
  function fail(msg: string): never {
    throw new GpuVerifyError(codes.constraints, msg);
  }
  const info = chain.map((c) => certConstraints(c.raw));
  const leaf = info[0]!;
  if (leaf.basicConstraints?.cA) fail('leaf certificate is a CA (BasicConstraints cA=TRUE)');
  if (leaf.keyUsage !== undefined && !(leaf.keyUsage & KEY_USAGE.digitalSignature))
    fail('leaf KeyUsage lacks digitalSignature');
  let intermediatesBelow = 0;
  for (let i = 1; i < info.length; i++) {
    const c = info[i]!;
    const bc = c.basicConstraints;
    if (!bc || !bc.cA) fail(`certificate ${i} is not a CA (BasicConstraints cA)`);
    if (c.keyUsage !== undefined && !(c.keyUsage & KEY_USAGE.keyCertSign))
      fail(`certificate ${i} KeyUsage lacks keyCertSign`);
    if (bc.pathLen !== undefined && intermediatesBelow > bc.pathLen)
      fail(`certificate ${i} pathLenConstraint ${bc.pathLen} exceeded`);
    if (!c.selfIssued) intermediatesBelow++;
  }
}

/** A verified chain: leaf first, ending with the pinned anchor certificate (appended when the chain lacks it). */
export interface VerifiedChain {
  readonly certs: readonly X509Certificate[];
  readonly leafKey: KeyObject;
  readonly anchorSpkiSha256: string;
  /** Intersection of the validity windows (ms since epoch). */
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface TrustAnchor {
  readonly cert: X509Certificate;
  readonly key: KeyObject;
  readonly spki: string;
}

export function anchorsFromDer(ders: readonly Uint8Array[]): TrustAnchor[] {
  return ders.map((d) => {
    const cert = parseCertDer(d);
    return { cert, key: publicKeyOf(cert), spki: spkiSha256(cert) };
  });
}

export function parseCertDer(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.byteLength));
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'certificate is not valid DER X.509', { cause });
  }
}

/** The certificate's public key; an undecodable key is GPU_CERT_CHAIN_MALFORMED, never an untyped crash. */
export function publicKeyOf(cert: X509Certificate): KeyObject {
  try {
    return cert.publicKey;
  } catch (cause) {
    throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'certificate public key cannot be decoded', { cause });
  }
}

const PEM_RE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** PEM text (concatenated certificates, leaf first) to DER list. Throws GpuParseError GPU_CERT_CHAIN_MALFORMED. */
export function certChainFromPem(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    const b64 = (m[1] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'bad base64 in PEM');
    out.push(new Uint8Array(Buffer.from(b64, 'base64')));
  }
  if (out.length === 0) throw new GpuParseError('GPU_CERT_CHAIN_MALFORMED', 'no PEM certificate found');
  return out;
}

/** DER list to concatenated PEM text. */
export function certChainToPem(ders: readonly Uint8Array[]): string {
  return ders
    .map((d) => {
      const b64 = Buffer.from(d)
        .toString('base64')
        .replace(/(.{64})/g, '$1\n')
        .replace(/\n$/, '');
      return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
    })
    .join('');
}

/** Memo of verified links (child fingerprint + issuer fingerprint), shared by chains within a cache. */
export type LinkMemo = Set<string>;

function issued(child: X509Certificate, issuer: X509Certificate, issuerKey: KeyObject, memo?: LinkMemo): boolean {
  const key = memo ? `${child.fingerprint256}/${issuer.fingerprint256}` : '';
  if (memo?.has(key)) return true;
  let ok = false;
  try {
    ok = child.checkIssued(issuer) && child.verify(issuerKey);
  } catch {
    ok = false;
  }
  if (ok && memo) {
    if (memo.size >= 4096) memo.clear();
    memo.add(key);
  }
  return ok;
}

/**
 * Verify links leaf -> ... -> anchor and validity at `now`. Does not cache whole chains (callers do), but reuses
 * `memo`'d links. Throws GpuVerifyError with the kind's codes; GpuParseError GPU_CERT_CHAIN_MALFORMED on bad DER.
 */
export function verifyChain(
  ders: readonly Uint8Array[],
  anchors: readonly TrustAnchor[],
  now: Date,
  codes: ChainCodes,
  memo?: LinkMemo,
): VerifiedChain {
  if (ders.length === 0) throw new GpuVerifyError(codes.broken, 'empty certificate chain');
  const certs = ders.map(parseCertDer);
  const keys = certs.map(publicKeyOf);
  // Constraints before the links (OpenSSL's checkIssued already refuses an issuer without keyCertSign; this gives the
  // stable constraints code instead of "broken"); the anchor appended below is checked with the whole chain.
  checkChainConstraints(certs, codes);
  for (let i = 0; i + 1 < certs.length; i++) {
    const child = certs[i]!;
    const parent = certs[i + 1]!;
    if (!issued(child, parent, keys[i + 1]!, memo))
      throw new GpuVerifyError(codes.broken, `certificate ${i} is not issued by certificate ${i + 1}`);
  }
  const last = certs[certs.length - 1]!;
  let anchor: TrustAnchor | undefined = anchors.find((a) => a.cert.raw.equals(last.raw));
  let chain = certs;
  if (!anchor) {
    const lastSpki = spkiSha256(last);
    const same = anchors.find((a) => a.spki === lastSpki);
    if (same && issued(last, same.cert, same.key, memo)) {
      // The chain carries a re-issued copy of the root: accepted only because the pinned key signed it.
      anchor = same;
    } else {
      anchor = anchors.find((a) => a.cert.ca === true && issued(last, a.cert, a.key, memo));
      if (anchor) chain = [...certs, anchor.cert];
    }
  }
  if (!anchor) throw new GpuVerifyError(codes.untrusted, 'certificate chain does not end at a pinned root');
  if (chain !== certs) checkChainConstraints(chain, codes);
  let notBefore = -Infinity;
  let notAfter = Infinity;
  for (const c of chain) {
    notBefore = Math.max(notBefore, Date.parse(c.validFrom));
    notAfter = Math.min(notAfter, Date.parse(c.validTo));
  }
  const result: VerifiedChain = Object.freeze({
    certs: Object.freeze(chain),
    leafKey: keys[0]!,
    anchorSpkiSha256: anchor.spki,
    notBefore,
    notAfter,
  });
  checkChainTime(result, now, codes);
  return result;
}

export function checkChainTime(c: VerifiedChain, now: Date, codes: ChainCodes): void {
  const t = now.getTime();
  if (!(t >= c.notBefore && t <= c.notAfter)) {
    throw new GpuVerifyError(codes.expired, 'a certificate of the chain is not valid at the verification time', {
      details: { notBefore: new Date(c.notBefore).toISOString(), notAfter: new Date(c.notAfter).toISOString() },
    });
  }
}

/** Digest of a DER list plus the anchor set: the cache key of a verified chain. */
export function chainKey(ders: readonly Uint8Array[], anchorKey: string): string {
  const h = createHash('sha256').update(anchorKey);
  for (const d of ders) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(d.length);
    h.update(len).update(d);
  }
  return h.digest('base64');
}

/** The Common Name of a subject (`CN=...` line of node's X509Certificate.subject). */
export function subjectCn(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split('\n')) if (line.startsWith('CN=')) return line.slice(3);
  return undefined;
}
