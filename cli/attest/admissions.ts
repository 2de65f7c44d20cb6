/**
 * `chrysalis attest admissions --endpoint URL (--log ADDR | --registry-address ADDR) [options]`
 *
 * Walks the on-chain admission log (from the log contract's transactions, the same data its get-methods serve) and
 * re-verifies every admission whose bundle it can fetch: from a directory of `<bundleDigest>.bin` files an auditor
 * archived (`chrysalis status --save-bundles DIR` writes them), or from a broker's current worker list. A re-verified
 * bundle must hash to the logged digest, verify offline (roots + the registry snapshot), and name the logged worker
 * key, image, platform and model. Exit 1 when some admission failed re-verification or `--log` is not an
 * AttestationLog; exit 4 when the chain cannot be reached.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AttestationLog,
  admissionsFromTransactions,
  type AdmissionRecord,
} from '../../contracts/wrappers/attestation-log';
import { verifyBundle } from '../../attestation/bundle';
import { CliError, EXIT, exitCodeFor, usageError } from '../exit';
import { parseAt, parseCount, runCommand, type CommandSpec } from '../flags';
import {
  REGISTRY_OPTIONS,
  addressFlag,
  assertDeployed,
  chainFor,
  loadRegistry,
  toVerifyRegistry,
} from '../registry-source';
import { TRUST_OPTION, loadTrust } from '../trust';

export const spec = {
  name: 'attest admissions',
  synopsis: '--endpoint URL (--log ADDR | --registry-address ADDR) [options]',
  summary: 'Walk the on-chain admission log and re-verify offline every admitted bundle it can fetch.',
  options: {
    ...REGISTRY_OPTIONS,
    log: {
      type: 'string',
      arg: 'ADDR',
      desc: 'the AttestationLog (default: the one the registry names; the devnet prints `attestation-log:`)',
    },
    bundles: { type: 'string', arg: 'DIR', desc: 'archived bundles named <bundleDigest>.bin' },
    broker: { type: 'string', arg: 'URL', desc: "fetch bundles from this broker's /v1/workers listing" },
    trust: TRUST_OPTION,
    at: { type: 'string', arg: 'ISO-8601', desc: 'judge every admission at this time (default: its own time)' },
    limit: { type: 'string', arg: 'N', default: '100', desc: 'read at most N log transactions' },
    json: { type: 'boolean', desc: 'print one JSON object' },
  },
} as const satisfies CommandSpec;

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
  return runCommand(spec, argv, async ({ values: v }) => {
    const at = v.at === undefined ? undefined : parseAt(v.at);
    const limit = parseCount(v.limit, 'limit', 10_000) ?? 100;
    const chain = chainFor(v.endpoint, 'log');
    const loaded = await loadRegistry(v, false);
    const logFlag = v.log ?? loaded?.attestationLog ?? undefined;
    if (!logFlag) throw usageError('--log ADDR is required (or a registry that names its AttestationLog)');
    const logAddress = addressFlag(logFlag, 'log');
    await assertDeployed(chain, logAddress, 'contract', 'log');
    try {
      await chain.open(AttestationLog.createFromAddress(logAddress)).getLogData();
    } catch (e) {
      if (exitCodeFor(e) === EXIT.NETWORK) throw e;
      throw new CliError('CLI_NOT_AN_ATTESTATION_LOG', EXIT.REJECTED, `${logFlag} is not an AttestationLog contract`, {
        cause: e,
        hint: "pass the `attestation-log:` address the devnet prints, or the registry's `attestationLog`",
      });
    }
    if (v.log && loaded?.attestationLog && loaded.attestationLog !== logAddress.toString())
      process.stderr.write(`warning: the registry names another AttestationLog (${loaded.attestationLog})\n`);
    const records: AdmissionRecord[] = admissionsFromTransactions(await chain.getTransactions(logAddress, { limit }));
    const registry = loaded ? toVerifyRegistry(loaded) : undefined;
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
    const tf = loadTrust(v.trust);
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
            now: at ?? new Date(r.at * 1000),
            registry: registry ?? { imageIds: [r.imageId], platformIds: [r.platformId], modelIds: [r.modelId] },
            ...(tf ? { trust: tf.trust as never } : {}),
            ...(tf?.allowedRoots ? { policy: { quote: { allowedRoots: tf.allowedRoots } } } : {}),
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
        `admission log ${logAddress.toString()}: ${rows.length} admission(s)${tf?.simulated ? ' (SIMULATED devnet roots trusted)' : ''}\n`,
      );
      for (const r of rows) {
        process.stdout.write(
          `#${r.index} ${r.at} worker ${r.workerKey.slice(0, 16)}… image ${r.imageId.slice(0, 12)}… model ${r.modelId.slice(0, 12)}… bundle ${r.bundleDigest.slice(0, 12)}… ${r.reverified}${r.code ? ` (${r.code})` : ''}\n`,
        );
      }
    }
    return failed === 0 ? 0 : 1;
  });
}
