/** The worker puts the collateral its TDX collateral source returns into every bundle; a source failure surfaces. */
import 'reflect-metadata';
import { decodeBundle } from '../../attestation/bundle';
import { parseQuote } from '../../attestation/tdx';
import { fixedClock } from '../../core/clock';
import { createSimulatedTdx } from '../../devnet/providers';
import { createNoGpuProvider } from '../../enclave-runtime/evidence';
import { createOpenAiUpstreamEngine } from '../../enclave-runtime/engines';
import { WorkerError } from '../../enclave-runtime/errors';
import { createWorker } from '../../enclave-runtime/worker';
import type { TdxCollateralSource } from '../../enclave-runtime/evidence/tdx-collateral';
import { NOW, PRICES, testPki } from './worker-helpers';

function worker(source: TdxCollateralSource) {
  return createWorker({
    engine: createOpenAiUpstreamEngine({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      modelId: new Uint8Array(32).fill(3),
    }),
    prices: PRICES,
    tdx: createSimulatedTdx({ pki: testPki() }),
    gpu: createNoGpuProvider(),
    clock: fixedClock(NOW),
    reattestIntervalMs: 0,
    tdxCollateralJson: '{"static":"not used when a source is given"}',
    tdxCollateralSource: source,
  });
}

describe('worker TDX collateral source wiring', () => {
  test('the bundle carries what the source returned for a quote of this platform', async () => {
    const json = JSON.stringify(testPki().collateralJson());
    const seen: Uint8Array[] = [];
    const w = await worker({
      async collateralFor(quote) {
        seen.push(quote);
        return json;
      },
    });
    const b = await w.bundle(new Uint8Array(32).fill(1));
    expect(decodeBundle(b.encoded).tdxCollateralJson).toBe(json);
    expect(seen.length).toBeGreaterThan(0);
    expect(parseQuote(seen[0]!).signatureData.pckChain[0]).toEqual(testPki().pckLeafDer);
    await w.close();
  });

  test('a failing source fails the bundle with its code', async () => {
    const w = await worker({
      async collateralFor() {
        throw new WorkerError('PCS_UNREACHABLE', 'down');
      },
    });
    await expect(w.bundle(new Uint8Array(32).fill(1))).rejects.toMatchObject({ code: 'PCS_UNREACHABLE' });
    await w.close();
  });
});
