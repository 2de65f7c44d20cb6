import { describeVectors } from '../helpers/vectors';
import { appraiseGpu, createGpuVerifyCache, verifyGpuEvidence, gpuRimIds } from '../../attestation/gpu';
import { E1, e1Evidence, hex } from './helpers';

describeVectors('gpu')('E1 complete set (nvtrust samples-2025 + museop RIMs)', () => {
  it('verifies end to end at the pinned clock and passes the default policy', () => {
    const v = verifyGpuEvidence(e1Evidence(), {
      now: E1.now,
      nonce: hex(E1.nonce),
      ocspPolicy: 'allow-missing',
      cache: createGpuVerifyCache(),
    });
    expect(v.driverVersion).toBe('550.90.07');
    expect(v.vbiosVersion).toBe('96.00.9F.00.01');
    expect(v.device.model).toBe('GH100');
    expect(v.device.fwidChecked).toBe(true);
    expect(v.production).toBe(true);
    expect(v.measurements?.matched).toBe(true);
    expect((v.measurements?.compared ?? 0) + (v.measurements?.skipped.length ?? 0)).toBe(33);
    expect(v.measurements?.skipped).toEqual([35]);
    expect(v.ocsp.status).toBe('not-checked');
    expect(v.warnings).toContain('GPU_OCSP_MISSING');
    expect(v.device.ueid).toBe('478176379286082186618948445787393647364802107249');
    expect(gpuRimIds(v.report)).toEqual({
      driver: 'NV_GPU_DRIVER_GH100_550.90.07',
      vbios: 'NV_GPU_VBIOS_1010_0200_882_96009F0001',
    });
    expect(() => appraiseGpu(v, { minDriverVersion: '550.0', minVbiosVersion: '96.00.9F.00.01' })).not.toThrow();
  });
});
