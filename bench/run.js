// Benchmarks (figures, never assertions): a full build of the bundled content, documents and pages
// per second; warm single-document rebuilds; and the time from saving a content file to an
// updated preview PDF with `preview --watch`. Run with `npm run bench` after `npm ci`.
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../dist/commands/build.js';
import { preview } from '../dist/commands/preview.js';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = mkdtempSync(path.join(tmpdir(), 'wp-bench-'));
const quiet = () => {};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cold = performance.now();
const full = await build({ cwd: repo, outDir: out, log: quiet });
const fullSeconds = (performance.now() - cold) / 1000;
const pages = full.written.reduce((n, w) => n + w.pages, 0);
const locales = new Set(full.written.map((w) => w.locale)).size;
console.log(`full build (first in process): ${full.written.length} documents, ${pages} pages, ${locales} locales in ${fullSeconds.toFixed(2)} s`);
console.log(`  ${(full.written.length / fullSeconds).toFixed(1)} documents/s, ${(pages / fullSeconds).toFixed(1)} pages/s`);

for (const [doc, locale] of [['story', 'en'], ['matching-cards', 'en'], ['udhr', 'en'], ['guide', 'en'], ['story', 'ar'], ['guide', 'ar']]) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await build({ cwd: repo, outDir: out, docs: [doc], locales: [locale], log: quiet });
    times.push(performance.now() - t);
  }
  console.log(`warm rebuild of ${doc} (${locale}): median ${median(times).toFixed(0)} ms`);
}

// Save → updated PDF with preview --watch, on a copy of the content.
const work = mkdtempSync(path.join(tmpdir(), 'wp-bench-watch-'));
cpSync(path.join(repo, 'content'), path.join(work, 'content'), { recursive: true });
const caseFile = path.join(work, 'content/fr/cases/maryia-kalesnikava/case.md');
const pdf = path.join(work, 'out/preview/maryia-kalesnikava/fr/story.pdf');
let stop;
let ready;
const started = new Promise((r) => (ready = r));
const running = preview({ cwd: work, locales: ['fr'], docs: ['story'], watch: true, log: quiet, onReady: (s) => ((stop = s), ready()) });
await started;
const saves = [];
for (let i = 0; i < 7; i++) {
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
console.log(`preview --watch, save of case.md → updated story.pdf (fr): median ${median(saves).toFixed(0)} ms, worst ${Math.max(...saves).toFixed(0)} ms (target 300 ms; includes a 25 ms debounce)`);
