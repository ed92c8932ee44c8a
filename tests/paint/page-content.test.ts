// A page's content written through the buffers of page-content.ts is byte for byte what pdfkit
// writes itself: operators as text, parts joined into one line (text and bytes mixed), a part
// longer than a buffer, and bytes written by pdfkit around them. Both PDFs are made uncompressed
// and compared whole.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { addContentParts, bufferPageContent, type ContentPart } from '../../src/paint/page-content.js';

const date = new Date(Date.UTC(2025, 0, 1));

function pdf(buffered: boolean, lines: (string | ContentPart[])[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: date, ModDate: date } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  for (let page = 0; page < 2; page++) {
    doc.addPage({ size: 'A4', margin: 0 });
    if (buffered) bufferPageContent(doc);
    for (const line of lines) {
      if (typeof line === 'string') doc.addContent(line);
      else addContentParts(doc, line);
      doc.save().fillColor('#336699').rect(10, 10, 20, 20).fill().restore();
    }
  }
  doc.end();
  return done;
}

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('page content buffers', () => {
  it('write the same PDF as pdfkit, parts joined into one line', async () => {
    const long = '1 0 0 1 2.5 -3 cm /Ga12 Do\n'.repeat(4000); // > 64 KB, one buffer's size
    const lines: (string | ContentPart[])[] = [
      'q 1 0 0 1 10 10 cm /Ga1 Do Q',
      ['q\n', '0.01 0 0 -0.01 72 700 cm\n/Ga3 Do', bytes('\n1 0 0 1 500 0 cm\n/Ga4 Do'), '\nQ'],
      [bytes('caf\xe9 '), 'na\xefve'],
      [long, bytes(long), 'end'],
      [],
    ];
    const [plain, buffered] = await Promise.all([pdf(false, lines), pdf(true, lines)]);
    expect(buffered.toString('latin1')).toContain('/Ga3 Do\n1 0 0 1 500 0 cm\n/Ga4 Do\nQ\n');
    expect(buffered.toString('latin1')).toContain('caf\xe9 na\xefve\n');
    expect(buffered.equals(plain)).toBe(true);
  });
});
