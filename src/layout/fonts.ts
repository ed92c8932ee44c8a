// The font book: every configured font parsed once per process (parsing a 600 KB TTF is most of
// the cost of a small document), the script → family table from fonts/fonts.json, and cached
// measurement. Layout measures with these fonts and the painter embeds the very same objects.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';

export type Weight = 'regular' | 'bold';
export interface FaceStyle {
  bold: boolean;
  italic: boolean;
}

interface FamilyFiles {
  regular: string;
  bold?: string;
  italic?: string;
  boldItalic?: string;
}
interface FontConfig {
  families: Record<string, FamilyFiles>;
  scripts: Record<string, string>;
  default: string;
  fallback: string[];
}

/** One concrete font file: what a text item names and the painter embeds. */
export interface Face {
  key: string;
  family: string;
  font: Font;
}

const require = createRequire(import.meta.url);

// Scripts whose characters we classify; anything else counts as Common (takes its neighbours' font).
const SCRIPT_TESTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Han', /\p{Script=Han}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Thai', /\p{Script=Thai}/u],
];

export function scriptOf(char: string): string {
  for (const [name, test] of SCRIPT_TESTS) if (test.test(char)) return name;
  return 'Common';
}

export class FontBook {
  private faces = new Map<string, Face>();
  private widths = new Map<string, number>();
  private textLayers = new Map<string, Font>();

  constructor(private config: FontConfig) {}

  get defaultFamily(): string {
    return this.config.default;
  }

  familyForScript(script: string): string | undefined {
    return this.config.scripts[script];
  }

  get fallbackFamilies(): string[] {
    return this.config.fallback;
  }

  /** The face of a family in a style, degrading bold-italic → bold → regular where a file is missing. */
  face(family: string, style: FaceStyle): Face {
    const files = this.config.families[family];
    if (!files) throw new Error(`fonts/fonts.json: unknown font family "${family}"`);
    const variant: keyof FamilyFiles =
      style.bold && style.italic && files.boldItalic
        ? 'boldItalic'
        : style.bold && files.bold
          ? 'bold'
          : style.italic && files.italic
            ? 'italic'
            : 'regular';
    const key = `${family}/${variant}`;
    let face = this.faces.get(key);
    if (!face) {
      face = { key, family, font: loadFont(files[variant]!) };
      this.faces.set(key, face);
    }
    return face;
  }

  covers(family: string, codePoint: number): boolean {
    return this.face(family, { bold: false, italic: false }).font.hasGlyphForCodePoint(codePoint);
  }

  /** Advance width of `text` set in `face` at `size` points, shaped by fontkit (kerning, ligatures, joining). */
  width(face: Face, text: string, size: number): number {
    const key = face.key + '\u0000' + text;
    let units = this.widths.get(key);
    if (units === undefined) {
      units = face.font.layout(text).advanceWidth;
      this.widths.set(key, units);
    }
    return (units / face.font.unitsPerEm) * size;
  }

  /** Families set for a right-to-left script: their text is painted as outlines plus a text layer. */
  isRtlFamily(family: string): boolean {
    return Object.entries(this.config.scripts).some(([script, f]) => f === family && RTL_SCRIPTS.has(script));
  }

  /**
   * A second, separately parsed copy of a face's font for the invisible text layer of RTL words.
   * Its glyphs are reached only unshaped, one per character, so each maps to its own character.
   */
  textLayerFont(face: Face): Font {
    let font = this.textLayers.get(face.key);
    if (!font) {
      font = parseFont(fontFile(this.fileOf(face)));
      this.textLayers.set(face.key, font);
    }
    return font;
  }

  private fileOf(face: Face): string {
    const [family, variant] = face.key.split('/');
    return this.config.families[family][variant as keyof FamilyFiles]!;
  }

  ascent(face: Face, size: number): number {
    return (face.font.ascent / face.font.unitsPerEm) * size;
  }
}

const RTL_SCRIPTS = new Set(['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Nko']);

function fontFile(spec: string): string {
  return path.isAbsolute(spec) ? spec : require.resolve(spec);
}

/**
 * A font file parsed, with every glyph reached by its code point first. Every copy we parse goes
 * through here: the text-layer copy of an RTL font once did not, and a word then copied out with a
 * letter missing depending on which other documents the same process had built before (على → عل).
 */
function parseFont(file: string): Font {
  const font = fontkit.create(readFileSync(file)) as Font;
  // fontkit caches one glyph object per glyph id, with the code points it was first reached by.
  // pdfkit's subsetter reaches glyphs used as components of composite glyphs (the period inside
  // "!") without code points; if that happens first, every later "." is written to the PDF's
  // ToUnicode map as nothing and copy-paste loses it. Reaching every glyph by its code point
  // first, once per process, keeps the map right.
  for (const cp of font.characterSet) font.glyphForCodePoint(cp);
  return font;
}

const fontCache = new Map<string, Font>();
function loadFont(spec: string): Font {
  let font = fontCache.get(spec);
  if (!font) {
    font = parseFont(fontFile(spec));
    fontCache.set(spec, font);
  }
  return font;
}

const bookCache = new Map<string, FontBook>();
/** The font book of a fonts.json, shared by every document built in this process. */
export function loadFontBook(configFile: string): FontBook {
  let book = bookCache.get(configFile);
  if (!book) {
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as FontConfig;
    // A section's own fonts.json may name its own TTF files, relative to that fonts.json;
    // other names are npm package paths, found beside the installed workshop-pack.
    for (const files of Object.values(config.families))
      for (const [variant, spec] of Object.entries(files))
        if (typeof spec === 'string' && /^\.\.?\//.test(spec)) (files as unknown as Record<string, string>)[variant] = path.resolve(path.dirname(configFile), spec);
    book = new FontBook(config);
    bookCache.set(configFile, book);
  }
  return book;
}
