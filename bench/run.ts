/**
 * `npm run bench`: every section measures chrysalis against the named peers in the same run and prints ratios.
 * Sections live in bench/<area>.ts, export `run(): Promise<void>`, print their human tables and report every number
 * through `emit` (bench/report.ts). `npm run bench -- tdx gpu` runs a subset; `--json` prints only the results, one
 * JSON object per line (`npm run bench -- --json tdx`).
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startJsonMode } from './report';

const SECTIONS = [
  'tdx',
  'gpu',
  'bundle',
  'eventlog',
  'worker',
  'broker',
  'sdk',
  'contracts',
  'settlement',
  'failover',
  'replicas',
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  if (unknown.length > 0)
    throw new RangeError(`unknown flag ${unknown.join(' ')} (usage: bench [--json] [section...])`);
  if (args.includes('--json')) startJsonMode();
  const wanted = args.filter((a) => !a.startsWith('-'));
  const list = wanted.length > 0 ? wanted : SECTIONS;
  process.stdout.write(`chrysalis bench — node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const name of list) {
    const file = join(__dirname, `${name}.js`);
    if (!SECTIONS.includes(name) || !existsSync(file)) {
      process.stdout.write(`\n## ${name}: no benchmark in this build\n`);
      continue;
    }
    process.stdout.write(`\n## ${name}\n`);
    const t0 = Date.now();
    const mod = require(file) as { run(): Promise<void> };
    await mod.run();
    process.stdout.write(`\n(${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
