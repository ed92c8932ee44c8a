// Print production: the frames of a finished layout turned into what a print run needs. Order
// matters: card backs are made from the cut sheets' fronts, the booklet imposes whole pages, gray
// maps every colour (the backs' and the marks' too), and the bleed with its marks comes last
// because it wraps the final sheet.
import type { DocumentFrames } from '../layout/frame.js';
import type { FontBook } from '../layout/fonts.js';
import { withCardBacks } from './backs.js';
import { bleedBookmarks, withBleed } from './bleed.js';
import { impose } from './booklet.js';
import { grayscale } from './gray.js';
import type { PrintOptions } from './options.js';

export interface ProductionContext {
  book: FontBook;
  /** The campaign's name, for the card backs. */
  mark: string;
  /** The pack is the one document a booklet is made of; card backs go with the single documents. */
  isPack: boolean;
}

export function producePrint(frames: DocumentFrames, o: PrintOptions, ctx: ProductionContext): DocumentFrames {
  let f = frames;
  if (o.cardBacks && !ctx.isPack) f = { ...f, ...withCardBacks(f.pages, f.bookmarks, { book: ctx.book, rtl: f.rtl, mark: ctx.mark }) };
  if (o.booklet && ctx.isPack) f = impose(f);
  if (o.grayscale) f = grayscale(f);
  if (o.bleed || o.marks) f = { ...f, pages: withBleed(f.pages, o.bleed ?? 0, !!o.marks), bookmarks: bleedBookmarks(f.bookmarks, o.bleed ?? 0, !!o.marks) };
  return f;
}
