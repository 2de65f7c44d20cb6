/**
 * The one way bench sections report a number. With `--json`, `emit` prints one JSON object per line on stdout:
 * `{"id", "value", "unit", "baseline"?, "ratio"?}`, where `baseline` is the peer measured in the same run in the same
 * unit and `ratio` = baseline / value (higher is better: every compared unit is a cost, lower = better). The human
 * tables go to stderr in that mode, so stdout carries nothing but result lines. Without `--json`, `emit` prints
 * nothing and the tables go to stdout as before.
 */

export interface BenchResult {
  /** Stable, dotted, lower case: `<section>.<what>[.<variant>]`, e.g. `tdx.verify.warm`. */
  readonly id: string;
  readonly value: number;
  /** `us`, `ms`, `MiB`, `TON`, `gas`, `req/s`... A compared pair shares it. */
  readonly unit: string;
  /** The peer's cost in the same unit; omitted when nothing is compared. */
  readonly baseline?: number;
}

const ID = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;
const stdoutWrite = process.stdout.write.bind(process.stdout);
let json = false;

/** `--json` mode: from now on stdout carries only `emit` lines; any other write to stdout goes to stderr. */
export function startJsonMode(): void {
  json = true;
  // Sections and the libraries they drive (onnxruntime, the TON sandbox) print to stdout; send it all to stderr.
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
}

export function emit(r: BenchResult): void {
  if (!ID.test(r.id)) throw new RangeError(`bench id ${JSON.stringify(r.id)} is not dotted lower case`);
  if (!Number.isFinite(r.value)) throw new RangeError(`bench ${r.id}: value ${r.value} is not a finite number`);
  if (r.baseline !== undefined && !(Number.isFinite(r.baseline) && r.value > 0))
    throw new RangeError(`bench ${r.id}: baseline ${r.baseline} needs a finite baseline and a positive value`);
  if (!json) return;
  const line =
    r.baseline === undefined
      ? { id: r.id, value: r.value, unit: r.unit }
      : { id: r.id, value: r.value, unit: r.unit, baseline: r.baseline, ratio: r.baseline / r.value };
  stdoutWrite(`${JSON.stringify(line)}\n`);
}
