// QR codes for print: the module matrix from qrcode-generator (a small, long-maintained library with
// no dependencies), drawn by us as filled rectangles, one per horizontal run of dark modules, so the
// code is vector art that stays sharp at any size and prints as crisply as the text beside it.
import qrcode from 'qrcode-generator';
import type { FrameItem } from './frame.js';

/**
 * Level Q restores up to 25 % of the code: handouts are photocopied, folded, written on and
 * smudged, and Q keeps a short URL at a small version (a 40-character URL fits version 3, 29 modules).
 */
export const QR_LEVEL = 'Q';
/** The standard's quiet zone: four modules of white on every side. */
export const QUIET_ZONE = 4;
/** Smallest module a phone reliably reads from an office print: about 0.5 mm. */
export const MIN_MODULE = 1.5;

export interface QrMatrix {
  count: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const code = qrcode(0, QR_LEVEL);
  code.addData(text, 'Byte');
  code.make();
  return { count: code.getModuleCount(), dark: (r, c) => code.isDark(r, c) };
}

/** The code's side with its quiet zone, for a wanted side of the code itself. */
export function qrModule(matrix: QrMatrix, size: number): number {
  return Math.max(size / matrix.count, MIN_MODULE);
}

/** The code at (x, y) (top-left of its quiet zone), modules of `module` points: a white square and black runs. */
export function qrItems(matrix: QrMatrix, x: number, y: number, module: number): FrameItem[] {
  const side = (matrix.count + 2 * QUIET_ZONE) * module;
  const items: FrameItem[] = [{ type: 'rect', x, y, w: side, h: side, fill: '#ffffff' }];
  const origin = QUIET_ZONE * module;
  for (let r = 0; r < matrix.count; r++) {
    let c = 0;
    while (c < matrix.count) {
      if (!matrix.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < matrix.count && matrix.dark(r, c)) c++;
      // A hair of overlap with the next row: no white seams between rows in any renderer.
      items.push({ type: 'rect', x: x + origin + start * module, y: y + origin + r * module, w: (c - start) * module, h: module + 0.05, fill: '#000000' });
    }
  }
  return items;
}
