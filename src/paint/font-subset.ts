// pdfkit embeds in each PDF a subset of each font it uses, made by fontkit's TTFSubset: for every
// glyph used, it copies the glyph's bytes from the glyf table. Before copying, it decodes the
// whole glyph (every point of its outline) only to learn whether it is a composite one, made of
// other glyphs whose ids it must renumber; and it does so again in every PDF. In a full build
// that decoding was 65 MB of garbage and ~0.17 s (issue 13). A glyph says what it is in its first
// two bytes (numberOfContours, negative for a composite): a simple glyph is copied as it is
// without decoding it, which is what fontkit does with it after decoding. A composite glyph, and
// every glyph of a variable font (whose outlines fontkit encodes anew), go to fontkit as before.
// The subsets, and so the PDFs, are byte for byte the same (all 182 bundled PDFs compared).
import type { Font } from 'fontkit';

interface Stream {
  pos: number;
  readInt16BE(): number;
  readBuffer(length: number): Uint8Array;
}
interface SubsetFont {
  loca: { offsets: number[] };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): Stream | null;
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}
interface Subset {
  font: SubsetFont;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
}
type AddGlyph = (this: Subset, gid: number) => number;

let done = false;

/** Teaches fontkit's TrueType subsetter (shared by every font) to copy simple glyphs undecoded; once per process. */
export function copySimpleGlyphsUndecoded(font: Font): void {
  if (done) return;
  const f = font as unknown as { directory?: { tables?: Record<string, unknown> }; createSubset?(): object };
  // A CFF font has another subsetter: the next TrueType font will do.
  if (!f.directory?.tables?.glyf || typeof f.createSubset !== 'function') return;
  done = true;
  const proto = Object.getPrototypeOf(f.createSubset()) as { _addGlyph?: AddGlyph };
  // Another fontkit than the one this was written against: leave it as it is.
  if (typeof proto._addGlyph !== 'function') return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (gid) {
    const font = this.font;
    const start = font.loca.offsets[gid];
    const end = font.loca.offsets[gid + 1];
    if (font._variationProcessor || !(end >= start)) return addGlyph.call(this, gid);
    if (end - start >= 2) {
      const stream = font._getTableStream('glyf')!;
      stream.pos += start;
      if (stream.readInt16BE() < 0) return addGlyph.call(this, gid);
    }
    const glyph = font.getGlyph(gid);
    const stream = font._getTableStream('glyf')!;
    stream.pos += start;
    const bytes = stream.readBuffer(end - start);
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}
