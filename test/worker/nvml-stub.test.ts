/**
 * The NVML binding (koffi) against a stub libnvidia-ml.so built here with the system C compiler from
 * test/worker/nvml-stub.c, answering with the recorded real H100 report and certificate chain (nvtrust
 * samples-2025, whose request nonce INDEX.json records). The collected evidence then verifies with the project's
 * GPU verifier at the recorded clock.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appraiseGpu,
  createGpuVerifyCache,
  gpuReportFromHex,
  verifyGpuEvidence,
  type GpuEvidence,
} from '../../attestation/gpu';
import { createNvidiaGpuProvider, loadNvml } from '../../enclave-runtime/evidence';
import { codeOfAsync, codeOf } from '../helpers/codes';
import { describeVectors, readVector, readVectorJson, vectorPath } from '../helpers/vectors';

const HAVE_CC = spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;
const NO_CC = 'skip: NVML stub tests: no C compiler (`cc`) on PATH (Debian: apt-get install gcc)';
if (!HAVE_CC) process.stderr.write(`${NO_CC}\n`);
const describeCc = HAVE_CC ? describeVectors('gpu') : (name: string) => describe.skip(`${name} (${NO_CC})`, () => {});

interface IndexReport {
  id: string;
  reqNonce: string;
  report: string;
  chain: string;
  driverRimFile: string | null;
  vbiosRimFile: string | null;
  verificationClock?: string;
}

type Fn = (...a: unknown[]) => unknown;
type Collected = Awaited<ReturnType<ReturnType<typeof createNvidiaGpuProvider>['getEvidence']>>;
/** The bundle's evidence as the verifier takes it. */
const asVerifierInput = (ev: Collected): GpuEvidence => ({
  report: ev.report,
  certChain: [...ev.certChain],
  ...(ev.rims ? { rims: { ...ev.rims } } : {}),
  ...(ev.ocsp ? { ocsp: [...ev.ocsp] } : {}),
});
type Control = Record<'files' | 'state' | 'fail' | 'inits' | 'lastNonce', Fn>;

describeCc('NVML binding over a stub libnvidia-ml.so replaying a recorded H100', () => {
  const rec = readVectorJson<{ reports: IndexReport[] }>('gpu', 'INDEX.json').reports.find(
    (r) => r.id === 'nvtrust/samples-2025',
  )!;
  const nonce = new Uint8Array(Buffer.from(rec.reqNonce, 'hex'));
  const now = new Date(rec.verificationClock!);
  const dir = mkdtempSync(join(tmpdir(), 'nvml-stub-'));
  const lib = (name: string, ...defs: string[]): string => {
    const out = join(dir, name);
    const src = join(__dirname, 'nvml-stub.c');
    const cc = spawnSync('cc', ['-shared', '-fPIC', ...defs.map((d) => `-D${d}`), '-o', out, src], {
      encoding: 'utf8',
    });
    if (cc.status !== 0) throw new Error(`cc failed: ${cc.stderr}`);
    return out;
  };
  let so = '';
  let reportFile = '';
  let ctl: Control;
  /** The stub's test controls, bound in the same library instance NVML calls go to. */
  const control = (path: string): Control => {
    const koffi = require('koffi') as { load(p: string): { func(proto: string): Fn } };
    const l = koffi.load(path);
    const c = {
      files: l.func('void nvmlStubSetFiles(const char *report, const char *chain)'),
      state: l.func('void nvmlStubSetState(int cc, int dev, int env, int n)'),
      fail: l.func('void nvmlStubFail(const char *name, int code)'),
      inits: l.func('int nvmlStubInitCount()'),
      lastNonce: l.func('void nvmlStubLastNonce(void *out)'),
    };
    c.files(reportFile, vectorPath('gpu', ...rec.chain.split('/')));
    return c;
  };

  beforeAll(() => {
    so = lib('libnvidia-ml.so');
    reportFile = join(dir, 'report.bin');
    writeFileSync(reportFile, gpuReportFromHex(readVector('gpu', ...rec.report.split('/')).toString('utf8')));
    ctl = control(so);
  });
  beforeEach(() => {
    ctl.state(1, 0, 2, 1);
    ctl.fail('', 0);
  });

  test('collects the recorded report and chain, which verify under a policy without RIMs or OCSP', async () => {
    const ev = await createNvidiaGpuProvider({ libraryPath: so, count: 1 }).getEvidence(nonce, 0);
    const seen = new Uint8Array(32);
    ctl.lastNonce(seen);
    expect(Buffer.from(seen).toString('hex')).toBe(rec.reqNonce);
    expect(ctl.inits()).toBe(0);
    expect(ev.certChain).toHaveLength(5);
    const v = verifyGpuEvidence(asVerifierInput(ev), {
      now,
      nonce,
      ocspPolicy: 'allow-missing',
      cache: createGpuVerifyCache(),
    });
    expect(v.driverVersion).toBe('550.90.07');
    expect(v.device.model).toBe('GH100');
    expect(() => appraiseGpu(v, { requireMeasurementsMatch: false, requireDevtoolsOff: false })).not.toThrow();
    // The default policy wants RIM-matched measurements (devtools proven off): report + chain alone is not enough.
    expect(codeOf(() => appraiseGpu(v, {}))).toMatch(/^GPU_POLICY_/);
  });

  test('with a collateral source giving the recorded RIMs, the measurements match under the default GPU policy', async () => {
    if (!rec.driverRimFile || !rec.vbiosRimFile) throw new Error('INDEX.json lost the RIMs of nvtrust/samples-2025');
    const rims = {
      driver: readVector('gpu', ...rec.driverRimFile.split('/')).toString('utf8'),
      vbios: readVector('gpu', ...rec.vbiosRimFile.split('/')).toString('utf8'),
    };
    const collateral = { collateralFor: () => Promise.resolve({ rims, ocsp: [] }) };
    const ev = await createNvidiaGpuProvider({ libraryPath: so, count: 1, collateral }).getEvidence(nonce, 0);
    const v = verifyGpuEvidence(asVerifierInput(ev), {
      now,
      nonce,
      ocspPolicy: 'allow-missing',
      cache: createGpuVerifyCache(),
    });
    expect(v.measurements?.matched).toBe(true);
    expect(() => appraiseGpu(v, {})).not.toThrow();
  });

  test('another nonce: the stub replays the recorded report, the collector refuses it', async () => {
    const p = createNvidiaGpuProvider({ libraryPath: so, count: 1 });
    expect(await codeOfAsync(p.getEvidence(new Uint8Array(32).fill(7), 0))).toBe('GPU_NVML_NONCE_MISMATCH');
    expect(ctl.inits()).toBe(0);
  });

  test('CC off, devtools on, a missing GPU, and failing NVML calls through the native binding', async () => {
    const p = createNvidiaGpuProvider({ libraryPath: so, count: 2 });
    ctl.state(0, 0, 2, 1);
    expect(await codeOfAsync(p.getEvidence(nonce, 0))).toBe('GPU_NVML_CC_OFF');
    ctl.state(1, 1, 2, 1);
    expect(await codeOfAsync(p.getEvidence(nonce, 0))).toBe('GPU_NVML_DEVTOOLS_ON');
    ctl.state(1, 0, 2, 1);
    expect(await codeOfAsync(p.getEvidence(nonce, 1))).toBe('GPU_NVML_DEVICE_NOT_FOUND');
    for (const [call, code] of [
      ['nvmlInit_v2', 'GPU_NVML_INIT_FAILED'],
      ['nvmlSystemGetConfComputeSettings', 'GPU_NVML_QUERY_FAILED'],
      ['nvmlDeviceGetConfComputeGpuAttestationReport', 'GPU_NVML_REPORT_FAILED'],
      ['nvmlDeviceGetConfComputeGpuCertificate', 'GPU_NVML_CERT_FAILED'],
    ]) {
      ctl.fail(call, 15); // NVML_ERROR_GPU_IS_LOST
      const err = await p.getEvidence(nonce, 0).catch((e: unknown) => e as { code: string; details: unknown });
      expect(err).toMatchObject({ code, details: { call, nvmlReturn: 15, nvmlError: 'NVML_ERROR_GPU_IS_LOST' } });
    }
    expect(ctl.inits()).toBe(0);
  });

  test('a driver without the settings query still collects; a library lacking an entry point is refused', async () => {
    const oldSo = lib('old.so', 'NVML_STUB_OMIT_SETTINGS');
    control(oldSo);
    const ev = await createNvidiaGpuProvider({ libraryPath: oldSo, count: 1 }).getEvidence(nonce, 0);
    expect(ev.certChain).toHaveLength(5);
    expect(codeOf(() => loadNvml(lib('broken.so', 'NVML_STUB_OMIT_CERT')))).toBe('GPU_NVML_LIBRARY_MISSING');
    expect(codeOf(() => loadNvml(join(dir, 'absent.so')))).toBe('GPU_NVML_LIBRARY_MISSING');
    const absent = createNvidiaGpuProvider({ libraryPath: join(dir, 'absent.so'), count: 1 });
    expect(await codeOfAsync(absent.getEvidence(nonce, 0))).toBe('GPU_NVML_LIBRARY_MISSING');
  });
});
