import { createHash } from 'node:crypto';
import { MeasureError } from './errors';
import { view } from '../eventlog/bytes';

/*
 * Authenticode PE image hash, SHA-384 (Microsoft "Windows Authenticode Portable Executable Signature Format";
 * dstack-mr src/kernel.rs; aleph authenticode_sha384). This is the digest OVMF logs for the kernel
 * (EV_EFI_BOOT_SERVICES_APPLICATION) in RTMR1.
 *   e_lfanew at 0x3C -> "PE\0\0" | COFF header (20 bytes) | optional header (magic 0x10B PE32 / 0x20B PE32+)
 *   hashed: [0, SizeOfHeaders) minus CheckSum (opt+64, 4 bytes) and, when NumberOfRvaAndSizes > 4, the security
 *   data-directory entry (PE32+ opt+144 / PE32 opt+128, 8 bytes); then each section with SizeOfRawData > 0 in
 *   ascending PointerToRawData order; then [SizeOfHeaders + sum(SizeOfRawData), fileSize - certificate table size).
 */
const E_LFANEW = 0x3c;
const COFF_SIZE = 20;
const OPT_CHECKSUM = 64;
const OPT_SIZE_OF_HEADERS = 60;
const PE32_NUM_RVA = 92;
const PE32P_NUM_RVA = 108;
const PE32_SECURITY_DIR = 128;
const PE32P_SECURITY_DIR = 144;
const SECTION_HEADER = 40;

const bad = (m: string) => new MeasureError('MEASURE_PE_INVALID', m);

/** @throws MeasureError MEASURE_PE_INVALID */
export function authenticodeSha384(pe: Uint8Array): Uint8Array {
  if (pe.length < 0x40 || pe[0] !== 0x4d || pe[1] !== 0x5a) throw bad('no MZ header');
  const dv = view(pe);
  const peOff = dv.getUint32(E_LFANEW, true);
  if (peOff + 4 + COFF_SIZE > pe.length || dv.getUint32(peOff, false) !== 0x50450000) throw bad('no PE signature');
  const coff = peOff + 4;
  const nSections = dv.getUint16(coff + 2, true);
  const optSize = dv.getUint16(coff + 16, true);
  const opt = coff + COFF_SIZE;
  if (opt + optSize > pe.length || optSize < 96) throw bad('optional header past the file');
  const magic = dv.getUint16(opt, true);
  if (magic !== 0x10b && magic !== 0x20b) throw bad(`optional header magic 0x${magic.toString(16)}`);
  const plus = magic === 0x20b;
  const numRvaOff = opt + (plus ? PE32P_NUM_RVA : PE32_NUM_RVA);
  if (numRvaOff + 4 > opt + optSize) throw bad('optional header too short');
  const numRva = dv.getUint32(numRvaOff, true);
  const secDirOff = opt + (plus ? PE32P_SECURITY_DIR : PE32_SECURITY_DIR);
  const hasSecDir = numRva > 4 && secDirOff + 8 <= opt + optSize;
  const sizeOfHeaders = dv.getUint32(opt + OPT_SIZE_OF_HEADERS, true);
  if (sizeOfHeaders > pe.length || sizeOfHeaders < opt + OPT_CHECKSUM + 4) throw bad('SizeOfHeaders out of range');
  const checksumOff = opt + OPT_CHECKSUM;
  const h = createHash('sha384');
  if (hasSecDir) {
    if (secDirOff + 8 > sizeOfHeaders) throw bad('security directory outside the headers');
    h.update(pe.subarray(0, checksumOff));
    h.update(pe.subarray(checksumOff + 4, secDirOff));
    h.update(pe.subarray(secDirOff + 8, sizeOfHeaders));
  } else {
    h.update(pe.subarray(0, checksumOff));
    h.update(pe.subarray(checksumOff + 4, sizeOfHeaders));
  }
  const certSize = hasSecDir ? dv.getUint32(secDirOff + 4, true) : 0;
  const shdr = opt + optSize;
  if (shdr + nSections * SECTION_HEADER > pe.length) throw bad('section table past the file');
  const sections: Array<{ ptr: number; size: number; i: number }> = [];
  for (let i = 0; i < nSections; i++) {
    const o = shdr + i * SECTION_HEADER;
    const size = dv.getUint32(o + 16, true);
    const ptr = dv.getUint32(o + 20, true);
    if (size === 0) continue;
    if (ptr + size > pe.length) throw bad(`section ${i} past the file`);
    sections.push({ ptr, size, i });
  }
  sections.sort((a, b) => a.ptr - b.ptr || a.i - b.i);
  let hashed = sizeOfHeaders;
  for (const s of sections) {
    h.update(pe.subarray(s.ptr, s.ptr + s.size));
    hashed += s.size;
  }
  const end = pe.length - certSize;
  if (certSize > pe.length) throw bad('certificate table larger than the file');
  if (end > hashed) h.update(pe.subarray(hashed, end));
  return new Uint8Array(h.digest());
}
