// Text whose glyphs map one to one to its characters (most Latin, Cyrillic, CJK text), drawn as
// ordinary PDF text from the words layout shaped to measure it (FontBook.shape), never shaped
// again: pdfkit's doc.text would shape every word a second time (and every word of every document
// again whenever options such as font features are given). What is written is what pdfkit's
// doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic', wordSpacing }) writes, operator
// for operator, so the PDFs stay byte for byte the same.
import type { TextItem } from '../layout/frame.js';
import { wordsOf, type Face, type FontBook, type ShapedRun } from '../layout/fonts.js';

/** pdfkit's embedded (subset) font, the parts its text drawing uses. */
export interface EmbeddedFont {
  id: string;
  /** 1000 / unitsPerEm: pdfkit works in thousandths of the font size. */
  scale: number;
  subset: { includeGlyph(id: number): number };
  unicode: number[][];
  widths: number[];
  ref(): unknown;
}
interface Internals {
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown>; height: number };
}

/** A glyph position in pdfkit's units, as its layout returns them (scaled copies, advanceWidth added). */
interface Position {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

// pdfkit's number formatting (PDFObject.number): six decimals at most.
const number = (n: number) => Math.round(n * 1e6) / 1e6;

/** Glyph ids (hex, in the subset) and pdfkit positions of words, registering each glyph in the subset. */
function encode(embedded: EmbeddedFont, runs: ShapedRun[]): [string[], Position[]] {
  const encoded: string[] = [];
  const positions: Position[] = [];
  for (const run of runs)
    for (let i = 0; i < run.length; i++) {
      const glyph = run.glyph(i);
      const gid = embedded.subset.includeGlyph(glyph.id);
      encoded.push(`0000${gid.toString(16)}`.slice(-4));
      if (embedded.widths[gid] == null) embedded.widths[gid] = glyph.advanceWidth * embedded.scale;
      if (embedded.unicode[gid] == null) embedded.unicode[gid] = glyph.codePoints;
      positions.push({
        xAdvance: run.xAdvance(i) * embedded.scale,
        xOffset: run.xOffset(i) * embedded.scale,
        yOffset: run.yOffset(i) * embedded.scale,
        advanceWidth: glyph.advanceWidth * embedded.scale,
      });
    }
  return [encoded, positions];
}

/** Width in points of words as pdfkit's widthOfString adds it up. */
function widthOf(embedded: EmbeddedFont, runs: ShapedRun[], size: number): number {
  let width = 0;
  for (const run of runs) {
    let w = 0;
    for (let i = 0; i < run.length; i++) w += run.xAdvance(i) * embedded.scale;
    width += w;
  }
  return ((width * (size / 1000) + 0) * 100) / 100;
}

/**
 * Draw a text item set in `face`, which must be pdfkit's current font (doc.font) at the item's
 * size, with the fill colour set.
 */
export function drawGlyphText(doc: PDFKit.PDFDocument, book: FontBook, face: Face, t: TextItem): void {
  const internals = doc as unknown as Internals;
  const embedded = internals._font;
  const size = t.size;
  let wordSpacing = t.wordSpacing ?? 0;
  const text = (wordSpacing ? t.text.replace(/\s{2,}/g, ' ') : t.text).replace(/\n/g, '');
  if (!text) return;
  let encoded: string[];
  let positions: Position[];
  if (wordSpacing) {
    // Justified: each word without its spaces, the space's advance plus the extra on its last glyph.
    wordSpacing += widthOf(embedded, [book.shape(face, ' ')], size);
    wordSpacing *= 1000 / size;
    encoded = [];
    positions = [];
    for (const word of text.trim().split(/\s+/)) {
      const [e, p] = encode(embedded, wordsOf(word).map((w) => book.shape(face, w)));
      encoded = encoded.concat(e);
      positions = positions.concat(p);
      const last = positions[positions.length - 1];
      positions[positions.length - 1] = { ...last, xAdvance: last.xAdvance + wordSpacing };
    }
  } else [encoded, positions] = encode(embedded, wordsOf(text).map((w) => book.shape(face, w)));

  const height = internals.page.height;
  let x = t.x;
  const y = height - t.y - 0;
  if (internals.page.fonts[embedded.id] == null) internals.page.fonts[embedded.id] = embedded.ref();
  const out = [`q`, `1 0 0 -1 0 ${number(height)} cm`, 'BT', `1 0 0 1 ${number(x)} ${number(y)} Tm`, `/${embedded.id} ${number(size)} Tf`];
  // pdfkit's TJ: glyphs in runs, a kerning adjustment where a glyph's advance is not its own width,
  // and a glyph placed by offset (a mark) positioned on its own.
  const scale = size / 1000;
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const advance = positions[cur - 1].xAdvance - positions[cur - 1].advanceWidth;
      commands.push(`<${encoded.slice(last, cur).join('')}> ${number(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      out.push(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i = 0;
  for (; i < positions.length; i++) {
    const pos = positions[i];
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      out.push(`1 0 0 1 ${number(x + pos.xOffset * scale)} ${number(y + pos.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        out.push(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    x += pos.xAdvance * scale;
  }
  flush(i);
  out.push('ET', 'Q');
  // One write: pdfkit writes each operator as its own chunk, the same bytes once joined.
  doc.addContent(out.join('\n'));
}
