#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript (npm ci builds it through `prepare`).
require('reflect-metadata');
const { main } = require('../dist/cli/index.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`chrysalis: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
