// No-op rebuild (issue 13, goal 3: ≤ 0.3 s for the whole bundled content): build everything once,
// then run `workshop-pack build` again with nothing changed, as a user would, and time the whole
// process (wall clock); beside it the same no-op inside one process (build() alone, module loading
// excluded) and the start of the process alone (`--version`), which no cache can remove. A no-op
// run is answered from the trace of the one before (src/cli/run-trace.ts) without loading the tool;
// the same no-op with no trace to answer from (the tool loaded, the build cache asked) is timed too.
// Figures only, min/median/max over several runs, with the machine's load: never an assertion.
//
//   node bench/noop.js [--runs N] [--out DIR] [--json]
// --out reuses a folder already built (its first build is then not timed); --json prints one JSON
// object at the end for bench/run.js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../dist/commands/build.js';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(option('--runs') ?? 5);
const out = option('--out') ? path.resolve(option('--out')) : mkdtempSync(path.join(tmpdir(), 'wp-bench-noop-'));
const json = args.includes('--json');
const say = (line) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
// The same bytes whatever day it is run (the build date is in every PDF).
// The traces of no-op runs go to a cache folder of this benchmark's own.
const env = { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1700000000', XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'wp-bench-traces-')) };

function cli(...extra) {
  return cliWith(env, ...extra);
}
function cliWith(env, ...extra) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/workshop-pack.js'), ...extra], { cwd: repo, env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`workshop-pack ${extra.join(' ')} exited ${r.status}: ${r.stderr.split('\n').slice(-3).join(' ')}`);
  return { seconds, summary: r.stdout.trim().split('\n').at(-1) };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
};
const show = (x, unit = 's') => `min ${x.min.toFixed(3)} / median ${x.median.toFixed(3)} / max ${x.max.toFixed(3)} ${unit}`;

say(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
let first;
if (!option('--out')) {
  first = cli('build', '--out', out);
  say(`first build (cache empty): ${first.seconds.toFixed(2)} s — ${first.summary}`);
}
// Files written less than 2 s before a run are not trusted by its trace ("racy", as git says).
await new Promise((resolve) => setTimeout(resolve, 2100));
const untraced = [];
for (let i = 0; i < runs; i++) untraced.push(cliWith({ ...env, XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'wp-bench-no-traces-')) }, 'build', '--out', out).seconds);
cli('build', '--out', out); // leaves the trace
const noop = [];
for (let i = 0; i < runs; i++) {
  const r = cli('build', '--out', out);
  noop.push(r.seconds);
  if (i === 0) say(`no-op rebuild: ${r.summary}`);
}
const start = [];
for (let i = 0; i < runs; i++) start.push(cli('--version').seconds);
// In one process: the cache's own work (hashing inputs by their stamps, reading entries).
process.env.SOURCE_DATE_EPOCH = env.SOURCE_DATE_EPOCH;
const inProcess = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const r = await build({ cwd: repo, outDir: out, log: () => {} });
  inProcess.push((performance.now() - started) / 1000);
  if (r.written.length) say(`warning: the in-process no-op wrote ${r.written.length} documents (the cache missed)`);
}
const result = { noopProcess: stats(noop), noopUntraced: stats(untraced), processStart: stats(start), noopInProcess: stats(inProcess), firstBuild: first?.seconds, loadAverage: loadavg()[0], out };
say(`no-op rebuild, whole process (target ≤ 0.3 s): ${show(result.noopProcess)}`);
say(`  the same with no trace to answer from (tool loaded, build cache asked): ${show(result.noopUntraced)}`);
say(`  process start of the whole tool (workshop-pack --version): ${show(result.processStart)}`);
say(`  no-op build() in process (cache work only): ${show(result.noopInProcess)}`);
say(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (json) console.log(JSON.stringify({ noop: result }));
