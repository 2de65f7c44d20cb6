/** Golden measurements of the SIMULATED devnet GPU: which RIM indices each RIM activates and their values. */
import { createHash } from 'node:crypto';

/** RIM indices (0-based) NVIDIA's driver RIMs activate; VBIOS RIMs activate 0-6 and 8-12. */
export const DRIVER_RIM_INDICES: readonly number[] = [7, ...Array.from({ length: 20 }, (_, i) => 21 + i)];
export const VBIOS_RIM_INDICES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
export const N_BLOCKS = 64;
export const DIGEST = 48;

/** Golden value of a devnet measurement (what the simulated GPU reports and the simulated RIM lists). */
export function devnetMeasurement(
  seed: string,
  kind: 'driver' | 'vbios',
  version: string,
  rimIndex: number,
): Uint8Array {
  return new Uint8Array(
    createHash('sha384').update(`chrysalis.devnet.gpu.measurement\0${seed}\0${kind}\0${version}\0${rimIndex}`).digest(),
  );
}
