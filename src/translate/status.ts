// Translation status per locale, in figures a coordinator can trust: every content file and every
// string key of the English source, each translated, inherited (from a parent locale such as fr
// for fr-CA), missing (falls back to English), untranslated (scaffolded, not yet started), the same
// as the English (a string left in English), or outdated (the English changed since). Progress is
// counted in words of English source text, so a case file weighs what its words weigh; a unit of
// a translated file still identical to the English counts as not done.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { layeredPaths, layerOf, type ContentLayer, type ContentRoot } from '../content/load.js';
import { normalizedText, readTranslation, snapshotPath, sourceVersion, stringVersions, yamlFileData } from '../content/translation.js';
import { languageName } from '../i18n/formats.js';
import { fallbackChain, SOURCE_LOCALE } from '../i18n/locale.js';
import { lineDiff } from './diff.js';
import { unitsOf, wordCount, type Unit } from './units.js';

export type ItemState = 'translated' | 'inherited' | 'missing' | 'untranslated' | 'english' | 'outdated';

export interface StatusRow {
  item: string;
  kind: 'file' | 'string';
  state: ItemState;
  /** Where the text comes from when it is not the locale's own. */
  from?: string;
  /** The layer the locale's own file was read from, when the project has several. */
  layer?: ContentLayer['name'];
  /** draft or reviewed, for the locale's own translated file (strings: the strings.yaml's). */
  review?: 'draft' | 'reviewed';
  /** Words of the English source text of this item. */
  words: number;
  /** Of those, words translated and current (inherited text counts: it is in the locale's language). */
  done: number;
  /** Units of a translated file still the same as the English: id and line. */
  sameAsEnglish?: { id: string; line: number }[];
  /** OUTDATED: what changed in the English since the translation was made. */
  changes?: string[];
}

export interface LocaleStatus {
  locale: string;
  rows: StatusRow[];
  words: { total: number; done: number; draft: number; reviewed: number };
  strings: { total: number; done: number };
  files: { total: number; done: number };
  percent: number;
}

/** Content files of the source locale across the layers, relative to its folder (images excluded). */
export function sourceFiles(root: ContentRoot): string[] {
  const out = new Set<string>();
  for (const layer of root.layers) {
    const base = path.join(layer.dir, SOURCE_LOCALE);
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        if (name.startsWith('.')) continue;
        const full = path.join(dir, name);
        let isDir: boolean;
        try {
          isDir = statSync(full).isDirectory();
        } catch {
          continue; // a broken link: the build reports it where content names it
        }
        if (isDir) walk(full);
        else if (/\.(md|ya?ml)$/.test(name)) out.add(path.relative(base, full));
      }
    };
    if (existsSync(base)) walk(base);
  }
  return [...out].sort();
}

/** The file a locale's own copy of a content path is read from (project layer first), if any. */
export function ownFile(root: ContentRoot, locale: string, rel: string): string | undefined {
  return layeredPaths(root, locale, rel)[0];
}

const read = (file: string) => normalizedText(readFileSync(file, 'utf8'));

function stringsOf(file: string | undefined): Record<string, unknown> {
  try {
    return file ? (((yamlFileData(file) ?? {}) as { strings?: Record<string, unknown> }).strings ?? {}) : {};
  } catch {
    return {}; // gone since it was listed: check and build report it
  }
}

/** Texts a locale allows to stay as in English (strings.yaml `sameAsEnglish`), along its chain. */
export function allowedSameAsEnglish(root: ContentRoot, locale: string): Set<string> {
  const allowed = new Set<string>();
  for (const loc of fallbackChain(locale).filter((l) => l !== SOURCE_LOCALE))
    for (const file of layeredPaths(root, loc, 'strings.yaml')) {
      try {
        const listed = ((yamlFileData(file) ?? {}) as { sameAsEnglish?: unknown }).sameAsEnglish;
        // Not a list: reported by the loader.
        if (Array.isArray(listed)) for (const t of listed) allowed.add(String(t));
      } catch {
        // unreadable: reported by the loader
      }
    }
  return allowed;
}

const textWords = (units: Unit[]) => units.reduce((n, u) => n + wordCount(u.text), 0);

function review(status: string | undefined): 'draft' | 'reviewed' | undefined {
  return status === 'reviewed' ? 'reviewed' : status === 'draft' ? 'draft' : undefined;
}

/** What changed in an English file since the snapshot a translation was made from. */
function changesSince(snapshot: string, current: string): string[] {
  if (!existsSync(snapshot)) return ['(no copy of the English it was translated from: compare with the English file by hand)'];
  return lineDiff(read(snapshot), read(current));
}

function fileState(root: ContentRoot, locale: string, rel: string, allowed: Set<string>): StatusRow {
  const source = ownFile(root, SOURCE_LOCALE, rel)!;
  const englishUnits = unitsOf(read(source), rel);
  const words = textWords(englishUnits);
  const own = ownFile(root, locale, rel);
  const layer = own && root.layers.length > 1 ? layerOf(root, own) : undefined;
  const base = { item: rel, kind: 'file' as const, words, ...(layer ? { layer } : {}) };
  if (own) {
    const info = readTranslation(own);
    if (info.status === 'untranslated') return { ...base, state: 'untranslated', from: fallbackFrom(root, locale, rel), done: 0 };
    const rv = review(info.status);
    if (info.source && info.source !== sourceVersion(source))
      return { ...base, state: 'outdated', done: 0, ...(rv ? { review: rv } : {}), changes: changesSince(snapshotPath(own, rel), source) };
    const english = new Map(englishUnits.map((u) => [u.id, u]));
    const same = unitsOf(read(own), rel).filter((u) => {
      const en = english.get(u.id);
      return en && en.text === u.text && !en.mayMatchEnglish && !allowed.has(u.text.trim()) && wordCount(u.text) > 0;
    });
    const sameWords = textWords(same);
    return {
      ...base,
      state: 'translated',
      done: Math.max(0, words - sameWords),
      ...(rv ? { review: rv } : {}),
      ...(same.length ? { sameAsEnglish: same.map((u) => ({ id: u.id, line: u.line })) } : {}),
    };
  }
  const from = fallbackFrom(root, locale, rel);
  if (from === SOURCE_LOCALE) return { ...base, state: 'missing', from, done: 0 };
  // Inherited text is as reviewed as the parent's file it comes from.
  const parentReview = review(readTranslation(ownFile(root, from, rel)!).status);
  return { ...base, state: 'inherited', from, done: words, ...(parentReview ? { review: parentReview } : {}) };
}

function fallbackFrom(root: ContentRoot, locale: string, rel: string): string {
  for (const loc of fallbackChain(locale).slice(1)) {
    const file = ownFile(root, loc, rel);
    if (file && (loc === SOURCE_LOCALE || readTranslation(file).status !== 'untranslated')) return loc;
  }
  return SOURCE_LOCALE;
}

const plainWords = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' ? String((v as { other?: string }).other ?? '') : '');

function stringRows(root: ContentRoot, locale: string, allowed: Set<string>): StatusRow[] {
  const sourceFile = ownFile(root, SOURCE_LOCALE, 'strings.yaml');
  if (!sourceFile) return [];
  const versions = stringVersions(sourceFile);
  const english = stringsOf(sourceFile);
  const chain = fallbackChain(locale);
  const layers = chain.map((loc) => {
    // A locale's strings may be split over the layers: the project's keys over the bundled ones.
    const files = layeredPaths(root, loc, 'strings.yaml');
    const strings = Object.assign({}, ...files.reverse().map(stringsOf)) as Record<string, unknown>;
    const info = files.length ? readTranslation(files[files.length - 1]) : {};
    return { loc, strings, info, files, untranslated: info.status === 'untranslated' };
  });
  const own = layers[0];
  const ownPath = own.files[own.files.length - 1];
  const snapshot = ownPath ? stringsOf(snapshotPath(ownPath, 'strings.yaml')) : {};
  const hasSnapshot = ownPath ? existsSync(snapshotPath(ownPath, 'strings.yaml')) : false;
  const rv = review(own.info.status);
  return Object.keys(versions).map((key): StatusRow => {
    const words = wordCount(plainWords(english[key]));
    const base = { item: key, kind: 'string' as const, words };
    if (own.untranslated && key in own.strings) return { ...base, state: 'untranslated', from: SOURCE_LOCALE, done: 0 };
    if (key in own.strings) {
      const recorded = own.info.sourceHashes?.[key];
      if (recorded && recorded !== versions[key]) {
        const changes = hasSnapshot && key in snapshot ? [`- ${JSON.stringify(snapshot[key])}`, `+ ${JSON.stringify(english[key])}`] : [`+ ${JSON.stringify(english[key])}`];
        return { ...base, state: 'outdated', done: 0, ...(rv ? { review: rv } : {}), changes };
      }
      const value = own.strings[key];
      if (JSON.stringify(value) === JSON.stringify(english[key]) && !allowed.has(plainWords(value)) && words > 0)
        return { ...base, state: 'english', done: 0, ...(rv ? { review: rv } : {}) };
      return { ...base, state: 'translated', done: words, ...(rv ? { review: rv } : {}) };
    }
    const parent = layers.slice(1).find((l) => !l.untranslated && key in l.strings);
    const from = parent?.loc ?? SOURCE_LOCALE;
    if (from === SOURCE_LOCALE) return { ...base, state: 'missing', from, done: 0 };
    const parentReview = review(parent!.info.status);
    return { ...base, state: 'inherited', from, done: words, ...(parentReview ? { review: parentReview } : {}) };
  });
}

export function localeStatus(root: ContentRoot, locale: string): LocaleStatus {
  const allowed = allowedSameAsEnglish(root, locale);
  const files = sourceFiles(root)
    .filter((rel) => rel !== 'strings.yaml')
    .map((rel) => fileState(root, locale, rel, allowed));
  const strings = stringRows(root, locale, allowed);
  const rows = [...files, ...strings];
  const sum = (rs: StatusRow[], f: (r: StatusRow) => number) => rs.reduce((n, r) => n + f(r), 0);
  const total = sum(rows, (r) => r.words);
  const done = sum(rows, (r) => r.done);
  const isDone = (r: StatusRow) => r.state === 'translated' || r.state === 'inherited';
  return {
    locale,
    rows,
    words: {
      total,
      done,
      draft: sum(rows, (r) => (r.review === 'draft' ? r.done : 0)),
      reviewed: sum(rows, (r) => (r.review === 'reviewed' ? r.done : 0)),
    },
    strings: { total: strings.length, done: strings.filter(isDone).length },
    files: { total: files.length, done: files.filter(isDone).length },
    percent: total ? Math.floor((100 * done) / total) : 100,
  };
}

const LABELS: Record<ItemState, string> = {
  translated: 'translated',
  inherited: 'inherited',
  missing: 'missing',
  untranslated: 'untranslated',
  english: 'same as English',
  outdated: 'OUTDATED',
};

const pct = (n: number, of: number) => `${of ? Math.floor((100 * n) / of) : 100} %`;

/** One line per locale: progress in words, with the string and file counts, draft and reviewed. */
export function summaryLine(s: LocaleStatus): string {
  const count = (st: ItemState) => s.rows.filter((r) => r.state === st).length;
  const problems = (['outdated', 'english', 'missing', 'untranslated'] as const)
    .filter((st) => count(st))
    .map((st) => `${count(st)} ${LABELS[st]}`);
  return (
    `${s.locale.padEnd(7)} ${pct(s.words.done, s.words.total).padStart(5)} of ${s.words.total} words` +
    ` · strings ${s.strings.done}/${s.strings.total} · files ${s.files.done}/${s.files.total}` +
    ` · reviewed ${pct(s.words.reviewed, s.words.total)}, draft ${pct(s.words.draft, s.words.total)}` +
    (problems.length ? ` · ${problems.join(', ')}` : '')
  );
}

/** The status table, as a translator reads it in a terminal. */
export function formatStatus(statuses: LocaleStatus[], summary = false): string {
  const lines: string[] = [];
  if (!summary)
    for (const s of statuses) {
      const name = languageName('en', s.locale);
      lines.push(`${s.locale} (${name})`);
      const width = Math.max(...s.rows.map((r) => r.item.length + (r.kind === 'string' ? 9 : 0)), 10);
      for (const r of s.rows) {
        const item = r.kind === 'string' ? `string   ${r.item}` : r.item;
        const notes = [
          r.from && r.state !== 'translated' ? `falls back to ${r.from}` : '',
          r.review && r.kind === 'file' ? r.review : '',
          r.kind === 'file' ? `${r.words} words` : '',
          r.layer === 'bundled' ? 'bundled with workshop-pack' : '',
          r.sameAsEnglish ? `${r.sameAsEnglish.length} part${r.sameAsEnglish.length > 1 ? 's' : ''} still in English: line ${r.sameAsEnglish.map((u) => u.line).join(', ')}` : '',
        ].filter(Boolean);
        lines.push(`  ${item.padEnd(width + 2)}${LABELS[r.state]}${notes.length ? ` (${notes.join('; ')})` : ''}`);
        // What changed in the English, as a line diff, so the translator knows what to update.
        for (const c of (r.changes ?? []).slice(0, 40)) lines.push(`      ${c}`);
        if ((r.changes?.length ?? 0) > 40) lines.push(`      … ${r.changes!.length - 40} more lines`);
      }
      lines.push('');
    }
  for (const s of statuses) lines.push(summaryLine(s));
  return lines.join('\n');
}
