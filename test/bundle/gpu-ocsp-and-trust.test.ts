/**
 * Bundles whose GPU evidence carries OCSP responses, and bundles verified without the devnet NVIDIA roots
 * (SIMULATED devnet artefacts only, no vectors): OCSP survives encoding and satisfies a 'require' policy; missing
 * OCSP under 'require' and untrusted GPU chains are BUNDLE_GPU_INVALID naming the GPU code.
 */
import { buildBundle, decodeBundle, verifyBundle } from '../../attestation/bundle';
import { NOW, verifyOptions } from '../../devnet/sim-bundle';
import { simulateGpuEvidence } from '../../devnet/nvidia';
import { simQuoteSetup } from './sim-quote-source';

const { nvidia, baseInput } = simQuoteSetup();

async function build(withOcsp: boolean) {
  return buildBundle({
    ...(await baseInput()),
    gpuSource: {
      count: 2,
      getEvidence: async (nonce, index) => {
        const ev = simulateGpuEvidence(nvidia, { nonce, device: index, ...(withOcsp ? { ocspAt: NOW } : {}) });
        return {
          report: ev.report,
          certChain: ev.certChain,
          ...(ev.rims ? { rims: ev.rims } : {}),
          ...(ev.ocsp ? { ocsp: ev.ocsp } : {}),
        };
      },
    },
  });
}

const errOf = (fn: () => unknown): { code?: string; message?: string; cause?: { code?: string } } => {
  try {
    fn();
  } catch (e) {
    return e as { code?: string };
  }
  return {};
};

describe('GPU OCSP inside bundles', () => {
  it('OCSP responses survive encoding and satisfy a require policy', async () => {
    const b = await build(true);
    const decoded = decodeBundle(b.encoded);
    expect(decoded.gpus.map((g) => g.ocsp?.length)).toEqual([6, 6]);
    const opts = verifyOptions();
    const v = verifyBundle(b.encoded, { ...opts, policy: { ...opts.policy, gpuOcsp: 'require' } });
    expect(v.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(v.gpus.every((g) => g.measurementsMatched === true)).toBe(true);
  });

  it('without OCSP a require policy rejects the first GPU', async () => {
    const b = await build(false);
    expect(decodeBundle(b.encoded).gpus[0]!.ocsp).toBeUndefined();
    const opts = verifyOptions();
    const e = errOf(() => verifyBundle(b.encoded, { ...opts, policy: { ...opts.policy, gpuOcsp: 'require' } }));
    expect(e.code).toBe('BUNDLE_GPU_INVALID');
    expect(e.cause?.code).toBe('GPU_OCSP_MISSING');
  });

  it('without the devnet NVIDIA roots the GPU chain is untrusted', async () => {
    const b = await build(false);
    const opts = verifyOptions();
    const e = errOf(() => verifyBundle(b.encoded, { ...opts, trust: { intel: opts.trust!.intel! } }));
    expect(e.code).toBe('BUNDLE_GPU_INVALID');
    expect(e.cause?.code).toBe('GPU_CERT_CHAIN_UNTRUSTED');
  });
});
