import { describeVectors, readVectorJson } from '../helpers/vectors';
import {
  gpuCertChainFromPem,
  createGpuVerifyCache,
  gpuReportFromHex,
  GPU_OPAQUE_FIELD,
  parseGpuReport,
  verifyGpuEvidence,
  gpuViolations,
  parseNvatEvidenceJson,
  type GpuEvidence,
} from '../../attestation/gpu';
import { chain, codeOf, E1, GPU, hex, readText, report } from './helpers';
import { readFileSync } from 'node:fs';

interface ReportFact {
  id: string;
  len: number;
  reqNonce: string;
  driver: string;
  vbios: string;
  sigOk: boolean;
  chainAnchored: boolean;
  fwidMatch: boolean | string;
  trailing: number;
  report?: string;
  chain?: string;
  opaqueLen: number;
  sigOffset: number;
}

/** Evidence of one INDEX report (plain files or entry n of an NVAT evidence array). */
function load(r: ReportFact): { report: Uint8Array; certChain: Uint8Array[] } {
  if (r.report && r.chain) return { report: report(r.report), certChain: chain(r.chain) };
  const [file, n] = r.id.split('#') as [string, string];
  const arr = JSON.parse(readFileSync(GPU(file), 'utf8')) as { evidence: string; certificate: string }[];
  const e = arr[Number(n)]!;
  let bytes = Buffer.from(e.evidence, 'base64');
  if (bytes.subarray(0, 8).toString('latin1') === '11e001ff') bytes = Buffer.from(bytes.toString('latin1'), 'hex');
  return {
    report: new Uint8Array(bytes),
    certChain: gpuCertChainFromPem(Buffer.from(e.certificate, 'base64').toString('utf8')),
  };
}

const facts = (): ReportFact[] => readVectorJson<{ reports: ReportFact[] }>('gpu', 'INDEX.json').reports;
const NOW = E1.now;

describeVectors('gpu')('GPU report vectors (INDEX.json)', () => {
  it('parses every report as INDEX.json describes', () => {
    for (const r of facts()) {
      const ev = load(r);
      if (r.trailing > 0) {
        expect(codeOf(() => parseGpuReport(ev.report))).toBe('GPU_REPORT_TRAILING_BYTES');
        const p = parseGpuReport(ev.report.subarray(0, ev.report.length - r.trailing));
        expect(p.signatureOffset).toBe(r.sigOffset);
        continue;
      }
      const p = parseGpuReport(ev.report);
      expect([r.id, p.bytes.length]).toEqual([r.id, r.len]);
      expect(p.signatureOffset).toBe(r.sigOffset);
      expect(p.response.opaqueRaw.length).toBe(r.opaqueLen);
      expect(Buffer.from(p.request.nonce).toString('hex')).toBe(r.reqNonce);
      expect(p.response.opaque.driverVersion).toBe(r.driver);
      expect(p.response.opaque.vbiosVersion).toBe(r.vbios);
      expect(p.response.blocks).toHaveLength(64);
    }
  });

  it('verifies signature, chain, nonce and FWID of every positive report; rejects the negative one', () => {
    const cache = createGpuVerifyCache();
    for (const r of facts()) {
      const ev = load(r);
      const bytes = r.trailing > 0 ? ev.report.subarray(0, ev.report.length - r.trailing) : ev.report;
      const run = () =>
        verifyGpuEvidence(
          { report: bytes, certChain: ev.certChain },
          { now: NOW, nonce: hex(r.reqNonce), ocspPolicy: 'allow-missing', cache },
        );
      if (!r.sigOk) {
        expect([r.id, codeOf(run)]).toEqual([r.id, 'GPU_REPORT_SIGNATURE_INVALID']);
        continue;
      }
      const v = run();
      expect(v.driverVersion).toBe(r.driver);
      expect(v.device.fwidChecked).toBe(r.fwidMatch !== 'no-fwid-field');
      expect(v.device.model).toBe(r.id.includes('blackwell') ? 'GB100' : 'GH100');
    }
  });

  it('the trailing-byte report (trustee) is a typed error, not a signature failure', () => {
    const ev = {
      report: report('coco-trustee/hopper_coco_report1.txt'),
      certChain: chain('coco-trustee/hopper_coco_certs1.txt'),
    };
    const nonce = hex('87d8e24ab336adafe228d49e83d745f6dba4ae505372b6a5704820856b343fec');
    expect(codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce, ocspPolicy: 'allow-missing' }))).toBe(
      'GPU_REPORT_TRAILING_BYTES',
    );
  });

  it('matches NVIDIA expected parse (spdm_parsed_output.json / spdm_req_parsed_output.json)', () => {
    const p = parseGpuReport(report('nvidia-attestation-sdk/unit-tests/hopperAttestationReport.txt'));
    const want = readVectorJson<{
      NumberOfBlocks: number;
      MeasurementRecordLength: number;
      Nonce: string;
      OpaqueLength: number;
      Signature: string;
      MeasurementRecord: {
        MeasurementBlocks: Record<
          string,
          {
            DMTFSpecMeasurementValueType: number;
            DMTFSpecMeasurementValueSize: number;
            DMTFSpecMeasurementValue: string;
          }
        >;
      };
      OpaqueData: { OpaqueDataField: Record<string, string | number[]> };
    }>('gpu', 'nvidia-attestation-sdk', 'unit-tests', 'spdm_parsed_output.json');
    const req = readVectorJson<{ Nonce: string; Param1: string; Param2: string; SlotIDParam: string }>(
      'gpu',
      'nvidia-attestation-sdk',
      'unit-tests',
      'spdm_req_parsed_output.json',
    );
    const h = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
    expect(h(p.request.nonce)).toBe(req.Nonce);
    expect(p.request.param1).toBe(Number(req.Param1));
    expect(p.request.param2).toBe(Number(req.Param2));
    expect(p.request.slotId).toBe(Number(req.SlotIDParam));
    expect(p.response.blocks).toHaveLength(want.NumberOfBlocks);
    expect(h(p.response.responderNonce)).toBe(want.Nonce);
    expect(p.response.opaqueRaw.length).toBe(want.OpaqueLength);
    expect(h(p.response.signature)).toBe(want.Signature);
    for (const [idx, b] of Object.entries(want.MeasurementRecord.MeasurementBlocks)) {
      const mine = p.blockByIndex.get(Number(idx))!;
      expect(mine.valueType).toBe(b.DMTFSpecMeasurementValueType);
      expect(mine.value.length).toBe(b.DMTFSpecMeasurementValueSize);
      expect(h(mine.value)).toBe(b.DMTFSpecMeasurementValue);
    }
    const byName: Record<string, number> = Object.fromEntries(
      Object.entries(GPU_OPAQUE_FIELD).map(([k, v]) => [`OPAQUE_FIELD_ID_${k}`, v]),
    );
    for (const [name, value] of Object.entries(want.OpaqueData.OpaqueDataField)) {
      const type = byName[name]!;
      const f = p.response.opaque.fields.find((x) => x.type === type)!;
      if (Array.isArray(value)) expect(p.response.opaque.measurementCounts).toEqual(value);
      else expect(h(f.value)).toBe(value);
    }
  });

  it('matches trustee claims for E1 (config and measurements)', () => {
    const p = parseGpuReport(report(E1.report));
    const c = JSON.parse(readText('coco-trustee/hopperAttestationReport-claims.txt')) as {
      config: Record<string, string>;
      measurements: Record<string, string>;
    };
    const o = p.response.opaque;
    expect(o.driverVersion).toBe(c.config.driver_version);
    expect(o.vbiosVersion?.toLowerCase()).toBe(c.config.vbios_version);
    expect(o.chipSku).toBe(c.config.chip_sku);
    expect(o.project).toBe(c.config.project);
    expect(o.projectSku).toBe(c.config.project_sku);
    expect(Buffer.from(o.fwid!).toString('hex')).toBe(c.config.fwid);
    expect(o.nvdec0Status).toBe(0x55);
    for (const [idx, value] of Object.entries(c.measurements)) {
      expect(Buffer.from(p.blockByIndex.get(Number(idx))!.value).toString('hex')).toBe(value);
    }
  });

  it('negative chains are rejected with chain codes', () => {
    const r = report(E1.report);
    const nonce = hex(E1.nonce);
    const run = (c: Uint8Array[]) =>
      codeOf(() => verifyGpuEvidence({ report: r, certChain: c }, { now: NOW, nonce, ocspPolicy: 'allow-missing' }));
    expect(run(chain('coco-trustee/hopper_cert_chain_case2.txt'))).toBe('GPU_CERT_CHAIN_LENGTH');
    expect(run(chain('coco-trustee/hopper_cert_chain_case3.txt'))).toBe('GPU_CERT_CHAIN_LENGTH');
    expect(run(chain('coco-trustee/hopper_cert_chain_case4.txt'))).toBe('GPU_CERT_CHAIN_LENGTH');
    const bad = chain('confidentsecurity-go-nvtrust/invalidCertChain.txt');
    expect(['GPU_CERT_CHAIN_BROKEN', 'GPU_CERT_CHAIN_LENGTH', 'GPU_CERT_CHAIN_MALFORMED']).toContain(run(bad));
    // Same length, wrong device: chain of another GPU (signature must fail).
    expect(run(chain('nvidia-attestation-sdk/unit-tests/hopperCertChain.txt'))).toBe('GPU_REPORT_SIGNATURE_INVALID');
    // Without the pinned root in trust: untrusted.
    const e1 = chain(E1.chain);
    const other = { deviceRootDer: [e1[3]!.slice()], rimRootDer: [] };
    expect(
      codeOf(() =>
        verifyGpuEvidence(
          { report: r, certChain: e1 },
          {
            now: NOW,
            nonce,
            trust: { ...other, deviceRootDer: [chain('nvidia-nvtrust/certs/verifier_RIM_root.pem')[0]!] },
            ocspPolicy: 'allow-missing',
          },
        ),
      ),
    ).toBe('GPU_CERT_CHAIN_UNTRUSTED');
  });

  it('accepts the re-issued root (same key) as anchor', () => {
    const r = report(E1.report);
    const root = chain('museop-nvgpu-attestation/Root-CA-L1B.pem');
    const v = verifyGpuEvidence(
      { report: r, certChain: chain(E1.chain) },
      { now: NOW, nonce: hex(E1.nonce), trust: { deviceRootDer: root, rimRootDer: [] }, ocspPolicy: 'allow-missing' },
    );
    expect(v.device.anchorSpkiSha256).toBe('a90c4eb5acfd3e3d03a25db6a26b84f720ad0503196c627c21ddd48dd85b06a4');
  });

  it('wrong nonce, and production roots without OCSP, are rejected', () => {
    const ev: GpuEvidence = { report: report(E1.report), certChain: chain(E1.chain) };
    const wrong = hex(E1.nonce);
    wrong[0] = wrong[0]! ^ 1;
    expect(codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce: wrong, ocspPolicy: 'allow-missing' }))).toBe(
      'GPU_NONCE_MISMATCH',
    );
    expect(codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce: hex(E1.nonce) }))).toBe('GPU_OCSP_MISSING');
    expect(
      codeOf(() => verifyGpuEvidence(ev, { now: NOW, nonce: new Uint8Array(31), ocspPolicy: 'allow-missing' })),
    ).toBe('GPU_NONCE_INVALID');
  });

  it('hex reader rejects non-hex text', () => {
    expect(codeOf(() => gpuReportFromHex('11e0zz'))).toBe('GPU_REPORT_HEX_INVALID');
  });

  it('swapping the chains of two GPUs of a multi-GPU array is rejected', () => {
    const all = facts();
    const a = all.find((r) => r.id.endsWith('multi_gpu_hopper.json#0'))!;
    const b = all.find((r) => r.id.endsWith('multi_gpu_hopper.json#1'))!;
    const ea = load(a);
    const eb = load(b);
    const run = () =>
      verifyGpuEvidence(
        { report: ea.report, certChain: eb.certChain },
        { now: NOW, nonce: hex(a.reqNonce), ocspPolicy: 'allow-missing' },
      );
    expect(codeOf(run)).toBe('GPU_REPORT_SIGNATURE_INVALID');
  });

  it('the E1 complete set is rejected once the driver RIM signer has expired', () => {
    const ev = {
      report: report(E1.report),
      certChain: chain(E1.chain),
      rims: { driver: readText(E1.driverRim), vbios: readText(E1.vbiosRim) },
    };
    const opts = { nonce: hex(E1.nonce), ocspPolicy: 'allow-missing' as const };
    expect(codeOf(() => verifyGpuEvidence(ev, { ...opts, now: new Date('2026-07-01T00:00:00Z') }))).toBe(
      'GPU_RIM_CERT_EXPIRED',
    );
    expect(codeOf(() => verifyGpuEvidence(ev, { ...opts, now: new Date('2025-12-01T00:00:00Z') }))).toBe(
      'GPU_RIM_CERT_EXPIRED',
    );
  });

  it('truncated certificates are typed errors', () => {
    const c = chain(E1.chain);
    for (const n of [0, 1, 10, 100, c[0]!.length - 1]) {
      const t = c.map((d, i) => (i === 0 ? d.subarray(0, n) : d));
      expect(
        codeOf(() =>
          verifyGpuEvidence(
            { report: report(E1.report), certChain: t },
            { now: NOW, nonce: hex(E1.nonce), ocspPolicy: 'allow-missing' },
          ),
        ),
      ).toBe('GPU_CERT_CHAIN_MALFORMED');
    }
  });

  it('NVAT evidence arrays: all 8 PPCIe GPUs verify; PPCIe is rejected by the default policy', () => {
    const entries = parseNvatEvidenceJson(readText('nvidia-nvtrust/ppcie/gpu_evidence.json'));
    expect(entries).toHaveLength(8);
    const ids = new Set<string>();
    const spkis = new Set<string>(); // verifyBundle's BUNDLE_GPU_DUPLICATE_DEVICE keys: distinct on real 8-GPU hardware
    for (const e of entries) {
      const v = verifyGpuEvidence(e.evidence, { now: NOW, nonce: e.nonce, ocspPolicy: 'allow-missing' });
      expect(v.mode.featureMode).toBe('PPCIE');
      ids.add(v.device.ueid);
      spkis.add(v.device.leafSpkiSha256);
      expect(
        gpuViolations(v, { requireMeasurementsMatch: false, requireDevtoolsOff: false }).map((x) => x.code),
      ).toEqual(['GPU_POLICY_PPCIE_NOT_ALLOWED']);
      expect(
        gpuViolations(v, { requireMeasurementsMatch: false, requireDevtoolsOff: false, allowPpcie: true }),
      ).toEqual([]);
    }
    expect(ids.size).toBe(8);
    expect(spkis.size).toBe(8);
  });
});
