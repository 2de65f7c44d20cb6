/**
 * One GPU's evidence through NVML: initialise, check the system is in confidential-computing mode with devtools off,
 * read the attestation report over our nonce and the device certificate chain, shut down. Every NVML failure is a
 * `GPU_NVML_*` WorkerError whose details carry the call and its `nvmlReturn` code. Only structure is checked here
 * (sizes, the SPDM request and its nonce, the PEM chain); signatures and RIMs are the verifiers' job.
 */
import { pemToDerList } from '../../core/pem';
import { WorkerError, type WorkerErrorCode } from '../errors';
import {
  CERT_STRUCT,
  NVML_CC_SYSTEM_DEVTOOLS_MODE_OFF,
  NVML_CC_SYSTEM_ENVIRONMENT_SIM,
  NVML_CC_SYSTEM_FEATURE_ENABLED,
  NVML_ERROR_ARGUMENT_VERSION_MISMATCH,
  NVML_ERROR_FUNCTION_NOT_FOUND,
  NVML_ERROR_NOT_SUPPORTED,
  NVML_RETURN,
  NVML_SUCCESS,
  REPORT_STRUCT,
  SETTINGS_STRUCT,
  STATE_STRUCT,
  type NvmlApi,
} from './nvml';

/** The system's confidential-computing settings as NVML reports them. */
export interface NvmlCcState {
  readonly environment: number;
  readonly ccFeature: number;
  readonly devToolsMode: number;
  /** From the settings query (0 none, 1 protected PCIe); undefined where the driver has no settings query. */
  readonly multiGpuMode?: number;
}

export interface NvmlGpuEvidence {
  /** SPDM GET_MEASUREMENTS request || response, as NVML returns it. */
  readonly report: Uint8Array;
  /** DER certificates of the device chain, leaf first. */
  readonly certChain: Uint8Array[];
  readonly cc: NvmlCcState;
}

/** DMTF DSP0274 GET_MEASUREMENTS request: version, code 0xE0, param1, param2, nonce[32], slot. */
const SPDM_GET_MEASUREMENTS = 0xe0;
const SPDM_REQ_NONCE_OFFSET = 4;

function nvmlFailure(code: WorkerErrorCode, call: string, ret: number, what: string): WorkerError {
  const name = NVML_RETURN[ret] ?? `NVML return ${ret}`;
  return new WorkerError(code, `${what}: ${call} returned ${name}`, {
    details: { call, nvmlReturn: ret, nvmlError: name },
  });
}

function malformed(msg: string, details?: Record<string, unknown>): WorkerError {
  return new WorkerError('GPU_NVML_MALFORMED', msg, details ? { details } : undefined);
}

function u32(buf: Uint8Array, offset: number): number {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(offset, true);
}

/** Query the CC state (and the settings where the driver has them); refuse CC off, a simulated CC, or devtools on. */
export function readCcState(api: NvmlApi): NvmlCcState {
  const st = new Uint8Array(STATE_STRUCT.size);
  const r = api.systemGetConfComputeState(st);
  if (r !== NVML_SUCCESS)
    throw nvmlFailure('GPU_NVML_QUERY_FAILED', 'nvmlSystemGetConfComputeState', r, 'cannot read the CC state');
  let environment = u32(st, STATE_STRUCT.environment);
  let ccFeature = u32(st, STATE_STRUCT.ccFeature);
  let devToolsMode = u32(st, STATE_STRUCT.devToolsMode);
  let multiGpuMode: number | undefined;
  if (api.systemGetConfComputeSettings) {
    const s = new Uint8Array(SETTINGS_STRUCT.size);
    new DataView(s.buffer).setUint32(SETTINGS_STRUCT.version, SETTINGS_STRUCT.v1, true);
    const rs = api.systemGetConfComputeSettings(s);
    if (rs === NVML_SUCCESS) {
      // Either query reporting CC off or devtools on is enough to refuse.
      if (u32(s, SETTINGS_STRUCT.ccFeature) !== NVML_CC_SYSTEM_FEATURE_ENABLED)
        ccFeature = u32(s, SETTINGS_STRUCT.ccFeature);
      if (u32(s, SETTINGS_STRUCT.devToolsMode) !== NVML_CC_SYSTEM_DEVTOOLS_MODE_OFF)
        devToolsMode = u32(s, SETTINGS_STRUCT.devToolsMode);
      if (u32(s, SETTINGS_STRUCT.environment) === NVML_CC_SYSTEM_ENVIRONMENT_SIM)
        environment = NVML_CC_SYSTEM_ENVIRONMENT_SIM;
      multiGpuMode = u32(s, SETTINGS_STRUCT.multiGpuMode);
    } else if (
      rs !== NVML_ERROR_NOT_SUPPORTED &&
      rs !== NVML_ERROR_FUNCTION_NOT_FOUND &&
      rs !== NVML_ERROR_ARGUMENT_VERSION_MISMATCH
    ) {
      throw nvmlFailure('GPU_NVML_QUERY_FAILED', 'nvmlSystemGetConfComputeSettings', rs, 'cannot read the CC settings');
    }
  }
  const cc = { environment, ccFeature, devToolsMode, ...(multiGpuMode === undefined ? {} : { multiGpuMode }) };
  if (ccFeature !== NVML_CC_SYSTEM_FEATURE_ENABLED || environment === NVML_CC_SYSTEM_ENVIRONMENT_SIM)
    throw new WorkerError('GPU_NVML_CC_OFF', 'the GPU is not in confidential-computing mode', { details: { ...cc } });
  if (devToolsMode !== NVML_CC_SYSTEM_DEVTOOLS_MODE_OFF)
    throw new WorkerError('GPU_NVML_DEVTOOLS_ON', 'the GPU is in CC devtools mode (not confidential)', {
      details: { ...cc },
    });
  return cc;
}

/** The device chain as NVML returns it: PEM text (current drivers), or concatenated DER certificates. */
export function parseNvmlCertChain(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  let ders: Uint8Array[];
  try {
    ders = text.includes('-----BEGIN CERTIFICATE-----') ? pemToDerList(text) : splitDer(bytes);
  } catch (cause) {
    throw new WorkerError('GPU_NVML_MALFORMED', 'the GPU certificate chain is neither PEM nor DER', { cause });
  }
  if (ders.length === 0) throw malformed('the GPU certificate chain is empty');
  return ders;
}

/** Split concatenated DER SEQUENCEs (definite lengths); trailing zero padding is ignored. */
function splitDer(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p < b.length && b[p] !== 0) {
    if (b[p] !== 0x30 || p + 2 > b.length) throw new Error('not a DER SEQUENCE');
    let len = b[p + 1]!;
    let hdr = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 3 || p + 2 + n > b.length) throw new Error('bad DER length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[p + 2 + i]!;
      hdr += n;
    }
    if (p + hdr + len > b.length) throw new Error('truncated DER');
    out.push(b.slice(p, p + hdr + len));
    p += hdr + len;
  }
  return out;
}

async function readReport(api: NvmlApi, device: unknown, nonce: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(REPORT_STRUCT.size);
  buf.set(nonce, REPORT_STRUCT.nonce);
  const call = 'nvmlDeviceGetConfComputeGpuAttestationReport';
  const r = await api.deviceGetConfComputeGpuAttestationReport(device, buf);
  if (r !== NVML_SUCCESS)
    throw nvmlFailure('GPU_NVML_REPORT_FAILED', call, r, 'cannot read the GPU attestation report');
  const size = u32(buf, REPORT_STRUCT.reportSize);
  if (size < SPDM_REQ_NONCE_OFFSET + REPORT_STRUCT.nonceLen + 1 || size > REPORT_STRUCT.reportMax)
    throw malformed(`GPU attestation report size ${size} is out of range`, { size });
  const report = buf.slice(REPORT_STRUCT.report, REPORT_STRUCT.report + size);
  if (report[1] !== SPDM_GET_MEASUREMENTS)
    throw malformed('GPU attestation report does not start with an SPDM GET_MEASUREMENTS request');
  const got = report.subarray(SPDM_REQ_NONCE_OFFSET, SPDM_REQ_NONCE_OFFSET + REPORT_STRUCT.nonceLen);
  if (!Buffer.from(got).equals(Buffer.from(nonce)))
    throw new WorkerError('GPU_NVML_NONCE_MISMATCH', 'the GPU attestation report is over another nonce', {
      details: { want: Buffer.from(nonce).toString('hex'), got: Buffer.from(got).toString('hex') },
    });
  return report;
}

async function readCertChain(api: NvmlApi, device: unknown): Promise<Uint8Array[]> {
  const buf = new Uint8Array(CERT_STRUCT.size);
  const call = 'nvmlDeviceGetConfComputeGpuCertificate';
  const r = await api.deviceGetConfComputeGpuCertificate(device, buf);
  if (r !== NVML_SUCCESS) throw nvmlFailure('GPU_NVML_CERT_FAILED', call, r, 'cannot read the GPU certificate chain');
  const size = u32(buf, CERT_STRUCT.attestationChainSize);
  if (size === 0 || size > CERT_STRUCT.attestationChainMax)
    throw malformed(`GPU certificate chain size ${size} is out of range`, { size });
  return parseNvmlCertChain(buf.subarray(CERT_STRUCT.attestationChain, CERT_STRUCT.attestationChain + size));
}

/**
 * GPU `index`'s report over `nonce` (32 bytes) and its certificate chain. NVML is initialised for the call and shut
 * down after it (NVML counts initialisations, so this does not disturb other users in the process).
 */
export async function collectNvmlEvidence(api: NvmlApi, nonce: Uint8Array, index: number): Promise<NvmlGpuEvidence> {
  if (!(nonce instanceof Uint8Array) || nonce.length !== REPORT_STRUCT.nonceLen)
    throw new RangeError('GPU nonce must be 32 bytes');
  const ri = api.init();
  if (ri !== NVML_SUCCESS) throw nvmlFailure('GPU_NVML_INIT_FAILED', 'nvmlInit_v2', ri, 'cannot initialise NVML');
  try {
    const cc = readCcState(api);
    const count: [number] = [0];
    const rc = api.deviceGetCount(count);
    if (rc !== NVML_SUCCESS)
      throw nvmlFailure('GPU_NVML_QUERY_FAILED', 'nvmlDeviceGetCount_v2', rc, 'cannot count the GPUs');
    if (!Number.isInteger(index) || index < 0 || index >= count[0])
      throw new WorkerError('GPU_NVML_DEVICE_NOT_FOUND', `no GPU ${index} (NVML sees ${count[0]})`, {
        details: { index, count: count[0] },
      });
    const device: [unknown] = [undefined];
    const rh = api.deviceGetHandleByIndex(index, device);
    if (rh !== NVML_SUCCESS)
      throw nvmlFailure('GPU_NVML_DEVICE_NOT_FOUND', 'nvmlDeviceGetHandleByIndex_v2', rh, `cannot open GPU ${index}`);
    const report = await readReport(api, device[0], nonce);
    const certChain = await readCertChain(api, device[0]);
    return { report, certChain, cc };
  } finally {
    // A failed shutdown after a good read does not void the evidence; NVML's count is released either way.
    api.shutdown();
  }
}
