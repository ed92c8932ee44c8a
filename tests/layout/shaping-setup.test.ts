// fontkit's shaping set-up is remembered per glyph processor (layout/shaping-setup.ts): the words
// of one font, shaped in turns across scripts, directions and feature sets, again and again, must
// shape exactly as fontkit shapes them without it. The expected runs are shaped first, by fontkit
// alone: nothing in this file has shaped through shapeText yet, which teaches fontkit's processors
// (shared by every font of the process) to remember.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { openFont, shapeText } from '../../src/layout/fonts.js';
import { forgetShaping } from '../../src/layout/shaping-setup.js';

const require = createRequire(import.meta.url);

type Direction = 'ltr' | 'rtl' | undefined;
type Case = { word: string; direction: Direction; features?: Record<string, boolean> };
const runOf = (run: ReturnType<Font['layout']>) => ({ ids: run.glyphs.map((g) => g.id), positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]) });

const FACES: [string, string[]][] = [
  ['@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', ['office', 'AVATAR', 'Свобода', 'Ελευθερία', 'Tiếng Việt', 'fi ffl', 'Свободы', 'affinity']],
  ['@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', ['الحرية', '١٢٣', 'آزادی', 'الإنسان', 'لا']],
  ['@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf', ['स्वतंत्रता', 'क्षमा', 'कि', 'अधिकार']],
  ['@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf', ['ปฏิบัติ', 'เสรีภาพ', 'น้ำ']],
  ['@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf', ['חופש', 'מּ', 'זכויות']],
];
// Each word in each direction, with and without mark positioning (shapeText's fallback asks for that).
const casesOf = (words: string[]): Case[] => words.flatMap((word) => (['ltr', 'rtl', undefined] as Direction[]).flatMap((direction) => [{ word, direction }, { word, direction, features: { mark: false, mkmk: false } }]));

// Shaped by fontkit alone, each word on a font of its own, before anything is remembered.
const fontkitSelectScript = (() => {
  const font = fontkit.create(readFileSync(require.resolve(FACES[0][0]))) as unknown as { _layoutEngine: { engine: { GSUBProcessor: { selectScript: unknown } } } };
  return font._layoutEngine.engine.GSUBProcessor.selectScript;
})();
const expected = new Map(FACES.map(([spec, words]) => [spec, casesOf(words).map((c) => runOf((fontkit.create(readFileSync(require.resolve(spec))) as Font).layout(c.word, c.features as never, undefined, undefined, c.direction)))]));

describe('shaping set-up remembered per processor', () => {
  it.each(FACES)('shapes each word as fontkit alone does, in turns and again (%s)', (spec, words) => {
    const cases = casesOf(words);
    const font = openFont(spec);
    for (let round = 0; round < 3; round++)
      cases.forEach((_, i) => {
        // Every other round backwards, so that each word follows another script, direction and feature set.
        const k = round % 2 ? cases.length - 1 - i : i;
        const c = cases[k];
        expect(runOf(shapeText(font, c.word, c.features as never, undefined, undefined, c.direction)), `${c.word} ${c.direction} round ${round}`).toEqual(expected.get(spec)![k]);
      });
    // The expected runs were shaped by fontkit's own set-up, and what was compared went through the remembering one.
    expect(String(fontkitSelectScript)).toContain('findScript');
    const engine = (font as unknown as { _layoutEngine: { engine: { GSUBProcessor: { selectScript: unknown } } } })._layoutEngine.engine;
    expect(engine.GSUBProcessor.selectScript).not.toBe(fontkitSelectScript);
  });
});

type Tables = { _tables: Record<string, object | undefined>; _layoutEngine: { engine: object } };

describe('forgetting what shaping decoded (at a locale change, for the faces a build keeps)', () => {
  it.each(FACES)('lets go of the layout tables and engine, and shapes the same after (%s)', (spec, words) => {
    const cases = casesOf(words);
    const font = openFont(spec);
    const shaped = () => cases.map((c) => runOf(shapeText(font, c.word, c.features as never, undefined, undefined, c.direction)));
    expect(shaped()).toEqual(expected.get(spec));
    const internals = font as unknown as Tables;
    const before = { engine: internals._layoutEngine.engine, gsub: internals._tables.GSUB, gpos: internals._tables.GPOS };
    expect(before.gsub ?? before.gpos).toBeDefined();

    forgetShaping(font);
    // Nothing decoded before is reachable from the font any more: a new engine, over tables read again.
    expect(internals._layoutEngine.engine).not.toBe(before.engine);
    if (before.gsub) expect(internals._tables.GSUB).not.toBe(before.gsub);
    if (before.gpos) expect(internals._tables.GPOS).not.toBe(before.gpos);
    expect(shaped()).toEqual(expected.get(spec));
  });

  it('leaves a font never shaped as it is', () => {
    const font = fontkit.create(readFileSync(require.resolve(FACES[0][0]))) as Font;
    forgetShaping(font);
    expect(Object.getOwnPropertyDescriptor(font, '_layoutEngine')).toBeUndefined();
  });
});
