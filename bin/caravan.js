#!/usr/bin/env node
// The `caravan` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`Error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
