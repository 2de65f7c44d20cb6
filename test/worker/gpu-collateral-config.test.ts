/** The worker config rows of the GPU collateral source: NVIDIA's services by default, overridable, http(s) only. */
import { resolveWorkerSettings } from '../../cli/worker-config';

const BASE: Record<string, unknown> = {
  tiny: '/tmp/tiny',
  'prompt-price-nano': '1',
  'completion-price-nano': '1',
  'payout-address': 'EQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAM9c',
};

describe('evidence.rimUrl / ocspUrl / cacheDir', () => {
  test("defaults are NVIDIA's services; the cache dir is unset (the worker uses <dataDir>/evidence-cache)", () => {
    const w = resolveWorkerSettings(BASE, {});
    expect(w.evidence.rimUrl).toBe('https://rim.attestation.nvidia.com/v1/rim/');
    expect(w.evidence.ocspUrl).toBe('https://ocsp.ndis.nvidia.com/');
    expect(w.evidence.cacheDir).toBeUndefined();
  });

  test('flags override them; a non-http URL is refused', () => {
    const w = resolveWorkerSettings(
      {
        ...BASE,
        'rim-url': 'http://127.0.0.1:9/v1/rim/',
        'ocsp-url': 'http://127.0.0.1:9/',
        'evidence-cache-dir': '/var/cache/chrysalis',
      },
      {},
    );
    expect([w.evidence.rimUrl, w.evidence.ocspUrl, w.evidence.cacheDir]).toEqual([
      'http://127.0.0.1:9/v1/rim/',
      'http://127.0.0.1:9/',
      '/var/cache/chrysalis',
    ]);
    expect(() => resolveWorkerSettings({ ...BASE, 'rim-url': 'ftp://x/' }, {})).toThrow(/rim-url/);
  });
});
