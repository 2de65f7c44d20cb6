/**
 * GPU appraisal: policy over a VerifiedGpu. Collects every violation and throws one GpuPolicyError.
 * CC mode: NVIDIA GPUs only produce a signed attestation report in CC (or PPCIe) mode, so a verified report is the CC-on
 * evidence; multi-GPU protected-PCIe (PPCIe) is rejected unless allowed (its NVSwitch topology check is out of scope).
 * DevTools: not visible in the report; it is proven "off" only by a full golden-measurement match (NVAT reports
 * `dbgstat: disabled` on `measres: success`), so `requireDevtoolsOff` needs both RIMs and zero mismatches.
 */
import type { Violation } from '../errors';
import { GpuPolicyError } from './errors';
import type { VerifiedGpu } from './verify';

export interface GpuPolicy {
  /** Chips accepted (from the BROM certificate CN). Default ['GH100'] (H100 / H200). */
  readonly allowedModels?: readonly string[];
  /** Minimum driver version, dotted numeric (e.g. '550.90.07'). */
  readonly minDriverVersion?: string;
  /** Minimum VBIOS version, dotted hex (e.g. '96.00.9F.00.01'). */
  readonly minVbiosVersion?: string;
  /** Require a driver and a VBIOS RIM with every active measurement matched. Default true. */
  readonly requireMeasurementsMatch?: boolean;
  /** Default true; implies requireMeasurementsMatch. */
  readonly requireDevtoolsOff?: boolean;
  /** Accept PPCIe (multi-GPU protected PCIe) mode. Default false. */
  readonly allowPpcie?: boolean;
  /** Require OCSP status 'good'. Default false (verifyGpuEvidence's OCSP policy already decides). */
  readonly requireOcsp?: boolean;
}

/** Compare dotted versions; `radix` 10 for drivers, 16 for VBIOS. */
export function compareVersions(a: string, b: string, radix: 10 | 16): number {
  const pa = a.split('.').map((x) => parseInt(x, radix));
  const pb = b.split('.').map((x) => parseInt(x, radix));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Violations of `policy` (empty = accepted). */
export function gpuViolations(v: VerifiedGpu, policy: Readonly<GpuPolicy> = {}): Violation[] {
  const out: Violation[] = [];
  const models = policy.allowedModels ?? ['GH100'];
  if (!models.includes(v.device.model)) {
    out.push({
      code: 'GPU_POLICY_MODEL_NOT_ALLOWED',
      field: 'device.model',
      expected: models.join('|'),
      actual: v.device.model,
    });
  }
  if (v.mode.featureMode === 'PPCIE' || v.mode.protectedPcie === true) {
    if (policy.allowPpcie !== true) {
      out.push({
        code: 'GPU_POLICY_PPCIE_NOT_ALLOWED',
        field: 'mode',
        expected: 'SPT',
        actual: v.mode.featureMode ?? 'protected-pcie',
      });
    }
  }
  if (policy.minDriverVersion !== undefined) {
    const c =
      v.driverVersion === undefined ? Number.NaN : compareVersions(v.driverVersion, policy.minDriverVersion, 10);
    if (!(c >= 0)) {
      out.push({
        code: 'GPU_POLICY_DRIVER_TOO_OLD',
        field: 'driverVersion',
        expected: `>= ${policy.minDriverVersion}`,
        actual: v.driverVersion ?? 'absent',
      });
    }
  }
  if (policy.minVbiosVersion !== undefined) {
    const c = v.vbiosVersion === undefined ? Number.NaN : compareVersions(v.vbiosVersion, policy.minVbiosVersion, 16);
    if (!(c >= 0)) {
      out.push({
        code: 'GPU_POLICY_VBIOS_TOO_OLD',
        field: 'vbiosVersion',
        expected: `>= ${policy.minVbiosVersion}`,
        actual: v.vbiosVersion ?? 'absent',
      });
    }
  }
  const devtoolsOff = policy.requireDevtoolsOff ?? true;
  const needMatch = (policy.requireMeasurementsMatch ?? true) || devtoolsOff;
  if (needMatch) {
    if (!v.rims.driver)
      out.push({ code: 'GPU_POLICY_RIM_MISSING', field: 'rims.driver', expected: 'driver RIM', actual: 'absent' });
    if (!v.rims.vbios)
      out.push({ code: 'GPU_POLICY_RIM_MISSING', field: 'rims.vbios', expected: 'VBIOS RIM', actual: 'absent' });
    for (const m of v.measurements?.mismatches ?? []) {
      out.push({
        code: 'GPU_POLICY_MEASUREMENT_MISMATCH',
        field: `measurements[${m.index}].${m.source}`,
        expected: m.expected.join('|'),
        actual: m.actual ?? 'absent',
      });
    }
  }
  if (devtoolsOff && !(v.rims.driver && v.rims.vbios && v.measurements?.matched === true)) {
    out.push({
      code: 'GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF',
      field: 'mode.devtools',
      expected: 'off',
      actual: 'unknown',
    });
  }
  if (policy.requireOcsp === true && v.ocsp.status !== 'good') {
    out.push({ code: 'GPU_POLICY_OCSP_NOT_CHECKED', field: 'ocsp.status', expected: 'good', actual: v.ocsp.status });
  }
  return out;
}

/** Throws GpuPolicyError (code GPU_POLICY_REJECTED) listing every violation (codes GPU_POLICY_*). */
export function appraiseGpu(v: VerifiedGpu, policy: Readonly<GpuPolicy> = {}): void {
  const violations = gpuViolations(v, policy);
  if (violations.length > 0) throw new GpuPolicyError(violations);
}
