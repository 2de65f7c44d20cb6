/**
 * predictMeasurements and diagnoseRegister over synthetic inputs (no vectors needed): a TDVF image, a PE kernel with
 * a bzImage setup header, an initrd, a cmdline and ACPI blobs. Register values are recomputed here from first
 * principles (RTMR extend = SHA-384(old || digest)); the digest-only inputs must predict the same registers as the
 * artefacts they stand for.
 */
import { createHash } from 'node:crypto';
import {
  authenticodeSha384,
  cfvDigest,
  diagnoseRegister,
  loadOptionsString,
  mrtdCandidates,
  patchKernelSetupHeader,
  predictMeasurements,
  tdHobDigest,
  tdvfHobRanges,
  parseTdvfMetadata,
  type MeasureInputs,
  type PredictedEvent,
} from '../../attestation/measure';
import { codeOf, peImage, tdvfImage } from './synthetic-builders';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha384');
  for (const p of parts) h.update(p);
  return h.digest();
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fold = (events: readonly PredictedEvent[]): string => {
  let mr: Buffer = Buffer.alloc(48);
  for (const e of events) mr = sha(mr, Buffer.from(e.digest, 'hex'));
  return mr.toString('hex');
};
const utf16z = (s: string): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(2)]));

/** A PE image whose section at 0x200 carries a protocol 2.12 bzImage setup header. */
function bzImage(): Uint8Array {
  const k = peImage();
  const dv = new DataView(k.buffer);
  dv.setUint32(0x202, 0x53726448, true); // "HdrS"
  dv.setUint16(0x206, 0x20c, true);
  k[0x211] = 0x01; // LOADED_HIGH
  dv.setUint16(0x236, 0x40, true); // XLF_CAN_BE_LOADED_ABOVE_4G
  return k;
}

const GiB = 1n << 30n;
const fw = tdvfImage();
const kernel = bzImage();
const initrd = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 13) & 0xff));
const acpi = {
  tableLoader: new Uint8Array([1, 2, 3]),
  rsdp: new Uint8Array([4, 5, 6, 7]),
  tables: new Uint8Array([8, 9]),
};
const cmdline = 'console=ttyS0 root=/dev/vda';
const full: MeasureInputs = { ovmf: fw, kernel, initrd, cmdline, acpi, memory: 2n * GiB, cpus: 4 };

describe('predictMeasurements from artefacts', () => {
  const p = predictMeasurements(full);

  it('MRTD is the single-pass candidate for QEMU 9.2.1 and both candidates are reported', () => {
    const c = mrtdCandidates(fw);
    expect(p.mrtd).toEqual({
      value: hex(c.singlePass),
      singlePass: hex(c.singlePass),
      twoPass: hex(c.twoPass),
      pageOrder: 'single-pass',
    });
    expect(p.inputs['ovmf_sha384']).toBe(sha(fw).toString('hex'));
  });

  it('RTMR0 folds TD HOB, CFV, Secure Boot variables, separator, ACPI blobs and boot variables', () => {
    expect(p.rtmr0.missing).toEqual([]);
    expect(p.rtmr0.events.map((e) => e.name)).toEqual([
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
    const byName = Object.fromEntries(p.rtmr0.events.map((e) => [e.name, e.digest]));
    expect(byName['TdxTable']).toBe(hex(tdHobDigest(2n * GiB, tdvfHobRanges(parseTdvfMetadata(fw)))));
    expect(byName['CFV']).toBe(hex(cfvDigest(fw)));
    expect(byName['separator']).toBe(sha(new Uint8Array(4)).toString('hex'));
    expect(byName['acpi-rsdp']).toBe(sha(acpi.rsdp).toString('hex'));
    expect(byName['BootOrder']).toBe(sha(new Uint8Array(2)).toString('hex'));
    expect(p.rtmr0.value).toBe(fold(p.rtmr0.events));
    expect(p.inputs['acpi_tables_sha384']).toBe(sha(acpi.tables).toString('hex'));
  });

  it('RTMR1 measures the Authenticode digest of the kernel as QEMU patched it', () => {
    const patched = patchKernelSetupHeader(kernel, 2n * GiB, initrd.length);
    expect(p.rtmr1.events[0]!.digest).toBe(hex(authenticodeSha384(patched)));
    expect(p.rtmr1.events[0]!.digest).not.toBe(hex(authenticodeSha384(kernel)));
    expect(p.rtmr1.events[0]!.covers).toMatch(/patched/);
    expect(p.rtmr1.events).toHaveLength(5);
    expect(p.rtmr1.value).toBe(fold(p.rtmr1.events));
    expect(p.shape).toEqual({
      memory: String(2n * GiB),
      cpus: 4,
      qemuVersion: '9.2.1',
      ovmfVariant: 'pre202505',
      loadOptionsForm: 'suffix',
      kernelHeaderPatched: true,
    });
  });

  it('RTMR2 measures the UTF-16LE load options with the initrd suffix, then the initrd', () => {
    expect(p.rtmr2.events.map((e) => e.name)).toEqual(['LOADED_IMAGE::LoadOptions', 'Linux initrd']);
    expect(p.rtmr2.events[0]!.digest).toBe(sha(utf16z(`${cmdline} initrd=initrd`)).toString('hex'));
    expect(p.rtmr2.events[1]!.digest).toBe(sha(initrd).toString('hex'));
    expect(p.rtmr2.value).toBe(fold(p.rtmr2.events));
    expect(p.inputs['load_options']).toBe(`${cmdline} initrd=initrd`);
    expect(p.inputs['cmdline']).toBe(cmdline);
  });

  it('QEMU 8.x picks the two-pass MRTD; QEMU 10.2 hashes the kernel unpatched', () => {
    const q8 = predictMeasurements({ ...full, qemuVersion: '8.2.2' });
    expect(q8.mrtd.value).toBe(q8.mrtd.twoPass);
    expect(q8.mrtd.pageOrder).toBe('two-pass');
    const q10 = predictMeasurements({ ...full, qemuVersion: '10.2.0' });
    expect(q10.shape.kernelHeaderPatched).toBe(false);
    expect(q10.rtmr1.events[0]!.digest).toBe(hex(authenticodeSha384(kernel)));
    expect(q10.rtmr1.events[0]!.covers).not.toMatch(/patched/);
  });

  it('the prefix load-options form prepends the initrd; without an initrd the cmdline stands alone', () => {
    const pre = predictMeasurements({ ...full, loadOptionsForm: 'prefix' });
    expect(pre.rtmr2.events[0]!.digest).toBe(sha(utf16z(`initrd=initrd ${cmdline}`)).toString('hex'));
    expect(loadOptionsString(cmdline, false, 'prefix')).toBe(cmdline);
    const { initrd: _drop, ...noInitrd } = full;
    const bare = predictMeasurements(noInitrd);
    expect(bare.rtmr2.events).toHaveLength(1);
    expect(bare.rtmr2.events[0]!.digest).toBe(sha(utf16z(cmdline)).toString('hex'));
    expect(bare.rtmr1.events[0]!.digest).toBe(
      hex(authenticodeSha384(patchKernelSetupHeader(kernel, 2n * GiB, undefined))),
    );
  });
});

describe('predictMeasurements from digests', () => {
  it('digest inputs predict the same registers as the artefacts they stand for', () => {
    const fromBytes = predictMeasurements(full);
    const fromDigests = predictMeasurements({
      mrtdCandidates: mrtdCandidates(fw),
      cfvDigest: cfvDigest(fw),
      tdHobLayout: tdvfHobRanges(parseTdvfMetadata(fw)),
      kernel,
      initrdDigest: sha(initrd),
      initrdSize: initrd.length,
      loadOptionsDigest: sha(utf16z(`${cmdline} initrd=initrd`)),
      acpiDigests: { tableLoader: sha(acpi.tableLoader), rsdp: sha(acpi.rsdp), tables: sha(acpi.tables) },
      memory: 2n * GiB,
      cpus: 4,
    });
    expect(fromDigests.mrtd).toEqual(fromBytes.mrtd);
    expect(fromDigests.rtmr0.value).toBe(fromBytes.rtmr0.value);
    expect(fromDigests.rtmr1.value).toBe(fromBytes.rtmr1.value);
    expect(fromDigests.rtmr2.value).toBe(fromBytes.rtmr2.value);
    expect(fromDigests.inputs['ovmf_sha384']).toBeUndefined();

    const acOnly = predictMeasurements({
      kernelAuthenticode: Buffer.from(fromBytes.rtmr1.events[0]!.digest, 'hex'),
      memory: 2n * GiB,
      cpus: 1,
    });
    expect(acOnly.rtmr1.value).toBe(fromBytes.rtmr1.value);
    expect(acOnly.shape.kernelHeaderPatched).toBe(false);
    expect(acOnly.rtmr1.events[0]!.covers).not.toMatch(/patched/);
  });

  it('registers whose inputs are missing are null and name what is missing', () => {
    const p = predictMeasurements({ memory: GiB, cpus: 1 });
    expect(p.mrtd).toMatchObject({ value: null, singlePass: null, twoPass: null });
    expect(p.rtmr0).toMatchObject({ value: null, missing: ['ovmf or tdHobLayout', 'ovmf or cfvDigest', 'acpi'] });
    expect(p.rtmr1).toMatchObject({ value: null, missing: ['kernel or kernelAuthenticode'] });
    expect(p.rtmr2).toMatchObject({ value: null, missing: ['cmdline or loadOptionsDigest'], events: [] });
    expect(p.inputs).toEqual({});
  });

  it.each<[string, Partial<MeasureInputs> | Record<string, unknown>, string]>([
    ['an unmodelled OVMF variant', { ovmfVariant: 'post202505' }, 'MEASURE_UNSUPPORTED'],
    ['zero cpus', { cpus: 0 }, 'MEASURE_BAD_INPUT'],
    ['fractional cpus', { cpus: 1.5 }, 'MEASURE_BAD_INPUT'],
    ['a 47-byte CFV digest', { cfvDigest: new Uint8Array(47) }, 'MEASURE_BAD_INPUT'],
    [
      'a short MRTD candidate',
      { mrtdCandidates: { singlePass: new Uint8Array(48), twoPass: new Uint8Array(32) } },
      'MEASURE_BAD_INPUT',
    ],
    [
      'a short ACPI digest',
      { acpiDigests: { tableLoader: new Uint8Array(48), rsdp: new Uint8Array(20), tables: new Uint8Array(48) } },
      'MEASURE_BAD_INPUT',
    ],
    ['a short kernel Authenticode digest', { kernelAuthenticode: new Uint8Array(32) }, 'MEASURE_BAD_INPUT'],
    ['a short LoadOptions digest', { loadOptionsDigest: new Uint8Array(1) }, 'MEASURE_BAD_INPUT'],
    ['a kernel with an initrd digest but no size', { kernel, initrdDigest: new Uint8Array(48) }, 'MEASURE_BAD_INPUT'],
    ['a QEMU older than TDX', { qemuVersion: '7.2.0' }, 'MEASURE_UNSUPPORTED'],
    ['a kernel without a PE header', { kernel: new Uint8Array(0x400) }, 'MEASURE_KERNEL_INVALID'],
    ['an OVMF without TDVF metadata', { ovmf: new Uint8Array(4096) }, 'MEASURE_TDVF_NOT_FOUND'],
  ])('%s is %s', (_name, over, code) => {
    expect(codeOf(() => predictMeasurements({ memory: GiB, cpus: 1, ...over } as MeasureInputs))).toBe(code);
  });

  it('an unpatched kernel needs no initrd size', () => {
    const p = predictMeasurements({ kernel, initrdDigest: sha(initrd), qemuVersion: '10.2', memory: GiB, cpus: 1 });
    expect(p.rtmr1.events[0]!.digest).toBe(hex(authenticodeSha384(kernel)));
    expect(p.inputs['initrd_sha384']).toBe(sha(initrd).toString('hex'));
  });
});

describe('diagnoseRegister', () => {
  const predicted = predictMeasurements(full).rtmr1.events;
  const replayed = predicted.map((e) => ({ digest: e.digest, typeName: e.typeName, description: e.name }));

  it('agrees when every digest matches in order', () => {
    expect(diagnoseRegister(1, predicted, replayed)).toEqual({
      register: 1,
      matches: true,
      firstDifference: -1,
      predicted: null,
      actual: null,
    });
  });

  it('names the first differing event', () => {
    const changed = replayed.map((e, i) => (i === 2 ? { ...e, digest: '00'.repeat(48), description: 'other' } : e));
    const d = diagnoseRegister(1, predicted, changed);
    expect(d).toMatchObject({ matches: false, firstDifference: 2, predicted: predicted[2] });
    expect(d.actual).toEqual({ digest: '00'.repeat(48), typeName: predicted[2]!.typeName, description: 'other' });
  });

  it('a log with fewer events has no actual event; one with more has no predicted event', () => {
    const short = diagnoseRegister(1, predicted, replayed.slice(0, 3));
    expect(short).toMatchObject({ matches: false, firstDifference: 3, predicted: predicted[3], actual: null });
    const extra = { digest: 'ab'.repeat(48), typeName: 'EV_EFI_ACTION', description: 'extra' };
    const long = diagnoseRegister(1, predicted, [...replayed, extra]);
    expect(long).toMatchObject({ matches: false, firstDifference: predicted.length, predicted: null, actual: extra });
  });
});
