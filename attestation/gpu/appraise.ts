/**
 * GPU appraisal: policy over a VerifiedGpu. Collects every violation and throws one GpuPolicyError.
 * CC mode: NVIDIA GPUs only produce a signed attestation report in CC (or PPCIe) mode, so a verified report is the CC-on
 * evidence; multi-GPU protected-PCIe (PPCIe) is rejected unless allowed (its NVSwitch topology check is out of scope).
 * DevTools: not visible in the report; it is proven "off" only by a full golden-measurement match (NVAT reports
 * `dbgstat: disabled` on `measres: success`), so `requireDevtoolsOff` needs both RIMs and zero mismatches.
 */
import type { Violation } from '../errors';
import { GpuPolicyError } from './errors';
import type { VerifiedNrasToken } from './nras';
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

/** What `appraiseGpu` applies where the policy leaves a field out (minimum versions are then not checked). */
export const DEFAULT_GPU_POLICY: Readonly<
  Required<
    Pick<GpuPolicy, 'allowedModels' | 'requireMeasurementsMatch' | 'requireDevtoolsOff' | 'allowPpcie' | 'requireOcsp'>
  >
> = Object.freeze({
  allowedModels: Object.freeze(['GH100']),
  requireMeasurementsMatch: true,
  requireDevtoolsOff: true,
  allowPpcie: false,
  requireOcsp: false,
});

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
  const models = policy.allowedModels ?? DEFAULT_GPU_POLICY.allowedModels;
  if (!models.includes(v.device.model)) {
    out.push({
      code: 'GPU_POLICY_MODEL_NOT_ALLOWED',
      field: 'device.model',
      expected: models.join('|'),
      actual: v.device.model,
    });
  }
  if (v.mode.featureMode === 'PPCIE' || v.mode.protectedPcie === true) {
    if (!(policy.allowPpcie ?? DEFAULT_GPU_POLICY.allowPpcie)) {
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
  const devtoolsOff = policy.requireDevtoolsOff ?? DEFAULT_GPU_POLICY.requireDevtoolsOff;
  const needMatch = (policy.requireMeasurementsMatch ?? DEFAULT_GPU_POLICY.requireMeasurementsMatch) || devtoolsOff;
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
  if ((policy.requireOcsp ?? DEFAULT_GPU_POLICY.requireOcsp) && v.ocsp.status !== 'good') {
    out.push({ code: 'GPU_POLICY_OCSP_NOT_CHECKED', field: 'ocsp.status', expected: 'good', actual: v.ocsp.status });
  }
  return out;
}

/** Throws GpuPolicyError (code GPU_POLICY_REJECTED) listing every violation (codes GPU_POLICY_*). */
export function appraiseGpu(v: VerifiedGpu, policy: Readonly<GpuPolicy> = {}): void {
  const violations = gpuViolations(v, policy);
  if (violations.length > 0) throw new GpuPolicyError(violations);
}

export interface NrasPolicy {
  readonly allowedHwModels?: readonly string[];
  readonly minDriverVersion?: string;
  readonly minVbiosVersion?: string;
  /** Expected GPU count (when known from the bundle). */
  readonly gpuCount?: number;
}

/** NRAS claim appraisal; every violation collected. */
export function nrasViolations(v: VerifiedNrasToken, policy: Readonly<NrasPolicy> = {}): Violation[] {
  const out: Violation[] = [];
  if (!v.overallResult)
    out.push({
      code: 'GPU_POLICY_NRAS_OVERALL_FAILED',
      field: 'x-nvidia-overall-att-result',
      expected: 'true',
      actual: 'false',
    });
  if (policy.gpuCount !== undefined && Object.keys(v.gpus).length !== policy.gpuCount) {
    out.push({
      code: 'GPU_POLICY_NRAS_GPU_COUNT',
      field: 'submods',
      expected: String(policy.gpuCount),
      actual: String(Object.keys(v.gpus).length),
    });
  }
  const models = policy.allowedHwModels ?? ['GH100 A01 GSP BROM'];
  for (const [k, c] of Object.entries(v.gpus)) {
    const need = (field: string, expected: unknown, code: string) => {
      if (c[field] !== expected)
        out.push({ code, field: `${k}.${field}`, expected: String(expected), actual: String(c[field]) });
    };
    need('measres', 'success', 'GPU_POLICY_MEASUREMENT_MISMATCH');
    need('dbgstat', 'disabled', 'GPU_POLICY_DEVTOOLS_NOT_PROVEN_OFF');
    need('secboot', true, 'GPU_POLICY_SECBOOT_OFF');
    need('x-nvidia-gpu-attestation-report-signature-verified', true, 'GPU_POLICY_NRAS_CHECK_FAILED');
    need('x-nvidia-gpu-attestation-report-nonce-match', true, 'GPU_POLICY_NRAS_CHECK_FAILED');
    if (!models.includes(String(c['hwmodel']))) {
      out.push({
        code: 'GPU_POLICY_MODEL_NOT_ALLOWED',
        field: `${k}.hwmodel`,
        expected: models.join('|'),
        actual: String(c['hwmodel']),
      });
    }
    const drv = c['x-nvidia-gpu-driver-version'];
    if (
      policy.minDriverVersion !== undefined &&
      !(typeof drv === 'string' && compareVersions(drv, policy.minDriverVersion, 10) >= 0)
    ) {
      out.push({
        code: 'GPU_POLICY_DRIVER_TOO_OLD',
        field: `${k}.x-nvidia-gpu-driver-version`,
        expected: `>= ${policy.minDriverVersion}`,
        actual: String(drv),
      });
    }
    const vb = c['x-nvidia-gpu-vbios-version'];
    if (
      policy.minVbiosVersion !== undefined &&
      !(typeof vb === 'string' && compareVersions(vb, policy.minVbiosVersion, 16) >= 0)
    ) {
      out.push({
        code: 'GPU_POLICY_VBIOS_TOO_OLD',
        field: `${k}.x-nvidia-gpu-vbios-version`,
        expected: `>= ${policy.minVbiosVersion}`,
        actual: String(vb),
      });
    }
  }
  return out;
}

/** Throws GpuPolicyError listing every violation. */
export function appraiseNras(v: VerifiedNrasToken, policy: Readonly<NrasPolicy> = {}): void {
  const violations = nrasViolations(v, policy);
  if (violations.length > 0) throw new GpuPolicyError(violations);
}
