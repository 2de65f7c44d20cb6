/**
 * Real GPU evidence from NVIDIA H100/H200 GPUs in confidential-computing mode. Two collectors:
 *
 * - `nvml` (default): NVML read directly from Node (`nvml.ts`, `nvml-collect.ts`): the CC state is checked (CC on,
 *   devtools off), then `nvmlDeviceGetConfComputeGpuAttestationReport(device, nonce)` and
 *   `nvmlDeviceGetConfComputeGpuCertificate(device)`. The image needs only the driver's `libnvidia-ml.so.1`.
 * - `python` (optional fallback): a spawned collector (no shell) printing the NVIDIA Attestation SDK evidence JSON —
 *   the format of `nvattest collect-evidence --format json` and of nvtrust's local GPU verifier evidence lists:
 *
 *   [ { "arch": "HOPPER", "nonce": "<hex>", "evidence": "<base64 SPDM GET_MEASUREMENTS request||response>",
 *       "certificate": "<base64 of the PEM device chain, leaf first>", ... }, ... ]   (one entry per GPU)
 *
 *   e.g. `enclave-runtime/evidence/nvidia-collect.py` (pynvml from nvidia-ml-py >= 12.535) or NVIDIA's `nvattest`
 *   CLI (configure `command`/`args`, `{nonce}` is replaced by the hex nonce).
 *
 * Every report's SPDM request nonce must equal ours. With a `collateral` source, each GPU's driver and VBIOS RIMs
 * and OCSP responses go into its evidence, so the bundle verifies offline. Only structure is checked here;
 * signatures, chain and RIMs are the verifiers' job (attestation/gpu).
 */
import { pemToDerList } from '../../core/pem';
import { spawn } from 'node:child_process';
import type { BundleGpuEvidence } from '../../attestation/bundle';
import { WorkerError } from '../errors';
import { collectNvmlEvidence } from './nvml-collect';
import { loadNvml, type NvmlApi } from './nvml';
import type { GpuCollateralSource, GpuEvidenceProvider } from './types';

export interface NvidiaGpuOptions {
  /** Default: `python` when `command` is given, else `nvml`. */
  readonly collector?: 'nvml' | 'python';
  /** NVML entry points (tests inject a table); default: `libraryPath` bound with koffi on first use. */
  readonly nvml?: NvmlApi;
  /** Default `libnvidia-ml.so.1` (the dynamic loader's search path). */
  readonly libraryPath?: string;
  /** RIMs and OCSP responses for each GPU's evidence; without it, evidence is report + chain only. */
  readonly collateral?: GpuCollateralSource;
  /** The `python` collector's executable (absolute path recommended). */
  readonly command?: string;
  /** Arguments; `{nonce}` becomes the hex nonce, `{index}` the GPU index. Default: ['--nonce', '{nonce}', '--index', '{index}']. */
  readonly args?: readonly string[];
  /** Number of GPUs attached to the CVM. */
  readonly count: number;
  readonly timeoutMs?: number;
}

interface NvatEntry {
  arch?: unknown;
  nonce?: unknown;
  evidence?: unknown;
  certificate?: unknown;
}

/** DMTF DSP0274 (SPDM 1.1) GET_MEASUREMENTS request: version, code 0xE0, param1, param2, nonce[32], slot. */
const SPDM_GET_MEASUREMENTS = 0xe0;
const SPDM_REQ_NONCE_OFFSET = 4;
const SPDM_NONCE_LEN = 32;

function unavailable(msg: string, cause?: unknown): WorkerError {
  return new WorkerError('GPU_EVIDENCE_UNAVAILABLE', msg, cause === undefined ? undefined : { cause });
}

/** Parse NVIDIA evidence JSON (array, or `{evidence_list: [...]}`); pick entry `index`, check the nonce. */
export function parseNvidiaEvidenceJson(
  text: string,
  nonce: Uint8Array,
  index: number,
): Omit<BundleGpuEvidence, 'index'> {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (cause) {
    throw unavailable('GPU evidence tool printed non-JSON output', cause);
  }
  const list = Array.isArray(j) ? j : (j as { evidence_list?: unknown })?.evidence_list;
  if (!Array.isArray(list)) throw unavailable('GPU evidence JSON is not an evidence list');
  const e = (list.length === 1 ? list[0] : list[index]) as NvatEntry | undefined;
  if (!e || typeof e.evidence !== 'string' || typeof e.certificate !== 'string')
    throw unavailable(`no evidence for GPU ${index}`);
  const want = Buffer.from(nonce).toString('hex');
  if (typeof e.nonce === 'string' && e.nonce.toLowerCase() !== want)
    throw unavailable('GPU evidence nonce differs from the requested nonce');
  const report = new Uint8Array(Buffer.from(e.evidence, 'base64'));
  if (report.length < SPDM_REQ_NONCE_OFFSET + SPDM_NONCE_LEN + 1 || report[1] !== SPDM_GET_MEASUREMENTS) {
    throw unavailable('GPU evidence does not start with an SPDM GET_MEASUREMENTS request');
  }
  const reqNonce = report.subarray(SPDM_REQ_NONCE_OFFSET, SPDM_REQ_NONCE_OFFSET + SPDM_NONCE_LEN);
  let certChain: Uint8Array[];
  try {
    certChain = pemToDerList(Buffer.from(e.certificate, 'base64').toString('latin1'));
  } catch (cause) {
    throw unavailable('GPU evidence certificate chain is not valid PEM', cause);
  }
  if (Buffer.from(reqNonce).toString('hex') !== want)
    throw unavailable('SPDM request nonce differs from the requested nonce');
  if (certChain.length === 0) throw unavailable('GPU certificate chain is empty');
  return { report, certChain };
}

type GpuEvidence = Omit<BundleGpuEvidence, 'index'>;

/** Run the `python` collector (any program printing NVIDIA evidence JSON) for GPU `index`. */
function runCollector(command: string, args: readonly string[], timeoutMs: number, nonce: Uint8Array, index: number) {
  const hex = Buffer.from(nonce).toString('hex');
  const argv = args.map((a) => a.replaceAll('{nonce}', hex).replaceAll('{index}', String(index)));
  return new Promise<GpuEvidence>((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16 * 1024 * 1024) child.kill('SIGKILL');
      else out.push(c);
    });
    child.stderr.resume();
    child.on('error', (err) => reject(unavailable(`cannot run GPU evidence tool ${command}`, err)));
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(unavailable(`GPU evidence tool exited with ${code ?? signal}`));
      try {
        resolve(parseNvidiaEvidenceJson(Buffer.concat(out).toString('utf8'), nonce, index));
      } catch (err) {
        reject(err);
      }
    });
  });
}

export function createNvidiaGpuProvider(opts: NvidiaGpuOptions): GpuEvidenceProvider {
  const collector = opts.collector ?? (opts.command === undefined ? 'nvml' : 'python');
  const args = opts.args ?? ['--nonce', '{nonce}', '--index', '{index}'];
  if (collector === 'python' && !opts.command) throw new RangeError('the python GPU collector needs a command');
  let api = opts.nvml;
  const collect = async (nonce: Uint8Array, index: number): Promise<GpuEvidence> => {
    if (collector === 'python') return runCollector(opts.command!, args, opts.timeoutMs ?? 60_000, nonce, index);
    api ??= loadNvml(opts.libraryPath);
    const ev = await collectNvmlEvidence(api, nonce, index);
    return { report: ev.report, certChain: ev.certChain };
  };
  return {
    kind: 'nvidia',
    count: opts.count,
    getEvidence(nonce: Uint8Array, index: number): Promise<GpuEvidence> {
      if (!(nonce instanceof Uint8Array) || nonce.length !== 32) throw new RangeError('GPU nonce must be 32 bytes');
      return collect(nonce, index).then(async (ev) => {
        if (!opts.collateral) return ev;
        const c = await opts.collateral.collateralFor(ev);
        return { ...ev, rims: { driver: c.rims.driver, vbios: c.rims.vbios }, ocsp: [...c.ocsp] };
      });
    },
  };
}

/** No GPU (CPU-only worker, e.g. the tiny ONNX model): zero GPU evidence entries. */
export function createNoGpuProvider(): GpuEvidenceProvider {
  return {
    kind: 'none',
    count: 0,
    getEvidence: () => Promise.reject(new RangeError('no GPUs')),
  };
}
