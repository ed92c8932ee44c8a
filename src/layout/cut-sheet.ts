// Cut sheets: equal cards on a grid, dashed cut lines with a scissors mark, a card-type label on
// each card, every sheet of a set with the same grid and the same type size. Each sheet is one page.
//
// - The grid has as many rows as the directive asks (2 × 4 = 8 cards on A4 and Letter) unless the
//   longest card would have to shrink more than one step below the body size: then rows are taken
//   away, for every sheet of the set alike, and the build warns.
// - Card text starts at one top line on every card of the set (the labels take the height of the
//   tallest label), start-aligned, so first lines (a rights card's "ARTICLE 3") sit on one
//   baseline across a row.
// - Writing lines in a card start at one line across the set (below the tallest prompt) and fill
//   the card down to its padding.
// - Text that does not fit at the scale's minimum is a fatal overflow naming the card.
import type { Block, Card, CutSheetBlock, Span } from '../compose/tree.js';
import { upperText } from '../i18n/fallback-marks.js';
import type { FrameItem } from './frame.js';
import { layoutBlock, layoutBlocks, Region, setText, textItems, type LayoutContext } from './blocks.js';
import { shift, stack, type Slice } from './paginate.js';
import { claim, claimSlices, step, untagged, within } from './structure.js';
import { bodyStyle, COLORS, MIN_TYPE_SIZE, RULES, scaleDown, SPACE, stepsBelowBody, TYPE } from './theme.js';

export const CARD_MAX_SIZE = TYPE.lead;
export const CARD_MIN_SIZE = MIN_TYPE_SIZE;
const PAD = 10;
/** Room a card with writing lines keeps for at least this many lines. */
const MIN_WRITING_LINES = 3;

function preview(children: Block[]): string {
  const text = children
    .flatMap((c) => (c.type === 'paragraph' ? c.spans : ([] as Span[])))
    .map((s) => s.text)
    .join(' ')
    .trim();
  return text.length > 50 ? text.slice(0, 50) + '…' : text;
}

/** A card's text blocks (before its writing lines) and whether it has writing lines. */
function partsOf(card: Card): { text: Block[]; lines: boolean } {
  const at = card.children.findIndex((c) => c.type === 'writing-lines');
  return at < 0 ? { text: card.children, lines: false } : { text: card.children.slice(0, at), lines: true };
}

const cardContext = (ctx: LayoutContext, size: number): LayoutContext => ({ ...ctx, baseSize: size, align: 'start', narrow: true, overflows: [], missing: [] });

/** The card's text at one size: its slice and whether it leaves room for the card's lines. */
function setCard(card: Card, inner: Region, room: number, ctx: LayoutContext, size: number, name: string) {
  const trial = cardContext(ctx, size);
  const { text, lines } = partsOf(card);
  const slices = layoutBlocks(text, inner, trial);
  if (slices[0]) slices[0].spaceBefore = 0;
  const body = stack(slices, name);
  const need = body.height + (lines ? MIN_WRITING_LINES * SPACE.writingLine : 0);
  return { body, trial, fits: need <= room && trial.overflows.length === 0 };
}

/** The largest step of the scale at which the card fits, or undefined. */
function ownSize(card: Card, inner: Region, room: number, ctx: LayoutContext, cap: number, name: string): number | undefined {
  return scaleDown(cap).find((size) => setCard(card, inner, room, ctx, size, name).fits);
}

interface Grid {
  rows: number;
  cardW: number;
  cardH: number;
  labelH: number;
  room: number;
  inner: (x: number) => Region;
}

export function cutSheet(b: CutSheetBlock, region: Region, ctx: LayoutContext): Slice[] {
  const { setup } = ctx;
  const pageHeight = setup.height - setup.margin.top - setup.margin.bottom;
  const head = sheetHead(b, region, ctx);
  const gridTop = head.height + 10;
  const cap = Math.min(b.maxSize, CARD_MAX_SIZE);
  const cardW = region.width / b.columns;
  const name = (i: number) => `card ${i + 1} ("${b.cards[i].label}": ${preview(b.cards[i].children)})`;

  // Labels first: every card's text starts below the tallest of them.
  const labelStyle = bodyStyle(ctx.rtl, { size: TYPE.label, color: b.tab === 'dark' ? COLORS.white : COLORS.ink, leading: 1.25, align: 'start', bold: true });
  const labels = b.cards.map((card, i) => setText([{ text: upperText(card.label, ctx.locale), bold: true }], labelStyle, cardW - 2 * PAD - 8, ctx, `${name(i)} label`));
  const labelH = Math.max(0, ...labels.map((l) => l.height)) + 6;

  const gridFor = (rows: number): Grid => {
    const cardH = (pageHeight - gridTop) / rows;
    return { rows, cardW, cardH, labelH, room: cardH - 2 * PAD - labelH - 6, inner: (x) => new Region(x + PAD, cardW - 2 * PAD, ctx.rtl) };
  };
  // Rows: as many as asked while every card fits no more than one step below the body size.
  let grid = gridFor(b.rows);
  let own = b.cards.map((card, i) => ownSize(card, grid.inner(0), grid.room, ctx, cap, name(i)));
  const readable = (sizes: (number | undefined)[]) => sizes.every((s) => s !== undefined && stepsBelowBody(s) <= 1);
  for (let rows = b.rows - 1; rows >= 1 && !readable(own); rows--) {
    const g = gridFor(rows);
    const sizes = b.cards.map((card, i) => ownSize(card, g.inner(0), g.room, ctx, cap, name(i)));
    if (readable(sizes) || rows === 1) {
      ctx.overflows.push({ block: b.name, page: 0, message: `the ${b.name} have ${rows * b.columns} cards a sheet instead of ${b.rows * b.columns}: the longest card's text does not fit a smaller card`, fatal: false });
      grid = g;
      own = sizes;
      break;
    }
  }
  const fitting = own.filter((s): s is number => s !== undefined);
  const size = Math.min(cap, ...fitting, ...(fitting.length < own.length ? [CARD_MIN_SIZE] : []));
  if (fitting.length === own.length && stepsBelowBody(size) > 1)
    ctx.overflows.push({ block: b.name, page: 0, message: `the ${b.name} are set at ${size} pt to fit their cards, more than one step below the body size (${TYPE.body} pt)`, fatal: false, source: b.cards[own.indexOf(size)]?.source });

  // Writing lines start below the tallest card text of the set.
  const texts = b.cards.map((card, i) => setCard(card, grid.inner(0), grid.room, ctx, size, name(i)));
  const linesAt = Math.max(0, ...texts.map((t) => t.body.height)) + 4;

  const perSheet = b.columns * grid.rows;
  const out: Slice[] = [];
  for (let first = 0; first < b.cards.length; first += perSheet) {
    // The heading of every sheet is read once: on later sheets it is a repeat, an artifact.
    const items: FrameItem[] = first === 0 ? [...head.items] : untagged(head.items);
    const cards = b.cards.slice(first, first + perSheet);
    cards.forEach((card, k) => {
      const i = first + k;
      const x = region.place((k % b.columns) * grid.cardW, grid.cardW);
      const top = gridTop + Math.floor(k / b.columns) * grid.cardH;
      const inner = grid.inner(x);
      // The cards are read as a list, card by card: the kind as the item's label, then the text.
      const li = within(ctx.path, step('L', 3), step('LI', i));
      const { body, trial, fits } = setCard(card, inner, grid.room, { ...ctx, path: within(li, step('LBody', 1)) }, size, name(i));
      ctx.missing.push(...trial.missing);
      if (!fits)
        ctx.overflows.push({
          block: name(i),
          page: 0,
          message: `${name(i)} does not fit its card even at ${size} pt (${Math.round(body.height)} pt of text in ${Math.round(grid.room)} pt)`,
          fatal: true,
          source: card.source,
        });
      // The label: the card type on a band across the top of the card, dark or light by kind.
      items.push({ type: 'rect', x: inner.x, y: top + PAD, w: inner.width, h: grid.labelH, fill: b.tab === 'dark' ? COLORS.ink : COLORS.cardShade });
      items.push(...claim(textItems(labels[i], inner.place(4, inner.width - 8), top + PAD + 3), within(li, step('Lbl', 0))));
      const textTop = top + PAD + grid.labelH + 6;
      items.push(...shift(body.items, textTop));
      if (partsOf(card).lines) {
        const y0 = textTop + linesAt;
        const count = Math.floor((top + grid.cardH - PAD - y0) / SPACE.writingLine);
        for (let l = 1; l <= count; l++) {
          const y = y0 + l * SPACE.writingLine;
          items.push({ type: 'line', x1: inner.x, x2: inner.x + inner.width, y1: y, y2: y, color: COLORS.faint, width: RULES.writing });
        }
      }
      // Previews outline the cards whose own text had to shrink below the body size (or did not
      // fit): the ones that make the whole set smaller.
      if (ctx.preview && (!fits || (own[i] ?? 0) < Math.min(cap, TYPE.body))) items.push({ type: 'rect', x: x + 3, y: top + 3, w: grid.cardW - 6, h: grid.cardH - 6, stroke: COLORS.flag, lineWidth: RULES.panel });
    });
    items.push(...cutLines(region, ctx, b.columns, Math.ceil(cards.length / b.columns), gridTop, grid.cardH));
    out.push({ height: pageHeight, items, spaceBefore: 0, breakBefore: true, name: `${b.name} sheet ${out.length + 1}`, ...(first === 0 && head.bookmark ? { bookmark: head.bookmark } : {}) });
  }
  return out;
}

/** The top of every sheet: the handout title, the cutting instruction and the sheet's header blocks. */
function sheetHead(b: CutSheetBlock, region: Region, ctx: LayoutContext): { height: number; items: FrameItem[]; bookmark?: Slice['bookmark'] } {
  const parts: Slice[] = [];
  if (b.heading) {
    const title = within(ctx.path, step('Div', 0));
    parts.push(...claimSlices(layoutBlock({ type: 'title', kicker: b.kicker, title: b.heading }, region, { ...ctx, path: title }), title));
  }
  if (b.instruction) {
    const set = setText([{ text: b.instruction }], bodyStyle(ctx.rtl, { size: TYPE.small, color: COLORS.ink }), region.width - 24, ctx, `${b.name} instruction`);
    const items: FrameItem[] = [
      { type: 'scissors', x: region.place(0, 14), y: Math.min(set.height, set.lineHeight) / 2 - 7, size: 14, rotate: 0, color: COLORS.ink },
      ...claim(textItems(set, region.place(20, region.width - 24)), within(ctx.path, step('P', 1))),
    ];
    parts.push({ height: set.height, items, spaceBefore: 8, name: `${b.name} instruction` });
  }
  parts.push(...layoutBlocks(b.header, region, { ...ctx, path: within(ctx.path, step('Div', 2)) }));
  const head = stack(parts, `${b.name} heading`);
  return { height: head.height, items: head.items, bookmark: parts[0]?.bookmark };
}

/** The full grid of dashed cut lines, extended a little past the outer edges for a guillotine. */
function cutLines(region: Region, ctx: LayoutContext, columns: number, rows: number, gridTop: number, cardH: number): FrameItem[] {
  const items: FrameItem[] = [];
  const dash = [4, 3];
  const cardW = region.width / columns;
  const gridBottom = gridTop + rows * cardH;
  for (let r = 0; r <= rows; r++) {
    const ly = gridTop + r * cardH;
    items.push({ type: 'line', x1: region.x - 6, x2: region.x + region.width + 6, y1: ly, y2: ly, color: COLORS.cut, width: RULES.cut, dash });
  }
  for (let c = 0; c <= columns; c++) {
    const lx = region.x + c * cardW;
    items.push({ type: 'line', x1: lx, x2: lx, y1: gridTop - 6, y2: gridBottom + 6, color: COLORS.cut, width: RULES.cut, dash });
  }
  items.push({ type: 'scissors', x: region.place(12, 12), y: gridTop - 6, size: 12, rotate: ctx.rtl ? 180 : 0, color: COLORS.cut });
  return items;
}
