// Pagination: blocks are first turned into slices (a line of a paragraph, a whole box, a table row),
// each a height and items relative to its top; this file stacks slices onto pages, moving a slice
// that does not fit to the next page, keeping headings with what follows and repeating table headers.
import type { Bookmark, FrameItem, Overflow, PageFrame } from './frame.js';
import type { PageSetup } from './theme.js';
import { untagged } from './structure.js';

export interface Slice {
  height: number;
  items: FrameItem[];
  /** Space above the slice, dropped at the top of a page. */
  spaceBefore: number;
  /** Keep on the same page as the next slice (headings, first lines). */
  keepWithNext?: boolean;
  bookmark?: { title: string; level: number };
  /** Start a new page before this slice. */
  breakBefore?: boolean;
  /** Stacked again at the top of every page this slice's group runs onto (table headings). */
  header?: Slice;
  /** Stretches to the rest of the page: ruled writing lines. Called with the height left. */
  fill?: (available: number) => Slice;
  /** What to name in an error if this slice is taller than a page. */
  name: string;
}

/** Move every item down by dy (items are built relative to a slice's top). */
export function shift(items: FrameItem[], dy: number, dx = 0): FrameItem[] {
  return items.map((it) => {
    switch (it.type) {
      case 'line':
        return { ...it, x1: it.x1 + dx, x2: it.x2 + dx, y1: it.y1 + dy, y2: it.y2 + dy };
      default:
        return { ...it, x: it.x + dx, y: it.y + dy };
    }
  });
}

/** Stack slices into one unbreakable slice (a box's content, a column). */
export function stack(slices: Slice[], name: string): Slice {
  const items: FrameItem[] = [];
  let y = 0;
  slices.forEach((s, i) => {
    if (i > 0) y += s.spaceBefore;
    items.push(...shift(s.items, y));
    y += s.height;
  });
  return { height: y, items, spaceBefore: slices[0]?.spaceBefore ?? 0, name };
}

/** No handout runs this long: content that makes one do so is stopped here, not paginated for minutes. */
export const MAX_PAGES = 300;

export interface Paginated {
  pages: PageFrame[];
  bookmarks: Bookmark[];
  overflows: Overflow[];
}

const slice0Name = (slices: Slice[], i: number) => slices[i]?.name ?? 'document';

export function paginate(slices: Slice[], setup: PageSetup): Paginated {
  const top = setup.margin.top;
  const bottom = setup.height - setup.margin.bottom;
  const pages: PageFrame[] = [];
  const bookmarks: Bookmark[] = [];
  const overflows: Overflow[] = [];
  let page: PageFrame = { width: setup.width, height: setup.height, items: [] };
  let y = top;
  let empty = true;
  pages.push(page);

  const newPage = () => {
    page = { width: setup.width, height: setup.height, items: [] };
    pages.push(page);
    y = top;
    empty = true;
  };
  const place = (slice: Slice) => {
    const gap = empty ? 0 : slice.spaceBefore;
    y += gap;
    if (slice.bookmark) bookmarks.push({ ...slice.bookmark, page: pages.length - 1, y });
    page.items.push(...shift(slice.items, y));
    y += slice.height;
    empty = false;
  };

  for (let i = 0; i < slices.length; i++) {
    if (pages.length > MAX_PAGES) {
      overflows.push({ block: slice0Name(slices, i), page: pages.length, message: `the document runs to more than ${MAX_PAGES} pages; the rest was not laid out`, fatal: true });
      break;
    }
    let slice = slices[i];
    if (slice.breakBefore && !empty) newPage();
    if (slice.fill) slice = slice.fill(bottom - y - (empty ? 0 : slice.spaceBefore));
    const need = (s: Slice) => (empty ? 0 : s.spaceBefore) + s.height;
    // A slice that keeps with the next one needs room for both (chains of headings included).
    let need2 = need(slice);
    for (let j = i; slices[j]?.keepWithNext && slices[j + 1]; j++) need2 += slices[j + 1].spaceBefore + slices[j + 1].height;
    if (!empty && (y + need(slice) > bottom + 0.01 || (slice.keepWithNext && y + need2 > bottom + 0.01 && need2 <= bottom - top))) {
      newPage();
      // The heading row again on a later page is a repeat for the eye: an artifact to the structure.
      if (slice.header) place({ ...slice.header, items: untagged(slice.header.items) });
    }
    if (y + need(slice) > bottom + 0.01) {
      overflows.push({
        block: slice.name,
        page: pages.length,
        message: `${slice.name} is ${Math.round(slice.height)} pt tall and does not fit on a page (${Math.round(bottom - top)} pt)`,
        fatal: true,
      });
    }
    place(slice);
  }
  return { pages, bookmarks, overflows };
}
