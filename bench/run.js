// Benchmarks (figures, never assertions): a full build of the bundled content, documents and pages
// per second, and the time to rebuild one document after an edit in a warm process (what
// `preview --watch` does on save). Run with `npm run bench` after `npm ci`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../dist/build/build.js';

const out = mkdtempSync(path.join(tmpdir(), 'wp-bench-'));
const quiet = () => {};

const cold = performance.now();
const full = await build({ outDir: out, log: quiet });
const fullSeconds = (performance.now() - cold) / 1000;
const pages = full.written.reduce((n, w) => n + w.pages, 0);
const locales = new Set(full.written.map((w) => w.locale)).size;
console.log(`full build (cold process): ${full.written.length} documents, ${pages} pages, ${locales} locales in ${fullSeconds.toFixed(2)} s`);
console.log(`  ${(full.written.length / fullSeconds).toFixed(1)} documents/s, ${(pages / fullSeconds).toFixed(1)} pages/s`);

for (const doc of ['story', 'matching-cards', 'udhr', 'guide']) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await build({ outDir: out, docs: [doc], locales: ['en'], log: quiet });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`warm rebuild of ${doc} (en): median ${times[2].toFixed(0)} ms, best ${times[0].toFixed(0)} ms`);
}
