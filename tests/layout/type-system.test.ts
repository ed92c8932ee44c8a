// One type system, as data, for every handout of every bundled case in every bundled locale on A4
// and Letter: every size on the one scale and none under 8 pt, black text in pure black, running
// text on a measure of 55–75 characters, and no heading left alone at the foot of a page.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutById } from '../../src/pipeline/document.js';
import { contentRoot, listLocales, loadPack } from '../../src/content/load.js';
import { fontBookFor } from '../../src/content/font-config.js';
import { handoutsFor } from '../../src/documents/applicable.js';
import type { PageFrame, TextItem } from '../../src/layout/frame.js';
import { MEASURE_EM, TYPE, TYPE_SCALE } from '../../src/layout/theme.js';
import { REPO } from '../helpers/build.js';

const root = contentRoot(path.join(REPO, 'content'));
const { book } = fontBookFor(root, path.join(REPO, 'fonts', 'fonts.json'));
const options = (paper: 'a4' | 'letter') => ({ templatesDir: path.join(REPO, 'templates'), book, paper });
const LOCALES = listLocales(root);
const CASES = ['maryia-kalesnikava', 'chimbiri-mamombe-marova'];
const texts = (pages: PageFrame[]) => pages.flatMap((p) => p.items).filter((i): i is TextItem => i.type === 'text');

/** Running-text lines of body size on a page: runs grouped by baseline, with their extent. */
function bodyLines(page: PageFrame) {
  const byLine = new Map<number, TextItem[]>();
  for (const t of page.items)
    if (t.type === 'text' && t.size === TYPE.body && !t.rotate) byLine.set(Math.round(t.y * 4), [...(byLine.get(Math.round(t.y * 4)) ?? []), t]);
  // A line of a grid or of columns (the UDHR page) is as many lines as there are columns.
  const segments = [...byLine.values()].flatMap((runs) => {
    const sorted = [...runs].sort((a, b) => a.x - b.x);
    const out: TextItem[][] = [[sorted[0]]];
    for (const r of sorted.slice(1)) {
      const last = out.at(-1)!.at(-1)!;
      if (r.x - (last.x + last.width) > r.size) out.push([r]);
      else out.at(-1)!.push(r);
    }
    return out;
  });
  return segments.map((runs) => {
    const left = Math.min(...runs.map((r) => r.x));
    const right = Math.max(...runs.map((r) => r.x + r.width));
    const chars = [...runs.map((r) => r.actual ?? r.text).join('')].length;
    return { left, right, width: right - left, chars, text: runs.map((r) => r.text).join('') };
  });
}

describe.each(CASES)('%s', (caseId) => {
  describe.each(LOCALES.flatMap((l) => [[l, 'a4'] as const, [l, 'letter'] as const]))('in %s on %s', (locale, paper) => {
    const model = loadPack(root, caseId, locale);
    const docs = handoutsFor(model.case.front).map((id) => ({ id, laid: layoutById(model, id, options(paper)) }));

    it('sets every text on a step of the one type scale, none under 8 pt, black text in pure black', () => {
      for (const { id, laid } of docs) {
        const items = texts(laid.frames.pages);
        expect(items.length, id).toBeGreaterThan(0);
        const off = [...new Set(items.map((t) => t.size))].filter((s) => !(TYPE_SCALE as readonly number[]).includes(s));
        expect(off, `${id}: sizes off the scale`).toEqual([]);
        expect(Math.min(...items.map((t) => t.size)), id).toBeGreaterThanOrEqual(8);
        expect(items.filter((t) => /^#(1a|2[0-9a-f]|33)\1?/i.test(t.color) && t.color !== '#000000').map((t) => t.color), id).toEqual([]);
      }
    });

    it('keeps running text within the measure, and every heading with what follows it', () => {
      const measure = MEASURE_EM * TYPE.body;
      for (const { id, laid } of docs) {
        for (const page of laid.frames.pages) for (const line of bodyLines(page)) expect(line.width, `${id}: "${line.text}"`).toBeLessThanOrEqual(measure + 1);
        // A bookmarked heading has body text after it on its own page.
        for (const b of laid.frames.bookmarks) {
          const page = laid.frames.pages[b.page];
          const below = texts([page]).filter((t) => t.y > b.y + 30 && t.size <= TYPE.lead);
          expect(below.length, `${id}: heading "${b.title}" ends page ${b.page + 1}`).toBeGreaterThan(0);
        }
      }
    });
  });
});

// Character counts per line mean something for alphabetic scripts: Latin and Cyrillic.
describe.each(['en', 'fr', 'fr-CA', 'es', 'de', 'pl', 'ru', 'be'])('the measure in %s', (locale) => {
  it.each(['story', 'guide'] as const)('sets the %s at 55–75 characters a full line', (id) => {
    const model = loadPack(root, 'maryia-kalesnikava', locale);
    for (const paper of ['a4', 'letter'] as const) {
      const laid = layoutById(model, id, options(paper));
      const measure = MEASURE_EM * TYPE.body;
      // Full lines: running text that reaches most of the measure (last lines of paragraphs end short).
      const full = laid.frames.pages.flatMap(bodyLines).filter((l) => l.width > measure * 0.85);
      expect(full.length).toBeGreaterThan(20);
      const counts = full.map((l) => l.chars).sort((a, b) => a - b);
      const median = counts[Math.floor(counts.length / 2)];
      expect(median, `median characters a line (${paper})`).toBeGreaterThanOrEqual(55);
      expect(median, `median characters a line (${paper})`).toBeLessThanOrEqual(75);
      // Nearly every full line is inside the range (a line of long words or a URL may fall out).
      const outside = full.filter((l) => l.chars < 50 || l.chars > 80);
      expect(outside.length / full.length, outside.map((l) => `${l.chars}: ${l.text}`).join('\n')).toBeLessThan(0.05);
    }
  });
});
