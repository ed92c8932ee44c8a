// The painter: the only code that talks to pdfkit. It draws frames exactly as layout placed them,
// makes no layout decisions, embeds subset fonts (the font book's parsed fonts, never re-read),
// writes the outline and the document's metadata, and returns the PDF bytes.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { DocumentFrames, FrameItem, GroupItem, ScissorsItem, TextItem } from '../layout/frame.js';
import { grayOver, pdfaDocumentOptions, setPageBoxes, setUpPrintModes } from './print-modes.js';
import { stripMarks } from '../i18n/fallback-marks.js';
import type { FontBook } from '../layout/fonts.js';
import { vector } from './vector.js';
import { drawOutlines, drawTextLayer, mapsOneToOne, newShapedTextState, type ShapedTextState } from './shaped-text.js';
import { drawGlyphText } from './glyph-runs.js';
import { copySimpleGlyphsUndecoded } from './font-subset.js';
import { StructureWriter } from './structure.js';
import { bufferPageContent } from './page-content.js';

export interface PaintOptions {
  book: FontBook;
  author: string;
  subject: string;
  keywords?: string;
  /** Fixed for identical output from identical input: the file ID is computed from it. */
  creationDate: Date;
  /** PDF/A-2b (see print-modes.ts). */
  pdfa?: boolean;
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
  /** Faces pdfkit resolved to an equal font already open: see selectFont. */
  aliases: Map<string, unknown>;
  shaped: ShapedTextState;
  /** Where documents start, for `#doc=<id>` links. */
  anchors?: Record<string, number>;
  /** Pages with a named destination: the pages links may open. */
  targets?: Set<number>;
  /** The structure tree being made: content is tagged, everything else is an artifact. */
  structure: StructureWriter;
}

/**
 * Neutral greys (r = g = b, black included) go out as DeviceGray: black text and rules print with
 * black toner or K ink alone, never as a rich black of all four. pdfkit writes every hex colour as
 * DeviceRGB, so its colour normalisation is wrapped for this one document.
 */
function grayAsDeviceGray(doc: PDFKit.PDFDocument): void {
  type ColorDoc = { _normalizeColor(c: unknown): unknown; _getColorSpace(c: unknown): string };
  const d = doc as unknown as ColorDoc;
  const normalize = d._normalizeColor.bind(doc);
  const space = d._getColorSpace.bind(doc);
  d._normalizeColor = (color: unknown) => {
    const c = normalize(color);
    return Array.isArray(c) && c.length === 3 && c[0] === c[1] && c[1] === c[2] ? [c[0]] : c;
  };
  d._getColorSpace = (color: unknown) => (Array.isArray(color) && color.length === 1 ? 'DeviceGray' : space(color));
}

/**
 * A subset font's tag (the six letters before "+" in its name) says which subset it is: pdfkit
 * derives it from the font's resource name, so every PDF names its first subset CZZZZZ+…, and
 * files merged or imposed together end up with different subsets under one name. The tag is made
 * from a hash of the font and the glyphs the subset holds instead.
 */
function tagSubsetsByContent(doc: PDFKit.PDFDocument): void {
  type Embedded = { id: string; font?: { postscriptName?: string }; subset?: { glyphs: number[] }; embed(): void };
  const families = (doc as unknown as { _fontFamilies: Record<string, Embedded> })._fontFamilies;
  for (const font of Object.values(families)) {
    if (!font.subset || typeof font.embed !== 'function') continue;
    const embed = font.embed.bind(font);
    font.embed = () => {
      const glyphs = [...font.subset!.glyphs].sort((a, b) => a - b).join(',');
      const digest = createHash('sha256').update(`${font.font?.postscriptName}:${glyphs}`).digest();
      // pdfkit makes the tag from characters 1–6 of the id, each + 17: '0'–'I' give 'A'–'Z'.
      const code = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(48 + (b % 26))).join('');
      const id = font.id;
      font.id = `F${code}`;
      try {
        embed();
      } finally {
        font.id = id;
      }
    };
  }
}

/** The URI a link opens; compose refuses other schemes, and this never makes one live either. */
function href(link: string): string | undefined {
  if (/^(https?|mailto|tel):/i.test(link)) return link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || /^[\\/#]/.test(link)) return undefined;
  if (link.includes('@') && !link.includes('/')) return `mailto:${link}`;
  return `https://${link}`;
}

/**
 * doc.font(key) for a registered face. pdfkit keeps a face under its key, except one it resolves
 * to an equal font already open under the same name (a face whose text-layer copy was selected
 * first): that one it opens anew on every selection, numbering a font resource each time and
 * comparing the two fonts' name tables, only to select the font already open. Arabic text drawn
 * as glyph runs did that for every run. Such a selection is done here as pdfkit ends it (the
 * same numbering, the same font selected), without the opening.
 */
function selectFont(doc: PDFKit.PDFDocument, key: string, state: PaintState): void {
  type Fonts = {
    _font: unknown;
    _fontCount: number;
    _fontSource: unknown;
    _fontFamily: unknown;
    _fontFamilies: Record<string, unknown>;
    _registeredFonts: Record<string, { src: unknown; family: unknown }>;
  };
  const d = doc as unknown as Fonts;
  const alias = state.aliases.get(key);
  if (alias === undefined) {
    doc.font(key);
    if (d._fontFamilies[key] === undefined) state.aliases.set(key, d._font);
    return;
  }
  const { src, family } = d._registeredFonts[key];
  d._fontSource = src;
  d._fontFamily = family;
  d._fontCount++;
  d._font = alias;
}

/** Whether text is painted as outlines over a text layer (shaped-text.ts) rather than as text. */
const layered = (book: FontBook, t: TextItem) => t.rtl === true || !mapsOneToOne(book, book.faceByKey(t.face), t.text);

/**
 * Text items drawn together: a layered item with the layered items after it on its line that have
 * the same face, colour, element and language and nothing of their own (a link, opacity, a
 * rotation). An RTL line is one item per word; drawn together, its words share one artifact
 * sequence for their outlines and one tagged sequence and text object for their text layer,
 * instead of one each: a line is one sequence, as an LTR line is.
 */
function textRun(book: FontBook, items: readonly FrameItem[], from: number, state: PaintState): { items: TextItem[]; layered: boolean } {
  const first = items[from] as TextItem;
  if (!layered(book, first)) return { items: [first], layered: false };
  const alone = (t: TextItem) => !t.tag || t.link !== undefined || t.opacity !== undefined || t.rotate !== undefined;
  const run = [first];
  if (alone(first)) return { items: run, layered: true };
  for (let i = from + 1; i < items.length; i++) {
    const t = items[i];
    if (t.type !== 'text' || t.y !== first.y || t.face !== first.face || t.color !== first.color || alone(t)) break;
    if (!state.structure.sameContent(first.tag!, first.actual ?? first.text, t.tag!, t.actual ?? t.text) || !layered(book, t)) break;
    run.push(t);
  }
  return { items: run, layered: true };
}

function text(doc: PDFKit.PDFDocument, book: FontBook, items: TextItem[], isLayered: boolean, state: PaintState): void {
  // Several items only where textRun joined them: none has a link, an opacity or a rotation.
  const t = items[0];
  const face = book.faceByKey(t.face);
  const page = t.link ? internalPage(t.link, state.anchors) : undefined;
  // A page this PDF does not have (a stale number) is no link at all, never a dangling one.
  const uri = page !== undefined ? undefined : t.link ? href(t.link) : undefined;
  const linked = (page !== undefined && state.targets?.has(page)) || uri !== undefined;
  const placed = (draw: () => void) => () => {
    doc.save();
    if (t.opacity !== undefined) doc.fillOpacity(t.opacity);
    // The preview's DRAFT mark: turned around the middle of the text.
    if (t.rotate) doc.rotate(t.rotate, { origin: [t.x + t.width / 2, t.y] });
    draw();
    doc.restore();
  };
  // Tagged text is content of its element; untagged text (footers, page numbers, marks) an artifact.
  const mark = (draw: () => void, wrap = placed): PDFKit.PDFStructureElement | undefined => {
    if (t.tag) return state.structure.content(t.tag, wrap(draw), { text: t.actual ?? t.text, link: linked ? t.link : undefined });
    state.structure.artifact(wrap(draw));
    return undefined;
  };
  let link: PDFKit.PDFStructureElement | undefined;
  if (isLayered) {
    const layerKey = `${t.face}#text`;
    if (!state.registered.has(layerKey)) {
      copySimpleGlyphsUndecoded(face.font);
      doc.registerFont(layerKey, book.textLayerFont(face) as never);
      state.registered.add(layerKey);
    }
    // What is seen (the shaped outlines) is decoration; what is read is the text layer. Each
    // writes its own save and restore around what it sets: without opacity or rotation, a
    // second one around it would be two more operators for every word of an RTL line.
    const own = t.opacity === undefined && !t.rotate ? (draw: () => void) => draw : placed;
    state.structure.artifact(own(() => drawOutlines(doc, book, face, items, state.shaped)));
    link = mark(() => {
      selectFont(doc, layerKey, state);
      drawTextLayer(doc, book.textLayerFont(face), items, state.shaped);
    }, own);
  } else {
    if (!state.registered.has(t.face)) {
      copySimpleGlyphsUndecoded(face.font);
      doc.registerFont(t.face, face.font as never);
      state.registered.add(t.face);
      // Selected once more on registration, as this always was: where pdfkit resolves the face to
      // an equal font already open (its text-layer copy, selected first), every selection numbers
      // a font resource, and the PDFs stay byte for byte what they were.
      selectFont(doc, t.face, state);
    }
    link = mark(() => {
      selectFont(doc, t.face, state);
      doc.fontSize(t.size).fillColor(t.color);
      drawGlyphText(doc, book, face, t);
    });
  }
  if (!linked) return;
  // The annotation names its Link element, and says in words where it leads (PDF/UA).
  const tagging = { ...(link ? { structParent: link } : {}), Contents: new String(stripMarks(t.actual ?? t.text)) };
  if (page !== undefined) doc.annotate(t.x, t.y - t.size, t.width, t.size * 1.3, { Subtype: 'Link', Dest: pageDestination(page), ...tagging } as never);
  else doc.link(t.x, t.y - t.size, t.width, t.size * 1.3, uri!, tagging as never);
}

/**
 * A link inside the PDF: `#page=N` opens page N of this PDF (contents entries), `#doc=<id>` the
 * first page of that document (cross-references from one handout to another).
 */
function internalPage(link: string, anchors: Record<string, number> = {}): number | undefined {
  const page = /^#page=(\d+)$/.exec(link);
  if (page) return Number(page[1]);
  const doc = /^#doc=([a-z-]+)$/.exec(link);
  return doc ? anchors[doc[1]] : undefined;
}
const pageDestination = (page: number) => `page-${page}`;

/** Pages some link points at: each gets a named destination at its top-left corner. */
function linkedPages(frames: DocumentFrames): Set<number> {
  const pages = new Set<number>();
  for (const page of frames.pages)
    for (const item of page.items) {
      const target = item.type === 'text' && item.link ? internalPage(item.link, frames.anchors) : undefined;
      if (target !== undefined && target >= 1 && target <= frames.pages.length) pages.add(target);
    }
  return pages;
}

function drawItems(doc: PDFKit.PDFDocument, book: FontBook, items: readonly FrameItem[], state: PaintState): void {
  for (let i = 0; i < items.length; ) {
    const item = items[i];
    if (item.type !== 'text') {
      draw(doc, book, item, state);
      i++;
      continue;
    }
    const run = textRun(book, items, i, state);
    text(doc, book, run.items, run.layered, state);
    i += run.items.length;
  }
}

function draw(doc: PDFKit.PDFDocument, book: FontBook, item: Exclude<FrameItem, TextItem>, state: PaintState): void {
  if (item.type === 'group') {
    // Marked content never crosses the group's save/restore.
    state.structure.close();
    const page = state.structure.page;
    if (item.page !== undefined) state.structure.page = item.page;
    doc.save().translate(item.x, item.y).scale(item.scale);
    state.structure.artifact(() => doc.rect(item.clip.x, item.clip.y, item.clip.w, item.clip.h).clip());
    drawItems(doc, book, item.items, state);
    state.structure.close();
    state.structure.page = page;
    doc.restore();
    return;
  }
  // A photo, a logo or a QR code's modules are content of their figure; the rest is decoration.
  const tag = 'tag' in item ? item.tag : undefined;
  if (tag) state.structure.shape(tag, () => shape(doc, item));
  else state.structure.artifact(() => shape(doc, item));
  if (item.type === 'image' && item.grayscale) state.structure.artifact(() => grayOver(doc, item));
}

function shape(doc: PDFKit.PDFDocument, item: Exclude<FrameItem, TextItem | GroupItem>): void {
  switch (item.type) {
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
    case 'vector':
      return vector(doc, item);
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
    // Tagged (PDF/UA-1): a structure tree, every drawing content or artifact (see structure.ts).
    tagged: true,
    pdfVersion: '1.7',
    // No default font: pdfkit would parse Helvetica's metrics (AFM text) for every document, and
    // every face we draw with is embedded and chosen before it is used (0.7 % of a full build).
    font: null as unknown as string,
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
  const preferences = (doc as unknown as { _root: { data: { ViewerPreferences: { data: Record<string, unknown> } } } })._root.data.ViewerPreferences.data;
  if (frames.rtl) preferences.Direction = 'R2L';
  // The print dialog's default: cut sheets single-sided, everything else on both sides.
  preferences.Duplex = frames.sides === 'simplex' ? 'Simplex' : 'DuplexFlipLongEdge';
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  grayAsDeviceGray(doc);
  setUpPrintModes(doc, options);
  // The PDF/UA-1 identification: tagged, titled, in a language, every drawing content or artifact.
  doc.appendXML('<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>');
  const targets = linkedPages(frames);
  const structure = new StructureWriter(doc, frames.lang);
  const state: PaintState = { registered: new Set(), aliases: new Map(), shaped: newShapedTextState(), anchors: frames.anchors, targets, structure };
  for (const [index, page] of frames.pages.entries()) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    bufferPageContent(doc);
    setPageBoxes(doc, page);
    // A named destination, so a link on an earlier page can point forward to this one.
    if (targets.has(index + 1)) doc.addNamedDestination(pageDestination(index + 1), 'XYZ', 0, 0, null);
    structure.page = index;
    drawItems(doc, options.book, page.items, state);
    structure.close();
  }
  structure.finish();
  // The outline: level-1 entries at the top, level-2 entries under the latest level-1 entry.
  let parent: PDFKit.PDFOutline | undefined;
  for (const b of frames.bookmarks) {
    const target = b.level <= 1 || !parent ? doc.outline : parent;
    const entry = target.addItem(stripMarks(b.title), { pageNumber: b.page, top: b.y, fit: false } as never);
    // pdfkit measures `left` from the right edge of the page; a bookmark opens its target at the
    // top-left corner (x 0), keeping the reader's zoom.
    const dest = (entry as unknown as { outlineData: { Dest?: unknown[] } }).outlineData.Dest;
    if (dest) dest[2] = 0;
    if (b.level <= 1) parent = entry;
  }
  tagSubsetsByContent(doc);
  doc.end();
  return done;
}
