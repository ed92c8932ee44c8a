// Draft previews for translators: a DRAFT mark on every page, text that fell back to another
// locale tinted with a note in the margin naming that locale. (Shrunk or overflowing cards are
// outlined in red where they are laid out, in cut-sheet.ts.) Works on finished pages, as data.
import { Region, setText, textItems, type LayoutContext } from './blocks.js';
import type { FrameItem, PageFrame, TextItem } from './frame.js';
import type { LayoutOptions } from './document.js';
import { bodyStyle, TYPE } from './theme.js';

export const FALLBACK_TINT = '#ffd9a0';
const NOTE_COLOR = '#a34a00';
const DRAFT_COLOR = '#d42020';

export function decoratePreview(pages: PageFrame[], options: LayoutOptions, banner: string, note: (locale: string) => string): void {
  const { setup, rtl } = options;
  const ctx: LayoutContext = { ...options, overflows: [], missing: [], special: () => undefined };
  const region = new Region(setup.margin.left, setup.width - setup.margin.left - setup.margin.right, rtl);
  for (const page of pages) {
    const under: FrameItem[] = [];
    const over: FrameItem[] = [];
    // The DRAFT mark, large and faint, across the middle of the page, under everything.
    const mark = setText([{ text: 'DRAFT', bold: true }], bodyStyle(false, { size: 120, color: DRAFT_COLOR, leading: 1 }), page.width * 2, ctx, 'draft mark');
    const m = textItems(mark, 0)[0];
    under.push({ ...m, x: (page.width - m.width) / 2, y: page.height / 2 + 40, rotate: -40, opacity: 0.07 });
    const top = setText([{ text: banner, bold: true }], bodyStyle(rtl, { size: TYPE.label, color: DRAFT_COLOR, leading: 1.2 }), region.width, ctx, 'draft banner');
    over.push(...textItems(top, region.x, 16));

    // Fallback text: a tint behind each run, and one note per line in the outer margin.
    const fallbacks = page.items.filter((i): i is TextItem => i.type === 'text' && !!i.fallback);
    const lines = new Map<string, TextItem[]>();
    for (const t of fallbacks) {
      under.push({ type: 'rect', x: t.x - 1, y: t.y - t.size * 0.85, w: t.width + 2, h: t.size * 1.15, fill: FALLBACK_TINT });
      const key = `${Math.round(t.y)}|${t.fallback}`;
      lines.set(key, [...(lines.get(key) ?? []), t]);
    }
    const noteWidth = (rtl ? setup.margin.left : setup.margin.right) - 8;
    for (const [key, items] of lines) {
      const [, locale] = key.split('|');
      const set = setText([{ text: note(locale) }], bodyStyle(false, { size: 5.5, color: NOTE_COLOR, leading: 1, align: rtl ? 'end' : 'start' }), noteWidth, ctx, 'fallback note');
      const x = rtl ? 4 : page.width - setup.margin.right + 4;
      over.push(...textItems(set, x, items[0].y - set.lineHeight * 0.75));
    }
    page.items = [...under, ...page.items, ...over];
  }
}
