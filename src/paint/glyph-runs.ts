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

// pdfkit's number formatting (PDFObject.number): six decimals at most.
const number = (n: number) => Math.round(n * 1e6) / 1e6;

/** A subset glyph id as the 4 hex digits of a TJ string, made once per id in the process. */
const hex: string[] = [];
const hexOf = (gid: number) => (hex[gid] ??= `0000${gid.toString(16)}`.slice(-4));

const X_ADVANCE = 0;
const X_OFFSET = 1;
const Y_OFFSET = 2;
const ADVANCE_WIDTH = 3;

/**
 * Glyphs of words as pdfkit's layout gives them, in its units (thousandths of the font size),
 * registering each glyph in the subset: their hex ids in the subset, and four numbers per glyph
 * (xAdvance, xOffset, yOffset, its own advance width) in one array made at its size, rather than
 * an object each (issue 13: fewer allocations). Justified text (`wordSpacing`, in the same units)
 * is given word by word: each word's last glyph advances by that much more.
 */
function encode(embedded: EmbeddedFont, words: ShapedRun[][], wordSpacing: number): { hex: string[]; positions: Float64Array } {
  let n = 0;
  for (const runs of words) for (const run of runs) n += run.length;
  const hex = new Array<string>(n);
  const positions = new Float64Array(4 * n);
  let g = 0;
  for (const runs of words) {
    for (const run of runs)
      for (let i = 0; i < run.length; i++, g++) {
        const glyph = run.glyph(i);
        const gid = embedded.subset.includeGlyph(glyph.id);
        hex[g] = hexOf(gid);
        if (embedded.widths[gid] == null) embedded.widths[gid] = glyph.advanceWidth * embedded.scale;
        if (embedded.unicode[gid] == null) embedded.unicode[gid] = glyph.codePoints;
        positions[4 * g + X_ADVANCE] = run.xAdvance(i) * embedded.scale;
        positions[4 * g + X_OFFSET] = run.xOffset(i) * embedded.scale;
        positions[4 * g + Y_OFFSET] = run.yOffset(i) * embedded.scale;
        positions[4 * g + ADVANCE_WIDTH] = glyph.advanceWidth * embedded.scale;
      }
    if (wordSpacing && g) positions[4 * (g - 1) + X_ADVANCE] += wordSpacing;
  }
  return { hex, positions };
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
  let words: ShapedRun[][];
  if (wordSpacing) {
    // Justified: each word without its spaces, the space's advance plus the extra on its last glyph.
    wordSpacing += widthOf(embedded, [book.shape(face, ' ')], size);
    wordSpacing *= 1000 / size;
    words = text.trim().split(/\s+/).map((word) => wordsOf(word).map((w) => book.shape(face, w)));
  } else words = [wordsOf(text).map((w) => book.shape(face, w))];
  const { hex: encoded, positions } = encode(embedded, words, wordSpacing);

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
      const advance = positions[4 * (cur - 1) + X_ADVANCE] - positions[4 * (cur - 1) + ADVANCE_WIDTH];
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
  for (; i < encoded.length; i++) {
    const xAdvance = positions[4 * i + X_ADVANCE];
    const xOffset = positions[4 * i + X_OFFSET];
    const yOffset = positions[4 * i + Y_OFFSET];
    if (xOffset || yOffset) {
      flush(i);
      out.push(`1 0 0 1 ${number(x + xOffset * scale)} ${number(y + yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        out.push(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
        hadOffset = false;
      }
      if (xAdvance - positions[4 * i + ADVANCE_WIDTH] !== 0) addSegment(i + 1);
    }
    x += xAdvance * scale;
  }
  flush(i);
  out.push('ET', 'Q');
  // One write: pdfkit writes each operator as its own chunk, the same bytes once joined.
  doc.addContent(out.join('\n'));
}
