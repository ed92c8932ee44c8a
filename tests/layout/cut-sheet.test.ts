// Cut sheets as data, on the bundled content: every card's text inside its own card, one type
// size per sheet, cut lines around the grid, and red outlines on shrunk cards in previews.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutById } from '../../src/pipeline/document.js';
import { markFallbacks } from '../../src/pipeline/preview-model.js';
import { contentRoot, loadPack } from '../../src/content/load.js';
import type { LineItem, PageFrame, TextItem } from '../../src/layout/frame.js';
import { loadFontBook } from '../../src/layout/fonts.js';
import { REPO } from '../helpers/build.js';

const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
const root = contentRoot(path.join(REPO, 'content'));
const options = { templatesDir: path.join(REPO, 'templates'), book, paper: 'a4' as const };

/** The card cells of a sheet, from its dashed cut lines. */
function cells(page: PageFrame) {
  const cuts = page.items.filter((i): i is LineItem => i.type === 'line' && !!i.dash);
  const xs = [...new Set(cuts.filter((l) => l.x1 === l.x2).map((l) => l.x1))].sort((a, b) => a - b);
  const ys = [...new Set(cuts.filter((l) => l.y1 === l.y2).map((l) => l.y1))].sort((a, b) => a - b);
  const out: { x: number; y: number; w: number; h: number }[] = [];
  for (let r = 0; r + 1 < ys.length; r++) for (let c = 0; c + 1 < xs.length; c++) out.push({ x: xs[c], y: ys[r], w: xs[c + 1] - xs[c], h: ys[r + 1] - ys[r] });
  return { cells: out, top: ys[0], bottom: ys.at(-1)! };
}

describe.each(['en', 'de', 'ar'])('matching cards in %s', (locale) => {
  const model = loadPack(root, 'maryia-kalesnikava', locale);
  const { frames } = layoutById(model, 'matching-cards', options);
  const sheets = frames.pages.slice(0, 4);

  it('draws a 2 × 2 grid of dashed cut lines on every sheet', () => {
    for (const page of sheets) expect(cells(page).cells).toHaveLength(4);
  });

  it('keeps every text of a card inside its card, clear of the cut lines', () => {
    for (const page of sheets) {
      const grid = cells(page);
      const texts = page.items.filter((i): i is TextItem => i.type === 'text' && i.y > grid.top && i.y < grid.bottom);
      expect(texts.length).toBeGreaterThan(8);
      for (const t of texts) {
        const cell = grid.cells.find((c) => t.x >= c.x && t.x < c.x + c.w && t.y > c.y && t.y < c.y + c.h);
        expect(cell, `"${t.text}" is in no card`).toBeDefined();
        expect(t.x + t.width, `"${t.text}" runs past its card`).toBeLessThanOrEqual(cell!.x + cell!.w - 6);
        expect(t.x, `"${t.text}" starts before its card`).toBeGreaterThanOrEqual(cell!.x + 6);
        expect(t.y - t.size, `"${t.text}" sticks out at the top`).toBeGreaterThan(cell!.y);
        expect(t.y + t.size * 0.3, `"${t.text}" sticks out at the bottom`).toBeLessThan(cell!.y + cell!.h);
      }
    }
  });

  it('sets all cards of a set in one type size', () => {
    for (const pair of [sheets.slice(0, 2), sheets.slice(2, 4)]) {
      // Card text: inside the grid, larger than the 7.5 pt card-type labels.
      const inGrid = (p: PageFrame) => p.items.filter((i): i is TextItem => i.type === 'text' && i.y > cells(p).top && i.y < cells(p).bottom && i.size > 7.5);
      const sizes = new Set(pair.flatMap((p) => inGrid(p).map((i) => i.size)));
      expect([...sizes]).toHaveLength(1);
    }
  });
});

describe('previews of cut sheets', () => {
  it('outline in red a card whose text had to shrink, and only then', () => {
    const model = loadPack(root, 'maryia-kalesnikava', 'en');
    const red = (pages: PageFrame[]) => pages.flatMap((p) => p.items).filter((i) => i.type === 'rect' && i.stroke === '#d42020');
    const normal = layoutById(markFallbacks(loadPack(root, 'maryia-kalesnikava', 'en')), 'matching-cards', { ...options, preview: true });
    const longCards = { ...model, case: { ...model.case, front: { ...model.case.front, cards: model.case.front.cards.map((c, i) => (i === 1 ? { ...c, text: Array.from({ length: 9 }, () => c.text).join(' ') } : c)) } } };
    const shrunk = layoutById(markFallbacks(longCards), 'matching-cards', { ...options, preview: true });
    expect(red(normal.frames.pages)).toHaveLength(0);
    expect(red(shrunk.frames.pages)).toHaveLength(1);
  });
});
