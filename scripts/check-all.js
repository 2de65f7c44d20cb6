#!/usr/bin/env node
// `npm run check`: every gate, in order, stopping at the first that fails and naming it. Each step is an npm script
// of its own (run one alone while fixing it); the timings of the steps that ran are printed at the end.
'use strict';
const { spawnSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const STEPS = [
  ['typecheck', 'tsc over sources and tests'],
  ['lint', 'ESLint, typescript-eslint type-aware rules'],
  ['format:check', 'Prettier'],
  ['deps:check', 'dependency-cruiser layer rules'],
  ['proto:check', 'proto/generated/ drift'],
  ['test:coverage', 'jest with coverage thresholds'],
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const timings = [];
const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

function summary() {
  for (const [name, ms, ok] of timings)
    process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(14)} ${fmt(ms)}\n`);
  process.stdout.write(`  total ${fmt(timings.reduce((a, [, ms]) => a + ms, 0))}\n`);
}

for (const [i, [script, what]] of STEPS.entries()) {
  process.stdout.write(`\n== check ${i + 1}/${STEPS.length}: ${script} (${what})\n`);
  const t0 = Date.now();
  if (script === 'test:coverage') rmSync(join(__dirname, '..', 'coverage'), { recursive: true, force: true });
  const r = spawnSync(npm, ['run', '--silent', script], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  if (script === 'test:coverage') {
    // The per-area table is printed whether or not the thresholds held.
    spawnSync(process.execPath, [join(__dirname, 'check-coverage-table.js')], { stdio: 'inherit' });
  }
  const ok = r.status === 0;
  timings.push([script, Date.now() - t0, ok]);
  if (!ok) {
    process.stdout.write(`\ncheck failed at step ${i + 1}/${STEPS.length}: ${script} (${what})\n`);
    summary();
    process.exit(r.status || 1);
  }
}
process.stdout.write('\ncheck passed\n');
summary();
