// The translatable units of a content file, the pieces a translator translates one by one: each
// translatable front matter text, each Markdown paragraph, heading, list item and quote of the
// body, each string of strings.yaml (each plural form). Status counts their words and compares
// them with the English; XLIFF exports them and writes translations back into their places.
// Everything else (field names, file names, numbers, codes, directive lines) is structure that
// stays as it is.
import { createHash } from 'node:crypto';
import { isScalar, isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { normalizedText } from '../content/translation.js';
import { LruMap } from '../lru.js';

export interface Unit {
  /** Stable within a file: the field path (`cards[2].text`), `body[3]`, or `strings.key[.form]`. */
  id: string;
  text: string;
  /** 1-based line in the file. */
  line: number;
  /** May stay the same as the English without counting as untranslated (names, addresses). */
  mayMatchEnglish: boolean;
  /** Where the text is replaced: character offsets in the normalised file text. */
  start: number;
  end: number;
  /** How the text is written back: a YAML scalar (and in which style) or body lines with a prefix. */
  form: { kind: 'yaml'; style: string; flow: boolean; indent: string } | { kind: 'body'; prefix: string };
}

/**
 * Front matter fields that are structure, not text: codes, file names, numbers written as text,
 * handles, hashtags, emails and links. They are never units.
 */
const KEEP = [
  /^translation\b/,
  /^sourceHashes\b/,
  /^(paper|dateLocale)$/,
  /^detainedSince$/,
  /^activity$/,
  /(^|\.)photo\.src$/,
  /^status\.(kind|date)$/,
  /^facts\.detainedOn$/,
  /^updates\[\d+\]\.(date|status)$/,
  /^reviewed$/,
  /^verify\[\d+\]$/,
  /^steps\[\d+\]$/,
  /^handouts\[\d+\]$/,
  /^(delivery|returnBy|year)$/,
  /^background$/,
  /\.handle$/,
  /^hashtags\[\d+\]$/,
  /^authority\.email$/,
  /^resources\[\d+\]\.link$/,
  /^solidarity\.languages\[\d+\]\.code$/,
];

/** Texts a correct translation often leaves as in English: names, postal addresses, networks, ages. */
const MAY_MATCH = [/^(name|shortName|age|groupName)$/, /^people\[\d+\]\.(name|shortName)$/, /\.address\[\d+\]$/, /^returnTo\[\d+\]$/, /\.network$/, /^quote\.by$/, /^impactStories\[\d+\]\.person$/];

const pathId = (p: (string | number)[]) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');

function yamlUnits(text: string, offset: number, lineOffset: number, counter: LineCounter, root: Node | null, prefix: (string | number)[]): Unit[] {
  const units: Unit[] = [];
  const walk = (node: Node | null, p: (string | number)[], flow: boolean) => {
    if (isMap(node)) {
      const inFlow = flow || !!node.flow;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        walk(pair.value as Node | null, [...p, key], inFlow);
      }
    } else if (isSeq(node)) {
      const inFlow = flow || !!node.flow;
      node.items.forEach((item, i) => walk(item as Node | null, [...p, i], inFlow));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
      // strings.yaml keys contain dots (doc.story): a plural form is written key#form.
      const id = prefix[0] === 'strings' ? String(p[1]) + (p.length > 2 ? `#${p[2]}` : '') : pathId(p);
      const local = pathId(p.slice(prefix.length));
      if (KEEP.some((k) => k.test(local)) || !node.value.trim()) return;
      const start = node.range[0];
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      // A block scalar's lines are indented deeper than the line of its key.
      const nextLine = text.slice(text.indexOf('\n', start) + 1);
      const indent = String(node.type).startsWith('BLOCK') ? /^ */.exec(nextLine)![0] : /^ */.exec(text.slice(lineStart))![0] + '  ';
      units.push({
        id,
        text: node.value,
        line: counter.linePos(start).line + lineOffset,
        mayMatchEnglish: MAY_MATCH.some((m) => m.test(local)),
        start: offset + start,
        end: offset + node.range[1],
        form: { kind: 'yaml', style: String(node.type), flow, indent },
      });
    }
  };
  let node: Node | null = root;
  for (const k of prefix) node = isMap(node) ? ((node.get(k, true) as Node | undefined) ?? null) : null;
  walk(node, prefix, false);
  return units;
}

/** Paragraphs, headings, list items and quotes of a Markdown body (`:::` lines are structure). */
function bodyUnits(body: string, offset: number, firstLine: number): Unit[] {
  const units: Unit[] = [];
  const lines = body.split('\n');
  const starts: number[] = [];
  let pos = 0;
  for (const l of lines) starts.push(pos), (pos += l.length + 1);
  let i = 0;
  const push = (from: number, to: number, firstPrefix: string, prefix: string) => {
    const start = starts[from] + firstPrefix.length;
    const end = starts[to] + lines[to].length;
    const text = lines
      .slice(from, to + 1)
      .map((l, k) => (k === 0 ? l.slice(firstPrefix.length) : l.startsWith(prefix) ? l.slice(prefix.length) : l))
      .join('\n');
    if (!text.trim()) return;
    units.push({ id: `body[${units.length}]`, text, line: firstLine + from, mayMatchEnglish: false, start: offset + start, end: offset + end, form: { kind: 'body', prefix } });
  };
  const isItem = (l: string) => /^\s*([-*+]|\d+[.)])\s+/.test(l);
  const isBreak = (l: string) => !l.trim() || /^:::/.test(l.trim()) || /^#{1,6}\s/.test(l) || isItem(l);
  while (i < lines.length) {
    const l = lines[i];
    // Blank lines, fences and the empty `>` lines between paragraphs of a quote are structure.
    if (!l.trim() || /^:::/.test(l.trim()) || /^>\s*$/.test(l)) {
      i++;
      continue;
    }
    const heading = /^#{1,6}\s+/.exec(l);
    if (heading) {
      push(i, i, heading[0], '');
      i++;
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+/.exec(l);
    if (item) {
      let j = i;
      const indent = ' '.repeat(item[0].length);
      while (j + 1 < lines.length && lines[j + 1].trim() && !isBreak(lines[j + 1]) && /^\s/.test(lines[j + 1])) j++;
      push(i, j, item[0], indent);
      i = j + 1;
      continue;
    }
    const quote = /^>\s?/.exec(l);
    if (quote) {
      let j = i;
      while (j + 1 < lines.length && /^>/.test(lines[j + 1]) && lines[j + 1].replace(/^>\s?/, '').trim()) j++;
      push(i, j, quote[0], quote[0]);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j + 1 < lines.length && !isBreak(lines[j + 1]) && !/^>/.test(lines[j + 1])) j++;
    push(i, j, '', '');
    i = j + 1;
  }
  return units;
}

// A build asks for the units of the same files again and again (the quote check of every case's
// files, the translation status of every locale against the same English), and each asking parsed
// the YAML anew. Units are a pure function of the text and the file's name, and nobody changes them.
const parsedUnits = new LruMap<string, readonly Unit[]>(200);

/** The units of a content file, given its text (normalised here: LF, NFC, no BOM). The list is shared: do not change it. */
export function unitsOf(rawText: string, rel: string): Unit[] {
  const key = `${rel}:${createHash('sha256').update(rawText).digest('hex')}`;
  let units = parsedUnits.get(key);
  if (!units) parsedUnits.set(key, (units = Object.freeze(parseUnits(rawText, rel))));
  return units as Unit[];
}

function parseUnits(rawText: string, rel: string): Unit[] {
  const text = normalizedText(rawText);
  if (/\.ya?ml$/.test(rel)) {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    if (doc.errors.length) return [];
    return yamlUnits(text, 0, 0, counter, doc.contents as Node | null, ['strings']);
  }
  if (!text.startsWith('---\n')) return [];
  const closing = text.slice(4).search(/^---\s*$/m);
  if (closing < 0) return [];
  const fm = text.slice(4, 4 + closing);
  const counter = new LineCounter();
  const doc = parseDocument(fm, { lineCounter: counter });
  if (doc.errors.length) return [];
  const front = yamlUnits(text, 4, 1, counter, doc.contents as Node | null, []);
  const afterFence = 4 + closing + text.slice(4 + closing).indexOf('\n') + 1;
  const bodyStart = afterFence > 4 + closing ? afterFence : text.length;
  const firstLine = text.slice(0, bodyStart).split('\n').length;
  return [...front, ...bodyUnits(text.slice(bodyStart), bodyStart, firstLine)];
}

// Making a segmenter costs more than segmenting a sentence with it: one per locale.
const segmenters = new Map<string, Intl.Segmenter>();

// The English words are counted again for the status of every locale.
const counted = new LruMap<string, number>(20_000);

/** Words of a text as a reader counts them (Intl word segmentation, so every script counts). */
export function wordCount(text: string, locale = 'en'): number {
  const key = `${locale}\u0000${text}`;
  let n = counted.get(key);
  if (n === undefined) counted.set(key, (n = countWords(text, locale)));
  return n;
}

function countWords(text: string, locale: string): number {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  let n = 0;
  // Placeholders are filled by the tool: "{label}:" has no word to translate.
  for (const s of segmenter.segment(text.replace(/\{[^{}\s]+\}/g, ' '))) if (s.isWordLike) n++;
  return n;
}

/** The placeholders of a label: `{name}`, `{page}`, in order, written as in the text. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{[^{}\s]+\}/g)].map((m) => m[0]);
}

/** A value written as a translator would: without quotes where YAML reads it back the same. */
export function yamlValue(value: string, flow: boolean, blockIndent?: string): string {
  // A long text outside braces is folded over lines, as the hand-written files do.
  if (!flow && blockIndent && blockIndent.length + value.length > 72) return yamlScalar(value, { style: 'BLOCK_FOLDED', flow, indent: blockIndent });
  return yamlScalar(value, { style: 'PLAIN', flow, indent: '' });
}

/** A YAML scalar for a new value, in the style of the one it replaces where that is safe. */
function yamlScalar(value: string, form: { style: string; flow: boolean; indent: string }): string {
  const oneLine = !value.includes('\n') && value === value.trim() && !/ {2}/.test(value);
  if (form.style.startsWith('BLOCK') && oneLine) {
    // Folded block: line breaks between words read as spaces, so the text may be wrapped.
    const width = Math.max(40, 79 - form.indent.length); // the content files wrap at 80 columns
    const lines: string[] = [];
    for (const word of value.split(' ')) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
      else lines.push(word);
    }
    return `>-\n${lines.map((l) => form.indent + l).join('\n')}`;
  }
  // A quoted text stays quoted and a plain one plain where it can: the smallest change to the file.
  if (form.style === 'PLAIN' && oneLine && plainIsSafe(value, form.flow)) return value;
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

/** Whether the value reads back the same written without quotes (inside braces, for a flow map). */
function plainIsSafe(value: string, flow: boolean): boolean {
  try {
    const doc = parseDocument(flow ? `{k: ${value}}` : `k: ${value}`);
    return !doc.errors.length && (doc.toJS() as { k?: unknown })?.k === value;
  } catch {
    return false;
  }
}

/**
 * The file's text with some units replaced (by id), each written the way a translator editing the
 * file by hand would: the same YAML style where it is safe, the same line prefixes in the body.
 * Units whose text does not change keep their bytes.
 */
export function replaceUnits(rawText: string, rel: string, targets: Map<string, string>): string {
  const text = normalizedText(rawText);
  const units = unitsOf(text, rel)
    .filter((u) => targets.has(u.id) && targets.get(u.id) !== u.text)
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const u of units) {
    const value = targets.get(u.id)!;
    const original = out.slice(u.start, u.end);
    const trailing = u.form.kind === 'yaml' ? /\s*$/.exec(original)![0] : '';
    const written = u.form.kind === 'body' ? value.split('\n').join(`\n${u.form.prefix}`) : yamlScalar(value, u.form) + trailing;
    out = out.slice(0, u.start) + written + out.slice(u.end);
  }
  return out;
}
