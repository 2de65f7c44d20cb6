#!/usr/bin/env node
// Prints jest's coverage (coverage/coverage-summary.json) per source area, next to the thresholds of jest.config.js.
'use strict';
const { readFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const root = join(__dirname, '..');
const thresholds = require(join(root, 'jest.config.js')).coverageThreshold ?? {};
let summary;
try {
  summary = JSON.parse(readFileSync(join(root, 'coverage', 'coverage-summary.json'), 'utf8'));
} catch {
  process.stderr.write('coverage table: no coverage/coverage-summary.json (jest did not finish)\n');
  process.exit(0);
}

const METRICS = ['lines', 'branches', 'statements', 'functions'];
const areas = new Map();
for (const [file, m] of Object.entries(summary)) {
  if (file === 'total') continue;
  const area = relative(root, file).split(sep)[0];
  const acc = areas.get(area) ?? Object.fromEntries(METRICS.map((k) => [k, { covered: 0, total: 0 }]));
  for (const k of METRICS) {
    acc[k].covered += m[k].covered;
    acc[k].total += m[k].total;
  }
  areas.set(area, acc);
}

const pct = (c) => (c.total === 0 ? 100 : (100 * c.covered) / c.total);
const cell = (c) => `${pct(c).toFixed(1).padStart(5)} %`;
const rows = [['area', 'lines', 'branches', 'statements', 'functions', 'min (lines, branches)', '']];
for (const [area, acc] of [...areas].sort(([a], [b]) => a.localeCompare(b))) {
  const t = thresholds[`./${area}/`];
  const ok = !t || (pct(acc.lines) >= t.lines && pct(acc.branches) >= t.branches);
  rows.push([
    area,
    ...METRICS.map((k) => cell(acc[k])),
    t ? `${t.lines} %, ${t.branches} %` : '-',
    ok ? 'ok' : 'BELOW',
  ]);
}
const total = summary.total;
rows.push(['all', ...METRICS.map((k) => cell(total[k])), '', '']);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
process.stdout.write('\ncoverage per area\n');
for (const r of rows) process.stdout.write(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
