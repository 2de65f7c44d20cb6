/**
 * `chrysalis image measure` driven in-process on artefacts built in the test (no vectors): a synthetic TDVF image with
 * an OVMF GUIDed footer table, a synthetic PE kernel carrying a Linux boot-protocol header, an initrd and fw_cfg
 * ACPI blobs. Layouts as in test/measure/synthetic-inputs.test.ts (TDVF metadata, edk2 OvmfPkg ResetVector footer;
 * PE/COFF optional header; Linux boot protocol 2.15 setup header at 0x1f1).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { authenticodeSha384, loadOptionsDigest } from '../../attestation/measure';
import { foldDigests } from '../../attestation/eventlog';
import { imageId } from '../../attestation/policy/identity';
import { run } from '../../cli/image';
import { capture } from './helpers';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sha384 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha384').update(b).digest());

/** EFI GUID byte order: the first three fields little-endian. */
function guid(s: string): number[] {
  const b = Buffer.from(s.replace(/-/g, ''), 'hex');
  return [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)];
}
const u16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u64 = (n: bigint): number[] => [...u32(Number(n & 0xffffffffn)), ...u32(Number(n >> 32n))];

/**
 * TDVF: 0x3000 bytes of data (BFV 2 pages, MR.EXTENDed; CFV 1 page), the "TDVF" descriptor with BFV, CFV, TD_HOB
 * and TEMP_MEM sections, then the footer table (metadata-offset entry, table length, footer GUID, 32 bytes).
 */
function tdvfImage(): Uint8Array {
  const DATA = 0x3000;
  const sections: [number, number, bigint, bigint, number, number][] = [
    [0, 0x2000, 0xffc00000n, 0x2000n, 0, 1], // BFV, MR_EXTEND
    [0x2000, 0x1000, 0xffc02000n, 0x1000n, 1, 0], // CFV
    [0, 0, 0x809000n, 0x2000n, 2, 0], // TD_HOB
    [0, 0, 0x800000n, 0x9000n, 3, 2], // TEMP_MEM, PAGE_AUG
  ];
  const data = Array.from({ length: DATA }, (_, i) => (i * 7) & 0xff);
  const desc = [
    ...Buffer.from('TDVF'),
    ...u32(16 + 32 * sections.length),
    ...u32(1),
    ...u32(sections.length),
    ...sections.flatMap(([off, raw, addr, size, type, attr]) => [
      ...u32(off),
      ...u32(raw),
      ...u64(addr),
      ...u64(size),
      ...u32(type),
      ...u32(attr),
    ]),
  ];
  const head = [...data, ...desc];
  const total = head.length + 22 + 18 + 32;
  const entries = [...u32(total - DATA), ...u16(22), ...guid('e47a6535-984a-4798-865e-4685a7bf8ec2')];
  const footer = [...entries, ...u16(18 + entries.length), ...guid('96b582de-1fb2-45f7-baea-a366c55a082d')];
  return Uint8Array.from([...head, ...footer, ...new Array<number>(32).fill(0)]);
}

/** A PE32+ image (headers 0x200, two sections, certificate table at the end) with a bzImage setup header. */
function bzImage(): Uint8Array {
  const len = 0x480;
  const pe = new Uint8Array(len);
  for (let i = 0; i < len; i++) pe[i] = (i * 31 + 7) & 0xff;
  const dv = new DataView(pe.buffer);
  pe[0] = 0x4d;
  pe[1] = 0x5a;
  dv.setUint32(0x3c, 0x40, true);
  dv.setUint32(0x40, 0x50450000, false);
  const sections = [
    { ptr: 0x300, size: 0x100 },
    { ptr: 0x200, size: 0x100 },
  ];
  dv.setUint16(0x40 + 6, sections.length, true);
  dv.setUint16(0x40 + 20, 240, true);
  const opt = 0x40 + 24;
  dv.setUint16(opt, 0x20b, true);
  dv.setUint32(opt + 60, 0x200, true);
  dv.setUint32(opt + 108, 16, true);
  dv.setUint32(opt + 148, 0x40, true); // certificate table size; its address (opt + 144) is the file tail
  dv.setUint32(opt + 144, len - 0x40, true);
  sections.forEach((s, i) => {
    dv.setUint32(opt + 240 + i * 40 + 16, s.size, true);
    dv.setUint32(opt + 240 + i * 40 + 20, s.ptr, true);
  });
  // Linux boot protocol 2.15 setup header fields QEMU reads and patches.
  dv.setUint32(0x202, 0x53726448, true); // "HdrS"
  dv.setUint16(0x206, 0x020f, true);
  pe[0x211] = 0x01; // LOADED_HIGH
  dv.setUint32(0x22c, 0x7fffffff, true);
  dv.setUint16(0x236, 0x0000, true);
  return pe;
}

describe('chrysalis image measure on synthetic artefacts', () => {
  let dir: string;
  const f = (...n: string[]): string => join(dir, ...n);
  const initrd = new Uint8Array(5000).map((_, i) => (i * 31) & 0xff);
  const cmdline = 'console=hvc0 root=/dev/vda';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-cli-image-'));
    writeFileSync(f('OVMF.fd'), tdvfImage());
    writeFileSync(f('bzImage'), bzImage());
    writeFileSync(f('initrd'), initrd);
    writeFileSync(f('bad.fd'), Buffer.alloc(8192, 0xff));
    writeFileSync(f('not-pe'), Buffer.alloc(4096, 0));
    mkdirSync(f('acpi'));
    writeFileSync(f('acpi', 'table-loader'), Uint8Array.of(1, 2, 3));
    writeFileSync(f('acpi', 'rsdp'), Uint8Array.of(4, 5));
    writeFileSync(f('acpi', 'tables'), Uint8Array.of(6, 7, 8, 9));
    mkdirSync(f('acpi-partial'));
    writeFileSync(f('acpi-partial', 'rsdp'), Uint8Array.of(4, 5));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const argv = (extra: string[] = [], o: { ovmf?: string; kernel?: string } = {}): string[] => [
    '--ovmf',
    f(o.ovmf ?? 'OVMF.fd'),
    '--kernel',
    f(o.kernel ?? 'bzImage'),
    '--initrd',
    f('initrd'),
    '--cmdline',
    cmdline,
    '--memory',
    '4G',
    '--cpus',
    '2',
    ...extra,
  ];

  it('--json with --acpi: every register and both ids; RTMR2 is the LoadOptions and initrd digests', async () => {
    const r = await capture(() => run(argv(['--acpi', f('acpi'), '--qemu-version', '10.2.0', '--json'])));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, any>;
    expect(j['ok']).toBe(true);
    for (const k of ['mrtd', 'rtmr0', 'rtmr1', 'rtmr2']) expect(j[k]['value']).toMatch(/^[0-9a-f]{96}$/);
    expect(j['rtmr2']['value']).toBe(hex(foldDigests([loadOptionsDigest(cmdline, true, 'suffix'), sha384(initrd)])));
    expect(j['rtmr1']['events'][0]['digest']).toBe(hex(authenticodeSha384(bzImage()))); // 10.2: no header patch
    expect(j['platformId']).toMatch(/^[0-9a-f]{64}$/);
    const b = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
    const zero = new Uint8Array(48);
    expect(j['imageId']).toBe(
      imageId({
        rtmr1: b(j['rtmr1']['value']),
        rtmr2: b(j['rtmr2']['value']),
        mrconfigid: zero,
        mrowner: zero,
        mrownerconfig: zero,
      }),
    );
    expect(j['shape']).toMatchObject({ cpus: 2, qemuVersion: '10.2.0', kernelHeaderPatched: false });
  });

  it('human output: shape, registers, ids and each register’s events; without --acpi RTMR0 is unknown', async () => {
    const withAcpi = await capture(() => run(argv(['--acpi', f('acpi')])));
    expect(withAcpi.code).toBe(0);
    expect(withAcpi.stdout).toMatch(/^shape: 4294967296 bytes RAM, 2 vCPU, QEMU 9\.2\.1, .*kernel header patched/m);
    expect(withAcpi.stdout).toMatch(/^platform id {2}[0-9a-f]{64}$/m);
    expect(withAcpi.stdout).toContain('RTMR2 events:');
    const without = await capture(() => run(argv()));
    expect(without.code).toBe(0);
    expect(without.stdout).toMatch(/^RTMR0 {2}unknown {2}\(missing: /m);
    expect(without.stdout).toContain('platform id  unknown');
  });

  it('the prefix LoadOptions form and owner fields change only what they enter', async () => {
    const base = JSON.parse((await capture(() => run(argv(['--json'])))).stdout) as Record<string, any>;
    const prefix = JSON.parse(
      (await capture(() => run(argv(['--json', '--load-options-form', 'prefix'])))).stdout,
    ) as Record<string, any>;
    expect(prefix['rtmr2']['value']).not.toBe(base['rtmr2']['value']);
    expect(prefix['rtmr1']['value']).toBe(base['rtmr1']['value']);
    const owned = JSON.parse(
      (
        await capture(() =>
          run(argv(['--json', '--mrconfigid', `0x${'11'.repeat(48)}`, '--mrownerconfig', '22'.repeat(48)])),
        )
      ).stdout,
    ) as Record<string, any>;
    expect(owned['mrconfigid']).toBe('11'.repeat(48));
    expect(owned['mrownerconfig']).toBe('22'.repeat(48));
    expect(owned['imageId']).not.toBe(base['imageId']);
    expect(owned['rtmr1']['value']).toBe(base['rtmr1']['value']);
  });

  it('malformed artefacts are rejections with their MeasureError code (exit 1)', async () => {
    const fw = await capture(() => run(argv(['--json'], { ovmf: 'bad.fd' })));
    expect(fw.code).toBe(1);
    expect(JSON.parse(fw.stdout).code).toBe('MEASURE_TDVF_NOT_FOUND');
    const k = await capture(() => run(argv(['--json'], { kernel: 'not-pe' })));
    expect(k.code).toBe(1);
    expect(JSON.parse(k.stdout).code).toMatch(/^MEASURE_(PE|KERNEL)_INVALID$/);
    const qemu = await capture(() => run(argv(['--json', '--qemu-version', '7.0.0'])));
    expect(qemu.code).toBe(1);
    expect(JSON.parse(qemu.stdout).code).toMatch(/^MEASURE_/);
  });

  it('usage errors exit 2: cpus, memory, owner fields', async () => {
    for (const extra of [
      ['--cpus', '0'],
      ['--cpus', 'two'],
      ['--memory', '3000'],
      ['--memory', 'lots'],
      ['--mrconfigid', 'zz'],
      ['--mrownerconfig', '00'],
    ]) {
      const r = await capture(() => run([...argv(), ...extra]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: chrysalis image measure');
    }
  });

  it('an --acpi directory lacking a blob, or a missing artefact, exits 3', async () => {
    const partial = await capture(() => run(argv(['--acpi', f('acpi-partial'), '--json'])));
    expect(partial.code).toBe(3);
    expect(partial.stderr).toContain("lacks 'table-loader'");
    expect((await capture(() => run(argv([], { kernel: 'missing' })))).code).toBe(3);
  });
});
