// Small helpers the benchmarks share: repeated measurement, min/median/max, child processes timed
// from the outside (wall clock, CPU time and peak memory).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** How many times each figure is measured (BENCH_RUNS overrides; at least 3 for min/median/max). */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS) || 3);
export const DOCS = ['story', 'udhr', 'guide'];

export const tempDir = (prefix) => mkdtempSync(path.join(tmpdir(), prefix));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** "min–median–max unit" of a list of figures. */
export function spread(xs, digits = 2, unit = '') {
  const f = (x) => x.toFixed(digits);
  return `${f(Math.min(...xs))} / ${f(median(xs))} / ${f(Math.max(...xs))}${unit ? ` ${unit}` : ''} (min / median / max of ${xs.length})`;
}

/** The machine's load, printed with the figures: other processes share the two cores. */
export const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;

// A preload that reports the child's peak resident memory and CPU time when it exits.
const REPORTER = path.join(REPO, 'bench', 'report-usage.cjs');

/**
 * What the node processes of one command used together: their CPU time, and as peak memory the
 * largest one's peak resident set plus what the others held of their own (their anonymous memory
 * when they exited; the Node binary's pages they share are counted once). The bin's first process
 * waits, holding ~9 MB of its own, while its layout process builds.
 */
function totalUsage(lines) {
  // A worker thread loads the preload too, and reports its whole process: one line per process.
  const byPid = new Map();
  for (const line of lines) if (!byPid.has(line.pid) || line.cpuSeconds > byPid.get(line.pid).cpuSeconds) byPid.set(line.pid, line);
  const processes = [...byPid.values()];
  const largest = processes.reduce((a, b) => (b.maxRssMB > a.maxRssMB ? b : a));
  const others = processes.filter((p) => p !== largest).reduce((sum, p) => sum + (p.anonMB ?? p.maxRssMB), 0);
  return { maxRssMB: largest.maxRssMB + others, cpuSeconds: processes.reduce((sum, p) => sum + p.cpuSeconds, 0), processes: processes.length };
}

/**
 * Runs a command in a fresh process and times it: wall seconds, CPU seconds (user + system) and
 * peak memory in MB for node children (through the preload, see totalUsage). Throws when the command fails.
 */
export function timed(command, args, { env = {}, cwd = REPO } = {}) {
  const dir = tempDir('wp-usage-');
  const usageFile = path.join(dir, 'usage.json');
  const isNode = command === process.execPath;
  const t = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SOURCE_DATE_EPOCH: '1733788800', ...env, ...(isNode ? { NODE_OPTIONS: `--require ${REPORTER}`, WP_BENCH_USAGE: usageFile } : {}) },
  });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  let usage = {};
  try {
    usage = totalUsage(readFileSync(usageFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
  } catch {}
  rmSync(dir, { recursive: true, force: true });
  return { seconds, stdout: r.stdout, stderr: r.stderr, ...usage };
}
