// Setting a paragraph: split styled text into runs by script and font coverage, compute bidi levels
// (UAX #9, bidi-js), find break opportunities (UAX #14, linebreak), fill lines greedily on the
// logical text, then order each line's runs visually (rule L2). pdfkit never breaks or reorders our
// text: every run is drawn on its own with lineBreak off.
import bidiModule from 'bidi-js';
import { LruMap } from '../lru.js';
import { lineBreaks } from './breaks.js';
import { splitMarks } from '../i18n/fallback-marks.js';
import { scriptOfCodePoint, type Face, type FontBook } from './fonts.js';
import { BASELINE_OFFSET } from './theme.js';

// bidi-js ships CommonJS whose export is the factory itself; its typings describe an ES default.
const bidi = (bidiModule as unknown as typeof bidiModule.default)();

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  link?: string;
  /** Preview builds: the locale this text fell back to. */
  fallback?: string;
}

export type Align = 'start' | 'center' | 'end' | 'justify';

export interface TextStyle {
  size: number;
  /** Line height as a multiple of the size. */
  leading: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  align: Align;
}

/** One run of a set line, positioned from the left edge of the paragraph box. */
export interface PlacedRun {
  x: number;
  width: number;
  text: string;
  face: Face;
  size: number;
  color: string;
  rtl: boolean;
  /** For RTL words: the text as written (logical order, unmirrored), for copy-paste. */
  actual?: string;
  /** Where the run starts in the paragraph's text: lines list their runs in this (reading) order. */
  logicalStart: number;
  fallback?: string;
  wordSpacing?: number;
  link?: string;
}

export interface SetLine {
  runs: PlacedRun[];
  width: number;
  /** Baseline, from the top of the paragraph. */
  baseline: number;
}

export interface SetParagraph {
  lines: SetLine[];
  height: number;
  lineHeight: number;
  /** The widest line: more than the box width means a word could not be broken to fit. */
  widest: number;
  /** Characters no configured font covers. */
  missing: string[];
  /** A word was wider than the box and had to be cut where no break is allowed. */
  forced: boolean;
}

export interface TextContext {
  book: FontBook;
  rtl: boolean;
  /** Inserts soft hyphens (U+00AD) at the break points of the locale's patterns. */
  hyphenate?: (text: string) => string;
  /** Names never broken inside, where a dictionary finds the breaks (Thai): see breaks.ts. */
  names?: readonly string[];
  /** The document's locale: a script may be set in a family of its language's own (FontBook.familyForScript). */
  locale?: string;
}

const SHY = '\u00AD';
// Bidi isolates (LRI … PDI) around Latin tokens in RTL text; never drawn or measured.
const ISOLATES = /[\u2066-\u2069]/g;
const HAS_ISOLATE = /[\u2066-\u2069]/;
const LRI = '\u2066';
const PDI = '\u2069';

/**
 * In right-to-left text, a hashtag, handle, email or URL must read as one left-to-right unit:
 * left to the bidi algorithm alone, its leading "#" or "@" and trailing "/" are neutrals that
 * take the Arabic direction and jump to the other end ("FreeKalesnikava#"). Each such token
 * (a word with Latin letters or digits and no RTL letter) is isolated, minus the sentence
 * punctuation around it.
 */
// A run of words without RTL letters, each with a Latin letter or digit ("Ministry of Foreign
// Affairs", "#FreeKalesnikava #W4R24"): one isolate for the run keeps its words in order.
const LATIN_RUN = /[^\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[A-Za-z0-9][^\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*(?:[ \u00A0]+[^\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*[A-Za-z0-9][^\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]*)*/g;

// Punctuation that stays outside a token's isolate, to take the direction of the text around it:
// brackets and quotation marks of every kind on either side (German „…“ and ‚…‘ as well as «…»
// and “…”), sentence punctuation after it. A leading hyphen or "#" stays inside ("-5", "#W4R24").
const TOKEN_OPENING = /^[\p{Ps}\p{Pi}\p{Pf}"']*/u;
const TOKEN_CLOSING = /[.,;:!?\u060c\u061b\p{Pe}\p{Pf}\p{Pi}"']*$/u;
// Joined to an RTL word before it ("ו-2020", "ב-Facebook", "و/2020"), a hyphen, dash or slash is
// that word's: isolated with the token, it would be drawn at the token's far end ("-2020").
const JOINED_OPENING = /^[\p{Pd}\p{Ps}\p{Pi}\p{Pf}"'/\u05BE]*/u;

function isolateLatinTokens(text: string): string {
  return text.replace(LATIN_RUN, (run: string, at: number) => {
    const joined = at > 0 && RTL_CHARS.test(text[at - 1]);
    const before = (joined ? JOINED_OPENING : TOKEN_OPENING).exec(run)![0];
    const rest = run.slice(before.length);
    const after = TOKEN_CLOSING.exec(rest)![0];
    const core = rest.slice(0, rest.length - after.length);
    return /[A-Za-z0-9]/.test(core) ? `${before}${LRI}${core}${PDI}${after}` : run;
  });
}
const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const SPACE = /\s/;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

interface Prepared {
  text: string;
  /** Per UTF-16 unit: index into spans. */
  spanOf: Uint16Array;
  /** Per UTF-16 unit: the face it is set in. */
  faceOf: Face[];
  levels: Uint8Array;
  missing: string[];
  /** The text has soft hyphens or bidi isolates, which are never measured or drawn: pieces drop them. */
  unseen: boolean;
}

function faceStyle(span: Span, style: TextStyle) {
  return { bold: !!(span.bold ?? style.bold), italic: !!(span.italic ?? style.italic) };
}

/** Whether a code point is white space as JavaScript's \s says (Unicode's, and the BOM). */
export function isSpace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  if (cp < 0xa0) return false;
  return cp === 0xa0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}
const isSpaceOrIsolate = (cp: number) => isSpace(cp) || (cp >= 0x2066 && cp <= 0x2069);

/** The first script other than Common in the word (up to white space) that starts at `from`. */
function wordScript(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (isSpace(cp)) return undefined;
    const script = scriptOfCodePoint(cp);
    if (script !== 'Common') return script;
    i += cp > 0xffff ? 2 : 1;
  }
  return undefined;
}

function prepare(spans: Span[], style: TextStyle, ctx: TextContext): Prepared {
  const { book } = ctx;
  const parts = spans.map((s) => (ctx.hyphenate ? ctx.hyphenate(s.text) : s.text));
  const text = parts.join('');
  const spanOf = new Uint16Array(text.length);
  let at = 0;
  parts.forEach((p, i) => {
    spanOf.fill(i, at, at + p.length);
    at += p.length;
  });

  // Families: a script's own family; Common characters (spaces, digits, punctuation) join the
  // family before them; any character the chosen family lacks tries the fallbacks.
  // Read by code point: a string per character (and a copy of the rest of the text at each word
  // that starts with punctuation) made this a tenth of what a build allocated (issue 13).
  const families: string[] = new Array(text.length);
  const missing: string[] = [];
  let current = book.defaultFamily;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const script = scriptOfCodePoint(cp);
    // At the start of a word (after a space or an isolate), punctuation such as the "#" of a
    // hashtag belongs with the word that follows, not with the text before it.
    if (script === 'Common' && (i === 0 || isSpaceOrIsolate(text.charCodeAt(i - 1)))) {
      const nextScript = wordScript(text, i);
      if (nextScript) current = book.familyForScript(nextScript, ctx.locale) ?? book.defaultFamily;
    }
    let family = script === 'Common' ? current : (book.familyForScript(script, ctx.locale) ?? book.defaultFamily);
    if (!isSpaceOrIsolate(cp) && cp !== 0xad && !book.covers(family, cp)) {
      const found = book.fallbackFamilies.find((f) => book.covers(f, cp));
      if (found) family = found;
      else if (!missing.includes(String.fromCodePoint(cp))) missing.push(String.fromCodePoint(cp));
    }
    if (script !== 'Common') current = family;
    for (let k = 0; k < width; k++) families[i + k] = family;
    i += width;
  }
  // A leading run of Common characters takes the family of the first real script after it. Its
  // end is an index into the text (UTF-16 units), as families are: a count of characters fell
  // short by one for each emoji before it.
  let firstScripted = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (scriptOfCodePoint(cp) !== 'Common') {
      firstScripted = i;
      break;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (firstScripted > 0) {
    const fam = families[firstScripted] ?? book.defaultFamily;
    for (let i = 0; i < firstScripted; i++) if (book.covers(fam, text.charCodeAt(i))) families[i] = fam;
  }

  // One face per run of a family in a span (book.face makes a key string for each lookup).
  const faceOf: Face[] = new Array(text.length);
  for (let i = 0; i < text.length; i++)
    faceOf[i] = i > 0 && families[i] === families[i - 1] && spanOf[i] === spanOf[i - 1] ? faceOf[i - 1] : book.face(families[i], faceStyle(spans[spanOf[i]], style));
  // A line with right-to-left letters takes the document's direction; one without any (a Latin
  // address line or handle in an Arabic handout) is left to right, or "246035, Homel" would be
  // reordered to "Homel ,246035".
  // Each line of a paragraph (hard breaks separate an address's lines) gets its own direction.
  const levels = new Uint8Array(text.length);
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (RTL_CHARS.test(line)) levels.set(embeddingLevels(line, ctx.rtl ? 'rtl' : 'ltr'), lineStart);
    lineStart += line.length + 1;
  }
  return { text, spanOf, faceOf, levels, missing, unseen: text.includes(SHY) || HAS_ISOLATE.test(text) };
}

// The bidi levels of a line of text, by direction and text: a paragraph is set again for each size
// tried and each document that prints it (the guide and the pack), and bidi-js works through the
// whole line each time. Read only (copied into the paragraph's levels).
const lineLevels = new LruMap<string, Uint8Array>(5_000);
function embeddingLevels(line: string, direction: 'rtl' | 'ltr'): Uint8Array {
  const key = direction[0] + line;
  let levels = lineLevels.get(key);
  if (!levels) lineLevels.set(key, (levels = bidi.getEmbeddingLevels(line, direction).levels));
  return levels;
}

/** Width of text[a, b) as set, soft hyphens removed. */
function measure(p: Prepared, a: number, b: number, size: number, book: FontBook): number {
  let width = 0;
  let start = a;
  for (let i = a + 1; i <= b; i++) {
    if (i === b || p.faceOf[i] !== p.faceOf[start] || p.levels[i] !== p.levels[start]) {
      const piece = p.unseen ? p.text.slice(start, i).replaceAll(SHY, '').replace(ISOLATES, '') : p.text.slice(start, i);
      if (piece) width += book.width(p.faceOf[start], piece, size);
      start = i;
    }
  }
  return width;
}

/**
 * No unbreakable run this long fits a line any document sets; one of thousands of characters (a
 * pasted hash, a run of one letter) was shaped whole once for every line cut from it, and each
 * rest kept: minutes, gigabytes, and a shape store of hundreds of megabytes (issue 13).
 */
const LONGEST_FITTING = 256;

/** measure(), or Infinity for a run longer than any line holds (cutting it measures its lines' prefixes). */
function widthUpTo(p: Prepared, a: number, b: number, size: number, book: FontBook): number {
  return b - a > LONGEST_FITTING ? Infinity : measure(p, a, b, size, book);
}

function trimEnd(text: string, a: number, b: number): number {
  while (b > a && (SPACE.test(text[b - 1]) || text[b - 1] === '\n')) b--;
  return b;
}

interface LineSpan {
  start: number;
  end: number;
  hyphen: boolean;
  last: boolean;
}

function breakLines(p: Prepared, style: TextStyle, width: number, book: FontBook, names?: readonly string[]): LineSpan[] & { forced?: boolean } {
  const lines: LineSpan[] & { forced?: boolean } = [];
  let lineStart = 0;
  let lastFit = -1; // end of the last segment that fits on the current line
  let lastFitHyphen = false;
  // Width of the line so far, spaces included: segments are measured one by one (words repeat,
  // so their widths come from the font book's cache) instead of re-shaping the growing line.
  let before = 0;
  let segStart = 0;
  const fits = (w: number) => w <= width + 0.01;
  const hyphenWidth = (at: number) => book.width(p.faceOf[Math.max(0, at - 1)], '-', style.size);

  const push = (end: number, hyphen: boolean, last: boolean) => {
    lines.push({ start: lineStart, end, hyphen, last });
    lineStart = end;
    lastFit = -1;
    before = 0;
  };

  for (const brk of lineBreaks(p.text, names)) {
    const end = brk.position;
    const hyphen = p.text[end - 1] === SHY;
    const contentEnd = trimEnd(p.text, segStart, end);
    const content = widthUpTo(p, segStart, contentEnd, style.size, book) + (hyphen ? hyphenWidth(contentEnd) : 0);
    if (!fits(before + content) && lastFit > lineStart) push(lastFit, lastFitHyphen, false);
    // The segment alone may still be wider than the line (a long URL): cut it where it must.
    while (lineStart === segStart && !fits(widthUpTo(p, segStart, trimEnd(p.text, segStart, end), style.size, book))) {
      let cut = segStart + 1;
      while (cut < end && measure(p, segStart, cut + 1, style.size, book) <= width) cut++;
      if (cut >= trimEnd(p.text, segStart, end)) break;
      lines.forced = true;
      push(cut, false, false);
      segStart = cut;
    }
    before += measure(p, segStart, end, style.size, book);
    segStart = end;
    if (brk.required || end === p.text.length) push(end, false, true);
    else {
      lastFit = end;
      lastFitHyphen = hyphen;
    }
  }
  if (lines.length === 0) lines.push({ start: 0, end: 0, hyphen: false, last: true });
  return lines;
}

/** Break opportunities inside text[a, b), trailing spaces ignored: 0 means one word. */
function breaksWithin(p: Prepared, a: number, b: number, names?: readonly string[]): number {
  const end = trimEnd(p.text, a, b);
  let n = 0;
  for (const brk of lineBreaks(p.text.slice(a, end), names)) if (brk.position < end - a && !brk.required) n++;
  return n;
}

/**
 * A paragraph whose last line is a single word looks unfinished (and, on a card, like a mistake).
 * Where the word before it can come down (the last line still fits and the line above keeps at
 * least two words), it does: only the break between the last two lines moves, every other line
 * stays as the greedy fill set it. Each line of a hard-broken paragraph (an address) is its own
 * unit, so those are left alone.
 */
function avoidLoneLastWord(p: Prepared, style: TextStyle, width: number, book: FontBook, names?: readonly string[]): ReturnType<typeof breakLines> {
  const lines = breakLines(p, style, width, book, names);
  const n = lines.length;
  if (n < 2 || lines.forced || p.text.includes('\n')) return lines;
  const [pen, last] = [lines[n - 2], lines[n - 1]];
  if (breaksWithin(p, last.start, last.end, names) > 0) return lines;
  const inPen = lineBreaks(p.text.slice(pen.start, trimEnd(p.text, pen.start, pen.end)), names).filter((k) => !k.required && k.position > 0);
  const at = inPen.length >= 3 ? pen.start + inPen[inPen.length - 2].position : -1;
  if (at <= pen.start) return lines;
  const hyphen = p.text[at - 1] === SHY;
  if (measure(p, at, trimEnd(p.text, at, last.end), style.size, book) > width + 0.01) return lines;
  const out: LineSpan[] & { forced?: boolean } = [...lines.slice(0, n - 2), { ...pen, end: at, hyphen }, { ...last, start: at }];
  return out;
}

interface Piece {
  start: number;
  end: number;
  level: number;
}

/** Split a line into pieces of one face, one span and one bidi level, in logical order. */
function piecesOf(p: Prepared, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let s = start;
  for (let i = start + 1; i <= end; i++) {
    if (
      i === end ||
      p.faceOf[i] !== p.faceOf[s] ||
      p.spanOf[i] !== p.spanOf[s] ||
      p.levels[i] !== p.levels[s]
    ) {
      pieces.push({ start: s, end: i, level: p.levels[s] });
      s = i;
    }
  }
  return pieces;
}

/** UAX #9 rule L2: from the highest level down to the lowest odd one, reverse runs at that level or above. */
function visualOrder(pieces: Piece[]): Piece[] {
  const order = pieces.slice();
  const max = Math.max(0, ...order.map((x) => x.level));
  const minOdd = Math.min(...order.map((x) => (x.level % 2 ? x.level : 99)), max + 1);
  for (let level = max; level >= minOdd && level > 0; level--) {
    for (let i = 0; i < order.length; ) {
      if (order[i].level >= level) {
        let j = i;
        while (j < order.length && order[j].level >= level) j++;
        const run = order.slice(i, j).reverse();
        order.splice(i, j - i, ...run);
        i = j;
      } else i++;
    }
  }
  return order;
}

function mirrored(p: Prepared, a: number, b: number): string {
  const map = bidi.getMirroredCharactersMap(p.text, p.levels as never, a, b - 1);
  let out = '';
  for (let i = a; i < b; i++) out += map.get(i) ?? p.text[i];
  return out;
}

export function setParagraph(marked: Span[], style: TextStyle, width: number, ctx: TextContext): SetParagraph {
  const { book } = ctx;
  // Preview marks (text that fell back to another locale) become a property of the spans.
  const spans = marked.flatMap((s) =>
    splitMarks(s.text).map((part) => ({
      ...s,
      text: ctx.rtl ? isolateLatinTokens(part.text) : part.text,
      ...(part.fallback ? { fallback: part.fallback } : {}),
    })),
  );
  dropSpacesAtFullWidthPunctuation(spans);
  const p = prepare(spans, style, ctx);
  const lineHeight = style.size * style.leading;
  const lines: SetLine[] = [];
  let widest = 0;
  const broken = avoidLoneLastWord(p, style, width, book, ctx.names);
  for (const [index, ln] of broken.entries()) {
    const end = trimEnd(p.text, ln.start, ln.end);
    const pieces = visualOrder(piecesOf(p, ln.start, end));
    const runs: PlacedRun[] = [];
    let x = 0;
    for (const piece of pieces) {
      const span = spans[p.spanOf[piece.start]];
      const face = p.faceOf[piece.start];
      const rtl = piece.level % 2 === 1;
      let text = (rtl ? mirrored(p, piece.start, piece.end) : p.text.slice(piece.start, piece.end)).replaceAll(SHY, '').replace(ISOLATES, '');
      if (ln.hyphen && piece.end === end) text += '-';
      if (!text) continue;
      const color = span.color ?? style.color;
      // Runs are written out key by key, never spread from a common part: spread and then
      // overridden, they were slow to make and to read back (every run of every line).
      if (!rtl) {
        const w = book.width(face, text, style.size);
        runs.push({ face, size: style.size, color, rtl, link: span.link, logicalStart: piece.start, fallback: span.fallback, x, width: w, text });
        x += w;
        continue;
      }
      // pdfkit shapes text word by word and rejoins the words left to right, so an RTL run is
      // drawn as separate words, the first (logical) word rightmost.
      // Mirroring (« → ») maps one character to one, so the logical words line up with the drawn ones.
      const logical = p.text.slice(piece.start, piece.end).replaceAll(SHY, '').replace(ISOLATES, '').split(/( +)/).filter((w) => w.length);
      const words = text.split(/( +)/).filter((w) => w.length);
      const total = book.width(face, text, style.size);
      let right = x + total;
      let offset = piece.start;
      words.forEach((word, i) => {
        // Measured as drawn: the painter shapes each word of an RTL run right to left, neutrals
        // alone (").", "»،") as well, so their characters stay in logical order here.
        const w = (book.shape(face, word, 'rtl').advanceWidth / face.unitsPerEm) * style.size;
        if (word.trim()) {
          runs.push({ face, size: style.size, color, rtl, link: span.link, logicalStart: offset, fallback: span.fallback, x: right - w, width: w, text: word, actual: logical[i] ?? word });
        }
        offset += (logical[i] ?? word).length;
        right -= w;
      });
      x += total;
    }
    const lineWidth = x;
    widest = Math.max(widest, lineWidth);
    let shift = 0;
    // Chinese and Japanese have no word spaces: stretching the odd space of an embedded Latin word
    // would tear the line apart, so their lines are set flush to the start instead.
    const align = style.align === 'justify' && (ln.last || CJK.test(p.text.slice(ln.start, end))) ? 'start' : style.align;
    const startIsLeft = !ctx.rtl;
    if (align === 'center') shift = (width - lineWidth) / 2;
    else if ((align === 'start' && !startIsLeft) || (align === 'end' && startIsLeft)) shift = width - lineWidth;
    else if (align === 'justify') justify(runs, width - lineWidth);
    for (const r of runs) r.x += shift;
    // Drawn in reading order, so text extractors that keep content order (pdf.js) read it as written.
    if (pieces.some((pc) => pc.level > 0)) runs.sort((a, b) => a.logicalStart - b.logicalStart);
    lines.push({ runs, width: lineWidth, baseline: index * lineHeight + lineHeight / 2 + style.size * BASELINE_OFFSET });
  }
  return { lines, height: lines.length * lineHeight, lineHeight, widest, missing: p.missing, forced: !!broken.forced };
}

// Full-width punctuation (、。：「」（）) carries its own space: a Latin space next to it, as a
// template writes after a label ("国： キルギス"), would double the gap.
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]/u;
function dropSpacesAtFullWidthPunctuation(spans: Span[]): void {
  spans.forEach((span, i) => {
    const before = i > 0 ? spans[i - 1].text.slice(-1) : '';
    // Compose binds a label to its value with a no-break space: that one goes too.
    let text = span.text.replace(/(?<=[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65])[ \u00A0]+|[ \u00A0]+(?=[\u3008-\u3011\u3014-\u301B\uFF08\uFF3B\uFF5B])/gu, '');
    if (FULL_WIDTH_PUNCTUATION.test(before)) text = text.replace(/^[ \u00A0]+/, '');
    span.text = text;
  });
}

/** Spread the slack over the spaces of a line: pdfkit's wordSpacing inside LTR runs, shifts between RTL words. */
function justify(runs: PlacedRun[], slack: number): void {
  const spacesIn = (r: PlacedRun) => (r.rtl ? 0 : (r.text.match(/ /g)?.length ?? 0));
  const rtlGap = (i: number) => (runs[i].rtl && runs[i + 1]?.rtl ? 1 : 0);
  const gaps = runs.reduce((n, r, i) => n + spacesIn(r) + rtlGap(i), 0);
  if (slack <= 0 || gaps === 0) return;
  const per = slack / gaps;
  let offset = 0; // runs are in visual order, left to right
  runs.forEach((r, i) => {
    r.x += offset;
    const spaces = spacesIn(r);
    if (spaces) {
      r.wordSpacing = per;
      r.width += per * spaces;
    }
    offset += per * (spaces + rtlGap(i));
  });
}
