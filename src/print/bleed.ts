// Print-shop pages: each page grows by the bleed on every side (and by a slug for crop marks),
// the TrimBox and BleedBox say where the sheet is cut, colour blocks that touch the trim run on
// into the bleed (so a guillotine a little off leaves no white edge), and crop marks sit outside
// the bleed at the corners and, on cut sheets, at every card edge.
import type { Bookmark, FrameItem, LineItem, PageFrame } from '../layout/frame.js';
import { gridOf } from './cards.js';

/** Crop marks: this far from the bleed, this long, this thin (the usual 0.25 pt hairline). */
const MARK_GAP = 3;
const MARK_LENGTH = 12;
const MARK_WIDTH = 0.25;
export const MARK_COLOR = '#000000';

/** How far the trim sits from the page edge. */
export function slugOf(bleed: number, marks: boolean): number {
  return bleed + (marks ? MARK_GAP + MARK_LENGTH + 3 : 0);
}

/** A fill that touches an edge of the trim is extended past it by the bleed. */
function extend(item: FrameItem, page: PageFrame, bleed: number): FrameItem {
  if (item.type !== 'rect' || !item.fill || item.radius || bleed === 0) return item;
  const e = 0.5;
  const left = item.x <= e ? bleed : 0;
  const top = item.y <= e ? bleed : 0;
  const right = item.x + item.w >= page.width - e ? bleed : 0;
  const bottom = item.y + item.h >= page.height - e ? bleed : 0;
  return { ...item, x: item.x - left, y: item.y - top, w: item.w + left + right, h: item.h + top + bottom };
}

function cropMarks(page: PageFrame, offset: number, bleed: number): LineItem[] {
  const marks: LineItem[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number) => marks.push({ type: 'line', x1, y1, x2, y2, color: MARK_COLOR, width: MARK_WIDTH });
  const near = offset - bleed - MARK_GAP; // where a mark ends, towards the page
  const far = near - MARK_LENGTH;
  const right = offset + page.width;
  const bottom = offset + page.height;
  const grid = gridOf(page);
  // Vertical cuts: the trim's left and right edges, and every card edge of a cut sheet.
  const xs = [0, page.width, ...(grid?.xs ?? [])];
  const ys = [0, page.height, ...(grid?.ys ?? [])];
  for (const x of new Set(xs.map((v) => Math.round(v * 100) / 100))) {
    line(offset + x, far, offset + x, near);
    line(offset + x, bottom + bleed + MARK_GAP, offset + x, bottom + bleed + MARK_GAP + MARK_LENGTH);
  }
  for (const y of new Set(ys.map((v) => Math.round(v * 100) / 100))) {
    line(far, offset + y, near, offset + y);
    line(right + bleed + MARK_GAP, offset + y, right + bleed + MARK_GAP + MARK_LENGTH, offset + y);
  }
  return marks;
}

export function withBleed(pages: PageFrame[], bleed: number, marks: boolean): PageFrame[] {
  const offset = slugOf(bleed, marks);
  return pages.map((page) => {
    const trim = { x: offset, y: offset, w: page.width, h: page.height };
    const bleedBox = { x: offset - bleed, y: offset - bleed, w: page.width + 2 * bleed, h: page.height + 2 * bleed };
    const content: FrameItem = {
      type: 'group',
      x: offset,
      y: offset,
      scale: 1,
      clip: { x: -bleed, y: -bleed, w: bleedBox.w, h: bleedBox.h },
      items: page.items.map((i) => extend(i, page, bleed)),
    };
    return {
      width: page.width + 2 * offset,
      height: page.height + 2 * offset,
      items: [content, ...(marks ? cropMarks(page, offset, bleed) : [])],
      trim,
      bleed: bleedBox,
    };
  });
}

export function bleedBookmarks(bookmarks: Bookmark[], bleed: number, marks: boolean): Bookmark[] {
  const offset = slugOf(bleed, marks);
  return bookmarks.map((b) => ({ ...b, y: b.y + offset }));
}
