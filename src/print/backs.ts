// Card backs for duplex printing: after every cut sheet, a page with the back of each of its cards
// (the campaign's mark and the card's kind). A sheet turned over its long edge is mirrored left to
// right, so each back sits at the mirror image of its card's place; the backs keep clear of the cut
// lines, as duplex printers seldom register the two sides to better than a couple of millimetres.
import type { Bookmark, Box, FrameItem, PageFrame, TextItem } from '../layout/frame.js';
import type { FontBook } from '../layout/fonts.js';
import { textItems } from '../layout/blocks.js';
import { setParagraph } from '../layout/text.js';
import { bodyStyle, COLORS } from '../layout/theme.js';
import { cardGrid, cardLabel, setGrid } from './cards.js';

export interface BackContext {
  book: FontBook;
  rtl: boolean;
  /** The campaign's name, printed large on every back. */
  mark: string;
}

/** Inset of the back's frame from the cut lines. */
const INSET = 10;

const mirror = (page: PageFrame, b: Box): Box => ({ ...b, x: page.width - b.x - b.w });

function back(page: PageFrame, front: Box, label: TextItem[], ctx: BackContext): FrameItem[] {
  const b = mirror(page, front);
  const items: FrameItem[] = [{ type: 'rect', x: b.x + INSET, y: b.y + INSET, w: b.w - 2 * INSET, h: b.h - 2 * INSET, stroke: COLORS.rule, lineWidth: 0.8, radius: 6 }];
  // The campaign mark: its name in bold on an accent bar, in the middle of the card.
  const width = b.w - 4 * INSET;
  const name = setParagraph([{ text: ctx.mark, bold: true }], bodyStyle(ctx.rtl, { size: 15, leading: 1.25, align: 'center' }), width, { book: ctx.book, rtl: ctx.rtl });
  const top = b.y + b.h / 2 - name.height / 2 - 12;
  items.push({ type: 'rect', x: b.x + b.w / 2 - 20, y: top - 10, w: 40, h: 3, fill: COLORS.accent });
  items.push(...textItems(name, b.x + 2 * INSET, top));
  // The card's kind: its label as printed on the front, moved under the mark.
  if (label.length) {
    const dx = b.x - front.x;
    const dy = top + name.height + 14 + label[0].size - label[0].y;
    items.push(...label.map((t) => ({ ...t, x: t.x + dx, y: t.y + dy })));
  }
  return items;
}

export function withCardBacks(pages: PageFrame[], bookmarks: Bookmark[], ctx: BackContext): { pages: PageFrame[]; bookmarks: Bookmark[] } {
  const out: PageFrame[] = [];
  const moved: number[] = []; // new index of each old page
  for (const page of pages) {
    moved.push(out.length);
    out.push(page);
    const grid = cardGrid(page);
    if (!grid?.cards.length) continue;
    const backPage: PageFrame = { width: page.width, height: page.height, items: grid.cards.flatMap((c) => back(page, c, cardLabel(page, c), ctx)) };
    setGrid(backPage, { xs: grid.xs.map((x) => page.width - x), ys: grid.ys, cards: grid.cards.map((c) => mirror(page, c)) });
    out.push(backPage);
  }
  return { pages: out, bookmarks: bookmarks.map((b) => ({ ...b, page: moved[b.page] ?? b.page })) };
}
