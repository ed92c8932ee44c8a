// QR codes read back from the rectangles layout hands the painter: the frame items rasterized and
// decoded with jsQR, so the code is right before any PDF is made; and the print rules (quiet zone,
// smallest module, error correction) hold.
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import type { FrameItem, RectItem } from '../../src/layout/frame.js';
import { MIN_MODULE, QR_LEVEL, QUIET_ZONE, qrItems, qrMatrix, qrModule } from '../../src/layout/qr.js';
import { grayToRgba } from '../helpers/qr.js';

/** Paint rectangles into a gray bitmap, `scale` pixels per point, the way a renderer would. */
function rasterize(items: FrameItem[], width: number, height: number, scale: number): Uint8Array {
  const gray = new Uint8Array(Math.ceil(width * scale) * Math.ceil(height * scale)).fill(255);
  const w = Math.ceil(width * scale);
  for (const it of items as RectItem[]) {
    const v = it.fill === '#000000' ? 0 : 255;
    for (let y = Math.round(it.y * scale); y < Math.round((it.y + it.h) * scale); y++)
      for (let x = Math.round(it.x * scale); x < Math.round((it.x + it.w) * scale); x++) gray[y * w + x] = v;
  }
  return gray;
}

describe('QR codes', () => {
  for (const url of ['https://demo-be.example.org/agir/maryia-kalesnikava', 'https://demo-ca.example.org/act', `https://example.org/${'long-path/'.repeat(20)}`]) {
    it(`decode from the painted rectangles: ${url.slice(0, 50)}`, () => {
      const matrix = qrMatrix(url);
      const module = qrModule(matrix, 72);
      const side = (matrix.count + 2 * QUIET_ZONE) * module;
      const items = qrItems(matrix, 0, 0, module);
      // A white square the size of the code and its quiet zone, then black runs inside it only.
      expect(items[0]).toMatchObject({ type: 'rect', x: 0, y: 0, w: side, h: side, fill: '#ffffff' });
      for (const r of items.slice(1) as RectItem[]) {
        expect(r.x).toBeGreaterThanOrEqual(QUIET_ZONE * module - 1e-9);
        expect(r.x + r.w).toBeLessThanOrEqual(side - QUIET_ZONE * module + 1e-9);
      }
      const scale = 4 / module; // four pixels per module
      const gray = rasterize(items, side, side, scale);
      const px = Math.ceil(side * scale);
      expect(jsQR(grayToRgba(px, px, gray), px, px)?.data).toBe(url);
    });
  }

  it('never makes modules smaller than a phone reads from an office print: the code grows instead', () => {
    const long = qrMatrix(`https://example.org/${'x'.repeat(280)}`);
    expect(long.count).toBeGreaterThan(60);
    expect(qrModule(long, 72)).toBe(MIN_MODULE);
    expect(MIN_MODULE).toBeGreaterThanOrEqual(1.4); // about 0.5 mm
  });

  it('uses error correction level Q (a quarter of the code may be smudged or folded)', () => {
    expect(QR_LEVEL).toBe('Q');
    // Version 3 (29 modules) at level Q holds a 32-byte URL; at L it would be version 2.
    expect(qrMatrix('https://demo-ca.example.org/act').count).toBe(29);
  });
});
