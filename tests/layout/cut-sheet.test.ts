// Cut sheets as data, on the bundled content, in every bundled locale on A4 and Letter: 8 cards a
// sheet, every card's text inside its own card and start-aligned from one top line, first lines on
// one baseline across a row, one type size per set, the two kinds of cards apart in greyscale, and
// red outlines on shrunk cards in previews. Solidarity cards: the address once a sheet, no prompt
// twice, no ruled lines under a drawing prompt, rows of lines aligned.
import path from 'node:path';
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutById } from '../../src/pipeline/document.js';
import { markFallbacks } from '../../src/pipeline/preview-model.js';
import { contentRoot, listLocales, loadPack } from '../../src/content/load.js';
import type { LineItem, PageFrame, RectItem, TextItem } from '../../src/layout/frame.js';
import { fontBookFor } from '../../src/content/font-config.js';
import { COLORS, TYPE } from '../../src/layout/theme.js';
import { REPO, tempDir } from '../helpers/build.js';

const root = contentRoot(path.join(REPO, 'content'));
// The content's own fonts (content/fonts.yaml adds the Japanese one) over the package's.
const { book } = fontBookFor(root, path.join(REPO, 'fonts', 'fonts.json'));
const options = (paper: 'a4' | 'letter') => ({ templatesDir: path.join(REPO, 'templates'), book, paper });
const LOCALES = listLocales(root);
const PAD = 10;

interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The card cells of a sheet, from its dashed cut lines. */
function cells(page: PageFrame) {
  const cuts = page.items.filter((i): i is LineItem => i.type === 'line' && !!i.dash);
  const xs = [...new Set(cuts.filter((l) => l.x1 === l.x2).map((l) => l.x1))].sort((a, b) => a - b);
  const ys = [...new Set(cuts.filter((l) => l.y1 === l.y2).map((l) => l.y1))].sort((a, b) => a - b);
  const out: Cell[] = [];
  for (let r = 0; r + 1 < ys.length; r++) for (let c = 0; c + 1 < xs.length; c++) out.push({ x: xs[c], y: ys[r], w: xs[c + 1] - xs[c], h: ys[r + 1] - ys[r] });
  return { cells: out, top: ys[0] ?? 0, bottom: ys.at(-1) ?? 0 };
}

const inCell = (c: Cell, x: number, y: number) => x >= c.x && x < c.x + c.w && y > c.y && y < c.y + c.h;
const textsOf = (page: PageFrame, c: Cell) => page.items.filter((i): i is TextItem => i.type === 'text' && inCell(c, i.x + 0.01, i.y));
/** Card text: what is not the card-type label (set at the label size, on the label band). */
const bodyOf = (page: PageFrame, c: Cell) => textsOf(page, c).filter((t) => t.size > TYPE.label);
const luminance = (hex: string) => parseInt(hex.slice(1, 3), 16) * 0.299 + parseInt(hex.slice(3, 5), 16) * 0.587 + parseInt(hex.slice(5, 7), 16) * 0.114;
const sheetsOf = (pages: PageFrame[]) => pages.filter((p) => cells(p).cells.length > 0);

describe.each(['maryia-kalesnikava', 'chimbiri-mamombe-marova'])('matching cards of %s', (caseId) => {
  describe.each(LOCALES.flatMap((l) => [[l, 'a4'] as const, [l, 'letter'] as const]))('in %s on %s', (locale, paper) => {
    const model = loadPack(root, caseId, locale);
    const laid = layoutById(model, 'matching-cards', options(paper));
    const sheets = sheetsOf(laid.frames.pages);
    const rtl = model.rtl;

    it('has 8 cards a sheet (2 × 4), and no card that does not fit', () => {
      expect(sheets.length).toBeGreaterThanOrEqual(2);
      for (const page of sheets.slice(0, -1)) expect(cells(page).cells).toHaveLength(8);
      expect(laid.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(laid.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/cards a sheet instead|does not fit its card/);
    });

    it('keeps every text of a card inside its card, clear of the cut lines', () => {
      for (const page of sheets) {
        const grid = cells(page);
        for (const t of page.items.filter((i): i is TextItem => i.type === 'text' && i.y > grid.top && i.y < grid.bottom)) {
          const cell = grid.cells.find((c) => inCell(c, t.x + 0.01, t.y));
          expect(cell, `"${t.text}" is in no card`).toBeDefined();
          expect(t.x + t.width, `"${t.text}" runs past its card`).toBeLessThanOrEqual(cell!.x + cell!.w - 6);
          expect(t.x, `"${t.text}" starts before its card`).toBeGreaterThanOrEqual(cell!.x + 6);
          expect(t.y - t.size, `"${t.text}" sticks out at the top`).toBeGreaterThan(cell!.y);
          expect(t.y + t.size * 0.3, `"${t.text}" sticks out at the bottom`).toBeLessThan(cell!.y + cell!.h);
        }
      }
    });

    it('starts card text at the start edge of the card (left, or right in RTL), never centred', () => {
      for (const page of sheets)
        for (const c of cells(page).cells) {
          const body = bodyOf(page, c);
          if (!body.length) continue;
          // Each line's start edge: its leftmost run in LTR, its rightmost run's end in RTL.
          const lines = new Map<number, TextItem[]>();
          for (const t of body) lines.set(Math.round(t.y * 10), [...(lines.get(Math.round(t.y * 10)) ?? []), t]);
          for (const runs of lines.values()) {
            const edge = rtl ? Math.max(...runs.map((r) => r.x + r.width)) : Math.min(...runs.map((r) => r.x));
            const want = rtl ? c.x + c.w - PAD : c.x + PAD;
            expect(Math.abs(edge - want), `a line of "${runs[0].text}" starts ${edge - want} pt off the card's start edge`).toBeLessThan(1);
          }
        }
    });

    it('sets the first line of every card on one baseline across each row, below one label line', () => {
      for (const page of sheets) {
        const firsts = cells(page).cells.map((c) => ({ c, y: Math.min(...bodyOf(page, c).map((t) => t.y)) })).filter((f) => Number.isFinite(f.y));
        const byRow = new Map<number, number[]>();
        for (const f of firsts) byRow.set(f.c.y, [...(byRow.get(f.c.y) ?? []), f.y - f.c.y]);
        for (const offsets of byRow.values()) expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThan(0.01);
      }
    });

    it('sets all cards of a set in one type size of the scale, no more than one step below the body size', () => {
      const sets = [sheets.filter((p) => p.items.some((i) => i.type === 'rect' && i.fill === COLORS.ink)), sheets.filter((p) => p.items.some((i) => i.type === 'rect' && i.fill === COLORS.cardShade))];
      for (const set of sets) {
        expect(set.length).toBeGreaterThan(0);
        const sizes = new Set(set.flatMap((p) => cells(p).cells.flatMap((c) => bodyOf(p, c).map((t) => t.size))));
        expect([...sizes]).toHaveLength(1);
        expect([...sizes][0]).toBeGreaterThanOrEqual(TYPE.small);
      }
    });

    it('tells the rights cards from the experience cards in greyscale, by the shade of their label band', () => {
      const band = (p: PageFrame) => p.items.find((i): i is RectItem => i.type === 'rect' && !!i.fill && i.y > cells(p).top && i.y < cells(p).bottom)!;
      const shades = new Set(sheets.map((p) => Math.round(luminance(band(p).fill!))));
      expect(shades.size).toBe(2);
      const [a, b] = [...shades];
      expect(Math.abs(a - b)).toBeGreaterThan(128);
    });
  });
});

describe.each(LOCALES)('solidarity cards in %s', (locale) => {
  const model = loadPack(root, 'maryia-kalesnikava', locale);
  const laid = layoutById(model, 'solidarity', options('a4'));
  const sheets = sheetsOf(laid.frames.pages);
  const prompts = (p: PageFrame) => cells(p).cells.map((c) => bodyOf(p, c).map((t) => t.text).join(' ')).filter(Boolean);

  it('prints no prompt twice', () => {
    const all = sheets.flatMap(prompts);
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all).size).toBe(all.length);
  });

  it('rules lines under every writing prompt, level across a row, and none under the drawing prompt', () => {
    for (const page of sheets) {
      const grid = cells(page);
      const rows = new Map<number, number[]>();
      let bare = 0;
      for (const c of grid.cells) {
        const lines = page.items.filter((i): i is LineItem => i.type === 'line' && !i.dash && i.y1 === i.y2 && inCell(c, i.x1 + 0.5, i.y1));
        if (!lines.length) {
          bare++;
          continue;
        }
        expect(lines.length, 'room to write').toBeGreaterThanOrEqual(5);
        const text = bodyOf(page, c);
        for (const t of text) expect(t.y, `"${t.text}" sits over a ruled line`).toBeLessThan(Math.min(...lines.map((l) => l.y1)) - 4);
        rows.set(c.y, [...(rows.get(c.y) ?? []), Math.min(...lines.map((l) => l.y1)) - c.y]);
      }
      for (const firsts of rows.values()) expect(Math.max(...firsts) - Math.min(...firsts)).toBeLessThan(0.01);
      // Maryia's third prompt asks for a drawing.
      expect(bare).toBe(1);
    }
  });
});

describe('a solidarity sheet with an address', () => {
  it('prints the address once a sheet, above the cards, and not in any card', () => {
    const dir = tempDir('wp-cards-');
    cpSync(path.join(REPO, 'tests', 'fixtures', 'second-case'), path.join(dir, 'content', 'en', 'cases', 'alex-example'), { recursive: true });
    cpSync(path.join(REPO, 'content', 'en'), path.join(dir, 'content', 'en'), { recursive: true });
    const model = loadPack(contentRoot(path.join(dir, 'content')), 'alex-example', 'en');
    const { frames } = layoutById(model, 'solidarity', options('letter'));
    for (const page of sheetsOf(frames.pages)) {
      const grid = cells(page);
      const street = page.items.filter((i): i is TextItem => i.type === 'text' && i.text.includes('Prison No. 1'));
      expect(street).toHaveLength(1);
      expect(street[0].y).toBeLessThan(grid.top);
    }
  });
});

describe('previews of cut sheets', () => {
  it('outline in red a card whose text had to shrink below the body size, and only then', () => {
    const model = loadPack(root, 'maryia-kalesnikava', 'en');
    const red = (pages: PageFrame[]) => pages.flatMap((p) => p.items).filter((i) => i.type === 'rect' && i.stroke === '#d42020');
    const normal = layoutById(markFallbacks(loadPack(root, 'maryia-kalesnikava', 'en')), 'matching-cards', { ...options('a4'), preview: true });
    const longCards = { ...model, case: { ...model.case, front: { ...model.case.front, cards: model.case.front.cards.map((c, i) => (i === 1 ? { ...c, text: Array.from({ length: 4 }, () => c.text).join(' ') } : c)) } } };
    const shrunk = layoutById(markFallbacks(longCards), 'matching-cards', { ...options('a4'), preview: true });
    expect(red(normal.frames.pages)).toHaveLength(0);
    expect(red(shrunk.frames.pages)).toHaveLength(1);
  });
});

describe('a card too long for its sheet', () => {
  const model = loadPack(root, 'maryia-kalesnikava', 'en');
  // Card A, the longest, with part of its text again: `times` 1.5 is half as long again.
  const longer = (times: number) => ({ ...model, case: { ...model.case, front: { ...model.case.front, cards: model.case.front.cards.map((c, i) => (i === 0 ? { ...c, text: `${c.text} ${c.text.slice(0, Math.round(c.text.length * (times - 1)))}` } : c)) } } });
  const messages = (times: number) => layoutById(longer(times), 'matching-cards', options('a4')).diagnostics.map((d) => `${d.severity}: ${d.message}`);

  it('shrinks the whole set one step, and no more, without a warning', () => {
    const laid = layoutById(longer(1.5), 'matching-cards', options('a4'));
    const sheets = sheetsOf(laid.frames.pages).filter((p) => p.items.some((i) => i.type === 'rect' && i.fill === COLORS.cardShade));
    const sizes = new Set(sheets.flatMap((p) => cells(p).cells.flatMap((c) => bodyOf(p, c).map((t) => t.size))));
    expect([...sizes]).toEqual([TYPE.small]);
    for (const page of sheets.slice(0, -1)) expect(cells(page).cells.length).toBe(8);
    expect(messages(1.5).join('\n')).not.toMatch(/step below|cards a sheet instead/);
  });

  it('takes rows away for the whole set, with a warning, rather than go below one step under the body size', () => {
    const laid = layoutById(longer(2), 'matching-cards', options('a4'));
    const sheets = sheetsOf(laid.frames.pages).filter((p) => p.items.some((i) => i.type === 'rect' && i.fill === COLORS.cardShade));
    for (const page of sheets.slice(0, -1)) expect(cells(page).cells.length).toBe(6);
    expect(messages(2).join('\n')).toMatch(/^warning: .*6 cards a sheet instead of 8/m);
  });
});
