import { existsSync, readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';

/** `../shared/vectors` beside the project root (override with CHRYSALIS_VECTORS_DIR). Never committed. */
export const VECTORS_DIR = resolve(
  process.env.CHRYSALIS_VECTORS_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'vectors'),
);
export const HAVE_VECTORS = existsSync(VECTORS_DIR);

/** The reason a vector suite skips: one line, printed once per test file. */
export const NO_VECTORS_REASON = `vectors not found at ${VECTORS_DIR} (set CHRYSALIS_VECTORS_DIR or place ../shared/vectors beside the repo)`;

let warned = false;
/**
 * `describe` that runs `body` only when the vectors are present. Without them, `body` is never called (so a suite
 * may read vectors in its describe body), one skipped test carries the reason, and one line goes to stderr.
 */
export function describeVectors(area: string): (name: string, body: () => void) => void {
  return (name, body) => {
    describe(name, () => {
      if (HAVE_VECTORS) {
        body();
        return;
      }
      if (!warned) {
        warned = true;
        process.stderr.write(`skip: ${area} vector tests: ${NO_VECTORS_REASON}\n`);
      }
      test.skip(`${area} vectors: ${NO_VECTORS_REASON}`, () => undefined);
    });
  };
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
