/**
 * The PCK certificate chain carried in the quote (certification data type 5), verified once per distinct chain
 * and trust context and cached (bounded LRU): links, pinned root, X.509 constraints and Intel CNs, SGX extension, leaf key.
 */
import { createHash } from 'node:crypto';
import { buildChain, certWindow, parseCerts, type Window } from './chains';
import { checkPckCaConstraints, checkSignerConstraints, INTEL_CN } from './constraints';
import { DerError } from '../../core/der';
import { TdxVerifyError } from './errors';
import { OID_SGX_EXTENSION, parsePckExtension, type PckExtension } from './pck-extension';
import type { TrustContext } from './trust';
import type { Cert } from './x509';
import { splitCertData } from './parse';
import { boundedCache } from '../../core/cache';

export interface VerifiedPckChain {
  /** DER certificates as carried in the quote. */
  readonly ders: readonly Uint8Array[];
  readonly leaf: Cert;
  readonly ca: Cert;
  readonly root: Cert;
  readonly ext: PckExtension;
  readonly windows: readonly Window[];
}

function verifyPckChain(ders: readonly Uint8Array[], trust: TrustContext): VerifiedPckChain {
  const chain = buildChain(
    parseCerts(ders, 'TDX_PCK_CHAIN_INVALID', 'PCK chain'),
    trust,
    { invalid: 'TDX_PCK_CHAIN_INVALID', untrusted: 'TDX_PCK_CHAIN_UNTRUSTED' },
    'PCK chain',
  );
  if (chain.length !== 3)
    throw new TdxVerifyError('TDX_PCK_CHAIN_INVALID', `PCK chain has ${chain.length} certificates, expected 3`);
  const [leaf, ca, root] = chain as [Cert, Cert, Cert];
  checkSignerConstraints(leaf, INTEL_CN.pck, 'PCK certificate');
  checkPckCaConstraints(ca, 'PCK CA certificate');
  const raw = leaf.extensions.get(OID_SGX_EXTENSION);
  if (!raw) throw new TdxVerifyError('TDX_PCK_EXTENSION_INVALID', 'PCK certificate has no SGX extension');
  let ext: PckExtension;
  try {
    ext = parsePckExtension(raw);
  } catch (cause) {
    if (!(cause instanceof DerError)) throw cause;
    throw new TdxVerifyError('TDX_PCK_EXTENSION_INVALID', `PCK SGX extension malformed: ${cause.message}`, { cause });
  }
  return Object.freeze({
    ders: Object.freeze([...ders]),
    leaf,
    ca,
    root,
    ext,
    windows: Object.freeze([
      certWindow(leaf, 'PCK certificate'),
      certWindow(ca, 'PCK CA certificate'),
      certWindow(root, 'root CA certificate'),
    ]),
  });
}

const MAX_ENTRIES = 1024;
const cache = boundedCache<string, VerifiedPckChain>(MAX_ENTRIES);

export function clearPckChainCache(): void {
  cache.clear();
}

/** Verified chain for the raw type-5 blob (cache key: SHA-256 of the blob + trust context). */
export function verifiedPckChain(certData: Uint8Array, trust: TrustContext): VerifiedPckChain {
  const key = `${trust.key}:${createHash('sha256').update(certData).digest('hex')}`;
  let v = cache.get(key);
  if (v) return v;
  // Copy: the blob is a view into the caller's quote copy; cached certificates must not alias it.
  v = verifyPckChain(splitCertData(new Uint8Array(certData)), trust);
  cache.set(key, v);
  return v;
}
