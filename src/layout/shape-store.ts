// Shaped words kept between processes, in the user's cache folder: one file per font file. A
// process that starts cold spent most of a one-page build decoding the fonts' GSUB and GPOS tables
// (fontkit decodes a kerning table whole on first use) to shape words it had shaped the run
// before. A stored word is what shaping gave: glyph ids, advances and offsets, in font units.
//
// What a word shapes to depends on the font file, the shaping code (fontkit, and ours around it)
// and nothing else, so a store is named by those: the font's path and stat, and the stat of the
// code files. A changed font or an upgraded fontkit opens another store. Each glyph keeps the code
// points shaping gave it: a word taken from the store makes its glyph objects with them, as
// shaping would have (the "fi" ligature stands for "fi" in the PDF's ToUnicode map).
//
// A missing, unreadable or damaged store is shaping done again, never an error.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../package-dir.js';
import { writeAtomically } from '../pipeline/write.js';
import { userCacheDir } from '../user-cache.js';

/** [advanceWidth, 1 if right to left, then per glyph: id, xAdvance, xOffset, yOffset, n, n code points]. */
export type StoredRun = number[];

const FORMAT = 1;
/** Words kept per font file and shard (a locale's words: ~5,000 in the bundled content). */
const LIMIT = 20_000;
/** Store files kept: one per font file and shard in use, and old ones until they are the oldest. */
const FILES = 300;

interface Store {
  file: string;
  /** Each word's run as written in the file (numbers joined by commas), read when asked for. */
  runs: Map<string, string>;
  added: number;
}

const stores = new Map<string, Store | undefined>();
let shard = '';
/** The part used before this one, still loaded. */
let previous = '';

/**
 * Which part of each font's store words are looked up in and kept to: the build names the locale
 * of each case × locale it builds, so that a one-document build reads the words of its own
 * language, not those of every locale ever built (the Latin font's words of all of them are 4 MB).
 */
export function useShapeShard(name: string): void {
  if (name === shard) return;
  // The locale built before is done with (a build goes locale by locale): written if it gained
  // words. Its words stay loaded, as text, while the next locale is built: that one looks up there
  // what its own part does not have (the Latin words every locale sets: names, links), since the
  // font book lets go of its shaped words at each locale (fonts.ts setFontsLocale). The part
  // before that is let go: memory does not grow with the number of locales.
  saveShapeStores();
  for (const id of stores.keys()) if (!id.startsWith(`${shard}\u0000`)) stores.delete(id);
  previous = shard;
  shard = name;
}
const dir = () => path.join(userCacheDir(), 'shapes');

function stamp(file: string): string {
  const s = statSync(file);
  return `${file}:${s.size}:${s.mtimeMs}:${s.ino}`;
}

let code: string | undefined;
/**
 * The font code: this module's file (the bundle, when bundled), fonts.ts's beside it (shaping and
 * reading around fontkit), and fontkit's, by stat. What is kept of a font between processes is
 * kept under it (here, and the font check of content/font-config.ts).
 */
export function fontCodeStamp(): string {
  if (code === undefined) {
    const self = fileURLToPath(import.meta.url);
    const files = [self, ...['fonts.js', 'fonts.ts'].map((f) => path.join(path.dirname(self), f)).filter((f) => existsSync(f))];
    try {
      files.push(createRequire(import.meta.url).resolve('fontkit'));
    } catch {
      // bundled: this file is fontkit's too
    }
    code = [FORMAT, packageVersion(), ...files.map(stamp)].join('|');
  }
  return code;
}

/** The font a store is for: its spec (a file, or a member of a collection), the file, its glyph count. */
export interface StoreFont {
  spec: string;
  file: string;
  numGlyphs: number;
}

/** The store of a font, loaded on first use; undefined when the cache cannot be used. */
function storeOf({ spec, file: fontFile }: StoreFont): Store | undefined {
  const id = `${shard}\u0000${spec}`;
  if (stores.has(id)) return stores.get(id);
  let store: Store | undefined;
  try {
    const name = createHash('sha256').update(`${fontCodeStamp()}|${shard}|${spec}|${stamp(fontFile)}`).digest('hex').slice(0, 32);
    store = { file: path.join(dir(), `${name}.json`), runs: new Map(), added: 0 };
    store.runs = read(store.file);
  } catch {
    store = undefined; // the font file cannot be stat'ed: reading it fails on its own
  }
  stores.set(id, store);
  return store;
}

/** A store file's words; none when it is missing or damaged. */
function read(file: string): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return new Map();
  }
  const runs = (data as { runs?: unknown })?.runs;
  if (!runs || typeof runs !== 'object' || (data as { format?: unknown }).format !== FORMAT) return new Map();
  const out = new Map<string, string>();
  for (const [key, run] of Object.entries(runs)) if (typeof run === 'string') out.set(key, run);
  return out;
}

/**
 * The numbers of a stored run ("1200,0,36,639,…"), or undefined unless the text is exactly numbers
 * joined by commas (-12, 3.5, 1e-7). Read in one pass, without the strings and arrays of
 * `split(',').map(Number)`: a build reads some 60,000 runs from the stores, and splitting them was
 * a seventh of everything it allocated (issue 13).
 */
export function parseRun(text: string): number[] | undefined {
  const out: number[] = [];
  const n = text.length;
  const digit = (i: number) => i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
  let i = 0;
  for (;;) {
    const start = i;
    let negative = false;
    if (text.charCodeAt(i) === 45) (negative = true), i++;
    let value = 0;
    const first = i;
    while (digit(i)) value = value * 10 + text.charCodeAt(i++) - 48;
    if (i === first) return undefined;
    let plain = i - first <= 15; // exact as an integer; longer ones are read by Number below
    if (text.charCodeAt(i) === 46) {
      i++;
      if (!digit(i)) return undefined;
      while (digit(i)) i++;
      plain = false;
    }
    if (text.charCodeAt(i) === 101) {
      i++;
      if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
      if (!digit(i)) return undefined;
      while (digit(i)) i++;
      plain = false;
    }
    const number = plain ? (negative ? -value : value) : Number(text.slice(start, i));
    if (!Number.isFinite(number)) return undefined;
    out.push(number);
    if (i === n) return out;
    if (text.charCodeAt(i) !== 44) return undefined;
    i++;
  }
}

function valid(run: number[], numGlyphs: number): run is StoredRun {
  if (run.length < 2 || (run[1] !== 0 && run[1] !== 1)) return false;
  for (let i = 2; i < run.length; i += 5 + run[i + 4]) {
    const n = run[i + 4];
    if (!Number.isInteger(run[i]) || run[i] < 0 || run[i] >= numGlyphs || !Number.isInteger(n) || n < 0 || i + 5 + n > run.length) return false;
    for (let k = i + 5; k < i + 5 + n; k++) if (!Number.isInteger(run[k]) || run[k] < 0 || run[k] > 0x10ffff) return false;
  }
  return true;
}

/** The stored shaping of a word (key: direction asked for, if any, and the word), if kept and sound. */
export function storedRun(font: StoreFont, key: string): StoredRun | undefined {
  const store = storeOf(font);
  let text = store?.runs.get(key);
  if (text === undefined && store) {
    // Shaped for another locale of this process, in the same font: the same shaping (a word is
    // shaped without its language), and now kept in this locale's part too.
    text = stores.get(`${previous}\u0000${font.spec}`)?.runs.get(key);
    if (text !== undefined) store.runs.set(key, text), store.added++;
  }
  const run = text === undefined ? undefined : parseRun(text);
  return run && valid(run, font.numGlyphs) ? run : undefined;
}

/**
 * Longer texts are not kept: words and the runs line breaking measures are far shorter, and a
 * pasted run of thousands of characters would be kept whole (and each piece of it a line took).
 */
const LONGEST_KEPT = 200;

/** Keeps a word's shaping for the next process (written by saveShapeStores). */
export function storeRun(font: StoreFont, key: string, run: StoredRun): void {
  if (key.length > LONGEST_KEPT) return;
  const store = storeOf(font);
  if (!store || store.runs.has(key)) return;
  store.runs.set(key, run.join(','));
  store.added++;
}

/**
 * Writes every store that gained words (a temporary file renamed over the old: a reader sees
 * the old store or the new one). The oldest words go first past LIMIT, the oldest stores past
 * FILES. Called when a build ends; a cache that cannot be written is left as it was.
 */
export function saveShapeStores(): void {
  let wrote = false;
  for (const store of stores.values()) {
    if (!store?.added) continue;
    const entries = [...store.runs].slice(-LIMIT);
    try {
      writeAtomically(store.file, Buffer.from(JSON.stringify({ format: FORMAT, runs: Object.fromEntries(entries) })));
      store.added = 0;
      wrote = true;
    } catch {
      // read-only or full: the next process shapes again
    }
  }
  if (wrote) prune();
}

function prune(): void {
  try {
    const files = readdirSync(dir())
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f: path.join(dir(), f), t: statSync(path.join(dir(), f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(FILES)) rmSync(f, { force: true });
  } catch {
    // nothing to prune
  }
}

/** Forgets the loaded stores (tests, and a long-running process after fonts changed on disk). */
export function forgetShapeStores(): void {
  stores.clear();
}
