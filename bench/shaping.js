// Shaping benchmark (figures, never assertions): warm in-process builds of the English story, UDHR
// page and guide, of the UDHR page alone (its type size search), and of the Arabic guide beside the
// English guide, each timed with the shaping
// caches cleared (the fonts stay parsed: what a one-document build pays for its text) and again
// with them warm; and how many times fontkit's layout() runs for each, split by who called it
// (layout measuring, the painter, pdfkit). Run after `npm ci` (or `npx tsc -p .`):
//   node bench/shaping.js [runs]          (default 7 runs of each)
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../dist/commands/build.js';
import * as fonts from '../dist/layout/fonts.js';
import * as shapeStore from '../dist/layout/shape-store.js';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = mkdtempSync(path.join(tmpdir(), 'wp-bench-shaping-'));
const runs = Number(process.argv[2]) || 7;
const quiet = () => {};

// Every cache that holds shaped text; fonts stay parsed (fontkit's own glyph and table caches too).
// The shapes kept between processes (layout/shape-store.ts) are cleared too: each cleared run gets
// an empty user cache folder of its own.
const clearShapes = fonts.clearShapingCaches ?? globalThis.__clearShapingCaches;
const clearCaches = clearShapes && (() => {
  clearShapes();
  process.env.XDG_CACHE_HOME = mkdtempSync(path.join(tmpdir(), 'wp-bench-shaping-cache-'));
  shapeStore.forgetShapeStores?.();
});
if (!clearCaches) console.log('note: this build has no clearShapingCaches(); "cleared" figures are warm');

const sets = [
  { name: 'en story+udhr+guide', locales: ['en'], docs: ['story', 'udhr', 'guide'] },
  { name: 'en udhr', locales: ['en'], docs: ['udhr'] },
  { name: 'en guide', locales: ['en'], docs: ['guide'] },
  { name: 'ar guide', locales: ['ar'], docs: ['guide'] },
];
// --force: the build cache would otherwise answer for every document after the first build.
const buildSet = (set) => build({ cwd: repo, outDir: out, locales: set.locales, docs: set.docs, cases: ['maryia-kalesnikava'], log: quiet, force: true });

// fontkit's layout(), counted by caller: wrapped on the prototype every font shares.
const proto = Object.getPrototypeOf(fontkit.openSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')));
const layout = proto.layout;
let counting = null;
proto.layout = function (...args) {
  if (counting) {
    const stack = new Error().stack ?? '';
    const caller = /pdfkit/.test(stack) ? 'pdfkit' : /paint[\\/]/.test(stack) ? 'painter' : 'layout';
    counting[caller] = (counting[caller] ?? 0) + 1;
    const distinct = (counting.distinct ??= new Set());
    distinct.add(`${this.postscriptName}\u0000${args[0]}`);
  }
  return layout.apply(this, args);
};

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const ms = ({ min, median, max }) => `min ${min.toFixed(0)} / median ${median.toFixed(0)} / max ${max.toFixed(0)} ms`;

// Parse the fonts and warm the JIT once; the first build in a process is not what is measured.
for (const set of sets) await buildSet(set);

const results = {};
for (const set of sets) {
  const cleared = [];
  const warm = [];
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    clearCaches?.();
    let t = performance.now();
    const result = await buildSet(set);
    cleared.push(performance.now() - t);
    pages = result.written.reduce((n, w) => n + w.pages, 0);
    t = performance.now();
    await buildSet(set);
    warm.push(performance.now() - t);
  }
  clearCaches?.();
  counting = {};
  await buildSet(set);
  const calls = counting;
  counting = null;
  results[set.name] = { cleared: stats(cleared), warm: stats(warm), pages };
  const perSecond = (pages / (stats(cleared).median / 1000)).toFixed(1);
  const total = (calls.layout ?? 0) + (calls.painter ?? 0) + (calls.pdfkit ?? 0);
  console.log(`${set.name} (${pages} pages): caches cleared ${ms(stats(cleared))} (${perSecond} pages/s); warm ${ms(stats(warm))}`);
  console.log(`  fontkit layout() calls, caches cleared: ${total} for ${calls.distinct?.size ?? 0} distinct strings (layout ${calls.layout ?? 0}, painter ${calls.painter ?? 0}, pdfkit ${calls.pdfkit ?? 0})`);
}
const ratio = (kind) => results['ar guide'][kind].median / results['en guide'][kind].median;
console.log(`ar guide / en guide (medians): ${ratio('cleared').toFixed(2)}× caches cleared, ${ratio('warm').toFixed(2)}× warm (goal ≤ 2×)`);
rmSync(out, { recursive: true, force: true });
