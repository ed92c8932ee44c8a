// What layout hands the painter: pages of positioned items, as plain data. Coordinates are PDF points
// from the top-left corner of the page; a text item's y is its baseline.
import type { StructPath } from './structure.js';

export interface TextItem {
  type: 'text';
  x: number;
  y: number;
  /** Advance width, so tests can check that text stays inside its box. */
  width: number;
  text: string;
  face: string;
  size: number;
  color: string;
  /** Set on right-to-left runs: shaped right to left, painted as outlines over a text layer. */
  rtl?: boolean;
  /** The logical text of an RTL item (text as written, unmirrored): what its text layer gives back. */
  actual?: string;
  /** Extra space added to each space character, for justified lines. */
  wordSpacing?: number;
  link?: string;
  /** Preview builds: the locale this text fell back to. */
  fallback?: string;
  /** Degrees, clockwise, around (x, y): the preview's DRAFT mark. */
  rotate?: number;
  opacity?: number;
  /** Where the text belongs in the document's structure; untagged text is an artifact (footers). */
  tag?: StructPath;
}

export interface RectItem {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
  dash?: number[];
  radius?: number;
  /** Set only where a shape is content (a QR code's modules); a rect is otherwise decoration. */
  tag?: StructPath;
}

export interface LineItem {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  dash?: number[];
}

export interface ImageItem {
  type: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  src: string;
  /** Print production (--grayscale): the photo printed in its gray levels. */
  grayscale?: boolean;
  /** A figure's place in the structure (its alternative text on the last step). */
  tag?: StructPath;
}

/** A small pair of scissors at a cut line, drawn as vector shapes (no font has a reliable ✂). */
export interface ScissorsItem {
  type: 'scissors';
  x: number;
  y: number;
  size: number;
  rotate: number;
  color: string;
}

/** Filled vector shapes (a section's SVG logo) in their own coordinates, scaled into a w × h box. */
export interface VectorItem {
  type: 'vector';
  x: number;
  y: number;
  w: number;
  h: number;
  viewBox: [number, number, number, number];
  shapes: { d: string; fill: string; evenOdd: boolean }[];
  /** A logo's place in the structure (a figure), else an artifact. */
  tag?: StructPath;
}

/**
 * Items drawn moved and scaled as one: print production places whole pages on a sheet this way
 * (src/print/booklet.ts). Layout itself never makes groups.
 */
export interface GroupItem {
  type: 'group';
  /** The page of the document it shows (0-based), when pages are placed out of order (a booklet). */
  page?: number;
  x: number;
  y: number;
  scale: number;
  /** In the group's own coordinates (before moving and scaling): nothing outside it is drawn. */
  clip: Box;
  items: FrameItem[];
}

export type FrameItem = TextItem | RectItem | LineItem | ImageItem | ScissorsItem | VectorItem | GroupItem;

/** A rectangle on the page, from the top-left corner, in points. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Bookmark {
  title: string;
  page: number;
  y: number;
  level: number;
}

export interface PageFrame {
  width: number;
  height: number;
  items: FrameItem[];
  /** Print production (src/print/bleed.ts): where the sheet is cut, and how far colour runs past it. */
  trim?: Box;
  bleed?: Box;
}

export interface DocumentFrames {
  title: string;
  lang: string;
  rtl: boolean;
  pages: PageFrame[];
  bookmarks: Bookmark[];
  /**
   * Where each document starts (1-based page), for cross-references written `#doc=<id>`: in the
   * pack every handout's first page, in a single handout its own first page. A link to a document
   * the PDF does not hold stays plain text.
   */
  anchors?: Record<string, number>;
  /** How the printer should print it: both sides (flip on the long edge) or single-sided (cut sheets). */
  sides: 'duplex' | 'simplex';
}

/** A box whose text did not fit, found by layout. */
export interface Overflow {
  block: string;
  page: number;
  message: string;
  /** True when text was shrunk to its minimum and still did not fit: an error, not a warning. */
  fatal: boolean;
  /** The key of the text's place in the content (a card's `source`), when layout knows it. */
  source?: string;
}
