// The CLI as bin/workshop-pack.js started it before the bundle: every compiled module of dist/ and
// node_modules/ resolved, read and compiled on each start. For bench/cold-start.js's comparison.
import { run } from '../dist/cli/main.js';

run(process.argv.slice(2), { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n'), cwd: process.cwd() }).then((code) => {
  process.exitCode = code;
});
