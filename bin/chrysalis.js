#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript (npm ci builds it through `prepare`). Exit codes: cli/exit.ts.
const { main } = require('../dist/cli/index.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() maps every error itself; this is only reached by a bug in the dispatcher.
    const debug = process.env.CHRYSALIS_DEBUG === '1' || process.argv.includes('--debug');
    process.stderr.write(`chrysalis: unexpected error: ${err && err.message ? err.message : String(err)}\n`);
    if (debug && err && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
