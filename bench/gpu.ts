/**
 * `npm run bench -- gpu`: NVIDIA GPU evidence verification (report + 5-cert device chain + FWID + nonce + driver and
 * VBIOS RIMs with their 4-cert signer chains + golden-measurement comparison), all in one run:
 * - chrysalis warm: `verifyGpuEvidence` with its cache (device chains and RIMs verified once, cached by digest);
 * - chrysalis cold: a fresh cache on every call (everything re-verified);
 * - straightforward offline verifier: what NVIDIA's local verifier does per report, written plainly in TS with the
 *   usual libraries (@peculiar/x509 + WebCrypto for chains and signatures, xml-crypto C14N for RIMs), nothing cached;
 * - floor: the one ECDSA P-384 verification (node:crypto) every fresh report needs.
 * Timings are medians of interleaved rounds so machine noise hits all alike. Inputs: the real E1 set when
 * ../shared/vectors is present, and SIMULATED devnet evidence (always).
 */
import 'reflect-metadata';
import { createHash, verify as cryptoVerify, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as x509 from '@peculiar/x509';
import { DOMParser } from '@xmldom/xmldom';
import { C14nCanonicalization, findAncestorNs } from 'xml-crypto';
import {
  createGpuVerifyCache,
  gpuCertChainFromPem,
  gpuReportFromHex,
  parseGpuReport,
  verifyGpuEvidence,
  NVIDIA_TRUST_ROOTS,
  type GpuEvidence,
  type GpuTrustRoots,
} from '../attestation/gpu';
import { createDevnetNvidiaPki, simulateGpuEvidence, simulateGpuOcspResponses } from '../devnet';
import { emit } from './report';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

interface Input {
  readonly label: string;
  /** Id segment: `gpu.<key>...` (`e1` = the real H100 evidence, `sim` = SIMULATED devnet evidence). */
  readonly key: string;
  readonly ev: GpuEvidence;
  readonly nonce: Uint8Array;
  readonly now: Date;
  readonly trust: GpuTrustRoots;
  /** The same evidence with OCSP responses (devnet only: no real NVIDIA OCSP responses exist offline). */
  readonly withOcsp?: GpuEvidence;
}

function vectorsDir(): string | undefined {
  const c = [
    process.env['CHRYSALIS_VECTORS_DIR'],
    resolve(process.cwd(), '..', 'shared', 'vectors'),
    resolve(__dirname, '..', '..', '..', 'shared', 'vectors'),
  ];
  return c.find((d): d is string => d !== undefined && existsSync(join(d, 'gpu', 'INDEX.json')));
}

function inputs(): Input[] {
  const out: Input[] = [];
  const dir = vectorsDir();
  if (dir) {
    const g = (p: string) => readFileSync(join(dir, 'gpu', p), 'utf8');
    out.push({
      key: 'e1',
      label: 'real H100 evidence E1 (nvtrust samples-2025 + NVIDIA-signed RIMs 550.90.07 / 96.00.9F.00.01)',
      ev: {
        report: gpuReportFromHex(g('nvidia-nvtrust/samples-2025/hopperAttestationReport.txt')),
        certChain: gpuCertChainFromPem(g('nvidia-nvtrust/samples-2025/hopperCertChain.txt')),
        rims: {
          driver: g('museop-nvgpu-attestation/NV_GPU_DRIVER_GH100_550.90.07.swidtag'),
          vbios: g('museop-nvgpu-attestation/NV_GPU_VBIOS_1010_0200_882_96009F0001.swidtag'),
        },
      },
      nonce: new Uint8Array(Buffer.from('931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb', 'hex')),
      now: new Date('2026-03-01T00:00:00Z'),
      trust: NVIDIA_TRUST_ROOTS,
    });
  }
  const pki = createDevnetNvidiaPki({ seed: 'bench' });
  const nonce = new Uint8Array(32).fill(1);
  const now = new Date('2026-03-01T00:00:00Z');
  const ev = simulateGpuEvidence(pki, { nonce });
  out.push({
    key: 'sim',
    label: 'SIMULATED devnet evidence (same layout, devnet roots)',
    ev,
    nonce,
    now,
    trust: pki.trust,
    withOcsp: { ...ev, ocsp: simulateGpuOcspResponses(pki, { now }) },
  });
  return out;
}

// ---------------- straightforward offline verifier (baseline peer) ----------------
const subtle = webcrypto.subtle;
const ECDSA384 = { name: 'ECDSA', hash: 'SHA-384' } as const;
const P384 = { name: 'ECDSA', namedCurve: 'P-384' } as const;

async function chainOk(certs: x509.X509Certificate[], rootDer: Uint8Array, now: Date): Promise<void> {
  for (let i = 0; i + 1 < certs.length; i++) {
    if (!(await certs[i]!.verify({ publicKey: certs[i + 1]!, signatureOnly: true }))) throw new Error('link');
  }
  const root = new x509.X509Certificate(rootDer);
  const last = certs[certs.length - 1]!;
  if (
    Buffer.compare(Buffer.from(last.rawData), Buffer.from(root.rawData)) !== 0 &&
    !(await last.verify({ publicKey: root, signatureOnly: true }))
  )
    throw new Error('root');
  for (const c of certs) if (now < c.notBefore || now > c.notAfter) throw new Error('time');
}

async function rimOk(xml: string, rootDer: Uint8Array, now: Date): Promise<Map<number, Uint8Array[]>> {
  const DS = 'http://www.w3.org/2000/09/xmldsig#';
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const sig = root.getElementsByTagNameNS(DS, 'Signature')[0]!;
  const signedInfo = sig.getElementsByTagNameNS(DS, 'SignedInfo')[0]!;
  const c14n = new C14nCanonicalization();
  const anc = findAncestorNs(doc as never, "/*/*[local-name()='Signature']/*[local-name()='SignedInfo']");
  const si = c14n.process(signedInfo as never, { ancestorNamespaces: anc });
  const certs = Array.from(sig.getElementsByTagNameNS(DS, 'X509Certificate')).map(
    (e) => new x509.X509Certificate(Buffer.from((e.textContent ?? '').replace(/\s+/g, ''), 'base64')),
  );
  await chainOk(certs, rootDer, now);
  const key = await certs[0]!.publicKey.export(P384, ['verify']);
  const sv = Buffer.from(
    (sig.getElementsByTagNameNS(DS, 'SignatureValue')[0]!.textContent ?? '').replace(/\s+/g, ''),
    'base64',
  );
  if (!(await subtle.verify(ECDSA384, key, sv, Buffer.from(si)))) throw new Error('rim sig');
  const dv = (sig.getElementsByTagNameNS(DS, 'DigestValue')[0]!.textContent ?? '').trim();
  root.removeChild(sig);
  if (
    createHash('sha384')
      .update(c14n.process(root as never, {}))
      .digest('base64') !== dv
  )
    throw new Error('rim digest');
  const golden = new Map<number, Uint8Array[]>();
  for (const r of Array.from(root.getElementsByTagNameNS('*', 'Resource'))) {
    if (r.getAttribute('active') !== 'True') continue;
    const n = Number(r.getAttribute('alternatives'));
    const alts: Uint8Array[] = [];
    for (let i = 0; i < n; i++)
      alts.push(Buffer.from(r.getAttributeNS('http://www.w3.org/2001/04/xmlenc#sha384', `Hash${i}`) ?? '', 'hex'));
    golden.set(Number(r.getAttribute('index')), alts);
  }
  return golden;
}

async function straightforward(inp: Input): Promise<void> {
  const { ev, nonce, now, trust } = inp;
  const p = parseGpuReport(ev.report);
  const certs = ev.certChain.map((d) => new x509.X509Certificate(d));
  await chainOk(certs, trust.deviceRootDer[0]!, now);
  const key = await certs[0]!.publicKey.export(P384, ['verify']);
  if (!(await subtle.verify(ECDSA384, key, p.response.signature, p.signedBytes))) throw new Error('report sig');
  if (Buffer.compare(Buffer.from(p.request.nonce), Buffer.from(nonce)) !== 0) throw new Error('nonce');
  const ext = certs[0]!.getExtension('2.23.133.5.4.1');
  if (
    ext &&
    p.response.opaque.fwid &&
    Buffer.compare(Buffer.from(ext.value).subarray(-48), Buffer.from(p.response.opaque.fwid)) !== 0
  )
    throw new Error('fwid');
  const golden = new Map([
    ...(await rimOk(ev.rims!.driver!, trust.rimRootDer[0]!, now)),
    ...(await rimOk(ev.rims!.vbios!, trust.rimRootDer[0]!, now)),
  ]);
  for (const [i, alts] of golden) {
    if (i === 35 && p.response.opaque.nvdec0Status === 0x55) continue;
    const v = p.blockByIndex.get(i + 1)?.value;
    if (!v || !alts.some((a) => Buffer.compare(Buffer.from(a), Buffer.from(v)) === 0))
      throw new Error(`measurement ${i}`);
  }
}

// ---------------- timing ----------------
async function timeAsync(fn: () => unknown | Promise<unknown>, batchMs: number): Promise<number> {
  let n = 0;
  const t0 = process.hrtime.bigint();
  let el = 0;
  while (el < batchMs) {
    await fn();
    n++;
    el = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return el / n;
}

async function interleaved(
  fns: Readonly<Record<string, () => unknown | Promise<unknown>>>,
  rounds = 7,
  batchMs = 150,
): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (const k of Object.keys(fns)) await fns[k]!();
  for (let r = 0; r < rounds; r++) {
    for (const [k, f] of Object.entries(fns)) (samples[k] ??= []).push(await timeAsync(f, batchMs));
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, med(v)]));
}

const fmt = (ms: number): string => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}x`;

export async function run(): Promise<void> {
  for (const inp of inputs()) {
    const opts = { now: inp.now, nonce: inp.nonce, trust: inp.trust, ocspPolicy: 'allow-missing' as const };
    const warmCache = createGpuVerifyCache();
    const leafKey = new NodeX509(Buffer.from(inp.ev.certChain[0]!)).publicKey;
    const rep = parseGpuReport(inp.ev.report);
    const t = await interleaved({
      floor: () =>
        cryptoVerify('sha384', rep.signedBytes, { key: leafKey, dsaEncoding: 'ieee-p1363' }, rep.response.signature),
      warm: () => verifyGpuEvidence(inp.ev, { ...opts, cache: warmCache }),
      cold: () => verifyGpuEvidence(inp.ev, { ...opts, cache: createGpuVerifyCache() }),
      peer: () => straightforward(inp),
      ...(inp.withOcsp
        ? { ocspWarm: () => verifyGpuEvidence(inp.withOcsp!, { ...opts, ocspPolicy: 'require', cache: warmCache }) }
        : {}),
    });
    const v = verifyGpuEvidence(inp.ev, { ...opts, cache: warmCache });
    const id = `gpu.${inp.key}`;
    emit({ id: `${id}.ecdsa_floor`, value: t['floor']!, unit: 'ms' });
    emit({ id: `${id}.verify.warm`, value: t['warm']!, unit: 'ms', baseline: t['peer']! });
    emit({ id: `${id}.verify.cold`, value: t['cold']!, unit: 'ms', baseline: t['peer']! });
    emit({ id: `${id}.verify.warm_vs_floor`, value: t['warm']!, unit: 'ms', baseline: t['floor']! });
    if (t['ocspWarm'] !== undefined)
      emit({ id: `${id}.verify.warm_ocsp`, value: t['ocspWarm'], unit: 'ms', baseline: t['peer']! });
    emit({ id: `${id}.straightforward`, value: t['peer']!, unit: 'ms' });
    process.stdout.write(
      `\n### ${inp.label}\n\nresult: driver ${v.driverVersion}, VBIOS ${v.vbiosVersion}, measurements matched ${String(v.measurements?.matched)} (${v.measurements?.compared ?? 0} compared)\n\n`,
    );
    process.stdout.write(
      '| verifier | per GPU report | vs ECDSA floor | straightforward / this |\n|---|---|---|---|\n',
    );
    process.stdout.write(
      `| ECDSA P-384 floor (1 verify, node:crypto) | ${fmt(t['floor']!)} | 1.0x | ${ratio(t['peer']!, t['floor']!)} |\n`,
    );
    process.stdout.write(
      `| chrysalis verifyGpuEvidence, warm (cached chains + RIMs) | ${fmt(t['warm']!)} | ${ratio(t['warm']!, t['floor']!)} | ${ratio(t['peer']!, t['warm']!)} |\n`,
    );
    process.stdout.write(
      `| chrysalis verifyGpuEvidence, cold (fresh cache) | ${fmt(t['cold']!)} | ${ratio(t['cold']!, t['floor']!)} | ${ratio(t['peer']!, t['cold']!)} |\n`,
    );
    if (t['ocspWarm'] !== undefined) {
      process.stdout.write(
        `| chrysalis warm + 6 OCSP responses (SIMULATED, cached by digest) | ${fmt(t['ocspWarm'])} | ${ratio(t['ocspWarm'], t['floor']!)} | ${ratio(t['peer']!, t['ocspWarm'])} |\n`,
      );
    }
    process.stdout.write(
      `| straightforward offline verifier (@peculiar/x509 + WebCrypto + xml-crypto C14N, no cache) | ${fmt(t['peer']!)} | ${ratio(t['peer']!, t['floor']!)} | 1.0x |\n`,
    );
    process.stdout.write(
      `\ngoals: warm < 1 ms: ${t['warm']! < 1 ? 'met' : 'NOT met'} (${fmt(t['warm']!)}); cold vs straightforward: ${ratio(t['peer']!, t['cold']!)} faster\n`,
    );
  }
}
