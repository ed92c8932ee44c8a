// Benchmarks for issue 13 (figures, never assertions), each measured several times and printed as
// min / median / max: cold start of one story handout (node and npx, before/after the bundle); a
// full build of story, UDHR page and guide for every bundled case and locale in a fresh process,
// pages/s and peak memory; CPU time and peak memory of a build of every document; warm in-process
// builds; the Arabic guide against the English one; the other helpers' benchmarks when present
// (bench/noop.js, shaping.js, parallel.js); the Typst peer benchmark (bench/typst/); and save →
// updated PDF with `preview --watch`.
// Run with `npm run bench` after `npm ci`. BENCH_RUNS=5 measures each figure 5 times (default 3).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from '../dist/commands/build.js';
import { preview } from '../dist/commands/preview.js';
import { coldStart } from './cold-start.js';
import { DOCS, REPO, RUNS, load, median, spread, tempDir, timed } from './lib.js';

const quiet = () => {};
const bin = path.join(REPO, 'bin', 'workshop-pack.js');
const pagesOf = (result) => result.written.reduce((n, w) => n + w.pages, 0);

console.log(`workshop-pack benchmarks, Node ${process.version}, ${RUNS} runs per figure; ${load()} at the start`);
console.log('(other processes share the two cores: wall times move with the load, CPU times less)\n');

coldStart();

// A full build in a fresh process: what `workshop-pack build --doc story udhr guide` costs a user,
// with the shapes of its words kept by an earlier run (layout/shape-store.ts, in the user cache
// folder: a run before the timed ones keeps them), and as a first run on a machine, without.
function fullBuild(label, env) {
  const out = tempDir('wp-bench-full-');
  const seconds = [];
  const rates = [];
  const rss = [];
  let summary = '';
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { recursive: true, force: true });
    const r = timed(process.execPath, [bin, 'build', '--doc', ...DOCS, '--out', out], { env: env() });
    summary = r.stdout.trim().split('\n').at(-1);
    const [, docs, pages] = summary.match(/^(\d+) documents?, (\d+) pages?/);
    seconds.push(r.seconds);
    rates.push(Number(pages) / r.seconds);
    rss.push(r.maxRssMB);
    summary = `${docs} documents, ${pages} pages`;
  }
  console.log(`\nfull build in a fresh process, ${label}, ${DOCS.join(' + ')} for every bundled case and locale (${summary}; ${load()})`);
  console.log(`  time ${spread(seconds, 2, 's')}`);
  console.log(`  ${spread(rates, 1, 'pages/s')}`);
  console.log(`  peak memory (the layout process's max RSS + the bin's own) ${spread(rss, 0, 'MB')} (goal: ≤ 200 MB)`);
  rmSync(out, { recursive: true, force: true });
}
{
  const seed = tempDir('wp-bench-seed-');
  timed(process.execPath, [bin, 'build', '--doc', ...DOCS, '--out', seed]);
  rmSync(seed, { recursive: true, force: true });
  fullBuild('shapes kept by an earlier run', () => ({}));
  fullBuild('empty user cache', () => ({ XDG_CACHE_HOME: tempDir('wp-bench-full-cache-') }));
}

// Every document of every bundled case and locale in a fresh process: peak memory must not grow with
// the number of documents and locales (the font book's caches are bounded, see layout/fonts.ts).
{
  const out = tempDir('wp-bench-all-');
  const rss = [];
  const cpu = [];
  let summary = '';
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { recursive: true, force: true });
    const r = timed(process.execPath, [bin, 'build', '--force', '--out', out]);
    summary = r.stdout.trim().split('\n').at(-1).replace(/ in [\d.]+ s.*/, '');
    rss.push(r.maxRssMB);
    cpu.push(r.cpuSeconds);
  }
  console.log(`\nevery document, every bundled case and locale, in a fresh process (${summary}; ${load()})`);
  console.log(`  CPU time ${spread(cpu, 2, 's')}`);
  console.log(`  peak memory (the layout process's max RSS + the bin's own) ${spread(rss, 0, 'MB')} (goal: ≤ 200 MB)`);
  rmSync(out, { recursive: true, force: true });
}

// Warm, in this process: modules loaded and fonts parsed by an earlier build.
const out = tempDir('wp-bench-warm-');
async function warm(request) {
  const t = performance.now();
  // force: the build cache would otherwise answer for the documents built the round before.
  const result = await build({ cwd: REPO, outDir: out, log: quiet, force: true, ...request });
  return { seconds: (performance.now() - t) / 1000, pages: pagesOf(result), documents: result.written.length };
}
{
  await warm({ locales: ['en'], docs: DOCS });
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await warm({ locales: ['en'], docs: DOCS }));
  console.log(`\nwarm in-process build, en ${DOCS.join(' + ')} (${runs[0].documents} documents, ${runs[0].pages} pages; ${load()})`);
  console.log(`  time ${spread(runs.map((r) => r.seconds), 2, 's')}`);
  console.log(`  ${spread(runs.map((r) => r.pages / r.seconds), 1, 'pages/s')}`);
}
{
  const guide = {};
  for (const locale of ['en', 'ar']) {
    await warm({ locales: [locale], docs: ['guide'] });
    guide[locale] = [];
    for (let i = 0; i < RUNS; i++) guide[locale].push((await warm({ locales: [locale], docs: ['guide'] })).seconds);
  }
  console.log(`\nguide, warm in-process (every case; ${load()})`);
  console.log(`  en: ${spread(guide.en, 3, 's')}`);
  console.log(`  ar: ${spread(guide.ar, 3, 's')}`);
  console.log(`  Arabic / English, median: ${(median(guide.ar) / median(guide.en)).toFixed(2)}× (goal: ≤ 2×)`);
}
rmSync(out, { recursive: true, force: true });

// The other benchmarks of issue 13, where they exist: each prints its own figures.
for (const file of ['noop.js', 'shaping.js', 'parallel.js', path.join('typst', 'run.js')]) {
  const script = path.join(REPO, 'bench', file);
  if (!existsSync(script)) continue;
  console.log(`\nbench/${file}`);
  const r = spawnSync(process.execPath, [script], { cwd: REPO, stdio: 'inherit', env: { ...process.env, BENCH_RUNS: String(RUNS) } });
  if (r.status !== 0) console.log(`  bench/${file} failed (exit ${r.status})`);
}

// Save → updated PDF with preview --watch, on a copy of the content.
{
  const work = tempDir('wp-bench-watch-');
  cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
  const caseFile = path.join(work, 'content/fr/cases/maryia-kalesnikava/case.md');
  const pdf = path.join(work, 'out/preview/maryia-kalesnikava/fr/story.pdf');
  let stop;
  let ready;
  const started = new Promise((r) => (ready = r));
  const running = preview({ cwd: work, cases: ['maryia-kalesnikava'], locales: ['fr'], docs: ['story'], watch: true, log: quiet, onReady: (s) => ((stop = s), ready()) });
  await started;
  const saves = [];
  for (let i = 0; i < Math.max(RUNS, 7); i++) {
    const before = statSync(pdf).mtimeMs;
    const text = readFileSync(caseFile, 'utf8').replace(/^storyTitle: .*$/m, `storyTitle: Histoire ${i}`);
    const t = performance.now();
    writeFileSync(caseFile, text);
    while (statSync(pdf).mtimeMs === before) await new Promise((r) => setTimeout(r, 2));
    saves.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  await running;
  console.log(`\npreview --watch, save of case.md → updated story.pdf (fr): ${spread(saves, 0, 'ms')} (target 300 ms; includes a 25 ms debounce)`);
  rmSync(work, { recursive: true, force: true });
}
console.log(`\n${load()} at the end`);
