/**
 * Real GPU evidence through NVIDIA's tooling. The worker spawns a collector (no shell) that prints the NVIDIA
 * Attestation SDK evidence JSON — the format of `nvattest collect-evidence --format json` and of nvtrust's
 * `nv_attestation_sdk` / local GPU verifier evidence lists:
 *
 *   [ { "arch": "HOPPER", "nonce": "<hex>", "evidence": "<base64 SPDM GET_MEASUREMENTS request||response>",
 *       "certificate": "<base64 of the PEM device chain, leaf first>", ... }, ... ]   (one entry per GPU)
 *
 * Underneath, both read NVML's `nvmlDeviceGetConfComputeGpuAttestationReport(device, nonce)` and
 * `nvmlDeviceGetConfComputeGpuCertificate(device)`. The image must contain the NVIDIA driver in CC mode
 * (`nvidia-smi conf-compute -grs` reports ready) and one collector: `enclave-runtime/evidence/nvidia-collect.py`
 * (pynvml from nvidia-ml-py >= 12.535) or NVIDIA's `nvattest` CLI (configure `command`/`args`, `{nonce}` is
 * replaced by the hex nonce). Every entry's nonce, and the nonce inside the SPDM request, must equal ours.
 * Only structure is checked here; signatures, chain and RIMs are the verifiers' job (attestation/gpu).
 */
import { pemToDerList } from '../../core/pem';
import { spawn } from 'node:child_process';
import type { BundleGpuEvidence } from '../../attestation/bundle';
import { WorkerError } from '../errors';
import type { GpuEvidenceProvider } from './types';

export interface NvidiaGpuOptions {
  /** Executable (absolute path recommended). */
  readonly command: string;
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

export function createNvidiaGpuProvider(opts: NvidiaGpuOptions): GpuEvidenceProvider {
  const args = opts.args ?? ['--nonce', '{nonce}', '--index', '{index}'];
  return {
    kind: 'nvidia',
    count: opts.count,
    getEvidence(nonce: Uint8Array, index: number): Promise<Omit<BundleGpuEvidence, 'index'>> {
      if (!(nonce instanceof Uint8Array) || nonce.length !== 32) throw new RangeError('GPU nonce must be 32 bytes');
      const hex = Buffer.from(nonce).toString('hex');
      const argv = args.map((a) => a.replaceAll('{nonce}', hex).replaceAll('{index}', String(index)));
      return new Promise((resolve, reject) => {
        const child = spawn(opts.command, argv, {
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: opts.timeoutMs ?? 60_000,
        });
        const out: Buffer[] = [];
        let size = 0;
        child.stdout.on('data', (c: Buffer) => {
          size += c.length;
          if (size > 16 * 1024 * 1024) child.kill('SIGKILL');
          else out.push(c);
        });
        child.stderr.resume();
        child.on('error', (err) => reject(unavailable(`cannot run GPU evidence tool ${opts.command}`, err)));
        child.on('close', (code, signal) => {
          if (code !== 0) return reject(unavailable(`GPU evidence tool exited with ${code ?? signal}`));
          try {
            resolve(parseNvidiaEvidenceJson(Buffer.concat(out).toString('utf8'), nonce, index));
          } catch (err) {
            reject(err);
          }
        });
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
