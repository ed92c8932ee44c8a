// What print production asks of the painter (src/print): PDF/A-2b and page boxes (gray colours
// need nothing here: the painter writes every neutral grey as DeviceGray, see pdf.ts). pdfkit has the PDF/A parts (its `subset` option writes the XMP identification and the sRGB
// output intent); the rest fills gaps pdfkit leaves, kept here so the painter itself stays plain.
import type { Box, PageFrame } from '../layout/frame.js';

export interface PrintModes {
  /** PDF/A-2b: pdfkit's own `subset` (XMP identification, sRGB output intent); no default font. */
  pdfa?: boolean;
  creationDate: Date;
}

/** Options for the pdfkit constructor: PDF/A-2b, and no Helvetica set up (it would not be embedded). */
export function pdfaDocumentOptions(modes: PrintModes): { subset?: 'PDF/A-2b'; font?: string } {
  return modes.pdfa ? { subset: 'PDF/A-2b', font: null as unknown as string } : {};
}

export function setUpPrintModes(doc: PDFKit.PDFDocument, modes: PrintModes): void {
  // Every PDF has an XMP packet (PDF/UA wants the title there too): it must stay valid XML.
  escapeXmpValues(doc);
  if (modes.pdfa) {
    // pdfkit's XMP has the creation date only; PDF/A wants the Info's ModDate matched too.
    const date = `${modes.creationDate.toISOString().split('.')[0]}Z`;
    doc.appendXML(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate></rdf:Description>`);
  }
}

const saturationStates = new WeakMap<PDFKit.PDFDocument, unknown>();

/**
 * A photo in gray: white painted over it in the Saturation blend mode keeps the photo's lightness
 * and takes white's saturation, none. The image data stays as it is (no decoder is needed), and
 * every viewer and printer composites it to gray; PDF/A-2 allows blend modes.
 */
export function grayOver(doc: PDFKit.PDFDocument, box: Box): void {
  const d = doc as unknown as { ref(data: object): { end(): void }; page: { ext_gstates: Record<string, unknown> }; addContent(s: string): void };
  let state = saturationStates.get(doc);
  if (!state) {
    const ref = d.ref({ Type: 'ExtGState', BM: 'Saturation' });
    ref.end();
    saturationStates.set(doc, (state = ref));
  }
  d.page.ext_gstates.GsGray = state;
  doc.save();
  d.addContent('/GsGray gs');
  doc.rect(box.x, box.y, box.w, box.h).fill('#ffffff');
  doc.restore();
}

/** TrimBox and BleedBox of the page just added: pdfkit writes what is set on the page dictionary. */
export function setPageBoxes(doc: PDFKit.PDFDocument, page: PageFrame): void {
  const boxes = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
  if (page.bleed) boxes.BleedBox = pdfRect(page, page.bleed);
  if (page.trim) boxes.TrimBox = pdfRect(page, page.trim);
}

/** A box from the top-left corner as a PDF rectangle [x1 y1 x2 y2] from the bottom-left corner. */
const pdfRect = (page: PageFrame, b: Box) => [b.x, page.height - b.y - b.h, b.x + b.w, page.height - b.y];

/**
 * pdfkit copies the Info values into the XMP packet as they are: a title with "&" or "<" would make
 * the packet invalid XML. The Info dictionary is written before the XMP, so the values are escaped
 * in between, and the Info keeps the real text.
 */
function escapeXmpValues(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { info: Record<string, unknown>; endMetadata(): void };
  const end = d.endMetadata.bind(doc);
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  d.endMetadata = () => {
    for (const [key, value] of Object.entries(d.info)) if (typeof value === 'string') d.info[key] = escape(value);
    end();
  };
}

