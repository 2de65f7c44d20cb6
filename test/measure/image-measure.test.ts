import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describeVectors, readVector } from '../helpers/vectors';
import { run, parseMemorySize, formatMeasureReport, withIdentities } from '../../cli/image';
import {
  authenticodeSha384,
  patchKernelSetupHeader,
  predictMeasurements,
  qemuPatchesKernel,
  qemuPageOrder,
  loadOptionsDigest,
  MeasureError,
} from '../../attestation/measure';
import { foldDigests } from '../../attestation/eventlog';
import { imageId, platformId } from '../../attestation/policy/identity';
import { capture as captureOutput } from '../cli/helpers';

const sha384 = (b: Uint8Array) => new Uint8Array(createHash('sha384').update(b).digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await captureOutput(() => run(argv));
  return { code: r.code, out: r.stdout, err: r.stderr };
}

/** The aleph synthetic PE with a Linux boot-protocol header written into it (protocol 2.15, LOADED_HIGH). */
function syntheticBzImage(): Uint8Array {
  const k = new Uint8Array(readVector('eventlog', 'aleph-vm/derived/synthetic-pe.bin'));
  const dv = new DataView(k.buffer);
  dv.setUint32(0x202, 0x53726448, true); // "HdrS"
  dv.setUint16(0x206, 0x020f, true);
  k[0x211] = 0x01;
  dv.setUint32(0x22c, 0x7fffffff, true);
  dv.setUint16(0x236, 0x0000, true);
  return k;
}

describe('image measure: argument handling', () => {
  it('parses memory sizes', () => {
    expect(parseMemorySize('2G')).toBe(0x80000000n);
    expect(parseMemorySize('2048M')).toBe(0x80000000n);
    expect(parseMemorySize('0x80000000')).toBe(0x80000000n);
    expect(parseMemorySize('17179869184')).toBe(16n << 30n);
    expect(parseMemorySize('64GiB')).toBe(64n << 30n);
    expect(() => parseMemorySize('2.5G')).toThrow();
    expect(() => parseMemorySize('100')).toThrow();
  });
  it('usage errors exit 2, unreadable artefacts 3', async () => {
    expect((await capture([])).code).toBe(2);
    expect((await capture(['--ovmf', 'x'])).code).toBe(2);
    expect((await capture(['--bogus'])).code).toBe(2);
    expect((await capture(['--help'])).code).toBe(0);
    const all = [
      '--ovmf',
      '/nonexistent',
      '--kernel',
      'k',
      '--initrd',
      'i',
      '--cmdline',
      'c',
      '--memory',
      '2G',
      '--cpus',
      '2',
    ];
    expect((await capture(all)).code).toBe(3);
    expect((await capture([...all, '--load-options-form', 'middle'])).code).toBe(2);
  });
  it('QEMU version effects', () => {
    expect(qemuPatchesKernel('8.2.2')).toBe(true);
    expect(qemuPatchesKernel('10.1.0')).toBe(true);
    expect(qemuPatchesKernel('10.2.0')).toBe(false);
    expect(qemuPageOrder('8.2.2')).toBe('two-pass');
    expect(qemuPageOrder('9.2.1')).toBe('single-pass');
    expect(() => qemuPageOrder('7.2.0')).toThrow(MeasureError);
  });
});

describeVectors('eventlog')('image measure: synthetic artefacts', () => {
  let dir: string;
  let files: Record<string, string>;
  const initrd = new Uint8Array(5000).map((_, i) => (i * 31) & 0xff);
  const acpiBlobs = {
    'table-loader': new Uint8Array([1, 2, 3]),
    rsdp: new Uint8Array([4, 5]),
    tables: new Uint8Array([6, 7, 8, 9]),
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-measure-'));
    files = {
      ovmf: join(dir, 'OVMF.fd'),
      kernel: join(dir, 'bzImage'),
      initrd: join(dir, 'initrd'),
      acpi: join(dir, 'acpi'),
    };
    writeFileSync(files['ovmf']!, readVector('eventlog', 'aleph-vm/derived/synthetic-tdvf.bin'));
    writeFileSync(files['kernel']!, syntheticBzImage());
    writeFileSync(files['initrd']!, initrd);
    mkdirSync(files['acpi']!);
    for (const [n, b] of Object.entries(acpiBlobs)) writeFileSync(join(files['acpi']!, n), b);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const argv = (extra: string[] = []) => [
    '--ovmf',
    files['ovmf']!,
    '--kernel',
    files['kernel']!,
    '--initrd',
    files['initrd']!,
    '--cmdline',
    'console=hvc0 root=/dev/mapper/root roothash=00ff',
    '--memory',
    '16G',
    '--cpus',
    '8',
    ...extra,
  ];

  it('the QEMU <= 10.1 header patch changes RTMR1; memory matters only below 0xB0000000 except at 2 GiB', () => {
    const k = syntheticBzImage();
    const ac = (mem: bigint) => hex(authenticodeSha384(patchKernelSetupHeader(k, mem, initrd.length)));
    expect(ac(2n << 30n)).toBe(ac(16n << 30n));
    expect(ac(1n << 30n)).not.toBe(ac(16n << 30n));
    expect(hex(authenticodeSha384(k))).not.toBe(ac(16n << 30n));
    const p = patchKernelSetupHeader(k, 16n << 30n, initrd.length);
    const dv = new DataView(p.buffer);
    expect(p[0x210]).toBe(0xb0);
    expect(p[0x211]! & 0x80).toBe(0x80);
    expect(dv.getUint32(0x228, true)).toBe(0x20000);
    expect(dv.getUint16(0x224, true)).toBe(0xfe00);
    expect(dv.getUint32(0x21c, true)).toBe(initrd.length);
    expect(dv.getUint32(0x218, true)).toBe(Math.floor((0x80000000 - 0x28000 - 1 - initrd.length) / 4096) * 4096);
    expect(() =>
      patchKernelSetupHeader(
        new Uint8Array(readVector('eventlog', 'aleph-vm/derived/synthetic-pe.bin')),
        1n << 30n,
        undefined,
      ),
    ).toThrow(MeasureError);
  });

  it('--json: registers equal an independent fold of the documented events; ids use the policy encoding', async () => {
    const r = await capture(argv(['--acpi', files['acpi']!, '--qemu-version', '10.2.0', '--json']));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, any>;
    expect(j['mrtd']['value']).toBe(
      '168f5582b72265ed01aad1edd402f5d096c12d95385b5f38959b5cc8c128e6efe6e13e854e211a1ee4e4a4eeafa36fa6',
    );
    const kernelAc = authenticodeSha384(syntheticBzImage()); // 10.2: no header patch
    const tail = [
      '77a0dab2312b4e1e57a84d865a21e5b2ee8d677a21012ada819d0a98988078d3d740f6346bfe0abaa938ca20439a8d71',
      '394341b7182cd227c5c6b07ef8000cdfd86136c4292b8e576573ad7ed9ae41019f5818b4b971c9effc60e1ad9f1289f0',
      '214b0bef1379756011344877743fdc2a5382bac6e70362d624ccf3f654407c1b4badf7d8f9295dd3dabdef65b27677e0',
      '0a2e01c85deae718a530ad8c6d20a84009babe6c8989269e950d8cf440c6e997695e64d455c4174a652cd080f6230b74',
    ].map((h) => new Uint8Array(Buffer.from(h, 'hex')));
    const rtmr1 = foldDigests([kernelAc, ...tail]);
    expect(j['rtmr1']['value']).toBe(hex(rtmr1));
    const lo = loadOptionsDigest('console=hvc0 root=/dev/mapper/root roothash=00ff', true, 'suffix');
    const rtmr2 = foldDigests([lo, sha384(initrd)]);
    expect(j['rtmr2']['value']).toBe(hex(rtmr2));
    expect(j['rtmr0']['events'].map((e: { name: string }) => e.name)).toEqual([
      'TdxTable',
      'CFV',
      'SecureBoot',
      'PK',
      'KEK',
      'db',
      'dbx',
      'separator',
      'acpi-loader',
      'acpi-rsdp',
      'acpi-tables',
      'BootOrder',
      'Boot0000',
    ]);
    expect(j['rtmr0']['events'][8]['digest']).toBe(hex(sha384(acpiBlobs['table-loader'])));
    const zero = new Uint8Array(48);
    expect(j['imageId']).toBe(imageId({ rtmr1, rtmr2, mrconfigid: zero, mrowner: zero, mrownerconfig: zero }));
    const b = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
    expect(j['platformId']).toBe(platformId({ mrtd: b(j['mrtd']['value']), rtmr0: b(j['rtmr0']['value']) }));
    expect(j['shape']).toMatchObject({
      memory: String(16n << 30n),
      cpus: 8,
      qemuVersion: '10.2.0',
      kernelHeaderPatched: false,
    });
  });

  it('the default QEMU (9.2.1) patches the kernel; RTMR1 differs from 10.2', async () => {
    const a = JSON.parse((await capture(argv(['--json']))).out) as Record<string, any>;
    const b = JSON.parse((await capture(argv(['--json', '--qemu-version', '10.2.0']))).out) as Record<string, any>;
    expect(a['shape']['kernelHeaderPatched']).toBe(true);
    expect(a['rtmr1']['value']).not.toBe(b['rtmr1']['value']);
    expect(a['rtmr2']['value']).toBe(b['rtmr2']['value']);
    expect(a['rtmr0']['value']).toBeNull();
    expect(a['platformId']).toBeNull();
    expect(a['imageId']).not.toBeNull();
  });

  it('MRCONFIGID/MROWNER/MROWNERCONFIG enter the image id only', async () => {
    const a = JSON.parse((await capture(argv(['--json', '--acpi', files['acpi']!]))).out) as Record<string, any>;
    const b = JSON.parse(
      (await capture(argv(['--json', '--acpi', files['acpi']!, '--mrowner', '11'.repeat(48)]))).out,
    ) as Record<string, any>;
    expect(a['imageId']).not.toBe(b['imageId']);
    expect(a['platformId']).toBe(b['platformId']);
    expect((await capture(argv(['--mrowner', '11']))).code).toBe(2);
  });

  it('text output lists every register and its events', async () => {
    const r = await capture(argv(['--acpi', files['acpi']!]));
    expect(r.code).toBe(0);
    for (const s of [
      'MRTD',
      'RTMR0',
      'RTMR1',
      'RTMR2',
      'image id',
      'platform id',
      'RTMR1 events:',
      'Exit Boot Services Returned with Success',
      'LOADED_IMAGE::LoadOptions',
    ]) {
      expect(r.out).toContain(s);
    }
  });

  it('a malformed OVMF is exit 1 with its code', async () => {
    const bad = join(dir, 'bad.fd');
    writeFileSync(bad, Buffer.alloc(8192, 0xff));
    const a = argv(['--json']);
    a[1] = bad;
    const r = await capture(a);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)['code']).toBe('MEASURE_TDVF_NOT_FOUND');
  });

  it('formatMeasureReport renders unknown registers', () => {
    const p = withIdentities(predictMeasurements({ memory: 2n << 30n, cpus: 1 }), {
      mrconfigid: new Uint8Array(48),
      mrowner: new Uint8Array(48),
      mrownerconfig: new Uint8Array(48),
    });
    expect(formatMeasureReport(p)).toContain('unknown');
  });
});
