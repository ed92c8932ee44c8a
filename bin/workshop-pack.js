#!/usr/bin/env node
// Thin entry: everything, including exit codes, is decided in src/cli/main.ts.
//
// It runs the one-file bundle dist/workshop-pack.cjs (scripts/bundle-cli.mjs), else dist/cli/main.js:
// when there is no bundle (an install without esbuild), or, in a development checkout, when the
// bundle is older than the compiled sources (a `tsc` without the bundle step). The bundle is
// compiled with a V8 code cache kept beside it, so that a cold start does not parse and compile
// megabytes of JavaScript again: V8 checks the cache against the source and its own version and
// flags, and ignores one that does not match.
//
// Before any of that, a `build` run exactly as before, on files that are all as they were, is
// answered from the trace of that earlier run without loading the tool (dist/cli/run-trace.js).
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const started = performance.now();
const self = fileURLToPath(import.meta.url);
const dist = path.join(path.dirname(self), '..', 'dist');
const bundleFile = path.join(dist, 'workshop-pack.cjs');
/** A command shorter than this cannot have let V8 drop bytecode (see loadBundle). */
const SHORT_RUN_MS = 1500;

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The bundle's exports, compiled with the code cache; undefined when the bundle is missing or
 * stale. `layout`: this is the layout process (runInLayoutProcess).
 */
function loadBundle(layout) {
  const file = bundleFile;
  const built = mtime(file);
  if (built === undefined) return undefined;
  // Only a checkout (tsconfig.json beside dist/, as package.json's prepare script tells one) builds
  // the two apart. An installed package ships them built together, and npm dates each file by when
  // it was unpacked, in no set order: the bundle came out older there and never ran.
  const checkout = mtime(path.join(dist, '..', 'tsconfig.json')) !== undefined;
  if (checkout && built < (mtime(path.join(dist, 'cli', 'main.js')) ?? 0)) return undefined;
  // One cache per kind of process: V8 takes a cache only from a process started with the same
  // flags, and the layout process is started with its own (LAYOUT_NODE_FLAGS). With one file for
  // both, every switch between a build and any other command (preview, status) threw the other's
  // cache away and compiled and wrote it again, ~0.1 s each time.
  const cacheFile = layout ? `${file}.layout.cache` : `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData, importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dist);
  // Written now, before the command runs, and again after it when it was short, so that it also
  // holds the functions the command compiled. Not after a long one: V8 drops the bytecode of
  // functions not run over 5 full collections (--bytecode-old-age), such as every module's top
  // level, and a cache written after a full build made each later one-document build ~80 ms slower
  // to start (one written before it, ~30 ms). A one-document build makes 1 full collection, a whole
  // locale (2 s) 3. A read-only install simply goes without.
  const fresh = !cachedData || script.cachedDataRejected;
  const save = () => {
    try {
      const temp = `${cacheFile}.${process.pid}`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {}
  };
  if (fresh) save();
  const saveAfter = () => {
    if (fresh && performance.now() - started < SHORT_RUN_MS) save();
  };
  return { run: module.exports.run, saveAfter };
}

// Missing only in a copy of the bin without it (its tests): then every run runs.
const trace = await import('../dist/cli/run-trace.js').catch(() => undefined);

/**
 * How the process that lays documents out is started (`build` and `check`, which lay out every
 * document they are asked for). Each setting is one Node or the C library reads only when a process
 * starts, so the bin starts that process itself (runInLayoutProcess):
 * - `--max-semi-space-size=4`: V8 grows its young generation to two 16 MB semi-spaces within the
 *   first document of a build and keeps them, 24 MB more resident memory than at 4 MB each, for a
 *   build that keeps ~50 MB alive in all.
 * - `--v8-pool-size=1`: one V8 platform thread instead of four. Each thread that optimises code
 *   keeps its own malloc arena at the size of the largest compilations it ran (4 × 5–8 MB at the
 *   peak of a full build).
 * - `MALLOC_ARENA_MAX=2` (glibc; other C libraries ignore it): the main thread, the platform thread
 *   and libuv's share two arenas rather than one each.
 * Measured on the full bundled build (issue 13), against the worker thread with a 12 MB young
 * generation used before, 2 runs each in turns: the build's peak resident memory 193–201 → 167 MB
 * with the shapes of words kept, 232–235 → 200–211 MB on a first run (no user cache), CPU time no
 * higher. This process, waiting meanwhile, holds ~9 MB of its own (the Node binary's pages are shared).
 */
const LAYOUT_NODE_FLAGS = ['--max-semi-space-size=4', '--v8-pool-size=1'];
const LAYOUT_ENV = { MALLOC_ARENA_MAX: '2' };
/** Set in the layout process's environment: the run trace's key, or an empty string. */
const LAYOUT_PROCESS = 'WORKSHOP_PACK_LAYOUT_PROCESS';
const LAYOUT_COMMANDS = new Set(['build', 'check']);

/**
 * Whether a `build` or `check` needs the layout process: not for one document other than the
 * pack, in one locale (a handout for tomorrow's class), which peaks near 110 MB laid out in this
 * process and would only pay for a second Node start (~0.07 s of a ~0.7 s build).
 */
function needsLayoutProcess(argv) {
  if (!LAYOUT_COMMANDS.has(argv[0])) return false;
  const locales = optionValues(argv, '--locale');
  const docs = optionValues(argv, '--doc');
  return !(locales.length === 1 && docs.length === 1 && docs[0] !== 'pack');
}

/** What the command line gives an option, as commander reads it: `--doc a b`, `--doc a,b`, `--doc=a`, repeated. */
function optionValues(argv, name) {
  const values = [];
  for (let i = 1; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i].startsWith(`${name}=`)) values.push(...argv[i].slice(name.length + 1).split(','));
    else if (argv[i] === name) for (; i + 1 < argv.length && !argv[i + 1].startsWith('-'); i++) values.push(...argv[i + 1].split(','));
  }
  return values.filter(Boolean);
}

/**
 * Loads the tool and runs a command, watched by the run trace when it has a key; resolves to the
 * exit code. `layout`: this is the layout process.
 */
async function runTool(argv, io, key, layout = false) {
  // V8 lets the heap grow to about twice what was alive after each full collection; a build keeps
  // ~100 MB alive (fonts, caches) and makes much garbage, so a full build of the bundled content
  // peaked at ~445 MB resident. Growing it by 30 % instead peaks at ~315 MB, measured with no more
  // CPU time (bench/run.js; issue 13).
  v8.setFlagsFromString('--heap-growing-percent=30');
  const { run, saveAfter } = loadBundle(layout) ?? { ...(await import('../dist/cli/main.js')), saveAfter: () => {} };
  const recording = key ? trace.record(key, io) : undefined;
  try {
    const code = await run(argv, { ...(recording?.io ?? io), cwd: process.cwd() });
    recording?.finish(code);
    saveAfter();
    return code;
  } catch (error) {
    recording?.finish();
    return internalError(io, error);
  }
}

/** What an exception no command caught prints; its exit code. */
function internalError(io, error) {
  io.err(`workshop-pack: internal error: ${error?.stack ?? error}`);
  return 70;
}

/**
 * Runs this file again in a child process started with LAYOUT_NODE_FLAGS and LAYOUT_ENV, on the
 * same terminal and files; resolves to its exit code. A signal to stop is passed on to the child
 * (Ctrl-C reaches both anyway) and this process ends as the child did.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
function runInLayoutProcess(argv, io, key) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...LAYOUT_NODE_FLAGS, self, ...argv], {
      stdio: 'inherit',
      env: { ...process.env, ...LAYOUT_ENV, [LAYOUT_PROCESS]: key ?? '' },
    });
    const forward = (signal) => child.kill(signal);
    for (const signal of SIGNALS) process.on(signal, forward);
    child.on('error', (error) => resolve(internalError(io, error)));
    child.on('exit', (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward);
      if (signal) process.kill(process.pid, signal); // stopped by a signal: this process too
      resolve(code ?? 70);
    });
  });
}

// A reader that stops early (`workshop-pack build | head`) closes the pipe: stop quietly, as a Unix
// tool stopped by SIGPIPE does (Node ignores that signal), with the shell's code for it. The PDFs
// written so far are whole: each is renamed into place when complete.
const EXIT_BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT_BROKEN_PIPE);
  });

const io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  terminal: process.stdout.isTTY ? { write: (text) => process.stdout.write(text), columns: process.stdout.columns } : undefined,
};
const argv = process.argv.slice(2);
const layoutKey = process.env[LAYOUT_PROCESS];
if (layoutKey !== undefined) {
  // The layout process (runInLayoutProcess): the trace was looked up before it started.
  delete process.env[LAYOUT_PROCESS];
  process.exitCode = await runTool(argv, io, layoutKey || undefined, true);
} else {
  const codeFiles = [self, bundleFile, path.join(dist, 'cli', 'main.js'), path.join(dist, 'cli', 'run-trace.js')];
  const key = trace?.traceable(argv) ? trace.traceKey(argv, process.cwd(), io.terminal, codeFiles) : undefined;
  const replayed = key ? trace.replay(key, io, started) : undefined;
  if (replayed !== undefined) process.exitCode = replayed;
  else if (needsLayoutProcess(argv)) process.exitCode = await runInLayoutProcess(argv, io, key);
  else process.exitCode = await runTool(argv, io, key);
}
