#!/usr/bin/env node
// Thin entry: everything, including exit codes, is decided in src/cli/main.ts.
//
// It runs the one-file bundle dist/workshop-pack.cjs (scripts/bundle-cli.mjs) when that is at least
// as new as the compiled sources, else dist/cli/main.js (a `tsc` without the bundle step, or an
// install without esbuild). The bundle is compiled with a V8 code cache kept beside it, so that a
// cold start does not parse and compile megabytes of JavaScript again: V8 checks the cache against
// the source and its own version and flags, and ignores one that does not match.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The bundle's exports, compiled with the code cache; undefined when the bundle is missing or stale. */
function loadBundle() {
  const file = path.join(dist, 'workshop-pack.cjs');
  const built = mtime(file);
  if (built === undefined || built < (mtime(path.join(dist, 'cli', 'main.js')) ?? 0)) return undefined;
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dist);
  // Written after the command ran, so it holds the functions the command compiled too; a read-only
  // install simply goes without.
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      const temp = `${cacheFile}.${process.pid}`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {}
  };
  return { run: module.exports.run, saveCache };
}

const { run, saveCache } = loadBundle() ?? { ...(await import('../dist/cli/main.js')), saveCache: () => {} };

run(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  cwd: process.cwd(),
  terminal: process.stdout.isTTY ? { write: (text) => process.stdout.write(text), columns: process.stdout.columns } : undefined,
}).then(
  (code) => {
    process.exitCode = code;
    saveCache();
  },
  (error) => {
    process.stderr.write(`workshop-pack: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 70;
  },
);
