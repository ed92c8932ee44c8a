// The painter: the only code that talks to pdfkit. It draws frames exactly as layout placed them,
// makes no layout decisions, embeds subset fonts (the font book's parsed fonts, never re-read),
// writes the outline and the document's metadata, and returns the PDF bytes.
import PDFDocument from 'pdfkit';
import type { DocumentFrames, FrameItem, ScissorsItem, TextItem } from '../layout/frame.js';
import { stripMarks } from '../i18n/fallback-marks.js';
import type { FontBook } from '../layout/fonts.js';
import type { Font, GlyphRun } from 'fontkit';

export interface PaintOptions {
  book: FontBook;
  author: string;
  subject: string;
  keywords?: string;
  /** Fixed for identical output from identical input: the file ID is computed from it. */
  creationDate: Date;
}

function faceOf(book: FontBook, key: string) {
  const [family, variant] = key.split('/');
  return book.face(family, { bold: variant.startsWith('bold'), italic: variant.toLowerCase().includes('italic') });
}

function scissors(doc: PDFKit.PDFDocument, s: ScissorsItem): void {
  // Two finger loops and two crossing blades, drawn in a 24-unit box.
  const k = s.size / 24;
  doc.save();
  doc.translate(s.x, s.y);
  doc.rotate(s.rotate, { origin: [12 * k, 12 * k] });
  doc.scale(k);
  doc.lineWidth(1.6).strokeColor(s.color).fillColor(s.color);
  doc.circle(5, 6, 3.6).stroke();
  doc.circle(5, 18, 3.6).stroke();
  doc.moveTo(8, 8).lineTo(24, 17).stroke();
  doc.moveTo(8, 16).lineTo(24, 7).stroke();
  doc.circle(13.5, 12, 0.9).fill();
  doc.restore();
}

// Every shaping feature off: each character is drawn as its own cmap glyph.
const UNSHAPED = Object.fromEntries(
  ['ccmp', 'locl', 'isol', 'init', 'medi', 'fina', 'med2', 'fin2', 'fin3', 'rlig', 'liga', 'calt', 'dlig', 'curs', 'kern', 'mark', 'mkmk', 'mset'].map((f) => [f, false]),
);

/**
 * Text set in the font of an RTL script. Shaped Arabic glyphs cannot carry their text: Noto Sans Arabic draws
 * ح, خ and ج with one skeleton glyph plus dot glyphs, so the ToUnicode map (one text per glyph)
 * would turn خ into ح, and pdf.js and poppler ignore /ActualText. So the visible word is painted
 * as the shaped glyphs' outlines, and the text layer is the word's letters, unshaped (one glyph
 * per letter, each mapping to itself), invisible and stretched over the same width. Readers get
 * the words as written from copy-paste and search; the page looks exactly as shaped.
 */
// Shaping and outlines are the costly part of an Arabic page; words and glyphs repeat a lot.
type PathCommand = { command: string; args: number[] };
const shapedWords = new WeakMap<Font, Map<string, { run: GlyphRun; paths: PathCommand[][]; plain: number }>>();

function shapeWord(font: Font, text: string, logical: string) {
  let words = shapedWords.get(font);
  if (!words) shapedWords.set(font, (words = new Map()));
  let shaped = words.get(text);
  if (!shaped) {
    const run = font.layout(text);
    shaped = { run, paths: run.glyphs.map((g) => g.path.commands), plain: font.layout(logical, UNSHAPED).advanceWidth };
    words.set(text, shaped);
  }
  return shaped;
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

/**
 * Each glyph outline is written once per PDF, as a form XObject, and placed with a transform
 * wherever it is used: an Arabic booklet repeats a few hundred glyphs thousands of times.
 */
function glyphForm(doc: PDFKit.PDFDocument, font: Font, id: number, path: PathCommand[], forms: PaintState['forms']): string {
  const key = `${font.postscriptName}/${id}`;
  const internals = doc as unknown as { ref(data: object): { end(chunk: string): void }; page: { xobjects: Record<string, unknown> } };
  let form = forms.get(key);
  if (!form) {
    const em = font.unitsPerEm;
    const ref = internals.ref({ Type: 'XObject', Subtype: 'Form', BBox: [-em, -em, em * 3, em * 2], Resources: {} });
    ref.end(pathOps(path));
    form = { name: `Gl${forms.size + 1}`, ref };
    forms.set(key, form);
  }
  internals.page.xobjects[form.name] = form.ref;
  return form.name;
}

/** What one PDF being painted has set up: registered fonts and glyph forms. */
interface PaintState {
  registered: Set<string>;
  forms: Map<string, { name: string; ref: unknown }>;
}

function shapedRtlWord(doc: PDFKit.PDFDocument, font: Font, t: TextItem, forms: PaintState['forms']): void {
  const scale = t.size / font.unitsPerEm;
  const logical = t.actual ?? t.text;
  const { run, paths, plain } = shapeWord(font, t.text, logical);
  let x = t.x;
  doc.save().fillColor(t.color);
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    if (paths[i].length) {
      const name = glyphForm(doc, font, glyph.id, paths[i], forms);
      // Font units, flipped and scaled onto the baseline.
      doc.save();
      doc.transform(scale, 0, 0, -scale, x + pos.xOffset * scale, t.y - pos.yOffset * scale);
      doc.addContent(`/${name} Do`);
      doc.restore();
    }
    x += pos.xAdvance * scale;
  });
  doc.restore();
  const plainWidth = plain * scale;
  doc.save().fillOpacity(0);
  doc.text(logical, t.x, t.y, {
    lineBreak: false,
    baseline: 'alphabetic',
    features: UNSHAPED,
    horizontalScaling: plainWidth > 0 ? (100 * t.width) / plainWidth : 100,
  } as never);
  doc.restore();
}

const sharedLayoutCaches = new Map<string, object>();

/** The URI a link opens; compose refuses other schemes, and this never makes one live either. */
function href(link: string): string | undefined {
  if (/^(https?|mailto|tel):/i.test(link)) return link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || /^[\\/]/.test(link)) return undefined;
  if (link.includes('@') && !link.includes('/')) return `mailto:${link}`;
  return `https://${link}`;
}

function text(doc: PDFKit.PDFDocument, book: FontBook, t: TextItem, { registered, forms }: PaintState): void {
  const face = faceOf(book, t.face);
  if (book.isRtlFamily(face.family)) {
    const layerKey = `${t.face}#text`;
    if (!registered.has(layerKey)) {
      doc.registerFont(layerKey, book.textLayerFont(face) as never);
      registered.add(layerKey);
    }
    doc.font(layerKey).fontSize(t.size);
    return shapedRtlWord(doc, face.font, t, forms);
  }
  if (!registered.has(t.face)) {
    doc.registerFont(t.face, face.font as never);
    registered.add(t.face);
    doc.font(t.face);
    // pdfkit shapes every word again in each new document; its per-font word cache holds
    // nothing document-specific, so one cache per face serves every PDF of the process.
    const embedded = (doc as unknown as { _font: { layoutCache?: object } })._font;
    if (!sharedLayoutCaches.has(t.face)) sharedLayoutCaches.set(t.face, Object.create(null));
    embedded.layoutCache = sharedLayoutCaches.get(t.face);
  }
  doc.font(t.face).fontSize(t.size).fillColor(t.color);
  if (t.rotate || t.opacity !== undefined) {
    // The preview's DRAFT mark: turned around the middle of the text.
    doc.save();
    if (t.opacity !== undefined) doc.fillOpacity(t.opacity);
    if (t.rotate) doc.rotate(t.rotate, { origin: [t.x + t.width / 2, t.y] });
    doc.text(t.text, t.x, t.y, { lineBreak: false, baseline: 'alphabetic' } as never);
    doc.restore();
    return;
  }
  {
    doc.text(t.text, t.x, t.y, { lineBreak: false, baseline: 'alphabetic', wordSpacing: t.wordSpacing ?? 0 } as never);
  }
  const uri = t.link ? href(t.link) : undefined;
  if (uri) doc.link(t.x, t.y - t.size, t.width, t.size * 1.3, uri);
}

function draw(doc: PDFKit.PDFDocument, book: FontBook, item: FrameItem, state: PaintState): void {
  switch (item.type) {
    case 'text':
      return text(doc, book, item, state);
    case 'rect': {
      doc.save();
      if (item.radius) doc.roundedRect(item.x, item.y, item.w, item.h, item.radius);
      else doc.rect(item.x, item.y, item.w, item.h);
      if (item.dash) doc.dash(item.dash[0], { space: item.dash[1] });
      if (item.fill && item.stroke) doc.lineWidth(item.lineWidth ?? 1).fillAndStroke(item.fill, item.stroke);
      else if (item.fill) doc.fill(item.fill);
      else if (item.stroke) doc.lineWidth(item.lineWidth ?? 1).stroke(item.stroke);
      doc.restore();
      return;
    }
    case 'line':
      doc.save().lineWidth(item.width).strokeColor(item.color);
      if (item.dash) doc.dash(item.dash[0], { space: item.dash[1] });
      doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke();
      doc.restore();
      return;
    case 'image':
      doc.image(item.src, item.x, item.y, { width: item.w, height: item.h });
      return;
    case 'scissors':
      return scissors(doc, item);
    default: {
      const never: never = item;
      throw new Error(`unknown frame item ${(never as FrameItem).type}`);
    }
  }
}

export function paintPdf(frames: DocumentFrames, options: PaintOptions): Promise<Buffer> {
  const first = frames.pages[0];
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [first.width, first.height],
    margin: 0,
    lang: frames.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: stripMarks(frames.title),
      Author: options.author,
      Subject: options.subject,
      Keywords: options.keywords ?? '',
      Creator: 'workshop-pack',
      Producer: 'workshop-pack (pdfkit)',
      CreationDate: options.creationDate,
      ModDate: options.creationDate,
    },
  });
  if (frames.rtl) (doc as unknown as { _root: { data: { ViewerPreferences: { data: Record<string, unknown> } } } })._root.data.ViewerPreferences.data.Direction = 'R2L';
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const state: PaintState = { registered: new Set(), forms: new Map() };
  for (const page of frames.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const item of page.items) draw(doc, options.book, item, state);
  }
  // The outline: level-1 entries at the top, level-2 entries under the latest level-1 entry.
  let parent: PDFKit.PDFOutline | undefined;
  for (const b of frames.bookmarks) {
    const target = b.level <= 1 || !parent ? doc.outline : parent;
    const entry = target.addItem(stripMarks(b.title), { pageNumber: b.page, top: b.y } as never);
    if (b.level <= 1) parent = entry;
  }
  doc.end();
  return done;
}
