/** The package version, from the package.json above this file (works from the sources and from dist/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const j = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (j.name === 'chrysalis' && typeof j.version === 'string') return j.version;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the chrysalis package.json');
}
