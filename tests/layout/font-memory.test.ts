// What the font book keeps in memory for a whole build: parsed faces make glyph objects only for the
// glyphs used (each with the code points reaching every glyph by code point first would give),
// shaped words are kept as numbers whose glyphs are the very objects shaping gave, and the caches
// keyed by text stay bounded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { cmapCodePoints, loadFontBook, openFont } from '../../src/layout/fonts.js';
import { LruMap } from '../../src/lru.js';
import { REPO } from '../helpers/build.js';

const require = createRequire(import.meta.url);
const glyphObjects = (font: Font) => Object.keys((font as unknown as { _glyphs: object })._glyphs).length;

/** The font as parsing used to leave it: every glyph reached by its code point (compatibility characters left out). */
function reachedUpFront(spec: string): Font {
  const font = fontkit.create(readFileSync(require.resolve(spec))) as Font;
  for (const cp of font.characterSet) {
    const ch = String.fromCodePoint(cp);
    if (ch.normalize('NFKC') === ch) font.glyphForCodePoint(cp);
  }
  return font;
}

describe('parsed faces', () => {
  it.each([
    '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
    '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
    '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
  ])('make a glyph object only when it is used, with the code points of reaching every glyph first (%s)', (spec) => {
    const font = openFont(spec);
    expect(glyphObjects(font)).toBe(0);
    const upFront = reachedUpFront(spec);
    expect(glyphObjects(upFront)).toBeGreaterThan(500);
    // Shaping first, then every glyph by id alone, as pdfkit's subsetter reaches the components of
    // composite glyphs: each gets the code points it had when all were reached by code point first.
    const sample = 'Ce "!" ff fi ff. 人 ⼈ الحرية ١٢٣ ۱';
    expect(font.layout(sample).glyphs.map((g) => g.codePoints)).toEqual(upFront.layout(sample).glyphs.map((g) => g.codePoints));
    for (let id = 0; id < font.numGlyphs; id++) expect(font.getGlyph(id).codePoints, `glyph ${id}`).toEqual(upFront.getGlyph(id).codePoints);
  });

  it.each([
    '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
    '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf',
    '@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf',
    '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  ])('give the code points the cmap maps to each glyph (%s)', (spec) => {
    const font = openFont(spec);
    type Cmap = { lookup(cp: number): number; codePointsForGlyph(id: number): number[] };
    const whole = fontkit.create(readFileSync(require.resolve(spec))) as unknown as Font & { _cmapProcessor: Cmap };
    const cmap = whole._cmapProcessor;
    // Forwards: the code points the cmap looks up to each glyph, in order.
    const forwards = new Map<number, number[]>();
    for (const cp of whole.characterSet) {
      const id = cmap.lookup(cp);
      if (id) forwards.set(id, [...(forwards.get(id) ?? []), cp]);
    }
    // Every glyph of the smaller faces; of the Japanese one (17,000 glyphs, a slow scan each in fontkit), every 23rd.
    const step = whole.numGlyphs > 10_000 ? 23 : 1;
    let mapped = 0;
    for (let id = 1; id < whole.numGlyphs + 2; id += step) {
      const ours = cmapCodePoints(font, id);
      expect(ours, `glyph ${id}`).toEqual(forwards.get(id) ?? []);
      // fontkit's own backwards scan gives the same, less the code points whose glyph id wraps
      // past 65535 (format 4 adds idDelta modulo 65536; the scan does not: ﬞ U+FB3E in Noto Sans Hebrew).
      expect(ours, `glyph ${id}`).toEqual(expect.arrayContaining(cmap.codePointsForGlyph(id)));
      mapped += ours.length;
    }
    expect(mapped).toBeGreaterThan(50);
  });

  it.each([
    '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
    '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
    '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  ])('give the post table header as fontkit decodes it, and glyph names decoded only when asked for (%s)', (spec) => {
    type Post = Record<string, unknown>;
    const font = openFont(spec) as unknown as Font & { post: Post };
    const whole = fontkit.create(readFileSync(require.resolve(spec))) as unknown as Font & { post: Post };
    const { glyphNameIndex, names, ...header } = whole.post;
    // The fields pdfkit writes into the font descriptor (ItalicAngle, the fixed-pitch flag) among them.
    expect(Object.fromEntries(Object.keys(header).map((k) => [k, font.post[k]]))).toEqual(header);
    expect(font.italicAngle).toBe(whole.italicAngle);
    expect(Object.getOwnPropertyDescriptor(font.post, 'names')?.get).toBeTypeOf('function');
    for (const id of [0, 3, 36, font.numGlyphs - 1]) expect(font.getGlyph(id).name, `glyph ${id}`).toBe(whole.getGlyph(id).name);
    expect(font.post.glyphNameIndex).toEqual(glyphNameIndex);
  });
});

describe('shaped words', () => {
  it('keep the glyphs and positions fontkit gave, the glyphs as the very objects shaping gave', () => {
    const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
    for (const [family, word] of [['noto-sans', 'AVATAR'], ['noto-sans', 'café\u0301 '], ['noto-sans-arabic', 'الحرية'], ['noto-sans-thai', 'ปฏิบัติ']]) {
      const face = book.face(family, { bold: false, italic: false });
      const run = book.shape(face, word);
      const laid = face.font.layout(word);
      expect(run.length).toBe(laid.glyphs.length);
      expect(run.advanceWidth).toBe(laid.advanceWidth);
      expect(run.offset).toBe(laid.positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0));
      laid.glyphs.forEach((glyph, i) => {
        expect(run.glyph(i)).toBe(glyph);
        expect([run.xAdvance(i), run.xOffset(i), run.yOffset(i)]).toEqual([laid.positions[i].xAdvance, laid.positions[i].xOffset, laid.positions[i].yOffset]);
      });
    }
  });
});

describe('LruMap', () => {
  it('holds at most twice its limit, and keeps what is asked for', () => {
    const map = new LruMap<number, number>(100);
    for (let i = 0; i < 1000; i++) {
      map.set(i, i);
      expect(map.get(0) ?? map.get(i)).toBeDefined();
      expect(map.size).toBeLessThanOrEqual(200);
    }
    expect(map.get(0)).toBe(0);
    expect(map.has(1)).toBe(false);
    expect(map.get(999)).toBe(999);
  });
});
