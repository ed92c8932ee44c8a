// Tables (the petition's signature rows): a heading row repeated on every page the table runs to,
// rows tall enough to write in by hand, columns mirrored in RTL.
import type { Span, TableBlock } from '../compose/tree.js';
import { formatNumber } from '../i18n/formats.js';
import type { FrameItem } from './frame.js';
import { setText, textItems, type LayoutContext, type Region } from './blocks.js';
import { stack, type Slice } from './paginate.js';
import { claim, step, within } from './structure.js';
import { bodyStyle, COLORS, RULES, TYPE } from './theme.js';

/** Cells are plain text with **bold** parts (what `- a | b` list items in a template carry). */
/** A cell's text: **bold** runs, and [text](#page=N) links to a page of the document (contents). */
function parseCell(cell: string): Span[] {
  return cell
    .split(/(\*\*[^*]+\*\*|\[[^\]]+\]\(#page=\d+\))/)
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith('**') && part.endsWith('**')) return { text: part.slice(2, -2), bold: true };
      const link = /^\[([^\]]+)\]\((#page=\d+)\)$/.exec(part);
      return link ? { text: link[1], link: link[2] } : { text: part };
    });
}

export function table(b: TableBlock, region: Region, ctx: LayoutContext): Slice[] {
  const total = b.columns.reduce((n, c) => n + c.width, 0);
  const widths = b.columns.map((c) => (c.width / total) * region.width);
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((n, w) => n + w, 0));
  const pad = 6;

  const row = (cells: string[], minHeight: number, heading: boolean, index: number): Slice => {
    const items: FrameItem[] = [];
    const sets = cells.map((cell, i) => {
      const align = b.columns[i]?.align ?? 'start';
      const style = bodyStyle(ctx.rtl, heading ? { size: TYPE.small, bold: true, color: COLORS.white, align } : { size: TYPE.small, color: COLORS.ink, align });
      return setText(parseCell(cell), style, widths[i] - 2 * pad, ctx, `${b.name} cell "${cell.slice(0, 30)}"`);
    });
    const height = Math.max(minHeight, ...sets.map((s) => s.height + 8));
    if (heading) items.push({ type: 'rect', x: region.x, y: 0, w: region.width, h: height, fill: COLORS.ink });
    else if (index % 2 === 1) items.push({ type: 'rect', x: region.x, y: 0, w: region.width, h: height, fill: COLORS.zebra });
    // A row of the table: heading cells name their column; the heading row is the table's first.
    const tr = within(ctx.path, step('TR', heading ? 0 : index + 1));
    sets.forEach((set, i) => {
      const cell = within(tr, heading ? step('TH', i, { scope: 'Column' }) : step('TD', i));
      items.push(...claim(textItems(set, region.place(starts[i] + pad, widths[i] - 2 * pad), heading ? (height - set.height) / 2 : 4), cell));
    });
    if (!heading) {
      items.push({ type: 'line', x1: region.x, x2: region.x + region.width, y1: height, y2: height, color: COLORS.faint, width: RULES.hair });
      for (const s of starts.slice(1)) {
        const x = region.place(s, 0);
        items.push({ type: 'line', x1: x, x2: x, y1: 0, y2: height, color: COLORS.rule, width: RULES.hair });
      }
    }
    return { height, items, spaceBefore: 0, name: heading ? `${b.name} heading` : `${b.name} row ${index + 1}` };
  };

  const header = row(b.columns.map((c) => c.title), 22, true, 0);
  // A numbered empty row (signature rows) carries only its number: in the locale's digits.
  const number = (n: number) => formatNumber(ctx.locale, n);
  const numbered = (cells: string[]) => (b.fill && cells.length === 1 && /^\d+$/.test(cells[0]) ? [number(Number(cells[0]))] : cells);
  const rows = b.rows.map((cells, i) => ({ ...row(numbered(cells), b.rowHeight ?? 18, false, i), header }));
  const headless = b.columns.every((c) => !c.title);
  const slices: Slice[] = headless ? rows.map((r, i) => ({ ...r, header: undefined, spaceBefore: i ? 0 : 12 })) : [{ ...header, spaceBefore: 12, keepWithNext: true }, ...rows];
  if (b.fill) {
    // More numbered rows, as many as fit below the last one, so no paper is wasted.
    const filler = (available: number): Slice => {
      const extra: Slice[] = [];
      let used = 0;
      for (let n = b.rows.length; ; n++) {
        const r = row([number(n + 1)], b.rowHeight ?? 18, false, n);
        if (used + r.height > available) break;
        extra.push(r);
        used += r.height;
      }
      return { ...stack(extra, `${b.name} rows`), spaceBefore: 0 };
    };
    slices.push({ height: 0, items: [], spaceBefore: 0, name: `${b.name} rows`, fill: filler });
  }
  return slices;
}
