// Text drawn from the words layout shaped (glyph-runs.ts) is what pdfkit's doc.text would have
// written: kerning, ligatures, marks placed by offset, justified lines with their extra space. Two
// PDFs, one drawn each way, must be the same bytes.
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { TextItem } from '../../src/layout/frame.js';
import { loadFontBook } from '../../src/layout/fonts.js';
import { drawGlyphText } from '../../src/paint/glyph-runs.js';
import { REPO } from '../helpers/build.js';

const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));

function paint(items: TextItem[], draw: (doc: PDFKit.PDFDocument, t: TextItem) => void): Promise<Buffer> {
  const date = new Date(Date.UTC(2025, 0, 1));
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: date, ModDate: date } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.addPage({ size: 'A4', margin: 0 });
  for (const t of items) {
    const face = book.face(t.face.split('/')[0], { bold: t.face.endsWith('bold'), italic: false });
    doc.registerFont(t.face, face.font as never);
    doc.font(t.face).fontSize(t.size).fillColor(t.color);
    draw(doc, t);
  }
  doc.end();
  return done;
}

const item = (text: string, y: number, extra: Partial<TextItem> = {}): TextItem => ({
  type: 'text', x: 40.25, y, width: 300, text, face: 'noto-sans/regular', size: 10.5, color: '#000000', ...extra,
});

describe('drawGlyphText', () => {
  it('writes what pdfkit’s doc.text writes, from the runs layout measured with', async () => {
    const items = [
      item('AVATAR Type “Tower” — office affairs, “fi” and ff', 60),
      item('Мария Колесникова, Ελληνικά', 80, { face: 'noto-sans/bold', size: 13 }),
      item('cafe\u0301 e\u0301te\u0301 and na\u00efve', 100),
      item('Justified  line with\u00a0a no-break space and  doubled spaces', 120, { wordSpacing: 1.7 }),
      item('tab\tseparated words ', 140, { size: 7.25 }),
      item('', 160),
    ];
    const byPdfkit = await paint(items, (doc, t) =>
      doc.text(t.text, t.x, t.y, { lineBreak: false, baseline: 'alphabetic', wordSpacing: t.wordSpacing ?? 0 } as never),
    );
    const fromRuns = await paint(items, (doc, t) => {
      const face = book.face(t.face.split('/')[0], { bold: t.face.endsWith('bold'), italic: false });
      drawGlyphText(doc, book, face, t);
    });
    // Kerned and offset glyphs are in the test: a TJ adjustment and a mark positioned on its own.
    expect(byPdfkit.toString('latin1')).toMatch(/> -?\d+(\.\d+)? </);
    expect(byPdfkit.toString('latin1')).toMatch(/Tm\n\[<[0-9a-f]{4}> 0\] TJ\n1 0 0 1/);
    expect(fromRuns.toString('latin1')).toBe(byPdfkit.toString('latin1'));
  });
});
