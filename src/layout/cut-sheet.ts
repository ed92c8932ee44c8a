// Cut sheets: equal cards on a grid, dashed cut lines with a scissors mark, a card-type label on
// each card, the text fitted to the card by shrinking within a readable minimum. Each sheet is one
// page; text that still does not fit at the minimum is a fatal overflow naming the card.
import type { CutSheetBlock, Span } from '../compose/tree.js';
import { upperText } from '../i18n/fallback-marks.js';
import type { FrameItem } from './frame.js';
import { layoutBlocks, Region, setText, textItems, type LayoutContext } from './blocks.js';
import { shift, stack, type Slice } from './paginate.js';
import { bodyStyle, COLORS } from './theme.js';

export const CARD_MAX_SIZE = 13;
export const CARD_MIN_SIZE = 8;
const PAD = 12;

function preview(children: CutSheetBlock['cards'][number]['children']): string {
  const text = children
    .flatMap((c) => (c.type === 'paragraph' ? c.spans : ([] as Span[])))
    .map((s) => s.text)
    .join(' ')
    .trim();
  return text.length > 50 ? text.slice(0, 50) + '…' : text;
}

/** Lay out a card's content at the largest size that fits; returns the slice and the size used. */
function fitCard(card: CutSheetBlock['cards'][number], region: Region, height: number, ctx: LayoutContext, name: string, maxSize: number) {
  for (let size = maxSize; size >= CARD_MIN_SIZE; size -= 0.5) {
    const trial: LayoutContext = { ...ctx, baseSize: size, align: 'center', narrow: true, overflows: [], missing: [] };
    const body = stack(layoutBlocks(card.children, region, trial), name);
    if (body.height <= height && trial.overflows.length === 0) {
      ctx.missing.push(...trial.missing);
      return { body, size, fits: true };
    }
  }
  const last: LayoutContext = { ...ctx, baseSize: CARD_MIN_SIZE, align: 'center', narrow: true };
  return { body: stack(layoutBlocks(card.children, region, last), name), size: CARD_MIN_SIZE, fits: false };
}

/**
 * Cards of one cut sheet share one type size, the largest at which all of them fit: a set of
 * cards whose text sizes differ from card to card looks careless. A first pass finds each card's
 * own size, the second lays every card out at the smallest of them.
 */
export function cutSheet(b: CutSheetBlock, region: Region, ctx: LayoutContext): Slice[] {
  const sizes: number[] = [];
  sheets(b, region, { ...ctx, overflows: [], missing: [] }, Math.min(b.maxSize, CARD_MAX_SIZE), sizes);
  return sheets(b, region, ctx, Math.min(...sizes, b.maxSize, CARD_MAX_SIZE), [], sizes);
}

function sheets(b: CutSheetBlock, region: Region, ctx: LayoutContext, cap: number, sizes: number[], own: number[] = []): Slice[] {
  const { setup } = ctx;
  const pageHeight = setup.height - setup.margin.top - setup.margin.bottom;
  const perSheet = b.columns * b.rows;
  const sheets: Slice[] = [];
  for (let first = 0; first < b.cards.length; first += perSheet) {
    const items: FrameItem[] = [];
    let y = 0;
    if (b.heading) {
      const set = setText([{ text: b.heading, bold: true }], bodyStyle(ctx.rtl, { size: 15, leading: 1.3 }), region.width, ctx, `${b.name} heading`);
      items.push(...textItems(set, region.x, y));
      y += set.height + 2;
    }
    if (b.instruction) {
      const set = setText([{ text: b.instruction }], bodyStyle(ctx.rtl, { size: 9, color: COLORS.muted }), region.width - 24, ctx, `${b.name} instruction`);
      items.push({ type: 'scissors', x: region.place(0, 14), y: y + set.height / 2 - 7, size: 14, rotate: 0, color: COLORS.ink });
      items.push(...textItems(set, region.place(20, region.width - 24), y));
      y += set.height;
    }
    y += 10;
    const gridTop = y;
    const cardW = region.width / b.columns;
    const cardH = (pageHeight - gridTop) / b.rows;
    const cards = b.cards.slice(first, first + perSheet);
    const usedRows = Math.ceil(cards.length / b.columns);

    cards.forEach((card, i) => {
      const col = i % b.columns;
      const row = Math.floor(i / b.columns);
      const x = region.place(col * cardW, cardW);
      const top = gridTop + row * cardH;
      const name = `card ${first + i + 1} ("${card.label}": ${preview(card.children)})`;
      // The label: the card type, in small capitals at the top of the card, on an accent tab.
      const labelSet = setText([{ text: upperText(card.label), bold: true }], bodyStyle(ctx.rtl, { size: 7.5, color: COLORS.ink, leading: 1.25, align: 'center' }), cardW - 2 * PAD, ctx, `${name} label`);
      items.push({ type: 'rect', x: x + cardW / 2 - 14, y: top + PAD - 2, w: 28, h: 2.5, fill: COLORS.accent });
      items.push(...textItems(labelSet, x + PAD, top + PAD + 3));
      const labelH = labelSet.height + 10;
      const inner = new Region(x + PAD, cardW - 2 * PAD, ctx.rtl);
      const room = cardH - 2 * PAD - labelH;
      const { body, fits, size } = fitCard(card, inner, room, ctx, name, cap);
      sizes.push(size);
      if (!fits)
        ctx.overflows.push({
          block: name,
          page: 0,
          message: `${name} does not fit its card even at ${size} pt (${Math.round(body.height)} pt of text in ${Math.round(room)} pt)`,
          fatal: true,
          source: card.source,
        });
      else if (size <= CARD_MIN_SIZE)
        ctx.overflows.push({ block: name, page: 0, message: `${name} was shrunk to the minimum size, ${CARD_MIN_SIZE} pt, to fit its card`, fatal: false, source: card.source });
      // Previews outline the cards whose own text needed a smaller size (or did not fit).
      if (ctx.preview && (!fits || (own[first + i] ?? size) < Math.min(b.maxSize, CARD_MAX_SIZE)))
        items.push({ type: 'rect', x: x + 3, y: top + 3, w: cardW - 6, h: cardH - 6, stroke: '#d42020', lineWidth: 1.5 });
      const offset = b.align === 'center' ? Math.max(0, (room - body.height) / 2) : 0;
      items.push(...shift(body.items, top + PAD + labelH + offset));
    });

    // Cut lines: the full grid, dashed, extended a little past the outer edges for a guillotine.
    const dash = [4, 3];
    const gridBottom = gridTop + usedRows * cardH;
    for (let r = 0; r <= usedRows; r++) {
      const ly = gridTop + r * cardH;
      items.push({ type: 'line', x1: region.x - 6, x2: region.x + region.width + 6, y1: ly, y2: ly, color: COLORS.cut, width: 0.6, dash });
    }
    for (let c = 0; c <= b.columns; c++) {
      const lx = region.x + c * cardW;
      items.push({ type: 'line', x1: lx, x2: lx, y1: gridTop - 6, y2: gridBottom + 6, color: COLORS.cut, width: 0.6, dash });
    }
    items.push({ type: 'scissors', x: region.place(12, 12), y: gridTop - 6, size: 12, rotate: ctx.rtl ? 180 : 0, color: COLORS.cut });
    sheets.push({ height: pageHeight, items, spaceBefore: 0, breakBefore: true, name: `${b.name} sheet ${sheets.length + 1}` });
  }
  return sheets;
}
