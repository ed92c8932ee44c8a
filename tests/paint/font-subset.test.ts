// The font subsets embedded in PDFs (src/paint/font-subset.ts): simple glyphs are copied without
// being decoded, composite ones still have their components renumbered, and every glyph of the
// subset draws exactly as in the font it came from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { copySimpleGlyphsUndecoded } from '../../src/paint/font-subset.js';
import { REPO } from '../helpers/build.js';

type Glyph = { id: number; path: { toSVG(): string }; advanceWidth: number; _decode(): { numberOfContours: number } | null };
type TtfFont = fontkit.Font & { getGlyph(id: number): Glyph; createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array } };

const open = () => fontkit.create(readFileSync(path.join(REPO, 'node_modules', '@expo-google-fonts', 'noto-sans', '400Regular', 'NotoSans_400Regular.ttf'))) as TtfFont;

describe('font subsets', () => {
  it('draw every glyph as the font does, composite ones included, decoding only those', () => {
    const font = open();
    copySimpleGlyphsUndecoded(font);
    const ids = [...new Set(font.layout('Équipe façade ǅ Ωμέγα ё ẞ 1½ “ok” —').glyphs.map((g) => g.id))];
    const composite = ids.filter((id) => (font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0);
    expect(composite.length).toBeGreaterThan(0);
    expect(composite.length).toBeLessThan(ids.length);

    const proto = Object.getPrototypeOf(font.getGlyph(ids[0])) as Glyph;
    const decode = proto._decode;
    let decoded = 0;
    proto._decode = function (this: Glyph) {
      decoded++;
      return decode.call(this);
    };
    const subset = font.createSubset();
    const newIds = ids.map((id) => subset.includeGlyph(id));
    let bytes: Uint8Array;
    try {
      bytes = subset.encode();
    } finally {
      proto._decode = decode;
    }
    // Each composite glyph once; no simple one (their components are simple glyphs).
    expect(decoded).toBe(composite.length);

    const embedded = fontkit.create(Buffer.from(bytes)) as TtfFont;
    ids.forEach((id, i) => {
      expect(embedded.getGlyph(newIds[i]).path.toSVG()).toBe(font.getGlyph(id).path.toSVG());
      expect(embedded.getGlyph(newIds[i]).advanceWidth).toBe(font.getGlyph(id).advanceWidth);
    });
  });
});
