// npm's `prepare` script in a checkout (package.json runs it only where tsconfig.json is: an installed
// package has dist/ compiled and no scripts/): compiles (tsc, then the one-file bundle) unless dist/ is
// already newer than everything it is made from.
//
// npm runs `prepare` after `npm ci` in a checkout, and again whenever it installs the checkout as a
// package: the first `npx workshop-pack …` in a clone links the clone into npm's npx folder and
// prepares it there. Compiling the same sources a second time made that first command ~6 s slower
// and peak at 366 MB resident, tsc's, far above the build it came before (issue 13).
//
// Current means: the bundle and dist/cli/main.js exist, and neither is older than any file or folder
// of src/ (a deleted source changes its folder), tsconfig.json, package.json, the lock file, this
// script, the bundler script, and node_modules/.package-lock.json, which npm rewrites on every install
// (other dependencies are other bundle bytes).
import { execFileSync } from 'node:child_process';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUTS = ['src', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/prepare.mjs', 'scripts/bundle-cli.mjs', 'node_modules/.package-lock.json'];
const OUTPUTS = ['dist/workshop-pack.cjs', 'dist/cli/main.js'];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of a file, or of a folder and everything in it. */
function newest(file) {
  const own = mtime(file) ?? 0;
  let entries;
  try {
    entries = readdirSync(file, { withFileTypes: true });
  } catch {
    return own; // a file, or missing
  }
  return Math.max(own, ...entries.map((e) => newest(path.join(file, e.name))));
}

/** Whether the checkout at `root` is compiled from what is there now. */
export function compiledIsCurrent(root) {
  const built = OUTPUTS.map((f) => mtime(path.join(root, f)));
  if (built.some((t) => t === undefined)) return false;
  return Math.max(...INPUTS.map((f) => newest(path.join(root, f)))) <= Math.min(...built);
}

function prepare(root) {
  if (compiledIsCurrent(root)) {
    // On stderr: `npm pack --json` runs this too, and its stdout is the JSON.
    console.error('prepare: dist/ is newer than the sources and dependencies, not compiled again');
    return;
  }
  let tsc;
  try {
    tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('cannot compile: typescript is not installed (`npm ci` installs it with the other development dependencies)');
  }
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: root, stdio: 'inherit' });
}

/** Whether this file is the script node was started with (not imported by a test): by real path, as npm may start it through a symlinked folder. */
function isMain() {
  try {
    return realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  try {
    prepare(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
  } catch (error) {
    // tsc and the bundler print what failed, and exit with a status; anything else (no TypeScript
    // installed) is said here
    const status = error?.status;
    if (typeof status !== 'number') console.error(`prepare: ${error?.message ?? error}`);
    process.exitCode = typeof status === 'number' ? status : 1;
  }
}
