/**
 * `--trust FILE`: the auditor's explicit opt-in to other attestation roots (e.g. the SIMULATED devnet roots that
 * `chrysalis devnet` writes). Without it only the Intel and NVIDIA roots pinned in code count.
 */
import { readFileSync } from 'node:fs';
import { parseTrustFile, type TrustFileRoots } from '../attestation/trust-file';
import { INTEL_SGX_ROOT_CA_SHA256 } from '../attestation/tdx/intel-root';
import { inputError } from './exit';

export const TRUST_OPTION = {
  type: 'string',
  arg: 'FILE',
  desc: 'also trust the roots in this trust file (e.g. .data/devnet/trust.json, SIMULATED)',
} as const;

export interface LoadedTrust {
  readonly trust: TrustFileRoots['trust'];
  /** Quote policy roots: Intel's pinned root plus the file's Intel roots (named in the file: an explicit opt-in). */
  readonly allowedRoots: string[] | undefined;
  readonly simulated: boolean;
}

/** @throws CliError CLI_INPUT_UNREADABLE (exit 3) */
export function loadTrust(path: string | undefined): LoadedTrust | undefined {
  if (path === undefined) return undefined;
  let roots: TrustFileRoots;
  try {
    roots = parseTrustFile(readFileSync(path, 'utf8'));
  } catch (e) {
    throw inputError(`cannot read --trust ${path}`, e, 'pass the trust.json a devnet writes in its data directory');
  }
  return {
    trust: roots.trust,
    allowedRoots: roots.allowedRoots.length > 0 ? [INTEL_SGX_ROOT_CA_SHA256, ...roots.allowedRoots] : undefined,
    simulated: roots.simulated,
  };
}
