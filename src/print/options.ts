// What a print run asks for beyond the office PDF. Every field off gives the office output,
// byte for byte: print production only ever transforms frames that layout has finished.

export interface PrintOptions {
  /** PDF/A-2b: archival output (XMP identification, sRGB output intent, every font embedded). */
  pdfa?: boolean;
  /** Bleed in points: pages grow by it on every side, colour touching the trim runs into it. */
  bleed?: number;
  /** Crop marks outside the bleed (and at every card edge of a cut sheet). */
  marks?: boolean;
  /** The pack imposed for saddle stitching: two pages per sheet side, printer spreads. */
  booklet?: boolean;
  /** A back page after each cut sheet, mirrored for a long-edge flip. */
  cardBacks?: boolean;
  /** Every colour as a gray level, written in DeviceGray. */
  grayscale?: boolean;
}

/** The print shop's usual request: 3 mm bleed and crop marks. */
export const PRINT_SHOP_BLEED = '3mm';

const UNITS: Record<string, number> = { mm: 72 / 25.4, cm: 720 / 25.4, in: 72, pt: 1 };

/** A length such as `3mm`, `0.125in` or `9pt`, in points; undefined when it is not one (or not 0–20 mm). */
export function parseLength(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$/i.exec(text);
  if (!m) return undefined;
  const points = Number(m[1]) * UNITS[m[2].toLowerCase()];
  return points <= (20 * 72) / 25.4 ? points : undefined;
}

export function isOfficeOutput(o: PrintOptions): boolean {
  return !o.pdfa && !o.bleed && !o.marks && !o.booklet && !o.cardBacks && !o.grayscale;
}
