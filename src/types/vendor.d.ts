// Minimal typings for the untyped libraries we use, only the parts we call.
declare module 'fontkit' {
  export interface Glyph { id: number; name: string; advanceWidth: number; codePoints: number[]; path: { toSVG(): string; commands: { command: string; args: number[] }[] } }
  export interface GlyphRun { glyphs: Glyph[]; advanceWidth: number; positions: { xAdvance: number; xOffset: number; yOffset: number }[] }
  export interface Font {
    familyName: string;
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    xHeight: number;
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number, codePoints?: number[]): Glyph;
    numGlyphs: number;
    layout(text: string, features?: string[] | Record<string, boolean>, script?: string, language?: string, direction?: string): GlyphRun;
  }
  export function openSync(path: string): Font;
  export function create(buffer: Buffer, postscriptName?: string): Font | { fonts: Font[] } | null;
  const fontkit: { openSync: typeof openSync; create: typeof create };
  export default fontkit;
}

declare module 'linebreak' {
  interface Break { position: number; required: boolean }
  class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
  export default LineBreaker;
}

declare module 'hyphen' {
  export function createHyphenator(patterns: unknown, options?: { hyphenChar?: string; minWordLength?: number; async?: boolean }): (text: string) => string;
}
