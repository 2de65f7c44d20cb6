/**
 * GPU collateral for the bundle: for each GPU's report and device chain, the driver and VBIOS RIMs from NVIDIA's RIM
 * service and OCSP responses for every certificate NVIDIA's verifiers check (device chain BROM, Provisioner ICA,
 * Identity; each RIM's signing chain except its root), so that the bundle verifies offline under the default policy.
 * RIM ids are derived from the report as NVIDIA's verifier does (`gpuRimIds`). Everything is cached by validity — a
 * RIM until its signing chain expires or `rimMaxAgeMs` passes, an OCSP response until its nextUpdate — in memory and
 * under `cacheDir`, refreshed `refreshBeforeMs` before expiry; a failing service keeps the last good value while it
 * is still valid. Fresh answers that are bad (revoked, unknown, a RIM for another version) are never masked.
 */
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { parseGpuReport } from '../../attestation/gpu/parse';
import { gpuRimIds } from '../../attestation/gpu/verify';
import type { ParsedRim } from '../../attestation/gpu/rim';
import { WorkerError, type WorkerErrorCode } from '../errors';
import { ValidityCache, type CacheEntry, type CacheLog } from './gpu-collateral-cache';
import { checkOcspFor, fetchOcsp, fetchRim, parseRimXml } from './gpu-collateral-fetch';
import type { GpuCollateralSource } from './types';

export const DEFAULT_RIM_URL = 'https://rim.attestation.nvidia.com/v1/rim/';
export const DEFAULT_OCSP_URL = 'https://ocsp.ndis.nvidia.com/';

export interface GpuCollateralOptions {
  /** RIM service base; the RIM id is appended. Default NVIDIA's. */
  readonly rimUrl?: string;
  /** OCSP responder. Default NVIDIA's. */
  readonly ocspUrl?: string;
  /** Directory of the on-disk cache (a `gpu` folder is made in it); memory only when absent. */
  readonly cacheDir?: string;
  /** Longest a fetched RIM is kept. Default 7 days. */
  readonly rimMaxAgeMs?: number;
  /** Refresh an entry this long before it expires (at most half its lifetime). Default 1 hour. */
  readonly refreshBeforeMs?: number;
  /** Per-request timeout. Default 15 s. */
  readonly timeoutMs?: number;
  /** SECURITY: test roots of OCSP responders trusted besides each issuer (`GpuTrustRoots.ocspResponderRootDer`). */
  readonly ocspResponderRootDer?: readonly Uint8Array[];
  readonly now?: () => Date;
  readonly log?: CacheLog;
}

const SERVICE_FAILED: ReadonlySet<WorkerErrorCode> = new Set<WorkerErrorCode>([
  'GPU_RIM_UNREACHABLE',
  'GPU_RIM_INVALID',
  'GPU_OCSP_UNREACHABLE',
  'GPU_OCSP_INVALID',
  'GPU_OCSP_STALE',
]);

interface OcspTarget {
  readonly cert: X509Certificate;
  readonly issuer: X509Certificate;
}

function certsOf(ders: readonly Uint8Array[], what: string): X509Certificate[] {
  try {
    return ders.map((d) => new X509Certificate(d));
  } catch (cause) {
    throw new WorkerError('GPU_EVIDENCE_UNAVAILABLE', `${what} holds a certificate that does not parse`, { cause });
  }
}

/** cert[i] with issuer cert[i+1], for i in from..n-2. */
function pairs(certs: readonly X509Certificate[], from: number): OcspTarget[] {
  const out: OcspTarget[] = [];
  for (let i = from; i + 1 < certs.length; i++) out.push({ cert: certs[i]!, issuer: certs[i + 1]! });
  return out;
}

/** The validity window shared by every certificate of a RIM's signing chain (ms). */
function chainWindow(certs: readonly X509Certificate[]): { from: number; to: number } {
  let from = -Infinity;
  let to = Infinity;
  for (const c of certs) {
    from = Math.max(from, Date.parse(c.validFrom));
    to = Math.min(to, Date.parse(c.validTo));
  }
  return { from, to };
}

class NvidiaGpuCollateral implements GpuCollateralSource {
  private readonly rimUrl: string;
  private readonly ocspUrl: string;
  private readonly rimMaxAgeMs: number;
  private readonly http: { timeoutMs: number };
  private readonly responderRoots: readonly X509Certificate[];
  private readonly now: () => Date;
  private readonly cache: ValidityCache;

  constructor(opts: GpuCollateralOptions) {
    this.rimUrl = opts.rimUrl ?? DEFAULT_RIM_URL;
    this.ocspUrl = opts.ocspUrl ?? DEFAULT_OCSP_URL;
    this.rimMaxAgeMs = opts.rimMaxAgeMs ?? 7 * 86_400_000;
    this.http = { timeoutMs: opts.timeoutMs ?? 15_000 };
    this.responderRoots = certsOf(opts.ocspResponderRootDer ?? [], 'ocspResponderRootDer');
    this.now = opts.now ?? (() => new Date());
    this.cache = new ValidityCache({
      ...(opts.cacheDir ? { dir: join(opts.cacheDir, 'gpu') } : {}),
      refreshBeforeMs: opts.refreshBeforeMs ?? 3_600_000,
      now: () => this.now().getTime(),
      ...(opts.log ? { log: opts.log } : {}),
    });
  }

  async collateralFor(ev: { readonly report: Uint8Array; readonly certChain: readonly Uint8Array[] }): Promise<{
    readonly rims: { readonly driver: string; readonly vbios: string };
    readonly ocsp: readonly Uint8Array[];
  }> {
    let report;
    try {
      report = parseGpuReport(ev.report);
    } catch (cause) {
      throw new WorkerError('GPU_RIM_ID_UNKNOWN', 'the GPU report does not parse, so its RIMs cannot be named', {
        cause,
      });
    }
    const ids = gpuRimIds(report);
    const o = report.response.opaque;
    if (!ids.driver || !ids.vbios || !o.driverVersion || !o.vbiosVersion) {
      throw new WorkerError('GPU_RIM_ID_UNKNOWN', 'the GPU report lacks its driver or VBIOS version fields');
    }
    const device = certsOf(ev.certChain, 'the GPU certificate chain');
    const [driver, vbios] = await Promise.all([
      this.rim(ids.driver, (v) => v === o.driverVersion, 'GPU_RIM_DRIVER_MISMATCH', o.driverVersion),
      this.rim(
        ids.vbios,
        (v) => v.toLowerCase() === o.vbiosVersion!.toLowerCase(),
        'GPU_RIM_VBIOS_MISMATCH',
        o.vbiosVersion,
      ),
    ]);
    // NVIDIA checks the device chain from the BROM (leaf and root skipped) and each RIM chain except its root.
    const targets = [
      ...pairs(device, 1),
      ...pairs(certsOf(driver.parsed.signerChainDer, `RIM ${ids.driver}`), 0),
      ...pairs(certsOf(vbios.parsed.signerChainDer, `RIM ${ids.vbios}`), 0),
    ];
    const unique = new Map<string, OcspTarget>();
    for (const t of targets) unique.set(`${t.issuer.fingerprint256}/${t.cert.serialNumber}`, t);
    const ocsp = await Promise.all([...unique].map(([key, t]) => this.ocsp(key, t)));
    return { rims: { driver: driver.xml, vbios: vbios.xml }, ocsp };
  }

  /** A RIM whose version `versionOk` accepts, valid now. */
  private async rim(
    id: string,
    versionOk: (v: string) => boolean,
    mismatch: WorkerErrorCode,
    want: string,
  ): Promise<{ xml: string; parsed: ParsedRim }> {
    const check = (xml: string): ParsedRim => {
      const parsed = parseRimXml(xml, id);
      if (!versionOk(parsed.version))
        throw new WorkerError(mismatch, `RIM ${id} is for version ${parsed.version}, the report states ${want}`);
      const w = chainWindow(certsOf(parsed.signerChainDer, `RIM ${id}`));
      const t = this.now().getTime();
      if (t < w.from || t > w.to)
        throw new WorkerError('GPU_RIM_EXPIRED', `RIM ${id}'s signing chain is not valid now`);
      return parsed;
    };
    const entry = await this.cache.obtain(
      'rim',
      id,
      async (): Promise<CacheEntry> => {
        const { xml } = await fetchRim(this.rimUrl, id, this.http);
        const parsed = check(xml);
        const fetchedAt = this.now().getTime();
        const notAfter = chainWindow(certsOf(parsed.signerChainDer, `RIM ${id}`)).to;
        return { data: xml, fetchedAt, expiresAt: Math.min(notAfter, fetchedAt + this.rimMaxAgeMs) };
      },
      (e) => void check(e.data),
      SERVICE_FAILED,
    );
    return { xml: entry.data, parsed: check(entry.data) };
  }

  /** A current, good OCSP response for `t`. */
  private async ocsp(key: string, t: OcspTarget): Promise<Uint8Array> {
    const check = (der: Uint8Array): number => checkOcspFor(der, t.cert, t.issuer, this.now(), this.responderRoots);
    const entry = await this.cache.obtain(
      'ocsp',
      key,
      async (): Promise<CacheEntry> => {
        const der = await fetchOcsp(this.ocspUrl, t.cert, t.issuer, this.http);
        const nextUpdate = check(der);
        return { data: Buffer.from(der).toString('base64'), fetchedAt: this.now().getTime(), expiresAt: nextUpdate };
      },
      (e) => void check(new Uint8Array(Buffer.from(e.data, 'base64'))),
      SERVICE_FAILED,
    );
    const der = new Uint8Array(Buffer.from(entry.data, 'base64'));
    check(der);
    return der;
  }
}

/**
 * The GPU collateral source backed by NVIDIA's RIM service and OCSP responder. `collateralFor` throws WorkerError
 * GPU_RIM_ID_UNKNOWN, GPU_RIM_UNREACHABLE, GPU_RIM_NOT_FOUND, GPU_RIM_INVALID, GPU_RIM_DRIVER_MISMATCH,
 * GPU_RIM_VBIOS_MISMATCH, GPU_RIM_EXPIRED, GPU_OCSP_UNREACHABLE, GPU_OCSP_INVALID, GPU_OCSP_REVOKED, GPU_OCSP_UNKNOWN,
 * GPU_OCSP_STALE, GPU_EVIDENCE_UNAVAILABLE (a chain certificate does not parse).
 */
export function createGpuCollateralSource(opts: GpuCollateralOptions = {}): GpuCollateralSource {
  return new NvidiaGpuCollateral(opts);
}
