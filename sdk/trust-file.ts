/**
 * `loadTrustFile(path)`: reads a trust-root file (e.g. the `trust.json` a devnet writes in its data directory) and
 * returns the verifier options it stands for, parsed by `chrysalis/attestation`'s `parseTrustFile`:
 *
 *   const roots = loadTrustFile('.data/devnet/trust.json');
 *   new ChrysalisClient({ ..., verify: { registry, trust: roots.trust, policy: roots.policy } });
 *
 * Without a trust file only the Intel and NVIDIA roots pinned in code count. `roots.simulated` is true for a devnet
 * file, and each worker verified under its roots says so (`AttestedWorker.simulatedRoots`).
 */
import { readFileSync } from 'node:fs';
import { parseTrustFile, type TrustFileRoots } from '../attestation/trust-file';
import { SdkError } from './errors';

export type { TrustFileRoots } from '../attestation/trust-file';

/** @throws SdkError SDK_CONFIG_INVALID (unreadable file, or TRUST_FILE_INVALID in `details.causeCode`) */
export function loadTrustFile(path: string): TrustFileRoots {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SdkError('SDK_CONFIG_INVALID', `cannot read trust file ${path}`, { cause });
  }
  try {
    return parseTrustFile(text);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new SdkError('SDK_CONFIG_INVALID', `trust file ${path} is invalid: ${(cause as Error).message}`, {
      cause,
      details: { causeCode: typeof code === 'string' ? code : 'UNKNOWN' },
    });
  }
}
