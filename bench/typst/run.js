// The Typst peer benchmark of issue 13: the same documents (story, UDHR page, guide for every
// bundled case and locale), generated as Typst sources from our composed block trees (sources.js),
// compiled by Typst's Node compiler in a fresh process, against our full build in a fresh process.
// Runs interleaved; prints pages/s for both and ours/theirs, min / median / max.
import { createRequire } from 'node:module';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCS, REPO, RUNS, load, median, spread, tempDir, timed } from '../lib.js';
import { fontDirs, typstSources } from './sources.js';

try {
  createRequire(import.meta.url).resolve('@myriaddreamin/typst-ts-node-compiler');
} catch {
  console.log('Typst peer benchmark skipped: @myriaddreamin/typst-ts-node-compiler is not installed (a dev dependency: `npm ci`).');
  process.exit(0);
}

const dir = tempDir('wp-bench-typst-');
const sources = typstSources(DOCS);
for (const s of sources) writeFileSync(path.join(dir, `${s.name.replaceAll('/', '__')}.typ`), s.source);
const out = tempDir('wp-bench-ours-');
const bin = path.join(REPO, 'bin', 'workshop-pack.js');
// Ours twice a round: with the shapes of its words kept by an earlier run (layout/shape-store.ts,
// in the user cache folder; the first round's run keeps them for the next), and with an empty user
// cache, as a first run on a machine, the way Typst's compiler starts every time.
const ours = [];
const oursCold = [];
const theirs = [];
let pages = {};
const cache = tempDir('wp-bench-typst-cache-');
const runOurs = (env) => {
  rmSync(out, { recursive: true, force: true });
  const us = timed(process.execPath, [bin, 'build', '--doc', ...DOCS, '--out', out], { env });
  const [, docs, ourPages] = us.stdout.trim().split('\n').at(-1).match(/^(\d+) documents?, (\d+) pages/);
  return { rate: Number(ourPages) / us.seconds, pages: `${docs} documents, ${ourPages} pages` };
};
runOurs({ XDG_CACHE_HOME: cache });
for (let i = 0; i < RUNS; i++) {
  const us = runOurs({ XDG_CACHE_HOME: cache });
  ours.push(us.rate);
  oursCold.push(runOurs({ XDG_CACHE_HOME: tempDir('wp-bench-typst-empty-') }).rate);
  const them = timed(process.execPath, [path.join(REPO, 'bench', 'typst', 'compile.js'), dir, JSON.stringify(fontDirs())]);
  const t = JSON.parse(them.stdout);
  if (t.errors.length) console.log(`  Typst could not compile ${t.errors.length} documents, e.g. ${t.errors[0]}`);
  theirs.push(t.pages / them.seconds);
  pages = { ours: us.pages, theirs: `${t.documents} documents, ${t.pages} pages` };
}
console.log(`Typst peer benchmark: ${DOCS.join(' + ')}, every bundled case and locale, fresh process each (${load()})`);
console.log(`  workshop-pack, shapes kept by an earlier run: ${pages.ours}; ${spread(ours, 1, 'pages/s')}`);
console.log(`  workshop-pack, empty user cache: ${spread(oursCold, 1, 'pages/s')}`);
console.log(`  Typst (typst-ts-node-compiler): ${pages.theirs}; ${spread(theirs, 1, 'pages/s')}`);
const ratios = ours.map((o, i) => o / theirs[i]);
console.log(`  ours / theirs (pages/s, run by run): ${spread(ratios, 2)}; of the medians ${(median(ours) / median(theirs)).toFixed(2)} (goal: ≥ 1.0)`);
console.log(`  ours with an empty user cache / theirs: of the medians ${(median(oursCold) / median(theirs)).toFixed(2)}`);
rmSync(cache, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
