#!/usr/bin/env node
'use strict';
// Copies non-TypeScript build inputs into dist/: generated protobuf code, Tolk sources, small assets.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const pairs = [
  ['proto/generated', 'dist/proto/generated'],
  ['contracts/tolk', 'dist/contracts/tolk'],
  ['contracts/build', 'dist/contracts/build'],
];
for (const [from, to] of pairs) {
  const src = path.join(root, from);
  if (!fs.existsSync(src)) continue;
  fs.cpSync(src, path.join(root, to), { recursive: true });
}
