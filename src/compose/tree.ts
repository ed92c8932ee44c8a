// The document tree: typed blocks that templates produce (through Markdown and directives) and
// layout consumes. A discriminated union keyed by `type`; layout's switch over it is exhaustive.
import type { Span } from '../layout/text.js';

export type { Span };

export interface HeadingBlock {
  type: 'heading';
  level: number;
  spans: Span[];
  /** Adds an entry to the PDF outline. */
  bookmark: boolean;
}

export interface ParagraphBlock {
  type: 'paragraph';
  spans: Span[];
  variant?: 'lead' | 'small' | 'caption' | 'center';
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  items: Block[][];
}

export interface QuoteBlock {
  type: 'quote';
  children: Block[];
}

/** A framed box: a read-aloud passage, a tip, a privacy promise, an address. */
export interface BoxBlock {
  type: 'box';
  variant: 'read-aloud' | 'tip' | 'note' | 'address' | 'accent';
  title?: string;
  /** A shaded box that may break across pages (long model letters). */
  split?: boolean;
  /** Set left to right whatever the document's direction (a postal address in its own script). */
  ltr?: boolean;
  /** Body text size inside the box, when it differs from the document's. */
  size?: number;
  children: Block[];
}

/** A handout's heading band: a small label above a large title. */
export interface TitleBlock {
  type: 'title';
  kicker?: string;
  title: string;
  subtitle?: string;
}

export interface ImageBlock {
  type: 'image';
  src: string;
  alt: string;
  caption?: string;
  /** Height in points; the width follows the image's proportions, up to the column width. */
  height: number;
  placeholderNote?: string;
}

export interface ColumnsBlock {
  type: 'columns';
  columns: Block[][];
  /** Each column's part of the width, where the template gave one (`:::::column{share=0.6}`). */
  shares?: (number | undefined)[];
}

/** Ruled lines to write on. */
export interface WritingLinesBlock {
  type: 'writing-lines';
  count: number;
  /** When set, the lines fill what is left of the page, at least `count` of them. */
  fill: boolean;
  /** With fill: height kept free below the lines (for a closing and a signature). */
  reserve: number;
}

export interface SpaceBlock {
  type: 'space';
  size: number;
}

export interface PageBreakBlock {
  type: 'page-break';
}

/** One card of a cut sheet: a label (card type) and its content, fitted to the card. */
export interface Card {
  label: string;
  children: Block[];
  /** `file:line` where the card's text is written, for messages. */
  source?: string;
}

/** Equal cards on a grid with dashed cut lines, as many pages as the cards need. */
export interface CutSheetBlock {
  type: 'cut-sheet';
  name: string;
  columns: number;
  rows: number;
  /** Text shown above the grid on every sheet ("Cut along the dashed lines"). */
  instruction?: string;
  heading?: string;
  /** The tag above the heading ("Handout"), as every handout's title has. */
  kicker?: string;
  /**
   * How the card-type label is marked: a black band with white text (`dark`) or a grey band with
   * black text (`light`); two kinds of cards in one pack take one each, so they stay apart when
   * printed in black and white.
   */
  tab: 'dark' | 'light';
  /** Blocks printed once on every sheet, between the instruction and the grid (an address). */
  header: Block[];
  /** Accepted for old templates; card text always starts at one top line. */
  align: 'center' | 'top';
  /** Largest body size a card's text starts from before shrinking to fit. */
  maxSize: number;
  cards: Card[];
}

/** A table with repeated headings on every page it runs to; rows can be empty for signatures. */
export interface TableBlock {
  type: 'table';
  name: string;
  /** Column headings (all empty: no heading row), relative widths and alignment. */
  columns: { title: string; width: number; align?: 'start' | 'end' }[];
  rows: string[][];
  /** Height of an empty row, for handwriting. */
  rowHeight?: number;
  /** Add numbered empty rows until the last page is full (signature sheets). */
  fill: boolean;
}

/** The six-group grid of the simplified UDHR. */
export interface RightsGroupsBlock {
  type: 'rights-groups';
  articleLabel: string;
  groups: { title: string; description: string; articles: { number: number; title: string }[] }[];
}

/** A section's band: its logo, name and contacts over a rule in its colour (see layout/section-marks.ts). */
export interface LogoBandBlock {
  type: 'logo-band';
  /** An absolute path the section loader read and checked, or none. */
  src?: string;
  name: string;
  contact?: string;
  accent: string;
}

/** A QR code to an online action, drawn as vector modules, with its URL printed beneath. */
export interface QrBlock {
  type: 'qr';
  url: string;
  label?: string;
  /** Width of the code itself in points (it grows when its modules would be too small to scan). */
  size: number;
}

export type Block =
  | LogoBandBlock
  | QrBlock
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | QuoteBlock
  | BoxBlock
  | TitleBlock
  | ImageBlock
  | ColumnsBlock
  | WritingLinesBlock
  | SpaceBlock
  | PageBreakBlock
  | CutSheetBlock
  | TableBlock
  | RightsGroupsBlock;

export function spansText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

/** Every block of a tree, depth first (inside lists, quotes, boxes, columns and cards). */
export function* walkBlocks(blocks: Block[]): Generator<Block> {
  for (const b of blocks) {
    yield b;
    if (b.type === 'list') for (const item of b.items) yield* walkBlocks(item);
    else if (b.type === 'quote' || b.type === 'box') yield* walkBlocks(b.children);
    else if (b.type === 'columns') for (const column of b.columns) yield* walkBlocks(column);
    else if (b.type === 'cut-sheet') {
      yield* walkBlocks(b.header);
      for (const card of b.cards) yield* walkBlocks(card.children);
    }
  }
}
