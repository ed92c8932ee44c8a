// The look of every handout in one place: paper sizes, margins, colours and type sizes.
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

export const COLORS = {
  ink: '#1a1a1a',
  muted: '#5a5a5a',
  faint: '#9a9a9a',
  rule: '#c8c8c8',
  accent: '#ffd400',
  accentDark: '#8a6d00',
  readAloud: '#fff6cc',
  tip: '#eef1f4',
  white: '#ffffff',
  cut: '#7a7a7a',
};

/**
 * Distinct tints for the six UDHR groups. They stay apart in greyscale too: their lightness (what
 * a black-and-white printer prints, and --grayscale) is 0.92, 0.74, 0.86, 0.68, 0.80, 0.62.
 */
export const GROUP_COLORS = ['#fbeba3', '#8bc4e8', '#c6e4c2', '#f0985d', '#d6c6ec', '#ec7c95'];

/** Locale-dependent type metrics: Arabic needs taller lines than Latin or Cyrillic. */
export function leadingFor(rtl: boolean): number {
  return rtl ? 1.6 : 1.38;
}

export function bodyStyle(rtl: boolean, overrides: Partial<TextStyle> = {}): TextStyle {
  return { size: 10.5, leading: leadingFor(rtl), color: COLORS.ink, align: 'start', ...overrides };
}

export const HEADING_SIZES: Record<number, number> = { 1: 20, 2: 15, 3: 12, 4: 10.5, 5: 10.5, 6: 10.5 };
