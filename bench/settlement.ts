/**
 * Settlement bench: TON of on-chain fees per 1M requests for 1, 100 and 1,000 clients x 1 and 10 workers.
 *
 * 1. Fees of each on-chain operation are MEASURED (settlement-fees.ts) in @ton/sandbox (mainnet config; senders are real v4 wallets; the
 *    fee is everything the network collected for the whole trace): a channel open (deploy + deposit), one claim per
 *    external message, four claims in one v4 external (the batched price per claim), and one top-up of a broker ->
 *    worker channel (the exact message `WorkerPayoutBook` sends, captured from it; settlement-topups.ts).
 * 2. The table is COMPUTED by running the broker's own claim policy (`planClaims`, broker/chain/settler-policy.ts) over
 *    a simulated request stream: every request is 500 prompt + 300 completion tokens at 1,000 nanoTON per token
 *    (0.0008 TON), spread evenly over clients and workers; the broker takes brokerFeeBps (DEFAULT_PARAMS, 10 %) and
 *    owes the rest to the workers, whose claims follow the worker's rule (claim once amount - claimed >= threshold).
 *    Clients stay active, so claims come from the claim point and the exposure cap. Each side's stream runs long
 *    enough for every channel to pass its claim point several times; the figure is the steady state: fees per TON
 *    claimed x the TON that 1M requests move on each side. Top-ups recur with volume, so they are in the figure: the
 *    broker's own `WorkerPayoutBook` runs a worker's payouts and its top-ups are counted (steady state: TON moved per
 *    top-up, about the deposit), x the 720 TON that 1M requests move to the workers. Channel opens are one-off and
 *    reported apart.
 * Columns: before (the previous defaults: 10-TON claim threshold, 1-TON worker threshold, 5-TON worker deposit), after
 * (DEFAULT_CLAIM_POLICY, the worker's default, RECOMMENDED_WORKER_DEPOSIT_NANO), after with the broker's claims sent
 * four per external, and Cocoon's cadence (a charge per 1 TON owed, a worker payout per 10 TON, ~0.01 TON per
 * on-chain operation, no top-ups counted; reference/cocoon.md 5.5).
 */
import { DEFAULT_PARAMS } from '../contracts/wrappers/registry';
import { DEFAULT_SETTLEMENT_POLICY } from '../contracts/settlement';
import {
  claimPointOf,
  claimPolicy,
  DEFAULT_CLAIM_POLICY,
  planClaims,
  WORKER_CLAIM_THRESHOLD_NANO,
  type ClaimPolicy,
} from '../broker/chain/settler-policy';
import { emit } from './report';
import { measureFees, type MeasuredFees } from './settlement-fees';
import { PREVIOUS_WORKER_DEPOSIT_NANO, RECOMMENDED_WORKER_DEPOSIT_NANO, topUpsPer1M } from './settlement-topups';

export { measureFees, PREVIOUS_WORKER_DEPOSIT_NANO, RECOMMENDED_WORKER_DEPOSIT_NANO, type MeasuredFees };

const TON = 1_000_000_000n;
/** 500 prompt + 300 completion tokens at 1,000 nanoTON per token. */
export const PER_REQUEST_NANO = 800n * 1000n;
const MILLION = 1_000_000n;
export const CELLS: readonly { readonly clients: number; readonly workers: number }[] = [
  { clients: 1, workers: 1 },
  { clients: 1, workers: 10 },
  { clients: 100, workers: 1 },
  { clients: 100, workers: 10 },
  { clients: 1000, workers: 1 },
  { clients: 1000, workers: 10 },
];
/** How each side claims: the broker's policy on client channels, the worker's threshold on its channel. */
export interface Cadence {
  readonly broker: ClaimPolicy;
  readonly workerThresholdNano: bigint;
  /** Price of one broker claim and of one worker claim (nanoTON). */
  readonly brokerClaimNano: bigint;
  readonly workerClaimNano: bigint;
  /** Broker -> worker channel deposit, also each top-up's amount (0: top-ups not counted). */
  readonly workerDepositNano: bigint;
  /** Price of one top-up (nanoTON). */
  readonly topUpNano: bigint;
}

export interface CellResult {
  readonly clients: number;
  readonly workers: number;
  /** TON of fees per 1M requests (steady state). */
  readonly tonPer1M: number;
  /** On-chain claims per 1M requests, both sides. */
  readonly claimsPer1M: number;
  /** Top-ups of broker -> worker channels per 1M requests (all workers together). */
  readonly topUpsPer1M: number;
  /** Their fees, TON per 1M requests (included in tonPer1M). */
  readonly topUpTonPer1M: number;
}

/** A plain threshold rule as a ClaimPolicy (no fee floor, no idle, no cap). */
function thresholdOnly(thresholdNano: bigint): ClaimPolicy {
  return claimPolicy({
    thresholdNano,
    minClaimNano: thresholdNano,
    idleMs: Number.MAX_SAFE_INTEGER,
    feeMultiple: 0n,
    exposureCapNano: 0n,
  });
}

/** What one side (client channels, or worker channels) claims over its stream. */
interface SideRun {
  readonly claims: number;
  readonly claimedNano: bigint;
  readonly requests: bigint;
}

/**
 * One side of the stream: `n` channels, each receiving 1/n of every request's `perRequest`, claimed by `policy` at
 * each settler pass (one a minute). The stream runs until each channel has passed its claim point `cycles` times, in
 * steps of at most 1/`grain` of the smallest expected claim (the claim point, or the exposure cap's share).
 */
function runSide(n: number, perRequest: bigint, policy: ClaimPolicy, cycles: bigint, grain: bigint): SideRun {
  const point = claimPointOf(policy);
  const capShare = policy.exposureCapNano > 0n ? policy.exposureCapNano / BigInt(n) : point;
  const unit = capShare > 0n && capShare < point ? capShare : point;
  let requests = (point * BigInt(n) * cycles) / perRequest + 1n;
  if (requests < MILLION) requests = MILLION;
  const perStepNano = unit / grain > 0n ? unit / grain : 1n; // per channel
  const steps = (requests * perRequest) / (perStepNano * BigInt(n)) + 1n;
  const latest = new Array<bigint>(n).fill(0n);
  const claimed = new Array<bigint>(n).fill(0n);
  let claims = 0;
  let claimedNano = 0n;
  for (let s = 0n; s < steps; s++) {
    const nowMs = Number(s) * 60_000;
    for (let i = 0; i < n; i++) latest[i]! += perStepNano;
    const views = latest.map((l, i) => ({
      key: String(i),
      latestNano: l,
      claimedNano: claimed[i]!,
      latestAtMs: nowMs,
    }));
    for (const c of planClaims(views, policy, nowMs)) {
      const i = Number(c.key);
      claimed[i] = latest[i]!;
      claims++;
      claimedNano += c.unclaimedNano;
    }
  }
  return { claims, claimedNano, requests: (steps * perStepNano * BigInt(n)) / perRequest };
}

/** What the broker owes the workers per request (the rest after brokerFeeBps). */
export const WORKER_PER_REQUEST_NANO = (PER_REQUEST_NANO * BigInt(10000 - DEFAULT_PARAMS.brokerFeeBps)) / 10000n;

/**
 * Runs both sides of one cell; returns the steady-state fees per 1M requests (fee per TON claimed x TON moved, plus
 * the broker -> worker top-ups, `topUps` per 1M, from `topUpsPer1M(cadence.workerDepositNano, ...)`).
 */
export function simulateCell(
  clients: number,
  workers: number,
  cadence: Cadence,
  opts: { cycles?: number; grain?: number; topUps?: number } = {},
): CellResult {
  const cycles = BigInt(opts.cycles ?? 4);
  const grain = BigInt(opts.grain ?? 50);
  const workerPerRequest = WORKER_PER_REQUEST_NANO;
  const c = runSide(clients, PER_REQUEST_NANO, cadence.broker, cycles, grain);
  const w = runSide(workers, workerPerRequest, thresholdOnly(cadence.workerThresholdNano), cycles, grain);
  const rate = (side: SideRun, claimNano: bigint, perReq: bigint): number =>
    side.claimedNano === 0n
      ? 0
      : (side.claims * Number(claimNano) * Number(MILLION * perReq)) / Number(side.claimedNano);
  const topUps = cadence.workerDepositNano > 0n ? (opts.topUps ?? 0) : 0;
  const topUpNano = topUps * Number(cadence.topUpNano);
  const nano =
    rate(c, cadence.brokerClaimNano, PER_REQUEST_NANO) + rate(w, cadence.workerClaimNano, workerPerRequest) + topUpNano;
  const per1M = (side: SideRun): number => (side.claims * 1e6) / Number(side.requests);
  return {
    clients,
    workers,
    tonPer1M: nano / 1e9,
    claimsPer1M: per1M(c) + per1M(w),
    topUpsPer1M: topUps,
    topUpTonPer1M: topUpNano / 1e9,
  };
}

/** The four columns of the table from measured fees (after and batched at `workerDepositNano`). */
export function cadences(
  fees: MeasuredFees,
  workerDepositNano = RECOMMENDED_WORKER_DEPOSIT_NANO,
): Record<'before' | 'after' | 'batched' | 'cocoon', Cadence> {
  const cocoonOp = 10_000_000n; // ~0.01 TON per on-chain operation
  const topUpNano = fees.topUpNano;
  return {
    before: {
      broker: claimPolicy({ ...DEFAULT_SETTLEMENT_POLICY, feeMultiple: 0n, exposureCapNano: 0n }),
      workerThresholdNano: TON,
      brokerClaimNano: fees.claimNano,
      workerClaimNano: fees.claimNano,
      workerDepositNano: PREVIOUS_WORKER_DEPOSIT_NANO,
      topUpNano,
    },
    after: {
      broker: { ...DEFAULT_CLAIM_POLICY, claimFeeNano: fees.claimNano },
      workerThresholdNano: WORKER_CLAIM_THRESHOLD_NANO,
      brokerClaimNano: fees.claimNano,
      workerClaimNano: fees.claimNano,
      workerDepositNano,
      topUpNano,
    },
    batched: {
      broker: { ...DEFAULT_CLAIM_POLICY, claimFeeNano: fees.batchedClaimNano },
      workerThresholdNano: WORKER_CLAIM_THRESHOLD_NANO,
      brokerClaimNano: fees.batchedClaimNano,
      workerClaimNano: fees.claimNano,
      workerDepositNano,
      topUpNano,
    },
    cocoon: {
      broker: thresholdOnly(TON),
      workerThresholdNano: 10n * TON,
      brokerClaimNano: cocoonOp,
      workerClaimNano: cocoonOp,
      workerDepositNano: 0n,
      topUpNano: 0n,
    },
  };
}

export interface SettlementRow {
  readonly id: string;
  readonly clients: number;
  readonly workers: number;
  readonly before: CellResult;
  readonly after: CellResult;
  readonly batched: CellResult;
  readonly cocoon: CellResult;
  /** One-off: opening every client and worker channel. */
  readonly opensTon: number;
}

/** The whole table (the computation `run` prints; tests call it with fewer steps). */
export async function settlementTable(
  fees: MeasuredFees,
  opts: { cycles?: number; grain?: number; workerDepositNano?: bigint } = {},
): Promise<SettlementRow[]> {
  const c = cadences(fees, opts.workerDepositNano);
  const topUps = new Map<bigint, number>();
  for (const d of [c.before.workerDepositNano, c.after.workerDepositNano])
    if (!topUps.has(d)) topUps.set(d, await topUpsPer1M(d, WORKER_PER_REQUEST_NANO, opts));
  const cell = (clients: number, workers: number, cad: Cadence): CellResult =>
    simulateCell(clients, workers, cad, { ...opts, topUps: topUps.get(cad.workerDepositNano) ?? 0 });
  return CELLS.map(({ clients, workers }) => ({
    id: `settlement.c${clients}w${workers}`,
    clients,
    workers,
    before: cell(clients, workers, c.before),
    after: cell(clients, workers, c.after),
    batched: cell(clients, workers, c.batched),
    cocoon: cell(clients, workers, c.cocoon),
    opensTon: (Number(fees.openNano) * (clients + workers)) / 1e9,
  }));
}

const fmt = (n: number): string => (n >= 1 ? n.toFixed(2) : n.toFixed(4));

/** The bench section: measures the fees (or takes them), prints the table, emits one line per cell. */
export async function run(measuredFees?: MeasuredFees): Promise<void> {
  const fees = measuredFees ?? (await measureFees());
  process.stdout.write(
    `Measured (sandbox, mainnet config, v4 wallets, whole trace): channel open ${fmt(Number(fees.openNano) / 1e9)} TON, ` +
      `claim ${fmt(Number(fees.claimNano) / 1e9)} TON, claim batched 4 per external ${fmt(Number(fees.batchedClaimNano) / 1e9)} TON, ` +
      `worker channel top-up ${fmt(Number(fees.topUpNano) / 1e9)} TON\n`,
  );
  emit({ id: 'chain.settle_open_fee', value: Number(fees.openNano) / 1e9, unit: 'TON' });
  emit({ id: 'chain.settle_claim_fee', value: Number(fees.claimNano) / 1e9, unit: 'TON' });
  emit({ id: 'chain.settle_claim_batched_fee', value: Number(fees.batchedClaimNano) / 1e9, unit: 'TON' });
  emit({ id: 'chain.settle_topup_fee', value: Number(fees.topUpNano) / 1e9, unit: 'TON' });
  const rows = await settlementTable(fees);
  const p = DEFAULT_CLAIM_POLICY;
  process.stdout.write(
    `\nTON of on-chain fees per 1M requests (0.0008 TON each; steady state; broker claim point ${Number(p.thresholdNano) / 1e9} TON, ` +
      `exposure cap ${Number(p.exposureCapNano) / 1e9} TON, worker threshold ${Number(WORKER_CLAIM_THRESHOLD_NANO) / 1e9} TON, ` +
      `worker channel deposit ${Number(RECOMMENDED_WORKER_DEPOSIT_NANO) / 1e9} TON, top-ups included)\n\n`,
  );
  process.stdout.write(
    `| clients x workers | before (10 TON / 1 TON / deposit ${Number(PREVIOUS_WORKER_DEPOSIT_NANO) / 1e9} TON) | after | after, claims 4 per external | ` +
      'Cocoon cadence @0.01 TON/op | claims per 1M (after) | top-ups per 1M (before / after) | top-up fees (after) | channel opens (once) |\n' +
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n',
  );
  for (const r of rows) {
    emit({ id: r.id, value: r.after.tonPer1M, unit: 'TON/1M' });
    process.stdout.write(
      `| ${r.clients} x ${r.workers} | ${fmt(r.before.tonPer1M)} | ${fmt(r.after.tonPer1M)} | ${fmt(r.batched.tonPer1M)} | ` +
        `${fmt(r.cocoon.tonPer1M)} | ${r.after.claimsPer1M.toFixed(1)} | ` +
        `${r.before.topUpsPer1M.toFixed(1)} / ${r.after.topUpsPer1M.toFixed(2)} | ${fmt(r.after.topUpTonPer1M)} | ${fmt(r.opensTon)} |\n`,
    );
  }
  const target = rows.find((r) => r.id === 'settlement.c100w10')!;
  process.stdout.write(
    `\ntarget <= 0.1 TON per 1M requests at 100 clients / 10 workers: ${target.after.tonPer1M <= 0.1 ? 'met' : 'NOT met'} (${fmt(target.after.tonPer1M)} TON)\n`,
  );
}

if (require.main === module) {
  run().catch((err) => {
    process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
    process.exitCode = 1;
  });
}
