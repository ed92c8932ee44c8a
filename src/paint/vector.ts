// Painting a section's SVG logo: each shape's path data through pdfkit's SVG path parser, filled,
// scaled from the logo's viewBox into the box layout gave it. Vectors stay sharp at any print size.
import type { VectorItem } from '../layout/frame.js';

export function vector(doc: PDFKit.PDFDocument, v: VectorItem): void {
  const [minX, minY, vw, vh] = v.viewBox;
  doc.save();
  doc.translate(v.x, v.y);
  doc.scale(v.w / vw, v.h / vh);
  doc.translate(-minX, -minY);
  for (const s of v.shapes) doc.path(s.d).fill(s.fill, s.evenOdd ? 'even-odd' : 'non-zero');
  doc.restore();
}
