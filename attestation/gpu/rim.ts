/**
 * NVIDIA Reference Integrity Manifests: ISO/IEC 19770-2:2015 SWID tags with an enveloped XML-DSig
 * (C14N 1.1, SHA-384 digest, ECDSA P-384 SignatureValue as raw r||s, signer chain in KeyInfo/X509Data).
 * See docs/reference/gpu-attestation.md §5. Canonicalisation is xml-crypto's `C14nCanonicalization`; C14N 1.1 output
 * equals inclusive C14N 1.0 for documents without xml:id / xml:base, which are therefore rejected. xml-crypto 6 has no
 * ECDSA signature algorithm, so the SignatureValue is verified with node:crypto over the canonical SignedInfo.
 * Measurements are read only from direct children of the signed document element (no signature wrapping).
 */
import { createHash, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { C14nCanonicalization, findAncestorNs } from 'xml-crypto';
import { GpuParseError, GpuVerifyError } from './errors';
import {
  checkChainTime,
  chainKey,
  RIM_CHAIN_CODES,
  verifyChain,
  type LinkMemo,
  type TrustAnchor,
  type VerifiedChain,
} from './chain';
import type { BoundedCache } from '../../core/cache';

export const SWID_NS = 'http://standards.iso.org/iso/19770/-2/2015/schema.xsd';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const SHA384_NS = 'http://www.w3.org/2001/04/xmlenc#sha384';
export const ALG_C14N11 = 'http://www.w3.org/2006/12/xml-c14n11';
export const ALG_C14N10 = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ALG_ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const ALG_SHA384 = 'http://www.w3.org/2001/04/xmldsig-more#sha384';
export const ALG_ECDSA_SHA384 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384';
const C14N_ALGS = new Set([ALG_C14N11, ALG_C14N10]);
const MAX_INDEX = 255;
const MAX_ALTERNATIVES = 64;

export interface RimMeasurement {
  /** RIM index (0-based) = SPDM block index - 1. */
  readonly index: number;
  readonly active: boolean;
  readonly size: number;
  readonly alternatives: readonly Uint8Array[];
}

export interface ParsedRim {
  readonly version: string;
  readonly tagId: string;
  readonly product?: string;
  readonly manufacturerId?: string;
  readonly measurements: readonly RimMeasurement[];
  readonly signerChainDer: readonly Uint8Array[];
}

export interface VerifiedRim extends ParsedRim {
  /** SHA-256 (hex) of the RIM XML text. */
  readonly digest: string;
  readonly signerNotAfter: Date;
}

function malformed(msg: string, cause?: unknown): never {
  throw new GpuParseError('GPU_RIM_MALFORMED', msg, cause === undefined ? undefined : { cause });
}

function children(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const e = n as Element;
      if (e.namespaceURI === ns && e.localName === local) out.push(e);
    }
  }
  return out;
}

function one(el: Element, ns: string, local: string): Element {
  const c = children(el, ns, local);
  if (c.length !== 1) malformed(`expected exactly one ${local} in ${el.localName}, found ${c.length}`);
  return c[0]!;
}

function algorithm(el: Element): string {
  return el.getAttribute('Algorithm') ?? '';
}

function text(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, '');
}

function parseDocument(xml: string): Document {
  if (typeof xml !== 'string' || xml.length === 0) malformed('RIM is empty');
  if (/<!DOCTYPE/i.test(xml)) malformed('DOCTYPE is not allowed in a RIM');
  // C14N 1.1 differs from 1.0 only for xml:id / xml:base (and xml:lang/space inheritance on subsets).
  if (/\sxml:(id|base)\s*=/.test(xml)) {
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'xml:id / xml:base are not supported in RIMs');
  }
  try {
    return new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (cause) {
    return malformed('RIM is not well-formed XML', cause);
  }
}

interface SignatureParts {
  readonly signature: Element;
  readonly signedInfo: Element;
  readonly digestValue: Buffer;
  readonly signatureValue: Buffer;
  readonly certs: Uint8Array[];
}

function signatureParts(root: Element): SignatureParts {
  const signature = one(root, DSIG_NS, 'Signature');
  const signedInfo = one(signature, DSIG_NS, 'SignedInfo');
  if (!C14N_ALGS.has(algorithm(one(signedInfo, DSIG_NS, 'CanonicalizationMethod')))) {
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'SignedInfo canonicalization must be C14N 1.1 / 1.0');
  }
  if (algorithm(one(signedInfo, DSIG_NS, 'SignatureMethod')) !== ALG_ECDSA_SHA384) {
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'SignatureMethod must be ecdsa-sha384');
  }
  const ref = one(signedInfo, DSIG_NS, 'Reference');
  if (ref.getAttribute('URI') !== '')
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'Reference must cover the whole document (URI="")');
  const transforms = children(one(ref, DSIG_NS, 'Transforms'), DSIG_NS, 'Transform').map(algorithm);
  if (transforms.length !== 2 || transforms[0] !== ALG_ENVELOPED || !C14N_ALGS.has(transforms[1] ?? '')) {
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'transforms must be enveloped-signature + C14N');
  }
  if (algorithm(one(ref, DSIG_NS, 'DigestMethod')) !== ALG_SHA384) {
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'DigestMethod must be sha384');
  }
  const digestValue = Buffer.from(text(one(ref, DSIG_NS, 'DigestValue')), 'base64');
  const signatureValue = Buffer.from(text(one(signature, DSIG_NS, 'SignatureValue')), 'base64');
  const x509Data = one(one(signature, DSIG_NS, 'KeyInfo'), DSIG_NS, 'X509Data');
  const certs = children(x509Data, DSIG_NS, 'X509Certificate').map(
    (c) => new Uint8Array(Buffer.from(text(c), 'base64')),
  );
  if (certs.length === 0) malformed('KeyInfo carries no signer certificate');
  return { signature, signedInfo, digestValue, signatureValue, certs };
}

function parseHex(h: string, size: number, where: string): Uint8Array {
  if (h.length !== size * 2 || !/^[0-9a-fA-F]*$/.test(h)) malformed(`${where}: hash is not ${size} bytes of hex`);
  return new Uint8Array(Buffer.from(h, 'hex'));
}

function intAttr(el: Element, name: string, min: number, max: number): number {
  const v = el.getAttribute(name);
  if (v === null || !/^[0-9]+$/.test(v)) malformed(`Resource ${name} missing or not an integer`);
  const n = Number(v);
  if (n < min || n > max) malformed(`Resource ${name} ${n} out of range`);
  return n;
}

function parseBody(root: Element): Omit<ParsedRim, 'signerChainDer'> {
  if (root.namespaceURI !== SWID_NS || root.localName !== 'SoftwareIdentity')
    malformed('document element is not a SWID SoftwareIdentity');
  const meta = one(root, SWID_NS, 'Meta');
  const version = meta.getAttribute('colloquialVersion');
  if (!version) malformed('Meta colloquialVersion missing');
  const payload = one(root, SWID_NS, 'Payload');
  const measurements: RimMeasurement[] = [];
  const seen = new Set<number>();
  for (const r of children(payload, SWID_NS, 'Resource')) {
    if (r.getAttribute('type') !== 'Measurement') continue;
    const index = intAttr(r, 'index', 0, MAX_INDEX);
    if (seen.has(index)) malformed(`duplicate measurement index ${index}`);
    seen.add(index);
    const activeAttr = r.getAttribute('active');
    if (activeAttr !== 'True' && activeAttr !== 'False') malformed(`Resource ${index} active must be True/False`);
    const nAlt = intAttr(r, 'alternatives', 1, MAX_ALTERNATIVES);
    const size = intAttr(r, 'size', 1, 1024);
    const alternatives: Uint8Array[] = [];
    for (let i = 0; i < nAlt; i++) {
      const h = r.getAttributeNS(SHA384_NS, `Hash${i}`);
      if (h === null) malformed(`Resource ${index} lacks Hash${i}`);
      alternatives.push(parseHex(h, size, `Resource ${index} Hash${i}`));
    }
    measurements.push(
      Object.freeze({ index, active: activeAttr === 'True', size, alternatives: Object.freeze(alternatives) }),
    );
  }
  const out: {
    version: string;
    tagId: string;
    product?: string;
    manufacturerId?: string;
    measurements: readonly RimMeasurement[];
  } = {
    version,
    tagId: root.getAttribute('tagId') ?? '',
    measurements: Object.freeze(measurements),
  };
  const product = meta.getAttribute('product');
  if (product) out.product = product;
  for (let i = 0; i < meta.attributes.length; i++) {
    const a = meta.attributes.item(i);
    if (a?.localName === 'FirmwareManufacturerId') out.manufacturerId = a.value;
  }
  return out;
}

/** Parse a RIM without verifying it (structure only). Throws GpuParseError GPU_RIM_MALFORMED. */
export function parseRim(xml: string): ParsedRim {
  const doc = parseDocument(xml);
  const root = doc.documentElement;
  if (!root) return malformed('no document element');
  const body = parseBody(root);
  const sig = signatureParts(root);
  return Object.freeze({ ...body, signerChainDer: Object.freeze(sig.certs) });
}

export interface RimCache {
  /** Keyed by the XML text itself (V8 caches string hashes, so a hit costs no digest); entries remember their anchors. */
  readonly rims: BoundedCache<string, VerifiedRim & { readonly chain: VerifiedChain; readonly anchorKey: string }>;
  readonly links: LinkMemo;
}

/**
 * Verify a RIM: XML digest, ECDSA P-384 SignedInfo signature by the leaf of KeyInfo/X509Data, the signer chain to a
 * pinned RIM root, validity at `now`. Cached by XML text and anchor set; the time check re-runs on hits.
 * Throws GpuParseError GPU_RIM_MALFORMED; GpuVerifyError GPU_RIM_ALGORITHM_UNSUPPORTED, GPU_RIM_DIGEST_MISMATCH,
 * GPU_RIM_SIGNATURE_INVALID, GPU_RIM_CHAIN_BROKEN, GPU_RIM_CHAIN_UNTRUSTED, GPU_RIM_CERT_CONSTRAINTS_INVALID, GPU_RIM_CERT_EXPIRED.
 */
export function verifyRim(
  xml: string,
  anchors: readonly TrustAnchor[],
  anchorKey: string,
  now: Date,
  cache?: RimCache,
): VerifiedRim {
  const hit = cache?.rims.get(xml);
  if (hit && hit.anchorKey === anchorKey) {
    checkChainTime(hit.chain, now, RIM_CHAIN_CODES);
    return hit;
  }
  const doc = parseDocument(xml);
  const root = doc.documentElement;
  if (!root) return malformed('no document element');
  const body = parseBody(root);
  const sig = signatureParts(root);
  // 1. SignedInfo canonicalised with its in-scope ancestor namespaces (inclusive C14N).
  const ancestorNamespaces = findAncestorNs(
    doc as never,
    "/*/*[local-name()='Signature' and namespace-uri()='http://www.w3.org/2000/09/xmldsig#']/*[local-name()='SignedInfo']",
  );
  const c14n = new C14nCanonicalization();
  const signedInfoC14n = c14n.process(sig.signedInfo as never, { ancestorNamespaces });
  // 2. Chain first: the signature key must come from a trusted signer.
  let chain: VerifiedChain;
  try {
    chain = verifyChain(sig.certs, anchors, now, RIM_CHAIN_CODES, cache?.links);
  } catch (e) {
    if (e instanceof GpuParseError) return malformed('RIM signer certificate is not valid DER', e);
    throw e;
  }
  const keyDetails = chain.leafKey.asymmetricKeyDetails;
  if (chain.leafKey.asymmetricKeyType !== 'ec' || keyDetails?.namedCurve !== 'secp384r1') {
    throw new GpuVerifyError('GPU_RIM_ALGORITHM_UNSUPPORTED', 'RIM signer key is not ECDSA P-384');
  }
  if (
    sig.signatureValue.length !== 96 ||
    !cryptoVerify(
      'sha384',
      Buffer.from(signedInfoC14n, 'utf8'),
      { key: chain.leafKey, dsaEncoding: 'ieee-p1363' },
      sig.signatureValue,
    )
  ) {
    throw new GpuVerifyError('GPU_RIM_SIGNATURE_INVALID', 'RIM SignatureValue does not verify');
  }
  // 3. Reference digest: enveloped-signature transform, then C14N of the whole document.
  const next = sig.signature.nextSibling;
  root.removeChild(sig.signature);
  let docC14n: string;
  try {
    docC14n = c14n.process(root as never, {});
  } finally {
    root.insertBefore(sig.signature, next);
  }
  const computed = createHash('sha384').update(docC14n, 'utf8').digest();
  if (computed.length !== sig.digestValue.length || !timingSafeEqual(computed, sig.digestValue)) {
    throw new GpuVerifyError('GPU_RIM_DIGEST_MISMATCH', 'RIM DigestValue does not match the document');
  }
  const verified = Object.freeze({
    ...body,
    signerChainDer: Object.freeze(sig.certs),
    digest: createHash('sha256').update(xml, 'utf8').digest('hex'),
    anchorKey,
    signerNotAfter: new Date(chain.notAfter),
    chain,
  });
  if (cache) {
    cache.rims.set(xml, verified);
  }
  return verified;
}

export { chainKey };
