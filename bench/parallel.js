// Full build of the bundled content with --jobs 1 (one process, no workers) and --jobs 2 (two
// worker threads): wall time, CPU time and peak memory (the process's peak resident set, worker
// threads included), min/median/max over several runs, in fresh processes. Figures, never
// assertions. CPU time over wall time is how many cores a build kept busy: even --jobs 1 keeps
// more than one, since V8 compiles optimised code and collects garbage on a thread of its own.
// `node bench/parallel.js [runs] [jobs…] [-- build options]` (default: 3 runs of --jobs 1 and 2 of
// everything; `-- --locale en,fr,ar` for fewer locales); bench/run.js calls it.
// The machine's load average is printed before and after: on a busy machine workers compete with
// whatever else runs, and the figures say little about an idle one.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, timed } from './lib.js';

const dash = process.argv.indexOf('--');
const ours = dash < 0 ? process.argv.slice(2) : process.argv.slice(2, dash);
const buildOptions = dash < 0 ? [] : process.argv.slice(dash + 1);
const runs = Number(ours[0] ?? 3);
const jobsList = ours.length > 1 ? ours.slice(1).map(Number) : [1, 2];

// The CLI as a user runs it (bin/workshop-pack.js), timed from the outside with its peak memory,
// worker threads included (lib.js).
function once(jobs) {
  const out = mkdtempSync(path.join(tmpdir(), 'wp-bench-parallel-'));
  const r = timed(process.execPath, [path.join(REPO, 'bin', 'workshop-pack.js'), 'build', ...buildOptions, '--jobs', String(jobs), '--force', '--out', out], { env: { SOURCE_DATE_EPOCH: '1733788800' } });
  rmSync(out, { recursive: true, force: true });
  return { seconds: r.seconds, cpu: r.cpuSeconds, mb: r.maxRssMB };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const spread = (xs, unit, digits) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0].toFixed(digits)} / median ${s[Math.floor(s.length / 2)].toFixed(digits)} / max ${s.at(-1).toFixed(digits)} ${unit}`;
};

console.log(`parallel build${buildOptions.length ? ` (${buildOptions.join(' ')})` : ' of everything'}: ${runs} run(s) each of --jobs ${jobsList.join(', ')}; ${availableParallelism()} cores; load average before: ${load()}`);
const results = new Map(jobsList.map((j) => [j, []]));
// Interleaved, so a change in the machine's load falls on every setting alike.
for (let i = 0; i < runs; i++) for (const jobs of jobsList) results.get(jobs).push(once(jobs));
for (const [jobs, rs] of results) {
  console.log(`  --jobs ${jobs}: time ${spread(rs.map((r) => r.seconds), 's', 2)}; CPU ${spread(rs.map((r) => r.cpu), 's', 2)}; cores busy ${spread(rs.map((r) => r.cpu / r.seconds), 'cores', 2)}; peak RSS ${spread(rs.map((r) => r.mb), 'MB', 0)}`);
}
console.log(`  load average after: ${load()}`);
