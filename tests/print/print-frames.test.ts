// Print production on plain frames: imposition order, gray levels, bleed, crop marks and the card
// grid read from cut lines, whatever the number of cards on a sheet.
import { describe, expect, it } from 'vitest';
import type { FrameItem, LineItem, PageFrame } from '../../src/layout/frame.js';
import { COLORS, GROUP_COLORS } from '../../src/layout/theme.js';
import { printerSpreads } from '../../src/print/booklet.js';
import { grayOf } from '../../src/print/gray.js';
import { withBleed } from '../../src/print/bleed.js';
import { cardGrid } from '../../src/print/cards.js';
import { parseLength } from '../../src/print/options.js';

const level = (hex: string) => {
  const m = /^#([0-9a-f]{2})\1\1$/.exec(hex);
  expect(m, `${hex} is a gray`).not.toBeNull();
  return parseInt(m![1], 16) / 255;
};

/** A cut sheet of `cols` × `rows` cards, drawn the way the cut-sheet layout draws them. */
function cutSheet(cols: number, rows: number): PageFrame {
  const items: FrameItem[] = [];
  const [x0, y0, w, h] = [42, 80, 511 / cols, 700 / rows];
  const cut = (x1: number, y1: number, x2: number, y2: number): LineItem => ({ type: 'line', x1, y1, x2, y2, color: COLORS.cut, width: 0.6, dash: [4, 3] });
  for (let r = 0; r <= rows; r++) items.push(cut(x0 - 6, y0 + r * h, x0 + cols * w + 6, y0 + r * h));
  for (let c = 0; c <= cols; c++) items.push(cut(x0 + c * w, y0 - 6, x0 + c * w, y0 + rows * h + 6));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) items.push({ type: 'text', x: x0 + c * w + 12, y: y0 + r * h + 20, width: 40, text: `card ${r * cols + c + 1}`, face: 'Noto Sans/bold', size: 7.5, color: COLORS.ink });
  return { width: 595.28, height: 841.89, items };
}

describe('booklet imposition', () => {
  it('pads to a multiple of four and puts pages in printer spreads', () => {
    // 6 pages → 8: sides 8|1, 2|7, 6|3, 4|5 (1-based), pages 7 and 8 blank.
    expect(printerSpreads(6)).toEqual([
      [undefined, 0],
      [1, undefined],
      [5, 2],
      [3, 4],
    ]);
    expect(printerSpreads(8).flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it('mirrors the spreads of a right-to-left booklet (bound on the right)', () => {
    expect(printerSpreads(4, true)).toEqual([
      [0, 3],
      [2, 1],
    ]);
  });
});

describe('grayscale', () => {
  it('gives the six group tints (as the default output prints them on a black-and-white printer) gray levels far enough apart to tell apart', () => {
    const levels = GROUP_COLORS.map((c) => level(grayOf(c))).sort();
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeGreaterThan(0.05);
  });
  it('keeps the lightness of other colours: ink stays dark, white stays white, the accent light', () => {
    expect(level(grayOf(COLORS.ink))).toBeLessThan(0.15);
    expect(level(grayOf('#ffffff'))).toBe(1);
    expect(level(grayOf(COLORS.accent))).toBeGreaterThan(0.7);
  });
});

describe('bleed and crop marks', () => {
  const bleed = parseLength('3mm')!;
  it('reads lengths in mm, in and pt, and refuses what is not one', () => {
    expect(bleed).toBeCloseTo(8.504, 2);
    expect(parseLength('0.125in')).toBe(9);
    expect(parseLength('3')).toBeUndefined();
    expect(parseLength('50mm')).toBeUndefined();
  });
  it('extends a colour block that touches the trim into the bleed, and only that one', () => {
    const page: PageFrame = { width: 500, height: 700, items: [
      { type: 'rect', x: 0, y: 0, w: 500, h: 60, fill: '#ffd400' },
      { type: 'rect', x: 40, y: 100, w: 100, h: 60, fill: '#eef1f4' },
    ] };
    const [out] = withBleed([page], bleed, false);
    expect(out.width).toBeCloseTo(500 + 2 * bleed);
    expect(out.trim).toEqual({ x: bleed, y: bleed, w: 500, h: 700 });
    const group = out.items[0];
    if (group.type !== 'group') throw new Error('expected the page in a group');
    expect(group.items[0]).toMatchObject({ x: -bleed, y: -bleed, w: 500 + 2 * bleed, h: 60 + bleed });
    expect(group.items[1]).toMatchObject({ x: 40, y: 100, w: 100, h: 60 });
  });
  it('puts crop marks outside the bleed, at the trim and at every card edge of a sheet of 8 cards', () => {
    const [out] = withBleed([cutSheet(2, 4)], bleed, true);
    const marks = out.items.filter((i): i is LineItem => i.type === 'line');
    const b = out.bleed!;
    for (const m of marks) {
      const inside = (x: number, y: number) => x > b.x + 0.01 && x < b.x + b.w - 0.01 && y > b.y + 0.01 && y < b.y + b.h - 0.01;
      expect(inside(m.x1, m.y1) || inside(m.x2, m.y2)).toBe(false);
    }
    const xs = new Set(marks.filter((m) => m.x1 === m.x2).map((m) => m.x1.toFixed(1)));
    const ys = new Set(marks.filter((m) => m.y1 === m.y2).map((m) => m.y1.toFixed(1)));
    expect(xs.size).toBe(2 + 3); // trim edges + 3 vertical cut lines
    expect(ys.size).toBe(2 + 5); // trim edges + 5 horizontal cut lines
  });
});

describe('card grid', () => {
  it('finds every card of a sheet from its cut lines, however many there are', () => {
    expect(cardGrid(cutSheet(2, 4))!.cards).toHaveLength(8);
    expect(cardGrid(cutSheet(3, 3))!.cards).toHaveLength(9);
    expect(cardGrid({ width: 100, height: 100, items: [] })).toBeUndefined();
  });
});
