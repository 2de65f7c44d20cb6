/**
 * GPU collateral source over loopback services: the RECORDED real E1 H100 report, chain and NVIDIA RIMs (replayed in
 * the RIM service's JSON shape) and SYNTHETIC OCSP responses under a test root. The result verifies end to end with
 * the project's verifier under the default policy with only the OCSP responder root swapped for the test root.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appraiseGpu,
  gpuRimIds,
  gpuViolations,
  NVIDIA_TRUST_ROOTS,
  parseGpuReport,
  parseGpuRim,
  verifyGpuEvidence,
} from '../../attestation/gpu';
import { createGpuCollateralSource, type GpuCollateralOptions } from '../../enclave-runtime/evidence';
import { codeOf, codeOfAsync } from '../helpers/codes';
import { describeVectors } from '../helpers/vectors';
import { E1, chain, readText, report } from '../gpu/helpers';
import { serialKey, startServices, testOcspPki, type Services } from './gpu-collateral-services';
import { X509Certificate } from 'node:crypto';

const DAY = 86_400_000;

describeVectors('gpu')('GPU collateral source (recorded RIMs, synthetic OCSP)', () => {
  const ev = { report: report(E1.report), certChain: chain(E1.chain) };
  const ids = gpuRimIds(parseGpuReport(ev.report)) as { driver: string; vbios: string };
  const driverXml = readText(E1.driverRim);
  const vbiosXml = readText(E1.vbiosRim);
  const pki = testOcspPki();
  const nonce = Buffer.from(E1.nonce, 'hex');
  let clock = E1.now.getTime();
  const now = (): Date => new Date(clock);
  let svc: Services;

  const source = (extra: Partial<GpuCollateralOptions> = {}) =>
    createGpuCollateralSource({
      rimUrl: svc.rimUrl,
      ocspUrl: svc.ocspUrl,
      ocspResponderRootDer: [pki.rootDer],
      now,
      timeoutMs: 5_000,
      ...extra,
    });

  beforeEach(async () => {
    clock = E1.now.getTime();
    svc = await startServices(
      [ev.certChain, parseGpuRim(driverXml).signerChainDer, parseGpuRim(vbiosXml).signerChainDer],
      pki,
      now,
    );
    svc.rims.set(ids.driver, driverXml);
    svc.rims.set(ids.vbios, vbiosXml);
  });
  afterEach(async () => svc.close());

  test('RIM ids are derived from the report as NVIDIA names them', () => {
    expect(ids).toEqual({
      driver: 'NV_GPU_DRIVER_GH100_550.90.07',
      vbios: 'NV_GPU_VBIOS_1010_0200_882_96009F0001',
    });
  });

  test('fetched RIMs + OCSP make the real H100 evidence pass the default policy (OCSP required)', async () => {
    const c = await source().collateralFor(ev);
    expect(c.rims).toEqual({ driver: driverXml, vbios: vbiosXml });
    // 3 device certificates (BROM, Provisioner ICA, Identity) + the RIM signing chains (shared CAs once).
    expect(c.ocsp.length).toBeGreaterThanOrEqual(6);
    const trust = { ...NVIDIA_TRUST_ROOTS, ocspResponderRootDer: [pki.rootDer] };
    const v = verifyGpuEvidence({ ...ev, rims: c.rims, ocsp: [...c.ocsp] }, { now: now(), nonce, trust });
    expect(v.production).toBe(true);
    expect(v.ocsp.status).toBe('good');
    expect(gpuViolations(v, { requireOcsp: true })).toEqual([]);
    expect(() => appraiseGpu(v)).not.toThrow();
    // Without the test root, the synthetic responder is not trusted: the default trust never opts in.
    expect(codeOf(() => verifyGpuEvidence({ ...ev, rims: c.rims, ocsp: [...c.ocsp] }, { now: now(), nonce }))).toBe(
      'GPU_OCSP_RESPONDER_UNTRUSTED',
    );
    // And without OCSP the default (production) policy refuses.
    expect(codeOf(() => verifyGpuEvidence({ ...ev, rims: c.rims }, { now: now(), nonce, trust }))).toBe(
      'GPU_OCSP_MISSING',
    );
  });

  test('cached by validity: no request while fresh, refreshed near expiry, served from disk after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpu-collateral-'));
    const s = source({ cacheDir: dir });
    const first = await s.collateralFor(ev);
    const hits = { rim: svc.rimHits, ocsp: svc.ocspHits };
    expect(hits.rim).toBe(2);
    clock += DAY / 4;
    await s.collateralFor(ev);
    expect({ rim: svc.rimHits, ocsp: svc.ocspHits }).toEqual(hits);
    // Within the refresh window (1 h before nextUpdate): OCSP is fetched again, RIMs (7-day max age) are not.
    clock = E1.now.getTime() + DAY - 30 * 60_000;
    await s.collateralFor(ev);
    expect(svc.rimHits).toBe(hits.rim);
    expect(svc.ocspHits).toBe(hits.ocsp * 2);
    expect(readdirSync(join(dir, 'gpu')).filter((f) => f.endsWith('.json')).length).toBe(2 + first.ocsp.length);
    // A new source (a restarted worker) with both services down serves the disk copies while they are valid.
    svc.rimDown = true;
    svc.ocspDown = true;
    const restarted = await source({ cacheDir: dir }).collateralFor(ev);
    expect(restarted.rims).toEqual(first.rims);
    expect(restarted.ocsp.length).toBe(first.ocsp.length);
  });

  test('GPUs asking at once share one fetch per RIM and per certificate', async () => {
    const s = source();
    const [a, b] = await Promise.all([s.collateralFor(ev), s.collateralFor(ev)]);
    expect(svc.rimHits).toBe(2);
    expect(svc.ocspHits).toBe(a.ocsp.length);
    expect(b).toEqual(a);
  });

  test('a failing service keeps the last good value while it is valid; past its expiry the failure surfaces', async () => {
    const s = source();
    await s.collateralFor(ev);
    svc.ocspDown = true;
    clock += DAY - 10 * 60_000; // past the refresh point, before nextUpdate
    await expect(s.collateralFor(ev)).resolves.toBeDefined();
    clock += 20 * 60_000; // past nextUpdate: the cached responses expired
    expect(await codeOfAsync(s.collateralFor(ev))).toBe('GPU_OCSP_UNREACHABLE');
    // RIMs: past the configured max age with the service down.
    const short = source({ rimMaxAgeMs: 60_000 });
    svc.ocspDown = false;
    await short.collateralFor(ev);
    svc.rimDown = true;
    clock += 2 * 60_000;
    expect(await codeOfAsync(short.collateralFor(ev))).toBe('GPU_RIM_UNREACHABLE');
  });

  test('RIM service down, RIM missing, RIM for another driver version, garbled answers', async () => {
    svc.rimDown = true;
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_UNREACHABLE');
    svc.rimDown = false;
    svc.rims.delete(ids.vbios);
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_NOT_FOUND');
    svc.rims.set(ids.vbios, vbiosXml);
    // A genuine RIM, but for driver 550.144.03, served under the 550.90.07 id.
    svc.rims.set(ids.driver, readText('nvidia-attestation-sdk/unit-tests/NV_GPU_DRIVER_GH100_550.144.03.xml'));
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_DRIVER_MISMATCH');
    svc.rims.set(ids.driver, driverXml);
    svc.rims.set(ids.vbios, driverXml);
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_VBIOS_MISMATCH');
    svc.rims.set(ids.vbios, vbiosXml);
    const b64 = Buffer.from(driverXml).toString('base64');
    for (const body of ['not json', JSON.stringify({ id: 'NV_GPU_DRIVER_GH100_1.0', rim: b64 }), '{"id":"x"}']) {
      svc.rimRaw.set(ids.driver, { status: 200, body: body.replace('"x"', JSON.stringify(ids.driver)) });
      expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_INVALID');
    }
    svc.rimRaw.set(ids.driver, { status: 200, body: JSON.stringify({ id: ids.driver, rim: '!!not base64' }) });
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_INVALID');
    svc.rimRaw.set(ids.driver, { status: 200, body: JSON.stringify({ id: ids.driver, rim: 'PGE+PC9hPg==' }) });
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_INVALID');
    svc.rimRaw.set(ids.driver, { status: 500, body: '{}' });
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_UNREACHABLE');
  });

  test('a RIM whose signing chain is no longer valid is refused', async () => {
    clock = Date.parse('2031-01-01T00:00:00Z');
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_RIM_EXPIRED');
  });

  test('OCSP revoked, on hold, unknown, unreachable, untrusted responder, stale answers', async () => {
    const brom = serialKey(new X509Certificate(ev.certChain[1]!).serialNumber);
    svc.ocspStatus.set(brom, 'revoked');
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_OCSP_REVOKED');
    svc.ocspStatus.set(brom, 'hold');
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_OCSP_REVOKED');
    svc.ocspStatus.set(brom, 'unknown');
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_OCSP_UNKNOWN');
    svc.ocspStatus.delete(brom);
    svc.ocspDown = true;
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_OCSP_UNREACHABLE');
    svc.ocspDown = false;
    expect(await codeOfAsync(source({ ocspResponderRootDer: [] }).collateralFor(ev))).toBe('GPU_OCSP_INVALID');
    svc.ocspValidForMs = -60_000; // nextUpdate already past
    expect(await codeOfAsync(source().collateralFor(ev))).toBe('GPU_OCSP_STALE');
    const closed = source({ ocspUrl: 'http://127.0.0.1:1/' });
    expect(await codeOfAsync(closed.collateralFor(ev))).toBe('GPU_OCSP_UNREACHABLE');
  });

  test('a fresh "revoked" is never masked by a cached good response', async () => {
    const s = source();
    await s.collateralFor(ev);
    clock += DAY - 10 * 60_000;
    svc.ocspStatus.set(serialKey(new X509Certificate(ev.certChain[2]!).serialNumber), 'revoked');
    expect(await codeOfAsync(s.collateralFor(ev))).toBe('GPU_OCSP_REVOKED');
  });

  test('unusable cache files are dropped and refetched; a report without RIM fields is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpu-collateral-'));
    await source({ cacheDir: dir }).collateralFor(ev);
    const files = readdirSync(join(dir, 'gpu'));
    for (const f of files) writeFileSync(join(dir, 'gpu', f), f.startsWith('rim-') ? '{"key":1}' : 'garbage');
    const hits = svc.rimHits;
    await source({ cacheDir: dir }).collateralFor(ev);
    expect(svc.rimHits).toBe(hits + 2);
    // Default options (NVIDIA's services): refused before any request.
    const defaults = createGpuCollateralSource();
    expect(await codeOfAsync(defaults.collateralFor({ ...ev, report: ev.report.subarray(0, 100) }))).toBe(
      'GPU_RIM_ID_UNKNOWN',
    );
    expect(await codeOfAsync(source().collateralFor({ ...ev, certChain: [Uint8Array.of(0x30, 0)] }))).toBe(
      'GPU_EVIDENCE_UNAVAILABLE',
    );
  });
});
