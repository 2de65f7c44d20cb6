/**
 * `npm run bench`: every section measures chrysalis against the named peers in the same run and prints ratios.
 * Sections live in bench/<area>.ts and export `run(): Promise<void>`. `npm run bench -- tdx gpu` runs a subset.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SECTIONS = ['tdx', 'gpu', 'bundle', 'eventlog', 'worker', 'broker', 'sdk', 'contracts'];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const list = wanted.length > 0 ? wanted : SECTIONS;
  process.stdout.write(`chrysalis bench — node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const name of list) {
    const file = join(__dirname, `${name}.js`);
    if (!existsSync(file)) {
      process.stdout.write(`\n## ${name}: no benchmark in this build\n`);
      continue;
    }
    process.stdout.write(`\n## ${name}\n`);
    const mod = require(file) as { run(): Promise<void> };
    await mod.run();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
