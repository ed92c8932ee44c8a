// Before and after, in one run: the figures of issue 13 for two checkouts of workshop-pack, each
// built (`npm ci`), measured in turns so that the machine's load falls on both alike.
//
//   node bench/compare.js BEFORE_DIR [AFTER_DIR=this checkout]
//
// Every figure is a fresh process timed from the outside (wall, CPU, peak RSS), min/median/max
// over BENCH_RUNS runs (default 3), except the warm ones, timed inside one process of each
// checkout. Figures only, never assertions.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DOCS, REPO, RUNS, load, median, spread, tempDir, timed } from './lib.js';

const before = path.resolve(process.argv[2] ?? '');
const after = path.resolve(process.argv[3] ?? REPO);
if (!process.argv[2]) throw new Error('usage: node bench/compare.js BEFORE_DIR [AFTER_DIR]');
const trees = { before, after };

// The traces of no-op runs (src/cli/run-trace.ts) go to a cache folder of this benchmark's own.
process.env.XDG_CACHE_HOME = tempDir('wp-cmp-traces-');

/** Runs `args` of each checkout's CLI RUNS times, in turns; `prepare` runs untimed before each. */
function turns(args, { prepare = () => {}, runs = RUNS, env = () => ({}) } = {}) {
  const figures = { before: [], after: [] };
  for (let i = 0; i < runs; i++)
    for (const [name, dir] of Object.entries(trees)) {
      const out = prepare(name);
      figures[name].push(timed(process.execPath, [path.join(dir, 'bin', 'workshop-pack.js'), ...args(out)], { cwd: dir, env: env() }));
    }
  return figures;
}

function report(title, figures, pages) {
  console.log(`\n${title} (${load()})`);
  for (const name of ['before', 'after']) {
    const f = figures[name];
    const line = [`wall ${spread(f.map((r) => r.seconds), 2, 's')}`, `CPU ${spread(f.map((r) => r.cpuSeconds ?? NaN), 2, 's')}`, `peak RSS ${spread(f.map((r) => r.maxRssMB ?? NaN), 0, 'MB')}`];
    if (pages) line.push(`${(pages[name] / median(f.map((r) => r.seconds))).toFixed(1)} pages/s (median)`);
    console.log(`  ${name.padEnd(6)} ${line.join('; ')}`);
  }
}

const pagesOf = (stdout) => Number(/(\d+) pages/.exec(stdout.trim().split('\n').at(-1))?.[1] ?? 0);
const outs = { before: tempDir('wp-cmp-before-'), after: tempDir('wp-cmp-after-') };
const fresh = (name) => (rmSync(outs[name], { recursive: true, force: true }), outs[name]);

console.log(`before: ${before}\nafter:  ${after}\n${RUNS} runs per figure, in turns; Node ${process.version}`);

// Goal 2: a cold one-document build, with what earlier runs kept in the user cache folder (the
// shapes of words, layout/shape-store.ts), and as a first run on a machine, with an empty one.
const story = (out) => ['build', '--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story', '--out', out];
turns(story, { prepare: fresh, runs: 1 });
report('cold process, build --locale en --case maryia-kalesnikava --doc story', turns(story, { prepare: fresh }));
const emptyCache = () => ({ XDG_CACHE_HOME: tempDir('wp-cmp-empty-cache-') });
report('the same, empty user cache', turns(story, { prepare: fresh, env: emptyCache }));

// Goals 1, 5 (and 6: the after checkout uses both cores by default): story, UDHR and guide in every locale.
const fullArgs = (out) => ['build', '--doc', ...DOCS, '--out', out];
turns(fullArgs, { prepare: fresh, runs: 1 });
const full = turns(fullArgs, { prepare: fresh, runs: Math.min(RUNS, 3) });
report(`full build, ${DOCS.join(' + ')} for every case and locale`, full, { before: pagesOf(full.before[0].stdout), after: pagesOf(full.after[0].stdout) });
const fullEmpty = turns(fullArgs, { prepare: fresh, runs: Math.min(RUNS, 3), env: emptyCache });
report('the same, empty user cache', fullEmpty, { before: pagesOf(fullEmpty.before[0].stdout), after: pagesOf(fullEmpty.after[0].stdout) });

// Goal 3: the same build again, nothing changed. Files written under 2 s before a run are not
// trusted by its trace, so the first no-op after a build runs the tool (timed apart, each with no
// trace to answer from), and leaves the trace the next ones answer from.
await new Promise((resolve) => setTimeout(resolve, 2100));
const noopArgs = (out) => ['build', '--doc', ...DOCS, '--out', out];
report('no-op rebuild of the same documents, no trace (the tool loaded, its build cache asked)', turns(noopArgs, { prepare: (name) => outs[name], env: () => ({ XDG_CACHE_HOME: tempDir('wp-cmp-no-traces-') }) }));
turns(noopArgs, { prepare: (name) => outs[name], runs: 1 });
report('no-op rebuild of the same documents, as a user runs it again', turns(noopArgs, { prepare: (name) => outs[name] }));

// Goal 4: warm, inside one process of each checkout: the English set and the Arabic guide against the English one.
const warmScript = `
  const { build } = await import(process.argv[1] + '/dist/commands/build.js');
  const time = async (request) => { const t = performance.now(); const r = await build({ cwd: process.argv[1], outDir: process.argv[2], log: () => {}, force: true, ...request }); return [(performance.now() - t) / 1000, r.written.reduce((n, w) => n + w.pages, 0)]; };
  const result = {};
  for (const [name, request] of [['en set', { locales: ['en'], docs: ${JSON.stringify(DOCS)} }], ['en guide', { locales: ['en'], docs: ['guide'] }], ['ar guide', { locales: ['ar'], docs: ['guide'] }]]) {
    await time(request);
    result[name] = [];
    for (let i = 0; i < ${RUNS}; i++) result[name].push(await time(request));
  }
  console.log(JSON.stringify(result));`;
const warm = {};
for (const [name, dir] of Object.entries(trees)) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', warmScript, dir, fresh(name)], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`warm builds in ${dir} failed:\n${r.stderr}`);
  warm[name] = JSON.parse(r.stdout.trim().split('\n').at(-1));
}
console.log(`\nwarm in one process, caches filled by a first build (${load()})`);
for (const name of ['before', 'after']) {
  const w = warm[name];
  const rate = w['en set'].map(([s, p]) => p / s);
  const ratio = median(w['ar guide'].map(([s]) => s)) / median(w['en guide'].map(([s]) => s));
  console.log(`  ${name.padEnd(6)} en ${DOCS.join('+')}: ${spread(rate, 1, 'pages/s')}; en guide ${spread(w['en guide'].map(([s]) => s), 3, 's')}; ar guide ${spread(w['ar guide'].map(([s]) => s), 3, 's')}; ar/en ${ratio.toFixed(2)}×`);
}
for (const dir of Object.values(outs)) rmSync(dir, { recursive: true, force: true });
