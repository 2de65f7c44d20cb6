/**
 * The binding between the worker's claims, its TDX quote and its GPU evidence. ONE implementation, used by the
 * producer (enclave-runtime) and every verifier (broker, SDK, auditor CLI):
 *
 *   REPORTDATA            = SHA-512(canonical claims bytes)                                     (64 bytes)
 *   gpu nonce (index i)   = SHA-256("chrysalis.v1.gpu-nonce" || 0x00 || hpke_pk || signing_pk
 *                                   || u8(len(challenge)) || challenge || u32be(i))            (32 bytes)
 *   gpu_evidence_digest   = SHA-256("chrysalis.v1.gpu-evidence" || 0x00 || u32be(n) ||
 *                                   for each GPU in index order: u32be(index) || u32be(len(report)) || report
 *                                   || u32be(#certs) || for each cert: u32be(len) || cert)
 *
 * The nonce commits the GPU's SPDM signature to the worker's keys and the broker's fresh challenge, and the
 * digest puts the exact GPU evidence inside the claims that the TDX quote signs: GPU evidence can be neither
 * spliced in from another machine nor replayed under a new challenge.
 */
import { createHash } from 'node:crypto';

const NONCE_DOMAIN = Buffer.from('chrysalis.v1.gpu-nonce\0', 'latin1');
const DIGEST_DOMAIN = Buffer.from('chrysalis.v1.gpu-evidence\0', 'latin1');

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export function bindingReportData(claimsBytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha512').update(claimsBytes).digest());
}

export function gpuNonce(
  keys: { readonly hpkePublicKey: Uint8Array; readonly signingPublicKey: Uint8Array },
  challenge: Uint8Array,
  index: number,
): Uint8Array {
  if (challenge.length > 255) throw new RangeError('challenge longer than 255 bytes');
  if (!Number.isInteger(index) || index < 0) throw new RangeError('GPU index must be a non-negative integer');
  return new Uint8Array(
    createHash('sha256')
      .update(NONCE_DOMAIN)
      .update(keys.hpkePublicKey)
      .update(keys.signingPublicKey)
      .update(Buffer.from([challenge.length]))
      .update(challenge)
      .update(u32(index))
      .digest(),
  );
}

export interface GpuEvidenceForDigest {
  readonly index: number;
  readonly report: Uint8Array;
  readonly certChain: readonly Uint8Array[];
}

export function gpuEvidenceDigest(gpus: readonly GpuEvidenceForDigest[]): Uint8Array {
  const h = createHash('sha256').update(DIGEST_DOMAIN).update(u32(gpus.length));
  for (const g of gpus) {
    h.update(u32(g.index)).update(u32(g.report.length)).update(g.report).update(u32(g.certChain.length));
    for (const c of g.certChain) h.update(u32(c.length)).update(c);
  }
  return new Uint8Array(h.digest());
}
