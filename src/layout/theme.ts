// The look of every handout in one place: paper sizes, margins, the type scale, colours, rules and
// spacings. Layout files take their sizes and colours from here, never as literals, so that every
// document in every locale is set from one system.
import type { TextStyle } from './text.js';

export type Paper = 'a4' | 'letter';

export const PAPER_SIZES: Record<Paper, { width: number; height: number }> = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
};

export interface PageSetup {
  paper: Paper;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** 15 mm all round keeps clear of the unprintable edge of office printers; the footer sits in the bottom margin. */
export function pageSetup(paper: Paper): PageSetup {
  const { width, height } = PAPER_SIZES[paper];
  return { paper, width, height, margin: { top: 42, right: 42, bottom: 54, left: 42 } };
}

/**
 * The one type scale, in points, for every document and locale. Nothing is set below its first
 * step (8 pt); text that must shrink to fit (cards, the UDHR page) steps down this scale, one size
 * for the whole sheet.
 */
export const TYPE_SCALE = [8, 9, 10.5, 12, 15, 20, 24] as const;

/** What each role uses from the scale. */
export const TYPE = {
  /** Footers, card-type labels, box titles, tags. */
  label: 8,
  /** Captions, tables, instructions, UDHR group descriptions. */
  small: 9,
  body: 10.5,
  lead: 12,
  h3: 12,
  h2: 15,
  h1: 20,
  /** The title of a handout (and of a card sheet). */
  title: 24,
  /** Subtitles under a title. */
  subtitle: 12,
} as const;

export const MIN_TYPE_SIZE = TYPE_SCALE[0];

/** The steps of the scale from `max` down to the minimum, largest first. */
export function scaleDown(max: number): number[] {
  return TYPE_SCALE.filter((s) => s <= max + 1e-9).reverse();
}

/** The largest step of the scale at or below `size`: a size a template asks for, put on the scale. */
export function onScale(size: number): number {
  return scaleDown(size)[0] ?? MIN_TYPE_SIZE;
}

/** The step of the scale just below `size` (or the minimum). */
export function stepBelow(size: number): number {
  return [...TYPE_SCALE].reverse().find((s) => s < size - 1e-9) ?? MIN_TYPE_SIZE;
}

/** How many steps of the scale `size` lies below the body size (0 at or above it). */
export function stepsBelowBody(size: number): number {
  const body = TYPE_SCALE.indexOf(TYPE.body);
  const at = TYPE_SCALE.findIndex((s) => s >= size - 1e-9);
  return Math.max(0, body - (at < 0 ? TYPE_SCALE.length : at));
}

/**
 * Colours. Text and rules that look black are pure black: the painter writes every neutral grey
 * (r = g = b) as DeviceGray, so black is K only, never a rich black of all toners.
 */
export const COLORS = {
  ink: '#000000',
  muted: '#555555',
  faint: '#999999',
  rule: '#c8c8c8',
  accent: '#ffd400',
  accentDark: '#8a6d00',
  readAloud: '#fff6cc',
  tip: '#eef1f4',
  zebra: '#f3f3f3',
  /** The shade of a card kind that must stand apart from another in greyscale. */
  cardShade: '#d9d9d9',
  white: '#ffffff',
  cut: '#777777',
  /** Previews only: the red outline on a card that had to shrink. */
  flag: '#d42020',
};

/**
 * Distinct tints for the six UDHR groups. They stay apart in greyscale too: their lightness (what
 * a black-and-white printer prints, and --grayscale) is 0.92, 0.74, 0.86, 0.68, 0.80, 0.62.
 */
export const GROUP_COLORS = ['#fbeba3', '#8bc4e8', '#c6e4c2', '#f0985d', '#d6c6ec', '#ec7c95'];

/** Line widths. */
export const RULES = { hair: 0.5, cut: 0.6, writing: 0.6, box: 0.8, panel: 1.5 } as const;

/** Vertical spacings between blocks, in points. */
export const SPACE = { paragraph: 7, list: 6, listItem: 3, box: 10, quote: 9, heading: 12, majorHeading: 18, image: 12, columns: 12, writingLine: 26 } as const;

/** Indents, paddings and accent marks of the block types. */
export const BLOCK = {
  listIndent: 16,
  quoteIndent: 14,
  quoteBar: 2.5,
  boxPadding: 10,
  boxRadius: 3,
  /** The accent bar down the start side of read-aloud and accent boxes. */
  accentBar: 4,
  columnGap: 18,
  /** The accent rule under a level-1 or level-2 heading, and under a title. */
  headingRule: { width: 36, thickness: 3, gap: 2 },
  titleRule: 3,
} as const;

/** Line heights, as a multiple of the type size: Arabic script needs taller lines than Latin. */
export const LEADING = {
  heading: { ltr: 1.25, rtl: 1.5 },
  title: { ltr: 1.15, rtl: 1.45 },
  lead: { ltr: 1.4, rtl: 1.6 },
  label: 1.3,
  tag: 1.2,
} as const;

/** Where the alphabetic baseline sits below the middle of a line, as a fraction of the type size. */
export const BASELINE_OFFSET = 0.36;

/**
 * The measure of running text: at most this many ems wide, which holds a line of Latin or Cyrillic
 * text at 55–75 characters; the rest of the column is a margin for notes.
 */
export const MEASURE_EM = 34;

/** Locale-dependent type metrics: Arabic needs taller lines than Latin or Cyrillic. */
export function leadingFor(rtl: boolean): number {
  return rtl ? 1.6 : 1.38;
}

export function bodyStyle(rtl: boolean, overrides: Partial<TextStyle> = {}): TextStyle {
  return { size: TYPE.body, leading: leadingFor(rtl), color: COLORS.ink, align: 'start', ...overrides };
}

export const HEADING_SIZES: Record<number, number> = { 1: TYPE.h1, 2: TYPE.h2, 3: TYPE.h3, 4: TYPE.body, 5: TYPE.body, 6: TYPE.body };
