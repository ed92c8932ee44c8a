// Where the cards of a cut sheet are, read from the laid-out page: the dashed cut lines of the
// cut-sheet layout form a grid, and every cell of it is a card. Nothing here assumes how many
// cards a sheet has.
import type { Box, FrameItem, LineItem, PageFrame, TextItem } from '../layout/frame.js';
import { COLORS } from '../layout/theme.js';

const near = (a: number, b: number) => Math.abs(a - b) < 0.5;

function uniqueSorted(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.some((o) => near(o, v))) out.push(v);
  return out;
}

const isCutLine = (i: FrameItem): i is LineItem => i.type === 'line' && i.color === COLORS.cut && !!i.dash;

export interface CardGrid {
  /** Positions of the vertical and horizontal cut lines. */
  xs: number[];
  ys: number[];
  cards: Box[];
}

/** The card grid of a cut-sheet page, or undefined when the page has none. */
export function cardGrid(page: PageFrame): CardGrid | undefined {
  const lines = page.items.filter(isCutLine);
  const xs = uniqueSorted(lines.filter((l) => near(l.x1, l.x2)).map((l) => l.x1));
  const ys = uniqueSorted(lines.filter((l) => near(l.y1, l.y2)).map((l) => l.y1));
  if (xs.length < 2 || ys.length < 2) return undefined;
  const cards: Box[] = [];
  for (let r = 0; r + 1 < ys.length; r++)
    for (let c = 0; c + 1 < xs.length; c++) {
      const box = { x: xs[c], y: ys[r], w: xs[c + 1] - xs[c], h: ys[r + 1] - ys[r] };
      // A cell with no text is a place left empty on the last sheet: no card there.
      if (textsIn(page, box).length) cards.push(box);
    }
  return { xs, ys, cards };
}

export function textsIn(page: PageFrame, box: Box): TextItem[] {
  return page.items.filter((i): i is TextItem => i.type === 'text' && i.x >= box.x - 0.5 && i.x + i.width <= box.x + box.w + 0.5 && i.y > box.y && i.y < box.y + box.h);
}

/**
 * The card's label (its kind, "Human rights card"): the topmost line of text on the card, and the
 * lines right under it in the same face and size.
 */
export function cardLabel(page: PageFrame, box: Box): TextItem[] {
  const texts = textsIn(page, box).sort((a, b) => a.y - b.y);
  if (!texts.length) return [];
  const first = texts[0];
  const label: TextItem[] = [];
  for (const t of texts) {
    const last = label[label.length - 1];
    if (t.face !== first.face || t.size !== first.size || (last && t.y - last.y > 2 * t.size)) break;
    label.push(t);
  }
  return label;
}

/** Grids of pages that draw no cut lines themselves: the card backs, whose cards mirror a front. */
const knownGrids = new WeakMap<PageFrame, CardGrid>();

export function setGrid(page: PageFrame, grid: CardGrid): void {
  knownGrids.set(page, grid);
}

export function gridOf(page: PageFrame): CardGrid | undefined {
  return knownGrids.get(page) ?? cardGrid(page);
}
