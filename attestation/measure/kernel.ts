import { MeasureError } from './errors';
import { view } from '../eventlog/bytes';

/*
 * QEMU's Linux setup-header patch (QEMU <= 10.1, hw/i386/x86-common.c x86_load_linux; dstack-mr src/kernel.rs;
 * reference tdx-measurement.md §4.2). Before serving the bzImage over fw_cfg QEMU rewrites boot-protocol fields,
 * so OVMF's Authenticode hash covers the patched image. QEMU commit a7542a38f399 (first in 10.2.0) skips the patch
 * for confidential guests.
 */
const HDR_MAGIC = 0x202; // "HdrS"
const PROTOCOL = 0x206;
const TYPE_OF_LOADER = 0x210;
const LOADFLAGS = 0x211;
const RAMDISK_IMAGE = 0x218;
const RAMDISK_SIZE = 0x21c;
const HEAP_END_PTR = 0x224;
const CMD_LINE_PTR = 0x228;
const INITRD_ADDR_MAX = 0x22c;
const XLOADFLAGS = 0x236;
const LOADED_HIGH = 0x01;
const CAN_USE_HEAP = 0x80;
const XLF_CAN_BE_LOADED_ABOVE_4G = 0x40;
const ACPI_DATA_SIZE = 0x28000;
const TWO_GIB = 0x80000000;
const LOWMEM_LIMIT = 0xb0000000;

/** Parse "10.1.0" / "9.2" into [major, minor, patch]. @throws MeasureError MEASURE_BAD_INPUT */
export function parseQemuVersion(v: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  if (!m) throw new MeasureError('MEASURE_BAD_INPUT', `bad QEMU version '${v}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** QEMU <= 10.1 patches the kernel header for TDX guests. */
export function qemuPatchesKernel(qemuVersion: string): boolean {
  const [a, b] = parseQemuVersion(qemuVersion);
  return a < 10 || (a === 10 && b <= 1);
}

/** QEMU 8.x adds TDVF pages in two passes; >= 9 interleaves (dstack-mr machine.rs). @throws MeasureError for < 8 */
export function qemuPageOrder(qemuVersion: string): 'single-pass' | 'two-pass' {
  const [a] = parseQemuVersion(qemuVersion);
  if (a < 8) throw new MeasureError('MEASURE_UNSUPPORTED', `QEMU ${qemuVersion} predates TDX support`);
  return a === 8 ? 'two-pass' : 'single-pass';
}

/**
 * Return a copy of the bzImage with the fields QEMU <= 10.1 rewrites.
 * @param memory guest RAM in bytes; @param initrdSize initrd length in bytes, or undefined without an initrd
 * @throws MeasureError MEASURE_KERNEL_INVALID
 */
export function patchKernelSetupHeader(kernel: Uint8Array, memory: bigint, initrdSize: number | undefined): Uint8Array {
  if (kernel.length < XLOADFLAGS + 2)
    throw new MeasureError('MEASURE_KERNEL_INVALID', 'kernel shorter than a setup header');
  const k = kernel.slice();
  const dv = view(k);
  const hasHdr = dv.getUint32(HDR_MAGIC, true) === 0x53726448;
  const protocol = hasHdr ? dv.getUint16(PROTOCOL, true) : 0;
  if (protocol < 0x200) throw new MeasureError('MEASURE_KERNEL_INVALID', 'kernel has no boot protocol >= 2.00 header');
  const loadHigh = (k[LOADFLAGS]! & LOADED_HIGH) !== 0;
  // Every bzImage a TDX guest can boot is a "high and recent" kernel (protocol >= 2.02, LOADED_HIGH); QEMU's older
  // branches also depend on the command-line length and are not modelled.
  if (protocol < 0x202 || !loadHigh)
    throw new MeasureError('MEASURE_UNSUPPORTED', 'only protocol >= 2.02 LOADED_HIGH kernels are modelled');
  const realAddr = 0x10000;
  const cmdlineAddr = 0x20000;
  dv.setUint32(CMD_LINE_PTR, cmdlineAddr, true);
  k[TYPE_OF_LOADER] = 0xb0;
  k[LOADFLAGS] = k[LOADFLAGS]! | CAN_USE_HEAP;
  dv.setUint16(HEAP_END_PTR, cmdlineAddr - realAddr - 0x200, true);
  if (initrdSize !== undefined) {
    let initrdMax: number;
    if (protocol >= 0x20c && (dv.getUint16(XLOADFLAGS, true) & XLF_CAN_BE_LOADED_ABOVE_4G) !== 0)
      initrdMax = 0xffffffff;
    else if (protocol >= 0x203) initrdMax = dv.getUint32(INITRD_ADDR_MAX, true) || 0x37ffffff;
    else initrdMax = 0x37ffffff;
    const below4g = memory < BigInt(LOWMEM_LIMIT) ? Number(memory) : TWO_GIB;
    initrdMax = Math.min(initrdMax, below4g - ACPI_DATA_SIZE - 1);
    if (initrdSize > initrdMax)
      throw new MeasureError('MEASURE_BAD_INPUT', 'initrd does not fit below the initrd limit');
    const addr = Math.floor((initrdMax - initrdSize) / 4096) * 4096;
    dv.setUint32(RAMDISK_IMAGE, addr, true);
    dv.setUint32(RAMDISK_SIZE, initrdSize, true);
  }
  return k;
}
