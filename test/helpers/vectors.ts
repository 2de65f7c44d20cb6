import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';

/** `../shared/vectors` beside the project root (override with CHRYSALIS_VECTORS_DIR). Never committed. */
export const VECTORS_DIR = resolve(
  process.env.CHRYSALIS_VECTORS_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'vectors'),
);
export const HAVE_VECTORS = existsSync(VECTORS_DIR);

const warned = new Set<string>();
/** `describe` when the vectors are present, otherwise `describe.skip` with one clear line. */
export function describeVectors(area: string): jest.Describe {
  if (HAVE_VECTORS) return describe;
  if (!warned.has(area)) {
    warned.add(area);
    // eslint-disable-next-line no-console
    console.warn(`vectors not found at ${VECTORS_DIR} — skipping ${area} vector tests`);
  }
  return describe.skip;
}

export function vectorPath(...parts: string[]): string {
  return join(VECTORS_DIR, ...parts);
}
export function readVector(...parts: string[]): Buffer {
  return readFileSync(vectorPath(...parts));
}
export function readVectorJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(vectorPath(...parts), 'utf8')) as T;
}
