import { createHash } from 'node:crypto';
import type { TrustRoots } from '../collateral/types';
import { INTEL_SGX_ROOT_CA_DER } from './intel-root';
import { parseCert, type Cert } from './x509';

/** Parsed trust anchors plus a stable key (cache keys include it so no result leaks across trust sets). */
export interface TrustContext {
  readonly key: string;
  readonly roots: readonly Cert[];
  readonly ders: readonly Uint8Array[];
}

const contexts = new WeakMap<TrustRoots, TrustContext>();
let intelDefault: TrustContext | undefined;

function build(ders: readonly Uint8Array[]): TrustContext {
  if (ders.length === 0) throw new TypeError('trust.intelRootCaDer must name at least one root certificate');
  const h = createHash('sha256');
  const roots = ders.map((d) => {
    if (!(d instanceof Uint8Array)) throw new TypeError('trust.intelRootCaDer entries must be Uint8Array (DER)');
    h.update(createHash('sha256').update(d).digest());
    try {
      return parseCert(new Uint8Array(d));
    } catch (cause) {
      throw new TypeError('trust.intelRootCaDer entry is not a DER certificate', { cause });
    }
  });
  return { key: h.digest('hex'), roots, ders: [...ders] };
}

export function trustContext(trust: TrustRoots | undefined): TrustContext {
  if (!trust) return (intelDefault ??= build([INTEL_SGX_ROOT_CA_DER]));
  let c = contexts.get(trust);
  // Rebuild if the caller swapped an entry of the (supposedly immutable) array.
  if (!c || c.ders.length !== trust.intelRootCaDer.length || c.ders.some((d, i) => d !== trust.intelRootCaDer[i])) {
    c = build(trust.intelRootCaDer);
    contexts.set(trust, c);
  }
  return c;
}
