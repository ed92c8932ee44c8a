// Lay out a whole document: blocks → slices → pages, then running footers. Returns plain frames
// plus everything that went wrong (overflows, characters without a glyph) for the build to report.
import type { Block } from '../compose/tree.js';
import { Region, layoutBlocks, setText, textItems, type LayoutContext } from './blocks.js';
import { cutSheet } from './cut-sheet.js';
import type { Bookmark, Overflow, PageFrame } from './frame.js';
import type { FontBook } from './fonts.js';
import { paginate } from './paginate.js';
import { headingLevels } from './structure.js';
import { rightsGroups } from './rights-groups.js';
import { logoBand, qrCode } from './section-marks.js';
import { table } from './table.js';
import { bodyStyle, COLORS, RULES, TYPE, type PageSetup } from './theme.js';

export interface LayoutOptions {
  book: FontBook;
  setup: PageSetup;
  rtl: boolean;
  /** The document's locale: labels are upper-cased by its rules (see upperText), numbers layout prints itself (article numbers) are in its digits. */
  locale: string;
  hyphenate?: (text: string) => string;
  /** Names never broken inside (the case's people and country): dictionaries do not know them. */
  names?: readonly string[];
  /** Draft preview: outline shrunk cards in red (and, after pagination, the preview marks). */
  preview?: boolean;
}

export interface LaidOut {
  pages: PageFrame[];
  bookmarks: Bookmark[];
  overflows: Overflow[];
  missing: { char: string; block: string }[];
}

function special(block: Block, region: Region, ctx: LayoutContext) {
  switch (block.type) {
    case 'cut-sheet':
      return cutSheet(block, region, ctx);
    case 'table':
      return table(block, region, ctx);
    case 'rights-groups':
      return rightsGroups(block, region, ctx);
    case 'logo-band':
      return logoBand(block, region, ctx);
    case 'qr':
      return qrCode(block, region, ctx);
    default:
      return undefined;
  }
}

export function layoutDocument(blocks: Block[], options: LayoutOptions): LaidOut {
  const { setup } = options;
  const ctx: LayoutContext = { ...options, overflows: [], missing: [], special, headingLevels: headingLevels(blocks) };
  const region = new Region(setup.margin.left, setup.width - setup.margin.left - setup.margin.right, options.rtl);
  const slices = layoutBlocks(blocks, region, ctx);
  const paged = paginate(slices, setup);
  // Layout-time overflows do not know their page; pagination's do.
  return {
    pages: paged.pages,
    bookmarks: paged.bookmarks,
    overflows: [...ctx.overflows, ...paged.overflows],
    missing: ctx.missing,
  };
}

/** Footer on every page: a title at the start side, the page number at the end side. */
export function addFooters(
  pages: PageFrame[],
  options: LayoutOptions,
  left: string,
  pageLabel: (page: number, total: number) => string,
  firstNumber = 1,
  skip: (index: number) => boolean = () => false,
): void {
  const { setup, rtl } = options;
  const region = new Region(setup.margin.left, setup.width - setup.margin.left - setup.margin.right, rtl);
  const ctx: LayoutContext = { ...options, overflows: [], missing: [], special };
  const y = setup.height - setup.margin.bottom + 18;
  const total = pages.length + firstNumber - 1;
  pages.forEach((page, i) => {
    if (skip(i)) return;
    const style = bodyStyle(rtl, { size: TYPE.label, color: COLORS.muted, leading: 1.2 });
    const label = setText([{ text: pageLabel(i + firstNumber, total) }], { ...style, align: 'end' }, region.width, ctx, 'page number');
    const title = setText([{ text: left }], style, region.width * 0.7, ctx, 'footer');
    page.items.push({ type: 'line', x1: region.x, x2: region.x + region.width, y1: y - 6, y2: y - 6, color: COLORS.rule, width: RULES.hair });
    page.items.push(...textItems(title, region.place(0, region.width * 0.7), y), ...textItems(label, region.x, y));
  });
}
