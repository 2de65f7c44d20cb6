/**
 * Image id and platform id: SHA-256 over a canonical encoding of TD measurement registers (specified in
 * attestation/README.md, "Image id and platform id"):
 *
 *   imageId    = SHA-256( "chrysalis/image-id/v1" || 0x00 || RTMR1 || RTMR2 || MRCONFIGID || MROWNER || MROWNERCONFIG )
 *   platformId = SHA-256( "chrysalis/platform-id/v1" || 0x00 || MRTD || RTMR0 )
 *
 * Every register is exactly 48 bytes, so plain concatenation is unambiguous; the ASCII prefix and its NUL
 * terminator separate the two domains (and any future version). Results are lower-case hex.
 */
import { createHash } from 'node:crypto';

export const IMAGE_ID_DOMAIN = 'chrysalis/image-id/v1';
export const PLATFORM_ID_DOMAIN = 'chrysalis/platform-id/v1';

/** The registers an image id covers (what every rebuild of the VM image reproduces on any host). */
export interface ImageMeasurements {
  readonly rtmr1: Uint8Array;
  readonly rtmr2: Uint8Array;
  readonly mrconfigid: Uint8Array;
  readonly mrowner: Uint8Array;
  readonly mrownerconfig: Uint8Array;
}
/** The registers a platform id covers (firmware and VM shape). */
export interface PlatformMeasurements {
  readonly mrtd: Uint8Array;
  readonly rtmr0: Uint8Array;
}

function digest(domain: string, regs: readonly [string, Uint8Array][]): string {
  const h = createHash('sha256').update(domain, 'latin1').update(Uint8Array.of(0));
  for (const [name, r] of regs) {
    if (!(r instanceof Uint8Array) || r.length !== 48) throw new RangeError(`${name} must be 48 bytes`);
    h.update(r);
  }
  return h.digest('hex');
}

/** Image id (hex SHA-256) of TD measurements. @throws RangeError if a register is not 48 bytes */
export function imageId(m: ImageMeasurements): string {
  return digest(IMAGE_ID_DOMAIN, [
    ['rtmr1', m.rtmr1],
    ['rtmr2', m.rtmr2],
    ['mrconfigid', m.mrconfigid],
    ['mrowner', m.mrowner],
    ['mrownerconfig', m.mrownerconfig],
  ]);
}

/** Platform id (hex SHA-256) of TD measurements. @throws RangeError if a register is not 48 bytes */
export function platformId(m: PlatformMeasurements): string {
  return digest(PLATFORM_ID_DOMAIN, [
    ['mrtd', m.mrtd],
    ['rtmr0', m.rtmr0],
  ]);
}
