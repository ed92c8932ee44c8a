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

function shapedRtlWord(doc: PDFKit.PDFDocument, font: Font, t: TextItem): void {
  const scale = t.size / font.unitsPerEm;
  const logical = t.actual ?? t.text;
  const { run, paths, plain } = shapeWord(font, t.text, logical);
  let x = t.x;
  doc.save().fillColor(t.color);
  run.glyphs.forEach((_, i) => {
    const pos = run.positions[i];
    const path = paths[i];
    if (path.length) {
      // Outlines in font units, flipped and scaled onto the baseline (no SVG string round trip).
      doc.save();
      doc.transform(scale, 0, 0, -scale, x + pos.xOffset * scale, t.y - pos.yOffset * scale);
      for (const { command, args } of path) {
        if (command === 'moveTo') doc.moveTo(args[0], args[1]);
        else if (command === 'lineTo') doc.lineTo(args[0], args[1]);
        else if (command === 'quadraticCurveTo') doc.quadraticCurveTo(args[0], args[1], args[2], args[3]);
        else if (command === 'bezierCurveTo') doc.bezierCurveTo(args[0], args[1], args[2], args[3], args[4], args[5]);
        else if (command === 'closePath') doc.closePath();
      }
      doc.fill();
      doc.restore();
    }
    x += pos.xAdvance * scale;
  });
  doc.restore();
  const plainWidth = plain * scale;
  doc.save().fillOpacity(0);
  // pdf.js splits a combining mark off when it comes first in a text chunk, and the last letter's
  // mark does come first once the word is reversed for display; a zero-width non-joiner ahead
  // of it (invisible, and dropped by extractors) keeps the word whole.
  const text = /\p{M}$/u.test(logical) ? logical + '\u200C' : logical;
  doc.text(text, t.x, t.y, {
    lineBreak: false,
    baseline: 'alphabetic',
    features: UNSHAPED,
    horizontalScaling: plainWidth > 0 ? (100 * t.width) / plainWidth : 100,
  } as never);
  doc.restore();
}

const sharedLayoutCaches = new Map<string, object>();

function href(link: string): string {
  if (/^[a-z]+:/i.test(link)) return link;
  if (link.includes('@') && !link.includes('/')) return `mailto:${link}`;
  return `https://${link}`;
}

function text(doc: PDFKit.PDFDocument, book: FontBook, t: TextItem, registered: Set<string>): void {
  const face = faceOf(book, t.face);
  if (book.isRtlFamily(face.family)) {
    const layerKey = `${t.face}#text`;
    if (!registered.has(layerKey)) {
      doc.registerFont(layerKey, book.textLayerFont(face) as never);
      registered.add(layerKey);
    }
    doc.font(layerKey).fontSize(t.size);
    return shapedRtlWord(doc, face.font, t);
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
  if (t.link) doc.link(t.x, t.y - t.size, t.width, t.size * 1.3, href(t.link));
}

function draw(doc: PDFKit.PDFDocument, book: FontBook, item: FrameItem, registered: Set<string>): void {
  switch (item.type) {
    case 'text':
      return text(doc, book, item, registered);
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
  const registered = new Set<string>();
  for (const page of frames.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const item of page.items) draw(doc, options.book, item, registered);
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
