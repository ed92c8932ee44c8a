// The painter: the only code that talks to pdfkit. It draws frames exactly as layout placed them,
// makes no layout decisions, embeds subset fonts (the font book's parsed fonts, never re-read),
// writes the outline and the document's metadata, and returns the PDF bytes.
import PDFDocument from 'pdfkit';
import type { DocumentFrames, FrameItem, ScissorsItem, TextItem } from '../layout/frame.js';
import { grayOver, pdfaDocumentOptions, setPageBoxes, setUpPrintModes } from './print-modes.js';
import { stripMarks } from '../i18n/fallback-marks.js';
import type { FontBook } from '../layout/fonts.js';
import { drawOutlines, drawTextLayer, mapsOneToOne, newShapedTextState, type ShapedTextState } from './shaped-text.js';

export interface PaintOptions {
  book: FontBook;
  author: string;
  subject: string;
  keywords?: string;
  /** Fixed for identical output from identical input: the file ID is computed from it. */
  creationDate: Date;
  /** PDF/A-2b (see print-modes.ts). */
  pdfa?: boolean;
  /** Gray colours written as DeviceGray (see print-modes.ts). */
  deviceGray?: boolean;
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

/** What one PDF being painted has set up: registered fonts, glyph forms and text-layer encodings. */
interface PaintState {
  registered: Set<string>;
  shaped: ShapedTextState;
}

const sharedLayoutCaches = new Map<string, object>();

/** The URI a link opens; compose refuses other schemes, and this never makes one live either. */
function href(link: string): string | undefined {
  if (/^(https?|mailto|tel):/i.test(link)) return link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || /^[\\/]/.test(link)) return undefined;
  if (link.includes('@') && !link.includes('/')) return `mailto:${link}`;
  return `https://${link}`;
}

function text(doc: PDFKit.PDFDocument, book: FontBook, t: TextItem, state: PaintState): void {
  const face = faceOf(book, t.face);
  doc.save();
  if (t.opacity !== undefined) doc.fillOpacity(t.opacity);
  // The preview's DRAFT mark: turned around the middle of the text.
  if (t.rotate) doc.rotate(t.rotate, { origin: [t.x + t.width / 2, t.y] });
  if (t.rtl || !mapsOneToOne(face.font, t.text)) {
    const layerKey = `${t.face}#text`;
    if (!state.registered.has(layerKey)) {
      doc.registerFont(layerKey, book.textLayerFont(face) as never);
      state.registered.add(layerKey);
    }
    drawOutlines(doc, face.font, t, state.shaped);
    doc.font(layerKey);
    drawTextLayer(doc, book.textLayerFont(face), t, t.actual ?? t.text, state.shaped);
  } else {
    if (!state.registered.has(t.face)) {
      doc.registerFont(t.face, face.font as never);
      state.registered.add(t.face);
      doc.font(t.face);
      // pdfkit shapes every word again in each new document; its per-font word cache holds
      // nothing document-specific, so one cache per face serves every PDF of the process.
      const embedded = (doc as unknown as { _font: { layoutCache?: object } })._font;
      if (!sharedLayoutCaches.has(t.face)) sharedLayoutCaches.set(t.face, Object.create(null));
      embedded.layoutCache = sharedLayoutCaches.get(t.face);
    }
    doc.font(t.face).fontSize(t.size).fillColor(t.color);
    doc.text(t.text, t.x, t.y, { lineBreak: false, baseline: 'alphabetic', wordSpacing: t.wordSpacing ?? 0 } as never);
  }
  doc.restore();
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
      if (item.grayscale) grayOver(doc, item);
      return;
    case 'scissors':
      return scissors(doc, item);
    case 'group':
      doc.save().translate(item.x, item.y).scale(item.scale);
      doc.rect(item.clip.x, item.clip.y, item.clip.w, item.clip.h).clip();
      for (const inner of item.items) draw(doc, book, inner, state);
      doc.restore();
      return;
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
    ...pdfaDocumentOptions(options),
    info: {
      Title: stripMarks(frames.title),
      Author: options.author,
      Subject: options.subject,
      // PDF/A wants every Info entry matched in the XMP, and pdfkit leaves an empty Keywords out of it.
      ...(options.pdfa && !options.keywords ? {} : { Keywords: options.keywords ?? '' }),
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
  setUpPrintModes(doc, options);
  const state: PaintState = { registered: new Set(), shaped: newShapedTextState() };
  for (const page of frames.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    setPageBoxes(doc, page);
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
