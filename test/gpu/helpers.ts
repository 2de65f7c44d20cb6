import { readFileSync } from 'node:fs';
import { vectorPath } from '../helpers/vectors';
import { gpuCertChainFromPem, gpuReportFromHex, type GpuEvidence } from '../../attestation/gpu';

export const GPU = (...p: string[]): string => vectorPath('gpu', ...p);
export const readText = (...p: string[]): string => readFileSync(GPU(...p), 'utf8');
export const report = (p: string): Uint8Array => gpuReportFromHex(readText(p));
export const chain = (p: string): Uint8Array[] => gpuCertChainFromPem(readText(p));
export const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

export const E1 = {
  report: 'nvidia-nvtrust/samples-2025/hopperAttestationReport.txt',
  chain: 'nvidia-nvtrust/samples-2025/hopperCertChain.txt',
  nonce: '931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb',
  driverRim: 'museop-nvgpu-attestation/NV_GPU_DRIVER_GH100_550.90.07.swidtag',
  vbiosRim: 'museop-nvgpu-attestation/NV_GPU_VBIOS_1010_0200_882_96009F0001.swidtag',
  now: new Date('2026-03-01T00:00:00Z'),
};

export function e1Evidence(withRims = true): GpuEvidence {
  return {
    report: report(E1.report),
    certChain: chain(E1.chain),
    ...(withRims ? { rims: { driver: readText(E1.driverRim), vbios: readText(E1.vbiosRim) } } : {}),
  };
}

export { thrownCode as codeOf } from '../helpers/codes';

/** The claims of one GPU's NRAS detached EAT that pass every check, for `nonceHex`; `extra` overrides or adds claims. */
export function nrasDeviceClaims(nonceHex: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eat_nonce: nonceHex,
    measres: 'success',
    dbgstat: 'disabled',
    secboot: true,
    hwmodel: 'GH100 A01 GSP BROM',
    'x-nvidia-gpu-driver-version': '550.90.07',
    'x-nvidia-gpu-vbios-version': '96.00.9F.00.01',
    'x-nvidia-gpu-attestation-report-signature-verified': true,
    'x-nvidia-gpu-attestation-report-nonce-match': true,
    ...extra,
  };
}
