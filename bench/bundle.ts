/**
 * Whole-bundle verification (TDX quote + GPU evidence + binding + RTMR3 replay + appraisal), cold and warm, against
 * the bare signature verifications the bundle needs, measured in the same run:
 *   floor = quote ECDSA P-256 + QE report ECDSA P-256 + GPU report ECDSA P-384 (node:crypto, keys pre-imported).
 * Cold: every cache emptied before each verification (collateral, chains, RIMs). Warm: caches filled.
 * Bundles are SIMULATED (devnet PKIs), built like a devnet worker builds them.
 */
import 'reflect-metadata';
import { createHash, createPublicKey, randomBytes, verify as nodeVerify, X509Certificate } from 'node:crypto';
import { createDevnetIntelPki, simulateTdxQuote } from '../devnet/intel';
import { createGpuVerifyCache, parseGpuReport } from '../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence } from '../devnet';
import { buildBundle, verifyBundle, type VerifyBundleOptions, type RuntimeEventRecord } from '../attestation/bundle';
import { imageId, platformId } from '../attestation/policy';
import { replayRuntimeLog } from '../attestation/eventlog';
import { parseQuote, clearQuoteVerifierCaches } from '../attestation/tdx';
import { emit } from './report';

const mr = (l: string): Uint8Array => new Uint8Array(createHash('sha384').update(l).digest());

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(fn: () => void, n: number): number {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(out);
}
const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

export async function run(): Promise<void> {
  const now = new Date('2025-06-10T00:00:00Z');
  const intel = createDevnetIntelPki({ seed: 'bench-bundle', issuedAt: new Date('2025-06-01T00:00:00Z') });
  const nvidia = createDevnetNvidiaPki({ seed: 'bench-bundle' });
  const tdAttributes = new Uint8Array(8);
  tdAttributes[3] = 0x10;
  const fields = {
    mrtd: mr('a'),
    rtmr0: mr('b'),
    rtmr1: mr('c'),
    rtmr2: mr('d'),
    mrconfigid: new Uint8Array(48),
    mrowner: new Uint8Array(48),
    mrownerconfig: new Uint8Array(48),
    tdAttributes,
  };
  const modelId = new Uint8Array(createHash('sha256').update('m').digest());
  const cfg = new Uint8Array(createHash('sha256').update('c').digest());
  const events: RuntimeEventRecord[] = [
    { version: 1, name: 'chrysalis.config.v1', payload: cfg, instanceSpecific: false },
    { version: 1, name: 'chrysalis.model.v1', payload: modelId, instanceSpecific: false },
    { version: 1, name: 'chrysalis.ready.v1', payload: new Uint8Array(0), instanceSpecific: false },
  ];
  const rtmr3 = replayRuntimeLog(
    events.map((e) => ({ version: 1 as const, name: e.name, payload: e.payload, kind: 'deterministic' as const })),
  );
  const rows: string[] = [];
  for (const gpus of [1, 8]) {
    const built = await buildBundle({
      hpkePublicKey: new Uint8Array(randomBytes(32)),
      signingPublicKey: new Uint8Array(randomBytes(32)),
      challenge: new Uint8Array(randomBytes(32)),
      modelId,
      imageId: Buffer.from(imageId(fields as never), 'hex'),
      platformId: Buffer.from(platformId(fields as never), 'hex'),
      configDigest: cfg,
      promptPriceNano: 1000n,
      completionPriceNano: 2000n,
      issuedAt: now,
      quoteSource: { getQuote: async (reportData) => simulateTdxQuote(intel, { ...fields, rtmr3, reportData }) },
      gpuSource: {
        count: gpus,
        getEvidence: async (nonce, index) => simulateGpuEvidence(nvidia, { nonce, device: index }),
      }, // distinct devices
      runtimeEvents: events,
      tdxCollateralJson: JSON.stringify(intel.collateralJson()),
    });
    const opts: VerifyBundleOptions = {
      now,
      trust: { intel: { intelRootCaDer: [intel.rootCaDer] }, nvidia: nvidia.trust },
      registry: {
        imageIds: [imageId(fields as never)],
        platformIds: [platformId(fields as never)],
        modelIds: [Buffer.from(modelId).toString('hex')],
      },
      policy: { quote: { allowedRoots: [createHash('sha256').update(intel.rootCaDer).digest('hex')] } },
    };
    // The signature floor, measured in the same run.
    const q = parseQuote(built.bundle.tdxQuote);
    const ak = q.signatureData.attestationKey;
    const akKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: Buffer.from(ak.subarray(0, 32)).toString('base64url'),
        y: Buffer.from(ak.subarray(32)).toString('base64url'),
      },
      format: 'jwk',
    });
    const pck = new X509Certificate(Buffer.from(q.signatureData.pckChain[0]!)).publicKey;
    const g0 = built.bundle.gpus[0]!;
    const leaf = new X509Certificate(Buffer.from(g0.certChain[0]!)).publicKey;
    const rep = parseGpuReport(g0.report);
    const gpuSigned = rep.signedBytes;
    const gpuSig = rep.bytes.subarray(rep.signatureOffset);
    const floorOnce = (): void => {
      nodeVerify('sha256', q.signedBytes, { key: akKey, dsaEncoding: 'ieee-p1363' }, q.signatureData.signature);
      nodeVerify(
        'sha256',
        q.signatureData.qeReport.raw,
        { key: pck, dsaEncoding: 'ieee-p1363' },
        q.signatureData.qeReportSignature,
      );
      for (let i = 0; i < gpus; i++) nodeVerify('sha384', gpuSigned, { key: leaf, dsaEncoding: 'ieee-p1363' }, gpuSig);
    };
    const warmCache = createGpuVerifyCache();
    verifyBundle(built.encoded, { ...opts, gpuCache: warmCache });
    const n = gpus === 1 ? 200 : 50;
    const floor = time(floorOnce, n);
    const warm = time(() => verifyBundle(built.encoded, { ...opts, gpuCache: warmCache }), n);
    const cold = time(
      () => {
        clearQuoteVerifierCaches();
        verifyBundle(built.encoded, { ...opts, gpuCache: createGpuVerifyCache() });
      },
      Math.max(10, n / 10),
    );
    const id = `bundle.gpus${gpus}`;
    emit({ id: `${id}.signature_floor`, value: floor, unit: 'ms' });
    emit({ id: `${id}.verify.warm`, value: warm, unit: 'ms', baseline: floor });
    emit({ id: `${id}.verify.cold`, value: cold, unit: 'ms', baseline: floor });
    rows.push(
      `| ${gpus} GPU${gpus > 1 ? 's' : ''} (${(built.encoded.length / 1024).toFixed(0)} KiB) | ${fmt(floor)} | ${fmt(warm)} (${(warm / floor).toFixed(2)}x floor) | ${fmt(cold)} (${(cold / floor).toFixed(1)}x floor) |`,
    );
  }
  process.stdout.write(
    'whole-bundle verification (verifyBundle), median; floor = the bare ECDSA verifications the bundle needs\n\n',
  );
  process.stdout.write('| bundle | signature floor | warm | cold (all caches emptied) |\n|---|---|---|---|\n');
  process.stdout.write(`${rows.join('\n')}\n`);
}

if (require.main === module) void run();
