import { createHash, verify, type KeyObject } from 'node:crypto';
import { ed25519PublicKey } from '../core/ed25519';

export const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

function publicKeyOf(rawKey: Uint8Array): KeyObject | undefined {
  try {
    return ed25519PublicKey(rawKey);
  } catch {
    return undefined;
  }
}

/** Ed25519 verification of `message` under a raw 32-byte key; false (never throws) on any malformed input. */
export function ed25519Verify(rawKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (rawKey.length !== 32 || signature.length !== 64) return false;
  const key = publicKeyOf(rawKey);
  if (!key) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * Same as ed25519Verify, on libuv's thread pool (node:crypto's callback form), so signature checks use the other
 * cores instead of blocking the event loop that relays every stream.
 */
export function ed25519VerifyAsync(rawKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (rawKey.length !== 32 || signature.length !== 64) return Promise.resolve(false);
  const key = publicKeyOf(rawKey);
  if (!key) return Promise.resolve(false);
  // When idle, a thread-pool hop costs more latency than it saves: verify inline unless others are pending.
  if (pendingVerifies === 0 && !busy()) return Promise.resolve(ed25519Verify(rawKey, message, signature));
  pendingVerifies++;
  return new Promise<boolean>((resolve) => {
    try {
      verify(null, message, key, signature, (err, ok) => resolve(!err && ok));
    } catch {
      resolve(false);
    }
  }).finally(() => pendingVerifies--);
}

let pendingVerifies = 0;
let windowStart = 0;
let windowCount = 0;
/** More than a few verifications in the current 5 ms window: the event loop is busy, offload. */
function busy(): boolean {
  const now = Date.now();
  if (now - windowStart > 5) {
    windowStart = now;
    windowCount = 0;
  }
  return ++windowCount > 2;
}

/** Worker id: hex SHA-256 of its Ed25519 signing key. */
export const workerIdOf = (signingPublicKey: Uint8Array): string => sha256(signingPublicKey).toString('hex');
