/**
 * Measurement inputs built in the test (no vectors needed): a synthetic TDVF image with an OVMF GUIDed footer
 * table, synthetic PE images for Authenticode, bzImage setup headers for the QEMU patch, and TD HOB witnesses.
 * Every malformed input maps to its MeasureError code.
 */
import { createHash } from 'node:crypto';
import {
  authenticodeSha384,
  buildTdHob,
  cfvDigest,
  mrtdCandidates,
  parseQemuVersion,
  parseTdvfMetadata,
  patchKernelSetupHeader,
  qemuPageOrder,
  qemuPatchesKernel,
  tdHobLayoutFromWitness,
  tdHobRanges,
  tdvfHobRanges,
} from '../../attestation/measure';
import {
  codeOf,
  DATA,
  DEFAULT_SECTIONS,
  OTHER_GUID,
  peImage,
  TYPES,
  tdvfImage,
  type PeOpts,
  type Sec,
  type TdvfOpts,
} from './synthetic-builders';

describe('TDVF metadata from a synthetic OVMF image', () => {
  it('parses sections, digests the CFV, lists TD HOB ranges and yields two MRTD page orders', () => {
    const fw = tdvfImage({ extraEntry: true });
    const meta = parseTdvfMetadata(fw);
    expect(meta.version).toBe(1);
    expect(meta.descriptorOffset).toBe(DATA);
    expect(meta.sections.map((s) => s.type)).toEqual(['BFV', 'CFV', 'TD_HOB', 'TEMP_MEM']);
    expect(Buffer.from(cfvDigest(fw)).toString('hex')).toBe(
      createHash('sha384').update(fw.subarray(0x2000, 0x3000)).digest('hex'),
    );
    expect(tdvfHobRanges(meta)).toEqual({
      tdHobBase: 0x809000n,
      accepted: [
        { start: 0x800000n, length: 0x9000n },
        { start: 0x809000n, length: 0x2000n },
      ],
    });
    const { singlePass, twoPass } = mrtdCandidates(fw);
    expect(singlePass).toHaveLength(48);
    expect(Buffer.from(singlePass).equals(Buffer.from(twoPass))).toBe(false);
    const flipped = fw.slice();
    flipped[5] = flipped[5]! ^ 1; // inside the measured BFV
    expect(Buffer.from(mrtdCandidates(flipped).singlePass).equals(Buffer.from(singlePass))).toBe(false);
    const cfvFlip = fw.slice();
    cfvFlip[0x2005] = cfvFlip[0x2005]! ^ 1; // CFV is not MR.EXTENDed: MRTD unchanged
    expect(Buffer.from(mrtdCandidates(cfvFlip).singlePass).equals(Buffer.from(singlePass))).toBe(true);
  });

  it('accepts the GUID-prefixed descriptor variant', () => {
    const meta = parseTdvfMetadata(tdvfImage({ guidPrefix: true }));
    expect(meta.descriptorOffset).toBe(DATA + 16);
  });

  it.each<[string, TdvfOpts | Uint8Array, string]>([
    ['an image smaller than a footer', new Uint8Array(40), 'MEASURE_TDVF_NOT_FOUND'],
    ['no footer GUID', { footerGuid: OTHER_GUID }, 'MEASURE_TDVF_NOT_FOUND'],
    ['a footer table shorter than its trailer', { tableLen: () => 10 }, 'MEASURE_TDVF_INVALID'],
    ['a footer table longer than the image', { tableLen: () => 0xffff }, 'MEASURE_TDVF_INVALID'],
    ['a footer entry shorter than its trailer', { entryLen: 4 }, 'MEASURE_TDVF_INVALID'],
    ['a metadata entry without an offset', { entryLen: 18, metaData: new Uint8Array(0) }, 'MEASURE_TDVF_INVALID'],
    ['a metadata offset past the image', { dist: () => 0x7fffffff }, 'MEASURE_TDVF_INVALID'],
    ['a metadata offset inside the header', { dist: () => 4 }, 'MEASURE_TDVF_INVALID'],
    ['no metadata entry', { omitMetadata: true }, 'MEASURE_TDVF_NOT_FOUND'],
    ['a descriptor offset at no "TDVF"', { dist: (d) => d - 4 }, 'MEASURE_TDVF_NOT_FOUND'],
    ['descriptor version 2', { version: 2 }, 'MEASURE_TDVF_INVALID'],
    ['zero sections', { sections: [] }, 'MEASURE_TDVF_INVALID'],
    ['a descriptor length too small for its sections', { length: 20 }, 'MEASURE_TDVF_INVALID'],
  ])('%s', (_name, o, code) => {
    const fw = o instanceof Uint8Array ? o : tdvfImage(o);
    expect(codeOf(() => parseTdvfMetadata(fw))).toBe(code);
  });

  const withSection = (change: Partial<Sec>, i = 0): Sec[] =>
    DEFAULT_SECTIONS.map((s, k) => (k === i ? { ...s, ...change } : s));
  it.each<[string, Sec[]]>([
    ['an unknown section type', withSection({ type: 9 })],
    ['an unaligned memory address', withSection({ memoryAddress: 0xffc00010n })],
    ['raw data larger than memory', withSection({ rawDataSize: 0x3000, memoryDataSize: 0x2000n }, 1)],
    ['raw data past the image', withSection({ dataOffset: 0x100000 })],
    ['a measured section only partly backed', withSection({ memoryDataSize: 0x3000n })],
    ['unknown attributes', withSection({ attributes: 0x8 }, 1)],
    ['an implausible size', withSection({ memoryDataSize: 1n << 35n }, 3)],
  ])('%s is MEASURE_TDVF_INVALID', (_name, sections) => {
    expect(codeOf(() => parseTdvfMetadata(tdvfImage({ sections })))).toBe('MEASURE_TDVF_INVALID');
  });

  it('a TDVF without a CFV or TD_HOB section cannot feed RTMR0 / the TD HOB', () => {
    const noCfv = tdvfImage({ sections: DEFAULT_SECTIONS.filter((s) => s.type !== TYPES.CFV) });
    expect(codeOf(() => cfvDigest(noCfv))).toBe('MEASURE_TDVF_INVALID');
    const noHob = parseTdvfMetadata(tdvfImage({ sections: DEFAULT_SECTIONS.filter((s) => s.type !== TYPES.TD_HOB) }));
    expect(codeOf(() => tdvfHobRanges(noHob))).toBe('MEASURE_TDVF_INVALID');
  });
});

describe('Authenticode SHA-384 of synthetic PE images', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const base = peImage();
  const digest = hex(authenticodeSha384(base));

  it('skips CheckSum, the security directory and the certificate table; covers sections and trailing data', () => {
    const opt = 0x40 + 24;
    const edit = (at: number) => {
      const p = base.slice();
      p[at] = p[at]! ^ 0xff;
      return hex(authenticodeSha384(p));
    };
    expect(edit(opt + 64)).toBe(digest); // CheckSum
    expect(edit(opt + 144)).toBe(digest); // security directory address
    expect(edit(base.length - 1)).toBe(digest); // inside the certificate table
    expect(edit(0x250)).not.toBe(digest); // section bytes
    expect(edit(0x420)).not.toBe(digest); // trailing bytes before the certificate table
    expect(edit(0x10)).not.toBe(digest); // DOS header
  });

  it('PE32 images and images without a security directory hash too', () => {
    const pe32 = peImage({ magic: 0x10b });
    expect(authenticodeSha384(pe32)).toHaveLength(48);
    const noSecDir = peImage({ numRva: 4 });
    const p = noSecDir.slice();
    p[p.length - 1] = p[p.length - 1]! ^ 1; // no certificate table: the last byte is hashed
    expect(hex(authenticodeSha384(p))).not.toBe(hex(authenticodeSha384(noSecDir)));
  });

  it.each<[string, PeOpts]>([
    ['no MZ', { mz: false }],
    ['a PE offset past the file', { lfanew: 0x1000 }],
    ['an optional header shorter than 96 bytes', { optSize: 80 }],
    ['an unknown optional header magic', { magic: 0x107 }],
    ['a PE32+ optional header without NumberOfRvaAndSizes', { optSize: 100 }],
    ['SizeOfHeaders past the file', { sizeOfHeaders: 0x10000 }],
    ['SizeOfHeaders before the CheckSum', { sizeOfHeaders: 0x80 }],
    ['a security directory outside the headers', { sizeOfHeaders: 0x40 + 24 + 100 }],
    ['a section table past the file', { length: 0x160, sections: [{ ptr: 0, size: 0 }], sizeOfHeaders: 0x100 }],
    ['a section past the file', { sections: [{ ptr: 0x400, size: 0x1000 }] }],
    ['a certificate table larger than the file', { certSize: 0x10000 }],
  ])('%s is MEASURE_PE_INVALID', (_name, o) => {
    expect(codeOf(() => authenticodeSha384(peImage(o)))).toBe('MEASURE_PE_INVALID');
  });

  it('an image shorter than a DOS header is MEASURE_PE_INVALID', () => {
    expect(codeOf(() => authenticodeSha384(Uint8Array.of(0x4d, 0x5a, ...new Array(0x30).fill(0))))).toBe(
      'MEASURE_PE_INVALID',
    );
  });
});

describe('QEMU kernel setup-header patch', () => {
  function kernel(
    protocol: number,
    opts: { loadHigh?: boolean; xlf?: number; initrdMax?: number; hdr?: boolean } = {},
  ) {
    const k = new Uint8Array(0x400);
    const dv = new DataView(k.buffer);
    if (opts.hdr !== false) dv.setUint32(0x202, 0x53726448, true);
    dv.setUint16(0x206, protocol, true);
    k[0x211] = opts.loadHigh === false ? 0 : 1;
    dv.setUint32(0x22c, opts.initrdMax ?? 0, true);
    dv.setUint16(0x236, opts.xlf ?? 0, true);
    return k;
  }
  const ramdisk = (k: Uint8Array) => {
    const dv = new DataView(k.buffer, k.byteOffset);
    return [dv.getUint32(0x218, true), dv.getUint32(0x21c, true)];
  };
  const GiB = 1n << 30n;

  it('places the initrd under the limit the protocol version names', () => {
    // 2.12 + XLF_CAN_BE_LOADED_ABOVE_4G: limited by RAM below 4 GiB minus the ACPI area.
    expect(ramdisk(patchKernelSetupHeader(kernel(0x20c, { xlf: 0x40 }), GiB, 0x1000))).toEqual([0x3ffd6000, 0x1000]);
    // 2.03+: initrd_addr_max from the header.
    expect(ramdisk(patchKernelSetupHeader(kernel(0x203, { initrdMax: 0x10000000 }), GiB, 0x1000))).toEqual([
      0x0ffff000, 0x1000,
    ]);
    // 2.03+ with initrd_addr_max 0, or 2.02: 0x37ffffff; at >= 0xB0000000 of RAM only 2 GiB is below 4 GiB.
    expect(ramdisk(patchKernelSetupHeader(kernel(0x203), 4n * GiB, 0x1000))).toEqual([0x37ffe000, 0x1000]);
    expect(ramdisk(patchKernelSetupHeader(kernel(0x202), 4n * GiB, 0x1000))).toEqual([0x37ffe000, 0x1000]);
    const noInitrd = patchKernelSetupHeader(kernel(0x20c), GiB, undefined);
    expect(ramdisk(noInitrd)).toEqual([0, 0]);
    expect(noInitrd[0x210]).toBe(0xb0);
    expect(noInitrd[0x211]! & 0x80).toBe(0x80);
  });

  it('rejects what it cannot model with typed codes', () => {
    expect(codeOf(() => patchKernelSetupHeader(new Uint8Array(0x100), GiB, undefined))).toBe('MEASURE_KERNEL_INVALID');
    expect(codeOf(() => patchKernelSetupHeader(kernel(0x20c, { hdr: false }), GiB, undefined))).toBe(
      'MEASURE_KERNEL_INVALID',
    );
    expect(codeOf(() => patchKernelSetupHeader(kernel(0x201), GiB, undefined))).toBe('MEASURE_UNSUPPORTED');
    expect(codeOf(() => patchKernelSetupHeader(kernel(0x20c, { loadHigh: false }), GiB, undefined))).toBe(
      'MEASURE_UNSUPPORTED',
    );
    expect(codeOf(() => patchKernelSetupHeader(kernel(0x202), 256n << 20n, 0x10000000))).toBe('MEASURE_BAD_INPUT');
  });

  it('QEMU versions', () => {
    expect(parseQemuVersion(' 9.2 ')).toEqual([9, 2, 0]);
    expect(parseQemuVersion('10.1.2-rc1')).toEqual([10, 1, 2]);
    expect(codeOf(() => parseQemuVersion('ten'))).toBe('MEASURE_BAD_INPUT');
    expect(qemuPatchesKernel('10.1')).toBe(true);
    expect(qemuPatchesKernel('10.2')).toBe(false);
    expect(qemuPatchesKernel('11.0')).toBe(false);
    expect(qemuPageOrder('8.2.0')).toBe('two-pass');
    expect(qemuPageOrder('9.0')).toBe('single-pass');
    expect(codeOf(() => qemuPageOrder('7.2'))).toBe('MEASURE_UNSUPPORTED');
  });
});

describe('TD HOB witness and ranges', () => {
  const dstack = Uint8Array.from(Buffer.from('80100904000609020b021010', 'hex'));

  it("decodes dstack's OVMF witness", () => {
    const l = tdHobLayoutFromWitness(dstack);
    expect(l.tdHobBase).toBe((0x800n + 9n) * 4096n);
    expect(l.accepted).toEqual([
      { start: 0x800n * 4096n, length: 6n * 4096n },
      { start: (0x800n + 9n) * 4096n, length: 2n * 4096n },
      { start: (0x800n + 11n) * 4096n, length: 2n * 4096n },
      { start: (0x800n + 16n) * 4096n, length: 16n * 4096n },
    ]);
  });

  it.each<[string, string]>([
    ['a truncated witness', '8010'],
    ['an over-long LEB128', 'ffffffffffffffffffff01'],
    ['too many ranges', '00004100'],
    ['trailing bytes', '00000000'],
  ])('%s is MEASURE_BAD_INPUT', (_name, h) => {
    expect(codeOf(() => tdHobLayoutFromWitness(Uint8Array.from(Buffer.from(h, 'hex'))))).toBe('MEASURE_BAD_INPUT');
  });

  it('ranges: RAM split at 2 GiB above 0xB0000000, accepted ranges outside RAM skipped, overlaps rejected', () => {
    const l = tdHobLayoutFromWitness(dstack);
    const low = tdHobRanges(1n << 30n, l);
    expect(low[0]).toEqual({ start: 0n, length: 0x800000n, type: expect.any(Number) });
    expect(low.at(-1)!.start + low.at(-1)!.length).toBe(1n << 30n);
    const high = tdHobRanges(4n << 30n, l);
    expect(high.at(-1)).toMatchObject({ start: 4n << 30n, length: 2n << 30n });
    const outside = { tdHobBase: 0n, accepted: [{ start: 8n << 30n, length: 4096n }] };
    expect(tdHobRanges(1n << 30n, outside)).toHaveLength(1);
    const overlapping = {
      tdHobBase: 0n,
      accepted: [
        { start: 0n, length: 8192n },
        { start: 4096n, length: 4096n },
      ],
    };
    expect(codeOf(() => tdHobRanges(1n << 30n, overlapping))).toBe('MEASURE_BAD_INPUT');
    expect(codeOf(() => buildTdHob(0n, l))).toBe('MEASURE_BAD_INPUT');
    expect(codeOf(() => buildTdHob(4097n, l))).toBe('MEASURE_BAD_INPUT');
  });
});
