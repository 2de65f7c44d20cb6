/**
 * Golden-measurement comparison (nvtrust `verifier.py`, NVAT `gpu/verify.cpp`; docs/reference/gpu-attestation.md §6):
 * active RIM entries only; an index active in both RIMs is a conflict; NVDEC0 disabled (0x55) skips index 35;
 * runtime value = SPDM block index+1; match when the size agrees and the value equals any alternative.
 */
import { GpuVerifyError } from './errors';
import type { GpuReport } from './parse';
import type { RimMeasurement } from './rim';
import { STATUS_DISABLED, STATUS_ENABLED } from './opaque';

/** RIM index of the NVDEC0 measurement, skipped when NVDEC0 is disabled. */
export const NVDEC0_RIM_INDEX = 35;

export type RimSource = 'driver' | 'vbios';

export interface MeasurementMismatch {
  readonly index: number;
  readonly source: RimSource;
  readonly expected: readonly string[];
  readonly actual: string | null;
}

export interface MeasurementComparison {
  readonly compared: number;
  readonly skipped: readonly number[];
  readonly mismatches: readonly MeasurementMismatch[];
  readonly matched: boolean;
}

function eq(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Throws GpuVerifyError GPU_RIM_MEASUREMENT_CONFLICT when an index is active in both RIMs. */
export function compareMeasurements(
  report: GpuReport,
  rims: { readonly driver?: readonly RimMeasurement[]; readonly vbios?: readonly RimMeasurement[] },
): MeasurementComparison {
  const golden: { m: RimMeasurement; source: RimSource }[] = [];
  const activeDriver = new Set<number>();
  for (const m of rims.driver ?? [])
    if (m.active) {
      golden.push({ m, source: 'driver' });
      activeDriver.add(m.index);
    }
  for (const m of rims.vbios ?? []) {
    if (!m.active) continue;
    if (activeDriver.has(m.index)) {
      throw new GpuVerifyError(
        'GPU_RIM_MEASUREMENT_CONFLICT',
        `index ${m.index} is active in both the driver and the VBIOS RIM`,
      );
    }
    golden.push({ m, source: 'vbios' });
  }
  const nvdec0 = report.response.opaque.nvdec0Status;
  const skipped: number[] = [];
  const mismatches: MeasurementMismatch[] = [];
  let compared = 0;
  for (const { m, source } of golden.sort((a, b) => a.m.index - b.m.index)) {
    if (m.index === NVDEC0_RIM_INDEX && nvdec0 === STATUS_DISABLED) {
      skipped.push(m.index);
      continue;
    }
    compared++;
    const block = report.blockByIndex.get(m.index + 1);
    const ok =
      block !== undefined &&
      block.value.length === m.size &&
      (m.index !== NVDEC0_RIM_INDEX || nvdec0 === undefined || nvdec0 === STATUS_ENABLED) &&
      m.alternatives.some((alt) => eq(alt, block.value));
    if (!ok) {
      mismatches.push(
        Object.freeze({
          index: m.index,
          source,
          expected: m.alternatives.map((a) => Buffer.from(a).toString('hex')),
          actual: block ? Buffer.from(block.value).toString('hex') : null,
        }),
      );
    }
  }
  return Object.freeze({
    compared,
    skipped: Object.freeze(skipped),
    mismatches: Object.freeze(mismatches),
    matched: mismatches.length === 0,
  });
}
