/** Step 2 of the devnet network: the SIMULATED attestation roots and the files the workers and clients read. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageId as computeImageId, platformId as computePlatformId } from '../../attestation/policy';
import { trustFileToJson } from '../../attestation/trust-file';
import { createDevnetIntelPki } from '../intel';
import { createDevnetNvidiaPki } from '../nvidia';
import { devnetTdFields } from '../providers/simulated-tdx';
import type { DevnetOptions, DevnetTrust } from './types';

/**
 * Same seed as the workers use; collateral issued now, valid 30 days. Writes `trust.json` and `collateral.json` into
 * the data directory.
 */
export function createPkis(opts: DevnetOptions): DevnetTrust {
  const now = new Date();
  const intel = createDevnetIntelPki({ seed: opts.seed, issuedAt: new Date(now.getTime() - 3600_000) });
  const nvidia = createDevnetNvidiaPki({ seed: opts.seed });
  const trust = { intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust };
  const trustFile = join(opts.dataDir, 'trust.json');
  writeFileSync(trustFile, trustFileToJson({ kind: 'devnet', intel: trust.intel, nvidia: trust.nvidia }));
  const collateralFile = join(opts.dataDir, 'collateral.json');
  writeFileSync(collateralFile, JSON.stringify(intel.collateralJson(), null, 2));
  const fields = devnetTdFields();
  return {
    trust,
    policy: { quote: { allowedRoots: [createHash('sha256').update(intel.rootCaDer).digest('hex')] } },
    trustFile,
    collateralFile,
    imageId: computeImageId(fields as never),
    platformId: computePlatformId(fields as never),
  };
}
