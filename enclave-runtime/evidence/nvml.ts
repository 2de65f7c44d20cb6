/**
 * NVML (`libnvidia-ml.so.1`) bound from Node with koffi: the calls that read a GPU's confidential-computing
 * attestation report and certificate chain, and the system's CC state. Structures cross the boundary as raw bytes
 * laid out as in NVIDIA's `nvml.h` (little-endian `unsigned int`s, fixed arrays), so the same `NvmlApi` table is
 * implemented by the real library and by a plain JavaScript stand-in in tests.
 */
import { WorkerError } from '../errors';

/** `nvmlReturn_t` values (nvml.h) that the collector names; any other value is reported by number. */
export const NVML_RETURN: Readonly<Record<number, string>> = Object.freeze({
  0: 'NVML_SUCCESS',
  1: 'NVML_ERROR_UNINITIALIZED',
  2: 'NVML_ERROR_INVALID_ARGUMENT',
  3: 'NVML_ERROR_NOT_SUPPORTED',
  4: 'NVML_ERROR_NO_PERMISSION',
  6: 'NVML_ERROR_NOT_FOUND',
  7: 'NVML_ERROR_INSUFFICIENT_SIZE',
  9: 'NVML_ERROR_DRIVER_NOT_LOADED',
  10: 'NVML_ERROR_TIMEOUT',
  12: 'NVML_ERROR_LIBRARY_NOT_FOUND',
  13: 'NVML_ERROR_FUNCTION_NOT_FOUND',
  15: 'NVML_ERROR_GPU_IS_LOST',
  17: 'NVML_ERROR_OPERATING_SYSTEM',
  18: 'NVML_ERROR_LIB_RM_VERSION_MISMATCH',
  25: 'NVML_ERROR_ARGUMENT_VERSION_MISMATCH',
  27: 'NVML_ERROR_NOT_READY',
  28: 'NVML_ERROR_GPU_NOT_FOUND',
  29: 'NVML_ERROR_INVALID_STATE',
  999: 'NVML_ERROR_UNKNOWN',
});
export const NVML_SUCCESS = 0;
export const NVML_ERROR_NOT_SUPPORTED = 3;
export const NVML_ERROR_FUNCTION_NOT_FOUND = 13;
export const NVML_ERROR_ARGUMENT_VERSION_MISMATCH = 25;

/** `nvmlConfComputeGpuAttestationReport_t`: three u32 sizes/flags, nonce[32], attestationReport[0x2000], cec[0x1000]. */
export const REPORT_STRUCT = Object.freeze({
  isCecPresent: 0,
  reportSize: 4,
  cecSize: 8,
  nonce: 12,
  nonceLen: 32,
  report: 44,
  reportMax: 0x2000,
  cec: 44 + 0x2000,
  cecMax: 0x1000,
  size: 44 + 0x2000 + 0x1000,
});
/** `nvmlConfComputeGpuCertificate_t`: certChainSize, attestationCertChainSize, certChain[0x1000], attestationCertChain[0x1400]. */
export const CERT_STRUCT = Object.freeze({
  certChainSize: 0,
  attestationChainSize: 4,
  certChain: 8,
  certChainMax: 0x1000,
  attestationChain: 8 + 0x1000,
  attestationChainMax: 0x1400,
  size: 8 + 0x1000 + 0x1400,
});
/** `nvmlConfComputeSystemState_t`: environment, ccFeature, devToolsMode. */
export const STATE_STRUCT = Object.freeze({ environment: 0, ccFeature: 4, devToolsMode: 8, size: 12 });
/** `nvmlSystemConfComputeSettings_v1_t`: version, environment, ccFeature, devToolsMode, multiGpuMode. */
export const SETTINGS_STRUCT = Object.freeze({
  version: 0,
  environment: 4,
  ccFeature: 8,
  devToolsMode: 12,
  multiGpuMode: 16,
  size: 20,
  /** NVML_STRUCT_VERSION(SystemConfComputeSettings, 1) = sizeof | 1 << 24. */
  v1: 0x1000014,
});
export const NVML_CC_SYSTEM_FEATURE_ENABLED = 1;
export const NVML_CC_SYSTEM_DEVTOOLS_MODE_OFF = 0;
export const NVML_CC_SYSTEM_ENVIRONMENT_SIM = 1;

/**
 * The NVML entry points the collector calls. Out-parameters are one-element arrays; structures are byte buffers of
 * the struct's size that the call reads (inputs already written) and fills. Device handles are opaque.
 */
export interface NvmlApi {
  init(): number;
  shutdown(): number;
  deviceGetCount(count: [number]): number;
  deviceGetHandleByIndex(index: number, device: [unknown]): number;
  systemGetConfComputeState(state: Uint8Array): number;
  /** Absent on drivers older than 550 (no settings query): the state query then decides alone. */
  systemGetConfComputeSettings?(settings: Uint8Array): number;
  /** The SPDM exchange with the GPU takes a while: the koffi binding runs it off the event loop. */
  deviceGetConfComputeGpuAttestationReport(device: unknown, report: Uint8Array): number | Promise<number>;
  deviceGetConfComputeGpuCertificate(device: unknown, cert: Uint8Array): number | Promise<number>;
}

/** The NVML library the loader opens by default (the driver's runtime soname). */
export const NVML_LIBRARY = 'libnvidia-ml.so.1';

type KoffiFn = ((...args: unknown[]) => number) & {
  /** koffi: the same call on a worker thread, `cb(err, result)` back on the event loop. */
  async(...args: unknown[]): void;
};

/** Run a koffi function on koffi's worker thread; the buffers stay referenced until it answers. */
function offLoop(f: KoffiFn, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    f.async(...args, (err: unknown, ret: number) => (err ? reject(err as Error) : resolve(ret)));
  });
}
interface KoffiLib {
  func(prototype: string): KoffiFn;
}

/**
 * Bind `libraryPath` (default `libnvidia-ml.so.1`, found by the dynamic loader) with koffi. A library that cannot be
 * opened, or that lacks a required entry point, is GPU_NVML_LIBRARY_MISSING.
 */
export function loadNvml(libraryPath: string = NVML_LIBRARY): NvmlApi {
  let lib: KoffiLib;
  try {
    // Loaded on first use: workers without an NVIDIA GPU never load the native addon.
    const koffi = require('koffi') as { load(path: string): KoffiLib };
    lib = koffi.load(libraryPath);
  } catch (cause) {
    throw new WorkerError('GPU_NVML_LIBRARY_MISSING', `cannot load NVML (${libraryPath})`, {
      cause,
      details: { library: libraryPath },
    });
  }
  const fn = (proto: string): KoffiFn => {
    try {
      return lib.func(proto);
    } catch (cause) {
      throw new WorkerError('GPU_NVML_LIBRARY_MISSING', `NVML (${libraryPath}) lacks ${proto}`, {
        cause,
        details: { library: libraryPath, nvmlReturn: NVML_ERROR_FUNCTION_NOT_FOUND },
      });
    }
  };
  const init = fn('int nvmlInit_v2()');
  const shutdown = fn('int nvmlShutdown()');
  const count = fn('int nvmlDeviceGetCount_v2(_Out_ unsigned int *count)');
  const handle = fn('int nvmlDeviceGetHandleByIndex_v2(unsigned int index, _Out_ void **device)');
  const state = fn('int nvmlSystemGetConfComputeState(void *state)');
  const report = fn('int nvmlDeviceGetConfComputeGpuAttestationReport(void *device, void *report)');
  const cert = fn('int nvmlDeviceGetConfComputeGpuCertificate(void *device, void *cert)');
  let settings: KoffiFn | undefined;
  try {
    settings = lib.func('int nvmlSystemGetConfComputeSettings(void *settings)');
  } catch {
    settings = undefined;
  }
  return {
    init: () => init(),
    shutdown: () => shutdown(),
    deviceGetCount: (out) => count(out),
    deviceGetHandleByIndex: (index, out) => handle(index, out),
    systemGetConfComputeState: (buf) => state(buf),
    ...(settings ? { systemGetConfComputeSettings: (buf: Uint8Array) => settings(buf) } : {}),
    deviceGetConfComputeGpuAttestationReport: (device, buf) => offLoop(report, device, buf),
    deviceGetConfComputeGpuCertificate: (device, buf) => offLoop(cert, device, buf),
  };
}
