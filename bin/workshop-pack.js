#!/usr/bin/env node
// Thin entry: everything, including exit codes, is decided in src/cli/main.ts.
import { run } from '../dist/cli/main.js';

run(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  cwd: process.cwd(),
  terminal: process.stdout.isTTY ? { write: (text) => process.stdout.write(text), columns: process.stdout.columns } : undefined,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`workshop-pack: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 70;
  },
);
