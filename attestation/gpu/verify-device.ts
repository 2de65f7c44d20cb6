/**
 * The device certificate chain of a GPU report, verified to the pinned Device Identity roots and cached by digest
 * (with the anchor sets built from the trust roots), so a warm call costs one hash of the chain.
 */
import { createHash } from 'node:crypto';
import { GpuVerifyError } from './errors';
import {
  anchorsFromDer,
  chainKey,
  checkChainTime,
  DEVICE_CHAIN_CODES,
  subjectCn,
  verifyChain,
  type TrustAnchor,
  type VerifiedChain,
} from './chain';
import { deviceCertFacts, type DeviceCertFacts } from './device-cert';
import type { GpuTrustRoots } from './roots';
import type { RimCache } from './rim';
import type { OcspCache } from './ocsp';
import { boundedCache, type BoundedCache } from '../../core/cache';

/** Anchor sets for one set of trust roots; `key` is their digest. */
export interface GpuAnchors {
  readonly device: TrustAnchor[];
  readonly rim: TrustAnchor[];
  readonly key: string;
}

export interface CachedDevice {
  readonly chain: VerifiedChain;
  readonly facts: DeviceCertFacts;
  readonly hwModel: string;
  readonly leafSpkiSha256: string;
}

export interface GpuVerifyCache extends RimCache {
  readonly devices: BoundedCache<string, CachedDevice>;
  readonly ocsp: OcspCache;
  readonly anchors: Map<string, GpuAnchors>;
}

const MAX_ENTRIES = 256;
const MAX_RIMS = 256;

export function createGpuVerifyCache(): GpuVerifyCache {
  return {
    devices: boundedCache(MAX_ENTRIES),
    rims: boundedCache(MAX_RIMS),
    anchors: new Map(),
    links: new Set(),
    ocsp: { parsed: new Map(), signed: new Set() },
  };
}

export function anchorsFor(trust: GpuTrustRoots, cache: GpuVerifyCache): GpuAnchors {
  const h = createHash('sha256');
  for (const d of trust.deviceRootDer) h.update('d').update(d);
  for (const d of trust.rimRootDer) h.update('r').update(d);
  const key = h.digest('base64');
  let a = cache.anchors.get(key);
  if (!a) {
    a = { device: anchorsFromDer(trust.deviceRootDer), rim: anchorsFromDer(trust.rimRootDer), key };
    if (cache.anchors.size >= 16) cache.anchors.clear();
    cache.anchors.set(key, a);
  }
  return a;
}

export function verifyDevice(
  certChain: readonly Uint8Array[],
  anchors: { device: TrustAnchor[]; key: string },
  now: Date,
  length: number,
  cache: GpuVerifyCache,
): CachedDevice {
  if (certChain.length !== length) {
    throw new GpuVerifyError(
      'GPU_CERT_CHAIN_LENGTH',
      `device chain has ${certChain.length} certificates, expected ${length}`,
    );
  }
  const key = chainKey(certChain, anchors.key);
  const hit = cache.devices.get(key);
  if (hit) {
    checkChainTime(hit.chain, now, DEVICE_CHAIN_CODES);
    return hit;
  }
  const chain = verifyChain(certChain, anchors.device, now, DEVICE_CHAIN_CODES, cache.links);
  const kd = chain.leafKey.asymmetricKeyDetails;
  if (chain.leafKey.asymmetricKeyType !== 'ec' || kd?.namedCurve !== 'secp384r1') {
    throw new GpuVerifyError('GPU_CERT_CHAIN_BROKEN', 'device leaf key is not ECDSA P-384');
  }
  const facts = deviceCertFacts(certChain[0]!);
  const brom = chain.certs[1];
  const leafSpkiSha256 = createHash('sha256')
    .update(chain.leafKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const entry: CachedDevice = { chain, facts, hwModel: (brom && subjectCn(brom)) ?? '', leafSpkiSha256 };
  cache.devices.set(key, entry);
  return entry;
}
