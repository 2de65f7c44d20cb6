/** Small file and process helpers of the devnet network. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pollUntil } from '../../core/retry';

/** A 32-byte seed kept in the data directory (mode 0600), so restarts keep the same keys and channel. */
export function loadOrCreateSeed(file: string): Uint8Array {
  if (existsSync(file)) {
    const b = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (b.length === 32) return new Uint8Array(b);
  }
  const seed = randomBytes(32);
  writeFileSync(file, `${seed.toString('hex')}\n`, { mode: 0o600 });
  return new Uint8Array(seed);
}

/** The package root (works from dist/ and from the TypeScript sources under jest). */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'chrysalis.js'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('cannot find the chrysalis package root');
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  isAlive: () => string | null,
): Promise<void> {
  const up = await pollUntil(
    async () => {
      if (await check().catch(() => false)) return true;
      const dead = isAlive();
      if (dead) throw new Error(`${what}: ${dead}`);
      return undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
  if (!up) throw new Error(`timed out waiting for ${what}`);
}
