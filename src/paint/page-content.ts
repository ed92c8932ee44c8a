// A page's content stream, written into large buffers. pdfkit turns every operator written to a
// page into a byte array of its own, and joins them all when the page ends: a page of shaped text,
// drawn glyph by glyph and tagged word by word, made tens of thousands of small arrays (and the
// garbage collector's work). The page's content is written into large buffers instead, handed to
// pdfkit as they fill: the same bytes.

/** Text (one byte per character) or bytes already encoded. */
export type ContentPart = string | Uint8Array;

interface PageContent {
  write(chunk: ContentPart): void;
  finalize(): void;
  /** The parts one after the other, then a newline: as write() of their text joined. */
  writeParts?(parts: readonly ContentPart[]): void;
}

const CONTENT_BLOCK = 1 << 16;

const contentOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { page: { content: PageContent } }).page.content;

/** Makes the current page's content buffered; called once per page, right after addPage. */
export function bufferPageContent(doc: PDFKit.PDFDocument): void {
  const content = contentOf(doc);
  const write = content.write.bind(content);
  const finalize = content.finalize.bind(content);
  let block = Buffer.allocUnsafe(CONTENT_BLOCK);
  let used = 0;
  const flush = () => {
    if (used) write(block.subarray(0, used));
    block = Buffer.allocUnsafe(CONTENT_BLOCK);
    used = 0;
  };
  const room = (length: number) => {
    if (used + length <= block.length) return;
    flush();
    if (length > block.length) block = Buffer.allocUnsafe(length);
  };
  // One byte per character; latin1 keeps each character's low byte, as pdfkit's own conversion does.
  const put = (part: ContentPart) => {
    room(part.length);
    if (typeof part === 'string') used += block.write(part, used, 'latin1');
    else block.set(part, used), (used += part.length);
  };
  content.write = (chunk) => {
    if (typeof chunk !== 'string') {
      flush();
      return write(chunk);
    }
    room(chunk.length + 1);
    put(chunk);
    block[used++] = 0x0a;
  };
  content.writeParts = (parts) => {
    for (const part of parts) put(part);
    room(1);
    block[used++] = 0x0a;
  };
  content.finalize = () => {
    if (used) write(block.subarray(0, used));
    used = 0;
    finalize();
  };
}

/**
 * Writes `parts` to the current page as one line, as addContent writes their text joined. Parts
 * that repeat (a word's glyph moves, written wherever the word is) are kept as bytes and copied,
 * rather than a new text made per use and converted to bytes again.
 */
export function addContentParts(doc: PDFKit.PDFDocument, parts: readonly ContentPart[]): void {
  const content = contentOf(doc);
  if (content.writeParts) content.writeParts(parts);
  else doc.addContent(parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1'))).join(''));
}
