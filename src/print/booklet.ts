// Saddle-stitch imposition: the pack's pages, two to a side of a sheet of the same paper turned
// landscape (A5 pages on A4, half-Letter on Letter), padded with blank pages to a multiple of four
// and placed in printer spreads, so that the printed stack, folded in the middle, reads in order.
// A right-to-left booklet is bound on the right, so its spreads are mirrored.
import type { Bookmark, DocumentFrames, PageFrame } from '../layout/frame.js';
import { setGrid } from './cards.js';

/** Which pages (0-based, undefined for a blank) go on the left and right of each sheet side. */
export function printerSpreads(pageCount: number, rtl = false): [number | undefined, number | undefined][] {
  const n = Math.ceil(pageCount / 4) * 4;
  const page = (i: number) => (i < pageCount ? i : undefined);
  const sides: [number | undefined, number | undefined][] = [];
  for (let s = 0; s < n / 2; s++) {
    // Outer side of a sheet: last | first; inner side: first | last (LTR).
    const [left, right] = s % 2 === 0 ? [n - 1 - s, s] : [s, n - 1 - s];
    sides.push(rtl ? [page(right), page(left)] : [page(left), page(right)]);
  }
  return sides;
}

export function impose(frames: DocumentFrames): DocumentFrames {
  const first = frames.pages[0];
  // The sheet: the page's paper turned landscape; each half holds one page, scaled to fit.
  const sheet = { width: first.height, height: first.width };
  const half = sheet.width / 2;
  const sides = printerSpreads(frames.pages.length, frames.rtl);
  const where = new Map<number, { side: number; x: number; y: number; scale: number }>();
  const pages: PageFrame[] = sides.map((pair, side) => {
    const page: PageFrame = { width: sheet.width, height: sheet.height, items: [] };
    pair.forEach((index, slot) => {
      if (index === undefined) return;
      const p = frames.pages[index];
      const scale = Math.min(half / p.width, sheet.height / p.height);
      const x = slot * half + (half - p.width * scale) / 2;
      const y = (sheet.height - p.height * scale) / 2;
      where.set(index, { side, x, y, scale });
      page.items.push({ type: 'group', page: index, x, y, scale, clip: { x: 0, y: 0, w: p.width, h: p.height }, items: p.items });
    });
    // With --marks, the fold in the middle of the sheet gets its marks like a cut.
    setGrid(page, { xs: [0, half, sheet.width], ys: [0, sheet.height], cards: [] });
    return page;
  });
  const bookmarks: Bookmark[] = frames.bookmarks.flatMap((b) => {
    const w = where.get(b.page);
    return w ? [{ ...b, page: w.side, y: w.y + b.y * w.scale }] : [];
  });
  return { ...frames, pages, bookmarks };
}
