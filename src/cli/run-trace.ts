// A `build` that changes nothing answers in the time it takes to look at its files, without loading
// the tool. Starting the tool (reading, compiling and initialising the bundle: fontkit, pdfkit, zod…)
// takes several times as long as a no-op build itself (pipeline/cache.ts), so the bin keeps a
// trace of each build run that wrote nothing: every file it looked at (its stat, or a folder's
// listing, or where a link led), every environment variable it read, and what it printed. When the
// same command is run again in the same folder, on the same day, by the same code, and every one
// of those files and variables is as it was, the program would necessarily do and print the same
// again: the trace's output is printed and nothing else is done.
//
// What makes a run traceable is checked, not assumed: every function of `fs`, `fs.promises`,
// `child_process` and `worker_threads` is watched while the command runs; a run that wrote
// anything, started a process or a thread, or used a file API this does not fingerprint is not
// recorded. A file's fingerprint is its stat (size, modification and change times, inode), taken
// before the file is read; a file changed within 2 s of being looked at could change again
// unseen within its time stamp's resolution (as git's index says of "racy" files), so such a run
// is not recorded either. This imports nothing but Node's own modules: it runs before the tool
// is loaded. Traces live in the user's cache folder ($XDG_CACHE_HOME or ~/.cache,
// workshop-pack/runs/), at most MAX_TRACES of them.
import { createHash } from 'node:crypto';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import workerThreads from 'node:worker_threads';
import { userCacheDir } from '../user-cache.js';

/** Bump when a trace's shape or meaning changes: older traces are then ignored. */
const FORMAT = 1;
const MAX_TRACES = 200;
/** A file changed this recently (ms) when looked at is not trusted to show its next change in its stat. */
const RACY_MS = 2000;

export interface RunIo {
  out: (line: string) => void;
  err: (line: string) => void;
  terminal?: { write: (text: string) => void; columns?: number };
}

type Fn = (...args: unknown[]) => unknown;
type Kind = 'stat' | 'lstat' | 'dir' | 'real' | 'link';
/** What was printed, in order: a line on stdout or stderr, or a raw write to the terminal. */
type Printed = ['out' | 'err' | 'terminal', string];
interface Trace {
  format: number;
  key: string;
  env: [string, string | null][];
  files: [Kind, string, string][];
  printed: Printed[];
  code: number;
}

// The file functions a build looks with, and what of the file each depends on.
const LOOKS: Record<string, Kind> = {
  statSync: 'stat',
  existsSync: 'stat',
  accessSync: 'stat',
  readFileSync: 'stat',
  openSync: 'stat',
  lstatSync: 'lstat',
  readdirSync: 'dir',
  realpathSync: 'real',
  readlinkSync: 'link',
};
// Functions that take a file descriptor from an openSync already fingerprinted, or change nothing.
const HARMLESS = new Set(['readSync', 'fstatSync', 'closeSync']);

// Files another process is writing at that moment, to rename over their targets: the bin's code
// cache (<bundle>.cache.<pid>) and every atomic write (.<name>.<pid>.tmp, pipeline/write.ts).
// Nothing reads them; in a folder's fingerprint, one caught in passing made the trace of a run
// never answer again (issue 13: the no-op trace test failed when other tests started the bin).
const IN_FLIGHT = /\.cache\.\d+$|^\..+\.\d+\.tmp$/;

function fingerprint(kind: Kind, file: string): string {
  try {
    if (kind === 'dir')
      return JSON.stringify(
        original
          .readdirSync(file, { withFileTypes: true })
          .filter((e) => !IN_FLIGHT.test(e.name))
          .map((e) => [e.name, e.isDirectory(), e.isFile(), e.isSymbolicLink()]),
      );
    if (kind === 'real') return original.realpathSync(file);
    if (kind === 'link') return original.readlinkSync(file);
    const s = (kind === 'lstat' ? original.lstatSync : original.statSync)(file, { throwIfNoEntry: false } as never) as fs.Stats | undefined;
    return s ? `${s.mode}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}:${s.dev}` : 'none';
  } catch (e) {
    return `error:${(e as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}

// The real functions, whatever is patched over them while a command is recorded.
const original = { readdirSync: fs.readdirSync, realpathSync: fs.realpathSync, readlinkSync: fs.readlinkSync, statSync: fs.statSync, lstatSync: fs.lstatSync };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What a run's output depends on besides its files and environment: the command, the folder, the
 * day (a case's facts age), where it prints, and the code that runs (`codeFiles`, by their stat).
 */
export function traceKey(argv: string[], cwd: string, terminal: RunIo['terminal'], codeFiles: string[]): string {
  const now = new Date();
  return sha256(
    JSON.stringify([FORMAT, process.version, process.execPath, argv, cwd, terminal ? (terminal.columns ?? 0) : null, now.toISOString().slice(0, 10), now.toDateString(), codeFiles.map((f) => [f, fingerprint('stat', f)])]),
  );
}

const traceDir = () => path.join(userCacheDir(), 'runs');

/** Only `build` is traced: the other commands are quick, interactive or write by design. */
export const traceable = (argv: string[]): boolean => argv[0] === 'build';

/** What of a trace is no longer as it was (a variable or a file, and how it was seen), if anything: for tests that ask why a trace did not answer. */
export function traceDifference(key: string): string | undefined {
  let trace: Trace;
  try {
    trace = JSON.parse(fs.readFileSync(path.join(traceDir(), `${key}.json`), 'utf8')) as Trace;
  } catch {
    return 'no trace';
  }
  for (const [name, value] of trace.env) if ((process.env[name] ?? null) !== value) return `variable ${name}: ${value} -> ${process.env[name] ?? null}`;
  for (const [kind, file, seen] of trace.files) {
    const now = fingerprint(kind, file);
    if (now !== seen) return `${kind} ${file}: ${seen} -> ${now}`;
  }
  return undefined;
}

/**
 * Print what the traced run printed and give its exit code, when every file and variable it looked
 * at is as it was; undefined (and nothing printed) otherwise.
 */
export function replay(key: string, io: RunIo, started: number): number | undefined {
  let trace: Trace;
  try {
    trace = JSON.parse(fs.readFileSync(path.join(traceDir(), `${key}.json`), 'utf8')) as Trace;
  } catch {
    return undefined;
  }
  if (trace?.format !== FORMAT || trace.key !== key || !Array.isArray(trace.files) || !Array.isArray(trace.env) || !Array.isArray(trace.printed)) return undefined;
  for (const [name, value] of trace.env) if ((process.env[name] ?? null) !== value) return undefined;
  for (const [kind, file, seen] of trace.files) if (fingerprint(kind, file) !== seen) return undefined;
  const seconds = (performance.now() - started) / 1000;
  const last = trace.printed.map(([stream]) => stream).lastIndexOf('out');
  trace.printed.forEach(([stream, text], i) => {
    // The summary says how long this build took, not the traced one.
    const said = i === last ? withSeconds(text, seconds) : text;
    if (stream === 'terminal') io.terminal?.write(said);
    else io[stream](said);
  });
  return trace.code;
}

/** The time in a build's summary line (commands/progress.ts: "… pages in 0.07 s…", "… 1 page in …", or JSON "seconds"). */
function withSeconds(line: string, seconds: number): string {
  if (line.startsWith('{')) return line.replace(/"seconds":[0-9.]+\}$/, `"seconds":${Number(seconds.toFixed(2))}}`);
  return line.replace(/ (pages?) in [0-9]+\.[0-9]{2} s/, (_, word: string) => ` ${word} in ${seconds.toFixed(2)} s`);
}

export interface Recording {
  /** Pass this to the command instead of the real output: it is printed and remembered. */
  io: RunIo;
  /** The command ended with `code` (undefined: it crashed): stop watching, and keep the trace if the run can be replayed. */
  finish(code?: number): void;
}

/** Watch a command as it runs (see the top of this file). */
export function record(key: string, given: RunIo): Recording {
  const files = new Map<string, [Kind, string, string]>();
  const env = new Map<string, string | null>();
  const printed: Printed[] = [];
  let replayable = true;
  let racy = false;

  const look = (kind: Kind, target: unknown) => {
    if (!replayable) return;
    if (typeof target === 'number') return; // a descriptor from openSync, already looked at
    let file: string;
    if (typeof target === 'string') file = path.resolve(target);
    else if (target instanceof URL && target.protocol === 'file:') file = fileURLToPath(target);
    else return void (replayable = false);
    const id = `${kind}\u0000${file}`;
    const seen = fingerprint(kind, file);
    const before = files.get(id);
    if (before) {
      if (before[2] !== seen) replayable = false; // changed while the command ran
      return;
    }
    files.set(id, [kind, file, seen]);
    if (kind === 'stat' || kind === 'lstat') {
      const [, , mtime, ctime] = seen.split(':').map(Number);
      if (Date.now() - Math.max(mtime || 0, ctime || 0) < RACY_MS) racy = true;
    }
  };

  // Each function of the modules a command could look, write or start something with is replaced
  // while it runs: the ones that look are fingerprinted, any other makes the run not replayable.
  const restore: (() => void)[] = [];
  const patch = (owner: Record<string, unknown>, name: string, wrap: (f: Fn) => Fn) => {
    const f = owner[name];
    // Classes (Stats, Dirent, Worker's kin) are left: constructing one changes nothing.
    if (typeof f !== 'function' || /^[A-Z]/.test(name)) return;
    try {
      owner[name] = Object.assign(wrap(f as Fn), f);
      restore.push(() => void (owner[name] = f));
    } catch {
      replayable = false; // not replaceable, so not watched
    }
  };
  const looks = (kind: Kind) => (f: Fn) =>
    function (this: unknown, ...args: unknown[]) {
      look(kind, args[0]);
      return f.apply(this, args);
    };
  const stops = (f: Fn) =>
    function (this: unknown, ...args: unknown[]) {
      replayable = false;
      return f.apply(this, args);
    };
  const fsObject = fs as unknown as Record<string, unknown>;
  for (const name of Object.keys(fsObject)) {
    if (name === 'promises' || HARMLESS.has(name)) continue;
    patch(fsObject, name, LOOKS[name] ? looks(LOOKS[name]) : stops);
  }
  // A file opened for anything but reading may be created or truncated by the opening alone.
  const open = fsObject.openSync as Fn;
  fsObject.openSync = Object.assign(function (this: unknown, ...args: unknown[]) {
    const flags = args[1];
    if (!(flags === undefined || flags === 'r' || flags === 'rs' || flags === fs.constants.O_RDONLY)) replayable = false;
    return open.apply(this, args);
  }, open);
  // fs.realpathSync.native, copied onto the replacement: replaced there too.
  const real = fsObject.realpathSync as Fn & { native?: Fn };
  if (real !== original.realpathSync && real.native) real.native = looks('real')(real.native);
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of Object.keys(promises)) patch(promises, name, stops);
  const cp = childProcess as unknown as Record<string, unknown>;
  for (const name of Object.keys(cp)) patch(cp, name, stops);
  const wt = workerThreads as unknown as Record<string, unknown>;
  const Worker = wt.Worker as new (...args: unknown[]) => object;
  wt.Worker = new Proxy(Worker, {
    construct(target, args) {
      replayable = false;
      return new target(...args);
    },
  });
  restore.push(() => void (wt.Worker = Worker));
  const realEnv = process.env;
  process.env = new Proxy(realEnv, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (typeof name === 'string' && !env.has(name)) env.set(name, typeof value === 'string' ? value : null);
      return value;
    },
    has(target, name) {
      if (typeof name === 'string' && !env.has(name)) env.set(name, target[name] ?? null);
      return Reflect.has(target, name);
    },
    ownKeys(target) {
      replayable = false; // the whole environment read: not worth tracing
      return Reflect.ownKeys(target);
    },
  });
  restore.push(() => void (process.env = realEnv));
  syncBuiltinESMExports();

  const io: RunIo = {
    out: (line) => (printed.push(['out', line]), given.out(line)),
    err: (line) => (printed.push(['err', line]), given.err(line)),
    terminal: given.terminal && {
      columns: given.terminal.columns,
      write: (text) => (printed.push(['terminal', text]), given.terminal!.write(text)),
    },
  };

  return {
    io,
    finish(code) {
      for (const undo of restore.reverse()) undo();
      syncBuiltinESMExports();
      if (code === undefined || !replayable || racy) return;
      save({ format: FORMAT, key, env: [...env], files: [...files.values()], printed, code });
    },
  };
}

/** Written atomically; the oldest traces go when there are too many. A cache folder that cannot be written only costs speed. */
function save(trace: Trace): void {
  try {
    const dir = traceDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${trace.key}.json`);
    const temp = `${file}.${process.pid}`;
    fs.writeFileSync(temp, JSON.stringify(trace));
    fs.renameSync(temp, file);
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
    if (names.length > MAX_TRACES) {
      const aged = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
      for (const { n } of aged.slice(0, names.length - MAX_TRACES)) fs.rmSync(path.join(dir, n), { force: true });
    }
  } catch {
    // the next identical build runs in full
  }
}
