#!/usr/bin/env node
// Proto drift: regenerate proto/generated/ into a temporary directory with the same pbjs/pbts commands as
// `npm run proto:gen` and fail if any file differs from the committed one. Fix with `npm run proto:gen`.
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const committedDir = join(root, 'proto', 'generated');
const protoDir = join(root, 'proto', 'chrysalis', 'v1');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const tmp = mkdtempSync(join(tmpdir(), 'chrysalis-proto-'));
try {
  const protos = readdirSync(protoDir)
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => join('proto', 'chrysalis', 'v1', f));
  const js = join(tmp, 'chrysalis.js');
  const dts = join(tmp, 'chrysalis.d.ts');
  const opts = { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] };
  execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'commonjs', '--force-number', '-o', js, ...protos], opts);
  execFileSync(bin('pbts'), ['-o', dts, js], opts);

  const drifted = [];
  for (const name of ['chrysalis.js', 'chrysalis.d.ts']) {
    let committed;
    try {
      committed = readFileSync(join(committedDir, name), 'utf8');
    } catch {
      drifted.push(`${name} (missing)`);
      continue;
    }
    const fresh = readFileSync(join(tmp, name), 'utf8');
    if (fresh !== committed) drifted.push(name);
  }
  if (drifted.length > 0) {
    process.stderr.write(
      `proto drift: proto/generated/ differs from the .proto sources: ${drifted.join(', ')}\n` +
        'run `npm run proto:gen` and commit the result\n',
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('proto/generated/ matches proto/chrysalis/v1/*.proto\n');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
