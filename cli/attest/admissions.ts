/**
 * `chrysalis attest admissions --endpoint URL (--log ADDR | --registry-address ADDR) [options]`
 *
 * Walks the on-chain admission log (the external-out event each admission emits, read from the log contract's
 * transactions) over a time range, proves the walk complete (every transaction of the log in the range was walked, by
 * following the account's transaction chain, each transaction's prev lt/hash, without a gap), and re-verifies every
 * admission whose bundle it can fetch: from a directory of `<bundleDigest>.bin` files an auditor
 * archived (`chrysalis status --save-bundles DIR` writes them), or from a broker's current worker list. A re-verified
 * bundle must hash to the logged digest, verify offline (roots + the registry snapshot), and name the logged worker
 * key, image, platform and model. Exit 1 when some admission failed re-verification or `--log` is not an
 * AttestationLog; exit 4 when the chain cannot be reached.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttestationLog, type LoggedAdmission } from '../../contracts/wrappers/attestation-log';
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
    from: { type: 'string', arg: 'TIME', desc: 'range start, unix seconds or ISO-8601 (default: the first admission)' },
    to: { type: 'string', arg: 'TIME', desc: 'range end, unix seconds or ISO-8601 (default: now)' },
    limit: { type: 'string', arg: 'N', default: '10000', desc: 'walk at most N log transactions' },
    json: { type: 'boolean', desc: 'print the admission-log export (one JSON object)' },
  },
} as const satisfies CommandSpec;

/** A range bound: unix seconds or an ISO-8601 time. */
function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw usageError(`--${flag}: expected unix seconds or ISO-8601: ${value}`);
  return Math.floor(d.getTime() / 1000);
}

interface Row {
  index: string;
  at: string;
  /** Chain time, unix seconds. */
  atUnix: number;
  brokerKey: string;
  /** The log transaction that emitted the event (lt, hash as hex). */
  txLt: string;
  txHash: string;
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
    const limit = parseCount(v.limit, 'limit', 1_000_000) ?? 10_000;
    const from = parseTime(v.from, 'from');
    const to = parseTime(v.to, 'to');
    const chain = chainFor(v.endpoint, 'log');
    const loaded = await loadRegistry(v, false);
    const logFlag = v.log ?? loaded?.attestationLog ?? undefined;
    if (!logFlag) throw usageError('--log ADDR is required (or a registry that names its AttestationLog)');
    const logAddress = addressFlag(logFlag, 'log');
    await assertDeployed(chain, logAddress, 'contract', 'log');
    const logContract = chain.open(AttestationLog.createFromAddress(logAddress));
    try {
      await logContract.getLogData();
    } catch (e) {
      if (exitCodeFor(e) === EXIT.NETWORK) throw e;
      throw new CliError('CLI_NOT_AN_ATTESTATION_LOG', EXIT.REJECTED, `${logFlag} is not an AttestationLog contract`, {
        cause: e,
        hint: "pass the `attestation-log:` address the devnet prints, or the registry's `attestationLog`",
      });
    }
    if (v.log && loaded?.attestationLog && loaded.attestationLog !== logAddress.toString())
      process.stderr.write(`warning: the registry names another AttestationLog (${loaded.attestationLog})\n`);
    const walk = await logContract.getAdmissionLog({
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      maxTransactions: limit,
    });
    const records: LoggedAdmission[] = walk.records;
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
        atUnix: r.at,
        brokerKey: r.brokerKey,
        txLt: r.txLt.toString(),
        txHash: r.txHash,
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
      const exported = {
        ok: failed === 0,
        log: logAddress.toString(),
        registry: loaded?.address ?? null,
        range: { from: from ?? null, to: to ?? null },
        complete: walk.complete,
        walked: walk.walked,
        stop: walk.stop,
        head: walk.head ? { lt: walk.head.lt.toString(), hash: walk.head.hash } : null,
        records: rows,
      };
      process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
    } else {
      process.stdout.write(
        `admission log ${logAddress.toString()}: ${rows.length} admission(s)${tf?.simulated ? ' (SIMULATED devnet roots trusted)' : ''}\n`,
      );
      process.stdout.write(
        walk.complete
          ? `complete: every log transaction in the range was walked (${walk.walked} transaction(s), chain of prev lt/hash without a gap)\n`
          : `INCOMPLETE: the walk stopped (${walk.stop}) after ${walk.walked} transaction(s); raise --limit or narrow --from\n`,
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
