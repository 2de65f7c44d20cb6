/**
 * compareGpuMeasurements on a SIMULATED devnet report with golden values built in the test (no vectors needed):
 * conflicting RIMs, blocks the report lacks, sizes that differ, alternatives and inactive entries.
 */
import { createHash } from 'node:crypto';
import { compareGpuMeasurements, parseGpuReport, type GpuRimMeasurement } from '../../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence } from '../../devnet';
import { codeOf } from './helpers';

const nonce = new Uint8Array(createHash('sha256').update('compare units').digest());
const pki = createDevnetNvidiaPki({ seed: 'chrysalis-compare-units', devices: 1 });
const report = parseGpuReport(simulateGpuEvidence(pki, { nonce }).report);
const valueOf = (rimIndex: number): Uint8Array => report.blockByIndex.get(rimIndex + 1)!.value;
const m = (index: number, alternatives: Uint8Array[], active = true): GpuRimMeasurement => ({
  index,
  active,
  size: alternatives[0]?.length ?? 48,
  alternatives,
});

describe('compareGpuMeasurements', () => {
  it('an index active in both RIMs is GPU_RIM_MEASUREMENT_CONFLICT', () => {
    expect(
      codeOf(() => compareGpuMeasurements(report, { driver: [m(1, [valueOf(1)])], vbios: [m(1, [valueOf(1)])] })),
    ).toBe('GPU_RIM_MEASUREMENT_CONFLICT');
    // Inactive on one side is no conflict.
    const ok = compareGpuMeasurements(report, { driver: [m(1, [valueOf(1)])], vbios: [m(1, [valueOf(1)], false)] });
    expect(ok).toMatchObject({ compared: 1, matched: true });
  });

  it('any listed alternative matches; a block the report lacks is a mismatch with no actual value', () => {
    const other = new Uint8Array(48).fill(0xaa);
    const r = compareGpuMeasurements(report, {
      vbios: [m(0, [other, valueOf(0)]), m(200, [other])],
    });
    expect(r.compared).toBe(2);
    expect(r.mismatches).toEqual([{ index: 200, source: 'vbios', expected: ['aa'.repeat(48)], actual: null }]);
  });

  it('a golden value of another size never matches', () => {
    const r = compareGpuMeasurements(report, { driver: [m(2, [valueOf(2).subarray(0, 32)])] });
    expect(r.matched).toBe(false);
    expect(r.mismatches[0]).toMatchObject({
      index: 2,
      source: 'driver',
      actual: Buffer.from(valueOf(2)).toString('hex'),
    });
  });
});
