// The font book: every configured font parsed once per process (parsing a 600 KB TTF is most of
// the cost of a small document), the script → family table from fonts/fonts.json, and cached
// measurement. Layout measures with these fonts and the painter embeds the very same objects.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font, Glyph, GlyphRun } from 'fontkit';
import { LruMap } from '../lru.js';
import { forgetShaping, memoizeShapingSetup } from './shaping-setup.js';
import { storedRun, storeRun, useShapeShard, type StoredRun, type StoreFont } from './shape-store.js';

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
export interface FontConfig {
  families: Record<string, FamilyFiles>;
  scripts: Record<string, string>;
  default: string;
  fallback: string[];
  /** Per script: what to install when no configured font covers it (shown in the error). */
  remedies?: Record<string, FontRemedy>;
}
export interface FontRemedy {
  /** The npm package to install, and the fonts.yaml lines that name its files. */
  package?: string;
  family?: string;
  regular?: string;
  bold?: string;
  /** A system font (fontconfig family name) that covers the script. */
  system?: string;
}

/** One concrete font file: what a text item names and the painter embeds. */
export interface Face {
  key: string;
  family: string;
  font: Font;
  /** font.unitsPerEm, read once: fontkit's getter reads the head table on every call. */
  unitsPerEm: number;
  /** Which face of its book this is: the slot of its runs and widths in the book's caches. */
  index: number;
  /** Its font file and glyph count, for the shapes kept between processes (shape-store.ts). */
  store: StoreFont;
}

const require = createRequire(import.meta.url);

// Scripts whose characters we classify; anything else counts as Common (takes its neighbours' font).
// Inherited characters (combining marks, ZWNJ) are Common here too: they belong with their base.
const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Nko',
  'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam',
  'Sinhala', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Tibetan', 'Ethiopic', 'Han', 'Hiragana', 'Katakana',
  'Hangul', 'Bopomofo', 'Mongolian', 'Cherokee', 'Tifinagh',
];
const SCRIPT_TESTS: [string, RegExp][] = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')]);
// Most characters are Latin or Common: one test rules out every other script for them.
const ANY_SCRIPT = new RegExp(SCRIPTS.map((name) => `\\p{Script=${name}}`).join('|'), 'u');

function classify(char: string): string {
  if (!ANY_SCRIPT.test(char)) return 'Common';
  for (const [name, test] of SCRIPT_TESTS) if (test.test(char)) return name;
  return 'Common';
}

// Each code point is classified once per process: the script is asked for every character of every
// paragraph, content file and tagged run, and an Arabic letter took seven regular expressions. One
// byte per code point (0: not yet, 1: Common, 2…: SCRIPTS), 1.1 MB whatever the content holds.
const NAMES = ['', 'Common', ...SCRIPTS];
const classified = new Uint8Array(0x110000);

/** The script of a code point (see SCRIPTS; anything else is Common). */
export function scriptOfCodePoint(cp: number): string {
  let index = classified[cp];
  if (index === 0) classified[cp] = index = NAMES.indexOf(classify(String.fromCodePoint(cp)));
  return NAMES[index];
}

/** The script of one character. */
export function scriptOf(char: string): string {
  const cp = char.codePointAt(0);
  return cp !== undefined && char.length === (cp > 0xffff ? 2 : 1) ? scriptOfCodePoint(cp) : classify(char);
}

/**
 * A word as fontkit shaped it, in font units: what layout measures and the painter draws, the
 * same run for both (see `FontBook.shape`). Never changed after it is made.
 *
 * The font book keeps tens of thousands of these, so a run keeps numbers, not fontkit's objects
 * (its glyph run held an array of glyphs and an object per glyph position, three times the
 * memory): per glyph its id and advance, and its offsets only in a run that has any (marks).
 * `glyph(i)` is the very glyph object shaping gave: fontkit keeps one object per glyph id and
 * font, and gives that one back for the id.
 */
export class ShapedRun {
  private constructor(
    private readonly font: Font,
    /** Two numbers per glyph: its id and its xAdvance. */
    private readonly advances: number[],
    /** Two numbers per glyph, its xOffset and yOffset; none when every offset is 0. */
    private readonly offsets: number[] | undefined,
    readonly advanceWidth: number,
    /** The direction it was shaped in: the one asked for, else the script's own. */
    readonly direction: Direction,
  ) {}

  static of(font: Font, run: GlyphRun, direction: Direction): ShapedRun {
    const n = run.glyphs.length;
    // Arrays of their exact length (pushing leaves spare room behind each).
    const advances = new Array<number>(2 * n);
    let offsets: number[] | undefined;
    for (let i = 0; i < n; i++) {
      const p = run.positions[i];
      advances[2 * i] = run.glyphs[i].id;
      advances[2 * i + 1] = p.xAdvance;
      if ((p.xOffset || p.yOffset) && !offsets) offsets = new Array<number>(2 * n).fill(0);
      if (offsets) {
        offsets[2 * i] = p.xOffset;
        offsets[2 * i + 1] = p.yOffset;
      }
    }
    return new ShapedRun(font, advances, offsets, run.advanceWidth, direction);
  }

  /** A run as shape-store.ts keeps it. */
  toStored(): StoredRun {
    const out: StoredRun = [this.advanceWidth, this.direction === 'rtl' ? 1 : 0];
    for (let i = 0; i < this.length; i++) {
      const codePoints = this.glyph(i).codePoints;
      out.push(this.advances[2 * i], this.advances[2 * i + 1], this.xOffset(i), this.yOffset(i), codePoints.length, ...codePoints);
    }
    return out;
  }

  /**
   * The run `toStored` gave, in a font whose glyph ids it was checked against. Its glyph objects
   * are made now, with the code points shaping gave them, as fontkit makes them after shaping.
   */
  static fromStored(font: Font, stored: StoredRun): ShapedRun {
    let n = 0;
    for (let i = 2; i < stored.length; i += 5 + stored[i + 4]) n++;
    // Read by index, into arrays of their exact length: slicing and destructuring each glyph's
    // five numbers made more garbage than the rest of measuring (issue 13).
    const advances = new Array<number>(2 * n);
    let offsets: number[] | undefined;
    const withGlyphs = font as unknown as { getGlyph(id: number, codePoints: number[]): Glyph };
    for (let g = 0, i = 2; g < n; g++, i += 5 + stored[i + 4]) {
      const id = stored[i];
      withGlyphs.getGlyph(id, stored.slice(i + 5, i + 5 + stored[i + 4]));
      advances[2 * g] = id;
      advances[2 * g + 1] = stored[i + 1];
      if ((stored[i + 2] || stored[i + 3]) && !offsets) offsets = new Array<number>(2 * n).fill(0);
      if (offsets) {
        offsets[2 * g] = stored[i + 2];
        offsets[2 * g + 1] = stored[i + 3];
      }
    }
    return new ShapedRun(font, advances, offsets, stored[0], stored[1] === 1 ? 'rtl' : 'ltr');
  }

  /** How many glyphs. */
  get length(): number {
    return this.advances.length / 2;
  }
  glyph(i: number): Glyph {
    return this.font.getGlyph(this.advances[2 * i]);
  }
  xAdvance(i: number): number {
    return this.advances[2 * i + 1];
  }
  xOffset(i: number): number {
    return this.offsets ? this.offsets[2 * i] : 0;
  }
  yOffset(i: number): number {
    return this.offsets ? this.offsets[2 * i + 1] : 0;
  }
  /** Whether any glyph is placed by offset (a mark). */
  get offset(): boolean {
    return this.offsets !== undefined;
  }
}
export type Direction = 'ltr' | 'rtl';

/**
 * Text split as it is shaped: into words, each with its trailing space or tab, as pdfkit did when it
 * drew our text (so the glyphs and positions, and the PDFs, stayed what they were). Whole lines
 * are never shaped: a word shaped once serves every line and document it appears in.
 */
export const wordsOf = (text: string): string[] => text.match(/[^ \t]*[ \t]?/g)!.filter((w) => w.length > 0);

/** Whether wordsOf(text) is [text] (or [] for ""): no space or tab before its last character. */
function isOneWord(text: string): boolean {
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) return false;
  }
  return true;
}

const books = new Set<FontBook>();
/**
 * Forget every shaped word and measured width (the fonts stay parsed): for benchmarks that time a
 * document's own shaping, and a bound on memory for a long-running process.
 */
export function clearShapingCaches(): void {
  for (const book of books) book.clearShapes();
}

let fontsLocale: string | undefined;
/**
 * The locale whose documents are set next. When a build moves on to another locale, the words
 * shaped in every font are let go, and every face but those of the default family the locale
 * before used: the next locale most likely sets Latin text too (names, addresses, links), but a
 * script's own faces serve the locales of that script, which a build does not set one after the
 * other (ja, then pl). Kept for one more locale, the Japanese faces (two 5.5 MB files, their
 * glyphs and their text-layer copies) were most of the peak memory of a full build. A face a later
 * locale sets again is parsed again. The words the locales before shaped stay in the store, as
 * text (shape-store.ts), so shaping them again is a lookup.
 */
export function setFontsLocale(locale: string): void {
  if (locale === fontsLocale) return;
  if (fontsLocale !== undefined) {
    const kept = new Set<Font>();
    for (const book of books) for (const font of book.releaseForNextLocale()) kept.add(font);
    for (const [spec, font] of fontCache) if (!kept.has(font)) fontCache.delete(spec);
  }
  fontsLocale = locale;
  useShapeShard(locale);
}

/** The keys a script has for a locale's language, most specific first: "Han:zh-Hans", "Han:zh". */
function languageKeys(script: string, locale: string): string[] {
  try {
    const tag = new Intl.Locale(locale).maximize();
    return [`${script}:${tag.language}-${tag.script}`, `${script}:${tag.language}`];
  } catch {
    return []; // not a language tag: the script's own
  }
}

export class FontBook {
  private faces = new Map<string, Face>();
  // Bounded (lru.ts): keyed by text, they would otherwise keep every word of every locale built.
  // Keyed by the text alone, each entry holding every face's value by face index (three slots per
  // face for runs: its script's own direction, left to right, right to left). A lookup hashes the
  // word as it is; a key made of face and word was a new string to build and hash per word drawn.
  private widths = new LruMap<string, number[]>(25_000);
  private runs = new LruMap<string, ShapedRun[]>(25_000);
  private textLayers = new Map<string, Font>();
  private byKey = new Map<string, Face>();
  private coverage = new Map<string, Map<number, boolean>>();
  /** The faces used since the locale began (see setFontsLocale); a face opened again gets a new index. */
  private used = new Set<Face>();
  private opened = 0;

  constructor(private config: FontConfig) {
    books.add(this);
  }

  get defaultFamily(): string {
    return this.config.default;
  }

  /**
   * The family that sets a script, in documents of `locale` when the configuration names one for
   * its language ("Han:zh-Hans": noto-sans-sc beside "Han": noto-sans-jp, as the remedies do):
   * a project with Japanese and Chinese editions sets each in its own forms.
   */
  familyForScript(script: string, locale?: string): string | undefined {
    if (locale === undefined || !this.byLanguage) return this.config.scripts[script];
    let families = this.byLocale.get(locale);
    if (!families) this.byLocale.set(locale, (families = new Map()));
    let family = families.get(script);
    if (family === undefined && !families.has(script)) {
      family = this.config.scripts[script];
      for (const key of languageKeys(script, locale)) {
        const own = this.config.scripts[key];
        if (own !== undefined) {
          family = own;
          break;
        }
      }
      families.set(script, family);
    }
    return family;
  }
  /** Whether any script is set by language ("Han:ja"); most configurations set none. */
  private get byLanguage(): boolean {
    return (this.languageScripts ??= Object.keys(this.config.scripts).some((k) => k.includes(':')));
  }
  private languageScripts?: boolean;
  private byLocale = new Map<string, Map<string, string | undefined>>();

  /**
   * What to install for a script, for the language it is written in when fonts.json says (Han in
   * Traditional Chinese, "Han:zh-Hant", wants another font than Han in Japanese).
   */
  remedyFor(script: string, locale?: string): FontRemedy | undefined {
    const remedies = this.config.remedies ?? {};
    if (locale) for (const key of languageKeys(script, locale)) if (remedies[key]) return remedies[key];
    return remedies[script];
  }
  /** Every remedy for a script, by the language it is for ("" for the script's own): Han has one per language that writes it. */
  remediesOf(script: string): [string, FontRemedy][] {
    return Object.entries(this.config.remedies ?? {})
      .filter(([key]) => key === script || key.startsWith(`${script}:`))
      .map(([key, remedy]) => [key.slice(script.length + 1), remedy]);
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
      const spec = files[variant]!;
      const font = openFont(spec);
      face = { key, family, font, unitsPerEm: font.unitsPerEm, index: this.opened++, store: { spec, file: fontFileOf(spec), numGlyphs: font.numGlyphs } };
      this.faces.set(key, face);
    }
    this.used.add(face);
    return face;
  }

  /** The face a laid-out text item names by its key ("family/variant"), found once, not split and looked up per item. */
  faceByKey(key: string): Face {
    let face = this.byKey.get(key);
    if (!face) {
      const [family, variant] = key.split('/');
      face = this.face(family, { bold: variant.startsWith('bold'), italic: variant.toLowerCase().includes('italic') });
      this.byKey.set(key, face);
    }
    return face;
  }

  /** Whether a family has a glyph for a code point; asked for every character of every paragraph and content file. */
  covers(family: string, codePoint: number): boolean {
    let known = this.coverage.get(family);
    if (!known) this.coverage.set(family, (known = new Map()));
    let covered = known.get(codePoint);
    if (covered === undefined) {
      covered = this.face(family, { bold: false, italic: false }).font.hasGlyphForCodePoint(codePoint);
      known.set(codePoint, covered);
    }
    return covered;
  }

  /**
   * Advance width of `text` set in `face` at `size` points, shaped by fontkit (kerning, ligatures,
   * joining) word by word in the script's own direction, as the painter draws it.
   */
  width(face: Face, text: string, size: number): number {
    // One word (see wordsOf), as nearly every piece line breaking measures is: its shaped run,
    // kept anyway for the painter, is the width. Kept again by text, the pieces were most of what
    // this cache held, and a second lookup of each (issue 13).
    if (isOneWord(text)) return text ? (this.shape(face, text).advanceWidth / face.unitsPerEm) * size : 0;
    let widths = this.widths.get(text);
    if (!widths) this.widths.set(text, (widths = []));
    let units = widths[face.index];
    if (units === undefined) {
      units = 0;
      for (const word of wordsOf(text)) units += this.shape(face, word).advanceWidth;
      widths[face.index] = units;
    }
    return (units / face.unitsPerEm) * size;
  }

  /**
   * One word (see `wordsOf`) shaped in `face`, in `direction` or else its script's own, once per
   * process: layout measures with it and the painter draws it. A word asked for in the direction
   * its script has anyway (an Arabic word drawn right to left) is the run already measured.
   */
  shape(face: Face, word: string, direction?: Direction): ShapedRun {
    let runs = this.runs.get(word);
    if (!runs) this.runs.set(word, (runs = []));
    const slot = 3 * face.index;
    let run = runs[slot];
    if (direction && run?.direction !== direction) {
      const directed = slot + (direction === 'ltr' ? 1 : 2);
      return (runs[directed] ??= keptRun(face, word, direction));
    }
    if (!run) runs[slot] = run = keptRun(face, word);
    return run;
  }

  /** See clearShapingCaches. */
  clearShapes(): void {
    this.runs.clear();
    this.widths.clear();
  }

  /**
   * Lets go of every shaped word and of every face but those of the default family used since the
   * last call (see setFontsLocale), and says which fonts the kept ones use. What the faces cover
   * is kept: it comes from the font files.
   */
  releaseForNextLocale(): Font[] {
    const released = [...this.faces.values()].filter((face) => !this.used.has(face) || face.family !== this.config.default);
    this.used.clear();
    this.clearShapes();
    for (const face of released) {
      this.faces.delete(face.key);
      this.textLayers.delete(face.key);
    }
    this.byKey.clear();
    // The kept faces' shaping state goes too: the next locale's words are mostly in the shape store
    // (and another script's in other faces), and on a first run it was what grew.
    for (const face of this.faces.values()) forgetShaping(face.font);
    return [...this.faces.values()].map((face) => face.font);
  }

  /**
   * A second, separately parsed copy of a face's font for the invisible text layer (see
   * paint/shaped-text.ts). The layer writes its own glyph-to-character map; a copy of its own keeps
   * the glyphs it looks up from touching the visible font's glyph cache, whose texts decide which
   * runs need a layer at all.
   */
  textLayerFont(face: Face): Font {
    let font = this.textLayers.get(face.key);
    if (!font) {
      // The same file bytes as the face's own: fontkit only reads them.
      font = parseFont(this.fileOf(face), fileBytes.get(face.font));
      this.textLayers.set(face.key, font);
    }
    return font;
  }

  /** Every font file the configuration names (absolute paths): inputs of every document, for the build cache. */
  files(): string[] {
    const specs = Object.values(this.config.families).flatMap((f) => Object.values(f).filter((v): v is string => typeof v === 'string'));
    return [...new Set(specs.map((spec) => {
      try {
        return fontFileOf(spec);
      } catch {
        // not installed: fonts.yaml reported it; a path that cannot exist stays a missing input
        return pathOf(spec);
      }
    }))].sort();
  }

  private fileOf(face: Face): string {
    const [family, variant] = face.key.split('/');
    return this.config.families[family][variant as keyof FamilyFiles]!;
  }

  ascent(face: Face, size: number): number {
    return (face.font.ascent / face.unitsPerEm) * size;
  }
}

/**
 * A font file opened by fontkit, its tables not yet read: enough to tell that a configured file is
 * a font (content/fonts.yaml is checked on every build, and the 5 MB Japanese faces it names took
 * a third of a second each to parse fully for builds that never set a Japanese character). The
 * spec is a package-relative path of fonts.json or an absolute path, with "#name" or "#index"
 * choosing one font of a collection (.ttc/.otc); a collection without it gives its first.
 */
export function readFont(spec: string, bytes = bytesOf(spec)): Font {
  const member = memberOf(spec);
  const opened = fontkit.create(bytes, /^\d+$/.test(member) ? undefined : member || undefined) as Font | { fonts: Font[] } | null;
  if (!opened) throw new Error(`no font named "${member}" in the collection`);
  let font: Font;
  if ('fonts' in opened) {
    font = opened.fonts[Number(member) || 0];
    if (!font) throw new Error(`the collection has no font number ${member}`);
  } else font = opened;
  return font;
}

const memberOf = (spec: string) => (spec.lastIndexOf('#') > 0 ? spec.slice(spec.lastIndexOf('#') + 1) : '');

/** The file of a font file spec (see readFont): its path without "#member", package paths resolved. */
export function fontFileOf(spec: string): string {
  const file = pathOf(spec);
  return path.isAbsolute(file) ? file : require.resolve(file);
}

/** A font file spec without its "#member". */
const pathOf = (spec: string) => (spec.lastIndexOf('#') > 0 ? spec.slice(0, spec.lastIndexOf('#')) : spec);

/** The bytes of a font file spec (see readFont). */
function bytesOf(spec: string): Buffer {
  return readFileSync(fontFileOf(spec));
}

/**
 * A font file parsed, its glyphs given the code points they are reached by first (below). Every
 * copy we parse goes through here: the text-layer copy of an RTL font once did not, and a word
 * then copied out with a letter missing depending on which other documents the same process had
 * built before (على → عل). The spec is read by readFont; `bytes`, the file's bytes read already
 * (a copy of a face parsed again shares them).
 */
function parseFont(spec: string, bytes = bytesOf(spec)): Font {
  const font = readFont(spec, bytes);
  fileBytes.set(font, bytes);
  // fontkit caches one glyph object per glyph id, with the code points it was first reached by.
  // pdfkit's subsetter reaches glyphs used as components of composite glyphs (the period inside
  // "!") without code points; if that happens first, every later "." is written to the PDF's
  // ToUnicode map as nothing and copy-paste loses it. So every glyph is reached by its code point
  // first: the first code point of the font's character set that maps to it. Compatibility
  // characters are left out: the glyph of 人 also stands for the radical ⼈ (U+2F08), and the "ff"
  // ligature glyph for ﬀ; reached first by those, the map would give back ⼈ for 人 and ﬀ for "ff".
  // Reaching them all up front made a glyph object for every glyph of every face (17,000 for a
  // Japanese one) that mostly went unused: instead each glyph is given those code points when
  // fontkit first makes its object, whatever reaches it. The same objects, made only when needed.
  const cmap = (font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor;
  // Every code point of the character set with its glyph, in code point order, and whether it is
  // not a compatibility character.
  const mapped: [id: number, cp: number, reaches: boolean][] = [];
  let ids = font.numGlyphs;
  for (const cp of font.characterSet) {
    const ch = String.fromCodePoint(cp);
    const id = cmap.lookup(cp);
    mapped.push([id, cp, ch.normalize('NFKC') === ch]);
    ids = Math.max(ids, id + 1);
  }
  // Glyph id → that code point, or -1: four bytes a glyph.
  const first = new Int32Array(ids).fill(-1);
  for (const [id, cp, reaches] of mapped) if (reaches && first[id] < 0) first[id] = cp;
  cmapIndex.set(font, indexByGlyph(mapped, ids));
  // Both ways fontkit makes a glyph object: getGlyph, and _getBaseGlyph beneath it (which fontkit
  // also calls itself, for the base glyph of a colour glyph).
  const glyphs = font as unknown as Record<'getGlyph' | '_getBaseGlyph', (id: number, codePoints?: number[]) => Glyph> & { _glyphs: Record<number, Glyph | undefined> };
  for (const method of ['getGlyph', '_getBaseGlyph'] as const) {
    const make = glyphs[method];
    glyphs[method] = function (this: typeof glyphs, id: number, codePoints?: number[]) {
      return this._glyphs[id] ?? make.call(this, id, first[id] >= 0 ? [first[id]] : codePoints);
    };
  }
  postHeaderFirst(font);
  return font;
}

const POST_HEADER = 32;
/**
 * pdfkit's font descriptor reads two numbers of the post table (ItalicAngle; isFixedPitch for its
 * Flags), and fontkit decodes the table whole on first use: a name for every glyph (4,500 in Noto
 * Sans, ~10 ms a face in a cold process, a twentieth of a one-page build). The header is read from
 * the bytes here, with the same arithmetic as fontkit's; the rest (glyph names) is decoded by
 * fontkit only if something asks for it.
 */
function postHeaderFirst(font: Font): void {
  type Entry = { tag: string; offset: number; length: number };
  const f = font as unknown as { directory: { tables: Record<string, Entry | undefined> }; _tables: Record<string, unknown>; stream: { buffer: Uint8Array }; _decodeTable(entry: Entry): Record<string, unknown> | undefined };
  const entry = f.directory.tables.post;
  if (!entry || entry.length < POST_HEADER || 'post' in f._tables) return;
  const bytes = f.stream.buffer;
  if (entry.offset + POST_HEADER > bytes.length) return; // fontkit says what is wrong with it
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, POST_HEADER);
  const fixed = (at: number) => view.getInt32(at) / 65536;
  const post: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let whole: Record<string, unknown> | undefined;
  for (const key of ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'])
    Object.defineProperty(post, key, { get: () => (whole ??= f._decodeTable(entry) ?? {})[key] });
  f._tables.post = post;
}

/** Each parsed font's code points by glyph: the cmap read backwards, once. */
const cmapIndex = new WeakMap<Font, { start: Uint32Array; codePoints: Int32Array }>();

/** Code points grouped by glyph id, each group in code point order: glyph i's are codePoints[start[i] … start[i + 1]). */
function indexByGlyph(mapped: [id: number, cp: number, ...rest: unknown[]][], ids: number): { start: Uint32Array; codePoints: Int32Array } {
  const start = new Uint32Array(ids + 1);
  for (const [id] of mapped) start[id + 1]++;
  for (let id = 0; id < ids; id++) start[id + 1] += start[id];
  const codePoints = new Int32Array(mapped.length);
  const next = start.slice(0, ids);
  for (const [id, cp] of mapped) codePoints[next[id]++] = cp;
  return { start, codePoints };
}

/**
 * The code points the font's cmap maps to a glyph, in order: what fontkit's codePointsForGlyph
 * gives, which scans the whole cmap for each glyph asked (~20 ms of a cold one-page build), and
 * also the ones its scan misses, whose glyph id in a format 4 cmap wraps past 65535 (ﬞ U+FB3E in
 * Noto Sans Hebrew: fontkit's lookup adds idDelta modulo 65536, its scan does not).
 */
export function cmapCodePoints(font: Font, id: number): number[] {
  const index = cmapIndex.get(font);
  // Glyph 0 (.notdef) is where unmapped code points land, by fontkit's lookup (the cmap's closing
  // segment at U+FFFF) but not by its backwards scan: asked of fontkit, as before.
  if (!index || id === 0) return (font as unknown as { _cmapProcessor: { codePointsForGlyph(id: number): number[] } })._cmapProcessor.codePointsForGlyph(id);
  return id + 1 < index.start.length ? Array.from(index.codePoints.subarray(index.start[id], index.start[id + 1])) : [];
}

/** Each parsed font's file bytes, for another copy of it (FontBook.textLayerFont). */
const fileBytes = new WeakMap<Font, Buffer>();

type LayoutArgs = Parameters<Font['layout']>;

/**
 * fontkit's shaping, never failing on content: some mark sequences (a kasra on a final Arabic
 * letter, "احتفِ") reach a mark anchor the font does not define and fontkit throws. Such text is
 * shaped again without mark positioning (the marks then sit at their default place), rather
 * than stopping the document.
 */
export function shapeText(font: Font, text: string, features?: LayoutArgs[1], ...rest: [LayoutArgs[2]?, LayoutArgs[3]?, LayoutArgs[4]?]): ReturnType<Font['layout']> {
  memoizeShapingSetup(font);
  try {
    return font.layout(text, features, ...rest);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    const noMarks = { ...(Array.isArray(features) ? Object.fromEntries(features.map((f) => [f, true])) : (features ?? {})), mark: false, mkmk: false };
    return font.layout(text, noMarks as never, ...rest);
  }
}

/** A word's run as an earlier process kept it (shape-store.ts), else shaped now and kept. */
function keptRun(face: Face, word: string, direction?: Direction): ShapedRun {
  // The direction asked for, or none (the script's own), then the word.
  const key = (direction === 'ltr' ? 'l' : direction === 'rtl' ? 'r' : 'n') + word;
  const stored = storedRun(face.store, key);
  if (stored) return ShapedRun.fromStored(face.font, stored);
  const run = shapedRun(face.font, word, direction);
  storeRun(face.store, key, run.toStored());
  return run;
}

function shapedRun(font: Font, word: string, direction?: Direction): ShapedRun {
  const run = shapeText(font, word, undefined, undefined, undefined, direction) as GlyphRun & { direction: Direction };
  return ShapedRun.of(font, run, run.direction);
}

const fontCache = new Map<string, Font>();
/** The process-wide parsed font of a file spec (see parseFont). */
export function openFont(spec: string): Font {
  let font = fontCache.get(spec);
  if (!font) {
    font = parseFont(spec);
    fontCache.set(spec, font);
  }
  return font;
}

/**
 * A fonts.json. A section's own may name its own TTF files, relative to that fonts.json (`./…`);
 * other names are npm package paths, found beside the installed workshop-pack.
 */
export function readFontsJson(configFile: string): FontConfig {
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as FontConfig;
  for (const files of Object.values(config.families))
    for (const [variant, spec] of Object.entries(files))
      if (typeof spec === 'string' && /^\.\.?\//.test(spec)) (files as unknown as Record<string, string>)[variant] = path.resolve(path.dirname(configFile), spec);
  return config;
}

const bookCache = new Map<string, FontBook>();
/** The font book of a configuration (or of a fonts.json file), shared by every document built in this process. */
export function loadFontBook(config: string | FontConfig): FontBook {
  const resolved = typeof config === 'string' ? readFontsJson(config) : config;
  const key = JSON.stringify(resolved);
  let book = bookCache.get(key);
  if (!book) {
    book = new FontBook(resolved);
    bookCache.set(key, book);
  }
  return book;
}
