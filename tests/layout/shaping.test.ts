// Shaping never fails on content: a mark the font has no anchor for is placed without positioning.
// Each word is shaped once: layout measures with the run the painter then draws.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearShapingCaches, loadFontBook, shapeText, wordsOf } from '../../src/layout/fonts.js';
import { forgetShapeStores } from '../../src/layout/shape-store.js';
import { buildInto, REPO, tempDir } from '../helpers/build.js';

describe('shapeText', () => {
  it('shapes an Arabic word whose final kasra fontkit cannot anchor (احتفِ), where plain fontkit throws', () => {
    const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
    const font = book.face(book.familyForScript('Arabic')!, { bold: true, italic: false }).font;
    expect(() => font.layout('احتفِ')).toThrow(TypeError);
    const run = shapeText(font, 'احتفِ');
    expect(run.glyphs.length).toBeGreaterThanOrEqual(5);
    expect(run.advanceWidth).toBeGreaterThan(0);
  });
});

describe('one shaping per word', () => {
  it('shapes each word once per build: the runs layout measures with are the runs painted (English and Arabic guides)', async () => {
    const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
    const proto = Object.getPrototypeOf(book.face('noto-sans', { bold: false, italic: false }).font) as { layout: (...args: unknown[]) => unknown };
    const layout = proto.layout;
    const calls = new Map<string, number>();
    proto.layout = function (this: { postscriptName: string }, ...args: unknown[]) {
      const key = [this.postscriptName, ...args.map((a) => JSON.stringify(a ?? null))].join('|');
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return layout.apply(this, args);
    };
    // Shapes kept by earlier processes (shape-store.ts) would answer for most words: none here.
    const cacheHome = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = tempDir('wp-shapes-none-');
    forgetShapeStores();
    try {
      clearShapingCaches();
      const result = await buildInto({ outDir: tempDir(), locales: ['en', 'ar'], docs: ['guide'], cases: ['maryia-kalesnikava'] });
      expect(result.written).toHaveLength(2);
    } finally {
      proto.layout = layout;
      process.env.XDG_CACHE_HOME = cacheHome;
      forgetShapeStores();
    }
    const again = [...calls].filter(([, n]) => n > 1).map(([key]) => key);
    expect(calls.size).toBeGreaterThan(1000);
    expect(again).toEqual([]);
  });

  it('measures text word by word, and gives an Arabic word drawn right to left the run it was measured with', () => {
    const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
    const latin = book.face('noto-sans', { bold: false, italic: false });
    const words = wordsOf('Write a letter\tto the Minister');
    expect(words).toEqual(['Write ', 'a ', 'letter\t', 'to ', 'the ', 'Minister']);
    const sum = words.reduce((w, word) => w + book.shape(latin, word).advanceWidth, 0);
    expect(book.width(latin, 'Write a letter\tto the Minister', 1000)).toBeCloseTo(sum * (1000 / latin.font.unitsPerEm), 9);
    const arabic = book.face(book.familyForScript('Arabic')!, { bold: false, italic: false });
    const measured = book.shape(arabic, 'حقوق');
    expect(measured.direction).toBe('rtl');
    expect(book.shape(arabic, 'حقوق', 'rtl')).toBe(measured);
    // Arabic-Indic digits set left to right (a number in an LTR run) are shaped that way, apart.
    const digits = book.shape(arabic, '١٢٣', 'ltr');
    expect(digits.direction).toBe('ltr');
    expect(Array.from({ length: digits.length }, (_, i) => digits.glyph(i).codePoints).flat()).toEqual([0x661, 0x662, 0x663]);
  });
});
