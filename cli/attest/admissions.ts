/**
 * `chrysalis attest admissions --endpoint <toncenter-v2 URL> --log <AttestationLog address>
 *    [--bundles <dir>] [--broker <url>] [--registry-address <addr>] [--trust <file>] [--at ISO] [--limit N] [--json]`
 *
 * Walks the on-chain admission log (from the log contract's transactions, the same data its get-methods serve) and
 * re-verifies every admission whose bundle it can fetch: from a directory of `<bundleDigest>.bin` files an auditor
 * archived, or from a broker's current worker list. A re-verified bundle must hash to the logged digest, verify
 * offline (roots + the registry snapshot read from chain), and name the logged worker key, image, platform and model.
 * Exit 0: every fetched bundle re-verified; 1: some admission failed re-verification; 2: bad usage or unreachable chain.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Address } from '@ton/core';
import { createChainClient } from '../../contracts/chain';
import { admissionsFromTransactions, type AdmissionRecord } from '../../contracts/wrappers/attestation-log';
import { verifyBundle, type RegistrySnapshot } from '../../attestation/bundle';
import { loadTrustFile } from '../../attestation/trust-file';
import type { TrustRoots } from '../../attestation/collateral';

const USAGE =
  'usage: chrysalis attest admissions --endpoint <toncenter-v2 URL> --log <address> [--bundles <dir>] [--broker <url>]\n' +
  '       [--registry-address <address>] [--trust <file>] [--at <ISO-8601>] [--limit N] [--json]\n';

interface Row {
  index: string;
  at: string;
  workerKey: string;
  imageId: string;
  platformId: string;
  modelId: string;
  bundleDigest: string;
  reverified: 'ok' | 'failed' | 'bundle-unavailable';
  code?: string;
}

export async function run(argv: string[]): Promise<number> {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        endpoint: { type: 'string' },
        log: { type: 'string' },
        bundles: { type: 'string' },
        broker: { type: 'string' },
        'registry-address': { type: 'string' },
        trust: { type: 'string' },
        at: { type: 'string' },
        limit: { type: 'string', default: '100' },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!v.endpoint || !v.log) {
    process.stderr.write(USAGE);
    return 2;
  }
  const now = v.at ? new Date(v.at) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(`--at: not an ISO-8601 time\n`);
    return 2;
  }
  let records: AdmissionRecord[];
  let registry: RegistrySnapshot | undefined;
  const chain = createChainClient({ network: 'devnet', endpoint: v.endpoint });
  try {
    records = admissionsFromTransactions(await chain.getTransactions(Address.parse(v.log), { limit: Number(v.limit) }));
    if (v['registry-address']) {
      const r = await chain.readRegistry(Address.parse(v['registry-address']));
      registry = {
        version: r.version,
        imageIds: r.images,
        platformIds: r.platforms,
        modelIds: r.models.map((m) => m.id),
      };
    }
  } catch (err) {
    process.stderr.write(`chrysalis attest admissions: cannot read the chain: ${(err as Error).message}\n`);
    return 2;
  }
  // Bundles the auditor can fetch: an archive directory and/or a broker's current listing.
  const fromBroker = new Map<string, Uint8Array>();
  if (v.broker) {
    try {
      const j = (await (await fetch(`${v.broker.replace(/\/$/, '')}/v1/workers`)).json()) as {
        workers: { bundle: string }[];
      };
      for (const w of j.workers) {
        const b = new Uint8Array(Buffer.from(w.bundle, 'base64'));
        fromBroker.set(createHash('sha256').update(b).digest('hex'), b);
      }
    } catch (err) {
      process.stderr.write(`warning: broker listing unavailable: ${(err as Error).message}\n`);
    }
  }
  const tf = v.trust ? loadTrustFile(v.trust) : undefined;
  const intel = tf?.intel as TrustRoots | undefined;
  const rows: Row[] = [];
  let failed = 0;
  for (const r of records) {
    const row: Row = {
      index: r.index.toString(),
      at: new Date(r.at * 1000).toISOString(),
      workerKey: r.workerKey,
      imageId: r.imageId,
      platformId: r.platformId,
      modelId: r.modelId,
      bundleDigest: r.bundleDigest,
      reverified: 'bundle-unavailable',
    };
    const file = v.bundles ? join(v.bundles, `${r.bundleDigest}.bin`) : undefined;
    const bytes = file && existsSync(file) ? new Uint8Array(readFileSync(file)) : fromBroker.get(r.bundleDigest);
    if (bytes) {
      try {
        if (createHash('sha256').update(bytes).digest('hex') !== r.bundleDigest)
          throw Object.assign(new Error('digest'), { code: 'AUDIT_DIGEST_MISMATCH' });
        // An admission is judged at its own time: the bundle's issued_at, not today.
        const w = verifyBundle(bytes, {
          now: v.at ? now : new Date(r.at * 1000),
          registry: registry ?? { imageIds: [r.imageId], platformIds: [r.platformId], modelIds: [r.modelId] },
          ...(tf
            ? { trust: { ...(intel ? { intel } : {}), ...(tf.nvidia ? { nvidia: tf.nvidia as never } : {}) } }
            : {}),
          ...(intel
            ? {
                policy: {
                  quote: {
                    allowedRoots: intel.intelRootCaDer.map((d) => createHash('sha256').update(d).digest('hex')),
                  },
                },
              }
            : {}),
        });
        const same =
          Buffer.from(w.signingPublicKey).toString('hex') === r.workerKey &&
          w.imageId === r.imageId &&
          w.platformId === r.platformId &&
          w.modelId === r.modelId;
        if (!same) throw Object.assign(new Error('mismatch'), { code: 'AUDIT_LOG_MISMATCH' });
        row.reverified = 'ok';
      } catch (err) {
        row.reverified = 'failed';
        row.code = (err as { code?: string }).code ?? 'UNKNOWN';
        failed++;
      }
    }
    rows.push(row);
  }
  if (v.json) {
    process.stdout.write(`${JSON.stringify({ ok: failed === 0, admissions: rows }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `admission log ${v.log}: ${rows.length} admission(s)${tf?.kind === 'devnet' ? ' (SIMULATED devnet roots trusted)' : ''}\n`,
    );
    for (const r of rows) {
      process.stdout.write(
        `#${r.index} ${r.at} worker ${r.workerKey.slice(0, 16)}… image ${r.imageId.slice(0, 12)}… model ${r.modelId.slice(0, 12)}… bundle ${r.bundleDigest.slice(0, 12)}… ${r.reverified}${r.code ? ` (${r.code})` : ''}\n`,
      );
    }
  }
  return failed === 0 ? 0 : 1;
}
