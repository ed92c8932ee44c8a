// Text whose shaped glyphs do not map one to one, in order, back to the characters written: Arabic
// and Hebrew words, Devanagari conjuncts and reordered vowel signs, digits of an RTL script set left
// to right, Persian words with zero-width non-joiners, a glyph two characters share. A PDF's
// ToUnicode map gives one text per glyph, and pdf.js and poppler ignore /ActualText, so such a run
// is painted in two layers: the shaped glyphs' outlines (what the reader sees), and an invisible
// text layer of the characters as written, one glyph per character in an encoding where each
// glyph maps to exactly one character, stretched over the same width (what copy-paste, search and
// screen readers get). Runs that do map one to one (most Latin, Cyrillic, CJK text) are drawn as
// ordinary text by the painter (glyph-runs.ts): smaller files, faster. Both draw the words layout
// shaped to measure the text (FontBook.shape); nothing is shaped again here.
import { deflateSync } from 'node:zlib';
import type { Font, Glyph } from 'fontkit';
import type { EmbeddedFont } from './glyph-runs.js';
import type { TextItem } from '../layout/frame.js';
import { cmapCodePoints, wordsOf, type Face, type FontBook, type ShapedRun } from '../layout/fonts.js';
import { addContentParts, type ContentPart } from './page-content.js';

type PathCommand = { command: string; args: number[] };

/** Whether the item's words, drawn as text (glyph-runs.ts), give back exactly `text`. */
export function mapsOneToOne(book: FontBook, face: Face, text: string): boolean {
  return wordsOf(text).every((word) => runMapsOneToOne(face.font, word, book.shape(face, word)));
}

// Decided once per shaped word (the runs are the font book's, shared by every document), and
// per glyph object whether its text is the font's own (fontkit keeps one per glyph id, its code
// points fixed when it is made). Read by index: arrays and strings per glyph and character made
// this 2 % of a full build (issue 13).
const faithfulRuns = new WeakMap<ShapedRun, boolean>();
const ownGlyphs = new WeakMap<Glyph, boolean>();
function runMapsOneToOne(font: Font, word: string, run: ShapedRun): boolean {
  let ok = faithfulRuns.get(run);
  if (ok === undefined) faithfulRuns.set(run, (ok = faithful(font, word, run)));
  return ok;
}

function faithful(font: Font, word: string, run: ShapedRun): boolean {
  // A mark placed by offset (Thai vowels and tone marks, combining accents) is drawn out of
  // sequence: poppler orders such glyphs by position and copies "ปฏิบัติ" as "ปฏิบตัิ".
  if (run.offset) return false;
  // The glyphs' code points, in order, are the word's.
  let at = 0;
  for (let i = 0; i < run.length; i++) {
    const glyph = run.glyph(i);
    for (const cp of glyph.codePoints) {
      if (at >= word.length || word.codePointAt(at) !== cp) return false;
      at += cp > 0xffff ? 2 : 1;
    }
    // The text a glyph carries into the ToUnicode map is whatever it was first reached by in
    // this process (fontkit caches glyph objects): a glyph only shaping reaches (a Devanagari
    // conjunct, a vowel sign with a nasal mark) could carry another word's characters, and the
    // choice of path would depend on what was built before. So only glyphs whose text the font
    // itself gives (its cmap: a letter, or a ligature such as "ff" that is ﬀ) keep the fast path.
    let own = ownGlyphs.get(glyph);
    if (own === undefined) ownGlyphs.set(glyph, (own = ownText(font, glyph.id).has(String.fromCodePoint(...glyph.codePoints))));
    if (!own) return false;
  }
  return at === word.length;
}

/**
 * The texts a glyph stands for by the font's own cmap: each code point that maps to it, and the
 * compatibility decomposition of each (the glyph of ﬀ stands for "ff", of … for "...").
 */
const ownTexts = new WeakMap<Font, Map<number, Set<string>>>();
function ownText(font: Font, id: number): Set<string> {
  let texts = ownTexts.get(font);
  if (!texts) ownTexts.set(font, (texts = new Map()));
  let text = texts.get(id);
  if (!text) {
    const chars = cmapCodePoints(font, id).map((cp) => String.fromCodePoint(cp));
    texts.set(id, (text = new Set([...chars, ...chars.map((c) => c.normalize('NFKC'))])));
  }
  return text;
}

/** PDF path operators for a glyph outline in font units (quadratic curves raised to cubic). */
function pathOps(path: PathCommand[]): string {
  const n = (v: number) => +v.toFixed(1);
  const ops: string[] = [];
  let cx = 0;
  let cy = 0;
  for (const { command, args: a } of path) {
    if (command === 'moveTo') ops.push(`${n(a[0])} ${n(a[1])} m`), ([cx, cy] = a);
    else if (command === 'lineTo') ops.push(`${n(a[0])} ${n(a[1])} l`), ([cx, cy] = a);
    else if (command === 'bezierCurveTo') ops.push(`${a.map(n).join(' ')} c`), ([cx, cy] = [a[4], a[5]]);
    else if (command === 'quadraticCurveTo') {
      const [qx, qy, x, y] = a;
      ops.push(`${n(cx + (2 / 3) * (qx - cx))} ${n(cy + (2 / 3) * (qy - cy))} ${n(x + (2 / 3) * (qx - x))} ${n(y + (2 / 3) * (qy - y))} ${n(x)} ${n(y)} c`);
      [cx, cy] = [x, y];
    } else if (command === 'closePath') ops.push('h');
  }
  return ops.join('\n') + '\nf';
}

interface Internals {
  ref(data: object): { end(chunk: string | Buffer): void };
  compress: boolean;
  page: { xobjects: Record<string, unknown>; fonts: Record<string, unknown>; height: number };
  _font: EmbeddedFont;
}

/** A glyph's form XObject in one PDF: its resource, and the page whose resources last listed it. */
interface GlyphForm {
  ref: unknown;
  page?: unknown;
}

/**
 * The glyph forms of one font in one PDF, by glyph id. A form is named by the font's tag and the
 * glyph id (/Ga112): the same name in every PDF where the font has the same tag, so that a word's
 * moves from glyph to glyph (PlacedRun) are written once per process, not once per PDF.
 */
interface FontForms {
  tag: string;
  byGlyph: Map<number, GlyphForm>;
}

/** What one PDF being painted holds for shaped text: glyph forms, and each text-layer font's encoding. */
export interface ShapedTextState {
  /** By font name: fonts of one name share their forms. Tags in the order fonts are first drawn. */
  forms: Map<string, FontForms>;
  /** The page on which each word's glyph forms were last all made and listed. */
  listed: WeakMap<PlacedRun, unknown>;
  layers: Map<EmbeddedFont, TextLayerEncoding>;
}
interface TextLayerEncoding {
  /** Code point → glyph id in the embedded subset. */
  codes: Map<number, number>;
  /** Font glyph ids already standing for a code point. */
  taken: Set<number>;
  nextSpare: number;
  /** Each text drawn so far (direction first): its glyphs, hex, and their widths added up. */
  texts: Map<string, { hex: string; width: number }>;
}

export function newShapedTextState(): ShapedTextState {
  return { forms: new Map(), listed: new WeakMap(), layers: new Map() };
}

// A glyph's outline as a form's content, deflated as pdfkit would deflate it: made once per process,
// written into each PDF that uses the glyph.
const formStreams = new WeakMap<Font, Map<number, { plain: string; deflated: Buffer }>>();
function formStream(font: Font, glyph: Glyph) {
  let streams = formStreams.get(font);
  if (!streams) formStreams.set(font, (streams = new Map()));
  let stream = streams.get(glyph.id);
  if (!stream) {
    const plain = pathOps(glyph.path.commands);
    // Copied: zlib's result is a slice of its 16 KB output buffer, which it would keep alive.
    stream = { plain, deflated: Buffer.from(deflateSync(Buffer.from(plain + '\n', 'latin1'))) };
    streams.set(glyph.id, stream);
  }
  return stream;
}

/**
 * Each glyph outline is written once per PDF, as a form XObject, and placed with a transform
 * wherever it is used: a booklet repeats a few hundred glyphs thousands of times. Listed in the
 * current page's resources.
 */
function useForm(doc: PDFKit.PDFDocument, font: Font, glyph: Glyph, forms: FontForms): void {
  const internals = doc as unknown as Internals;
  let form = forms.byGlyph.get(glyph.id);
  if (!form) {
    const em = font.unitsPerEm;
    const stream = formStream(font, glyph);
    const data = { Type: 'XObject', Subtype: 'Form', BBox: [-em, -em, em * 3, em * 2], Resources: {} };
    // Already deflated: the Filter set beforehand tells pdfkit not to compress it again (Length
    // first, to keep the dictionary's keys in the order pdfkit writes them).
    const ref = internals.compress ? internals.ref({ ...data, Length: 0, Filter: 'FlateDecode' }) : internals.ref(data);
    ref.end(internals.compress ? stream.deflated : stream.plain);
    form = { ref };
    forms.byGlyph.set(glyph.id, form);
  }
  const page = internals.page;
  if (form.page !== page) {
    page.xobjects[forms.tag + glyph.id] = form.ref;
    form.page = page;
  }
}

// pdfkit's number formatting (PDFObject.number): six decimals at most.
const number = (n: number) => Math.round(n * 1e6) / 1e6;
// The scale to nine decimals: the moves after the first glyph are multiplied by it.
const fine = (n: number) => Math.round(n * 1e9) / 1e9;
// A position in font units, to a hundredth of a unit (a thousandth of a point at 10 pt or below).
const units = (n: number) => Math.round(n * 100) / 100;

// fontkit reads a font's name from its name table on every call.
const postscriptNames = new WeakMap<Font, string>();
function postscriptName(font: Font): string {
  let name = postscriptNames.get(font);
  if (name === undefined) postscriptNames.set(font, (name = font.postscriptName));
  return name;
}

/**
 * A shaped word as drawn: each drawn glyph and its place, in font units from the word's own start
 * (rounded to a hundredth of a unit), and the moves from each to the next, by font tag. Made once
 * per word and process: a booklet draws the same words thousands of times, and so does each PDF.
 */
interface PlacedRun {
  /** The glyphs that have an outline, and how many space characters come before each. */
  glyphs: { glyph: Glyph; x: number; y: number; spaces: number }[];
  /**
   * "1 0 0 1 dx dy cm /<tag><id> Do" for each drawn glyph after the first, by the font's tag: as
   * bytes, copied into the content wherever the word is drawn.
   */
  moves: Map<string, Uint8Array>;
  /** Space characters in the word: justification widens each. */
  spaces: number;
}

const placedRuns = new WeakMap<ShapedRun, PlacedRun>();
function placedRun(run: ShapedRun): PlacedRun {
  let placed = placedRuns.get(run);
  if (!placed) {
    placed = { glyphs: [], moves: new Map(), spaces: 0 };
    let pen = 0;
    for (let i = 0; i < run.length; i++) {
      const glyph = run.glyph(i);
      if (glyph.path.commands.length) placed.glyphs.push({ glyph, x: units(pen + run.xOffset(i)), y: units(run.yOffset(i)), spaces: placed.spaces });
      if (glyph.codePoints.includes(0x20)) placed.spaces++;
      pen += run.xAdvance(i);
    }
    placedRuns.set(run, placed);
  }
  return placed;
}

function movesOf(placed: PlacedRun, tag: string): Uint8Array {
  let moves = placed.moves.get(tag);
  if (moves === undefined) {
    let text = '';
    const { glyphs } = placed;
    for (let i = 1; i < glyphs.length; i++) text += move(glyphs[i].x - glyphs[i - 1].x, glyphs[i].y - glyphs[i - 1].y, tag + glyphs[i].glyph.id);
    placed.moves.set(tag, (moves = Buffer.from(text, 'latin1')));
  }
  return moves;
}

/** The glyph forms of a font in this PDF; a font drawn first here gets the next tag (Ga, Gb, …). */
function formsOf(state: ShapedTextState, font: Font): FontForms {
  const fontName = postscriptName(font);
  let forms = state.forms.get(fontName);
  if (!forms) {
    const n = state.forms.size;
    state.forms.set(fontName, (forms = { tag: `G${n < 26 ? String.fromCharCode(97 + n) : `${n}x`}`, byGlyph: new Map() }));
  }
  return forms;
}

/**
 * The visible layer of one word or of several words in a row (a line of RTL words, one item
 * each): each glyph drawn as its outline. An RTL item is one word, shaped right to left; an LTR
 * item is drawn word by word, as glyph-runs.ts draws text. The items share a face and a colour.
 */
export function drawOutlines(doc: PDFKit.PDFDocument, book: FontBook, face: Face, items: readonly TextItem[], state: ShapedTextState): void {
  const font = face.font;
  const forms = formsOf(state, font);
  // One save and colour for them all; each item of several places its glyphs in its own q/Q.
  const own = items.length > 1;
  const parts: ContentPart[] = [];
  doc.save().fillColor(items[0].color);
  for (const t of items) {
    const before = parts.length;
    if (own) parts.push(before ? '\nq\n' : 'q\n');
    outlinesOf(doc, book, face, font, forms, t, state, parts);
    if (own) {
      if (parts.length === before + 1) parts.pop(); // no glyph drawn
      else parts.push('\nQ');
    }
  }
  if (parts.length) addContentParts(doc, parts);
  doc.restore();
}

/**
 * One item's glyphs, added to `parts`: the first placed with the scale, flipped onto the baseline;
 * each next one by a move.
 */
function outlinesOf(doc: PDFKit.PDFDocument, book: FontBook, face: Face, font: Font, forms: FontForms, t: TextItem, state: ShapedTextState, parts: ContentPart[]): void {
  const scale = t.size / face.unitsPerEm;
  const runs = t.rtl ? [book.shape(face, t.text, 'rtl')] : wordsOf(t.text).map((word) => book.shape(face, word, 'ltr'));
  // Each next glyph is placed with a move from the one before, in font units (mostly whole
  // numbers). The pen is in font units from t.x; justification adds its extra space after each
  // space character, as pdfkit's wordSpacing does.
  const spaceUnits = (t.wordSpacing ?? 0) / scale;
  let pen = 0;
  let at: [number, number] | undefined;
  const put = (x: number, y: number, glyph: Glyph) => {
    const name = forms.tag + glyph.id;
    parts.push(at ? move(x - at[0], y - at[1], name) : place(scale, t, x, y, name));
    at = [x, y];
  };
  for (const run of runs) {
    const placed = placedRun(run);
    const { glyphs, spaces } = placed;
    // A word drawn on this page before has its forms listed here already.
    const page = (doc as unknown as Internals).page;
    if (state.listed.get(placed) !== page) {
      for (const g of glyphs) useForm(doc, font, g.glyph, forms);
      state.listed.set(placed, page);
    }
    if (spaceUnits !== 0 && glyphs.some((g) => g.spaces > 0)) {
      // A space before a drawn glyph (a word of several, justified) moves it and those after it.
      for (const g of glyphs) put(units(pen + g.x + spaceUnits * g.spaces), g.y, g.glyph);
    } else if (glyphs.length) {
      const [first, last] = [glyphs[0], glyphs[glyphs.length - 1]];
      put(units(pen + first.x), first.y, first.glyph);
      if (glyphs.length > 1) parts.push(movesOf(placed, forms.tag));
      at = [units(at![0] + last.x - first.x), last.y];
    }
    pen += run.advanceWidth + spaceUnits * spaces;
  }
}

// Inside drawOutlines' own save and restore (and each item's q/Q where several share it): the
// transforms need no other.
const place = (scale: number, t: TextItem, x: number, y: number, name: string) =>
  `${fine(scale)} 0 0 ${fine(-scale)} ${number(t.x + x * scale)} ${number(t.y - y * scale)} cm\n/${name} Do`;
const move = (dx: number, dy: number, name: string) => `\n1 0 0 1 ${units(dx)} ${units(dy)} cm\n/${name} Do`;

/**
 * The glyph standing for a code point in the text layer: the font's own glyph when no other code
 * point took it (two characters can share one glyph, e.g. U+0661 and U+06F1, or none: U+200C),
 * else any spare glyph of the font. The layer is invisible, so only the mapping matters.
 */
function layerGlyph(font: Font, embedded: EmbeddedFont, enc: TextLayerEncoding, cp: number): number {
  let gid = enc.codes.get(cp);
  if (gid !== undefined) return gid;
  let glyphId = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).id : 0;
  if (glyphId === 0 || enc.taken.has(glyphId)) {
    while (enc.taken.has(enc.nextSpare)) enc.nextSpare++;
    glyphId = enc.nextSpare;
  }
  enc.taken.add(glyphId);
  gid = embedded.subset.includeGlyph(glyphId);
  embedded.unicode[gid] = [cp];
  embedded.widths[gid] = font.getGlyph(glyphId).advanceWidth * embedded.scale;
  enc.codes.set(cp, gid);
  return gid;
}

// +v.toFixed(3), as the text layer has always been written, without toFixed's string where the
// value is not near a tie: then the rounded thousandths are the same number either way.
const num = (v: number) => {
  const thousandths = v * 1000;
  const rounded = Math.round(thousandths);
  return Math.abs(thousandths - rounded) < 0.499 ? rounded / 1000 : +v.toFixed(3);
};

/**
 * The invisible text layer (text render mode 3) of each item's text (its `actual` text where it
 * has one), written as drawn: left to right, so an RTL word's characters go last to first
 * (extractors put RTL text back in reading order, as they do for any RTL PDF). Several items (the
 * words of a line) go in one text object. The RTL words of a line are one run from left to right,
 * joined by spaces of the layer stretched over the gaps between them: a viewer reads the line as
 * one text with its spaces (pdf.js keeps a space only between letters of one run), and the
 * structure holds the line's words apart, as it holds an LTR line's. Every other item is placed
 * by its own text matrix. The current pdfkit font must be the layer's own registration of the
 * face, used for nothing else, so that its ToUnicode map is this encoding alone.
 */
export function drawTextLayer(doc: PDFKit.PDFDocument, layerFont: Font, items: readonly TextItem[], state: ShapedTextState): void {
  const internals = doc as unknown as Internals;
  const embedded = internals._font;
  let enc = state.layers.get(embedded);
  if (!enc) state.layers.set(embedded, (enc = { codes: new Map(), taken: new Set(), nextSpare: 1, texts: new Map() }));
  const encode = (text: string, rtl: boolean | undefined) => {
    // Words repeat: each is encoded once per PDF (its code points keep their glyphs once given).
    const key = (rtl ? 'r' : 'l') + text;
    let encoded = enc.texts.get(key);
    if (!encoded) {
      let cps = [...text.normalize('NFC')].map((c) => c.codePointAt(0)!);
      if (rtl) cps = cps.reverse();
      const gids = cps.map((cp) => layerGlyph(layerFont, embedded, enc, cp));
      encoded = { hex: gids.map((g) => g.toString(16).padStart(4, '0')).join(''), width: gids.reduce((w, gid) => w + embedded.widths[gid], 0) };
      enc.texts.set(key, encoded);
    }
    return encoded;
  };
  let out = '';
  let size: number | undefined;
  // Each show is stretched over the width it stands for; the pen then stands where the next one starts.
  const show = (textSize: number, width: number, encoded: { hex: string; width: number }) => {
    const natural = encoded.width * (textSize / 1000);
    const scaling = natural > 0 && width > 0 ? (100 * width) / natural : 100;
    out += ` ${size === textSize ? '' : `/${embedded.id} ${num(textSize)} Tf `}${num(scaling)} Tz [<${encoded.hex}>] TJ`;
    size = textSize;
  };
  // Placed as pdfkit places text on its flipped page (a text matrix flipped back).
  const at = (x: number, y: number) => (out += `${out ? '\n' : ''}1 0 0 -1 ${num(x)} ${num(y)} Tm`);
  for (let i = 0; i < items.length; ) {
    const t = items[i];
    // The RTL words after t on its line, each left of the one before.
    let j = i + 1;
    while (t.rtl && j < items.length && items[j].rtl && items[j].y === t.y && items[j].x + items[j].width <= items[j - 1].x) j++;
    const words = items
      .slice(i, j)
      .reverse()
      .map((w) => ({ w, encoded: encode(w.actual ?? w.text, w.rtl) }))
      .filter(({ encoded }) => encoded.hex);
    i = j;
    words.forEach(({ w, encoded }, k) => {
      const before = words[k - 1]?.w;
      const gap = before ? w.x - (before.x + before.width) : 0;
      if (before && gap > w.size * WORD_GAP) show(w.size, gap, encode(' ', false));
      else at(w.x, w.y);
      show(w.size, w.width, encoded);
    });
  }
  if (!out) return;
  if (internals.page.fonts[embedded.id] == null) internals.page.fonts[embedded.id] = embedded.ref();
  // In its own save and restore: the render mode and scaling set here must not reach the text drawn after it.
  doc.addContent(`q\nBT 3 Tr ${out} ET\nQ`);
}

// Two RTL words are a word apart when the gap between them is wider than this (in ems): layout
// leaves a space's width, a split inside a word (a style change) none.
const WORD_GAP = 0.1;
