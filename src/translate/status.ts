// Translation status per locale: every content file and every string key of the English source,
// each translated, inherited (from a parent locale such as fr for fr-CA), missing (falls back to
// English), untranslated (scaffolded, not yet started) or outdated (the English changed since).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ContentRoot } from '../content/load.js';
import { readTranslation, sourceVersion, stringVersions } from '../content/translation.js';
import { fallbackChain, SOURCE_LOCALE } from '../i18n/locale.js';

export type ItemState = 'translated' | 'inherited' | 'missing' | 'untranslated' | 'outdated';

export interface StatusRow {
  item: string;
  kind: 'file' | 'string';
  state: ItemState;
  /** Where the text comes from when it is not the locale's own. */
  from?: string;
}

export interface LocaleStatus {
  locale: string;
  rows: StatusRow[];
  done: number;
  total: number;
  percent: number;
}

/** Content files of the source locale, relative to its folder (images excluded). */
export function sourceFiles(root: ContentRoot): string[] {
  const base = path.join(root.dir, SOURCE_LOCALE);
  const out: string[] = [];
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
      else if (/\.(md|ya?ml)$/.test(name)) out.push(path.relative(base, full));
    }
  };
  if (existsSync(base)) walk(base);
  return out;
}

function stringsOf(file: string): Record<string, unknown> {
  try {
    return existsSync(file) ? (((parse(readFileSync(file, 'utf8')) ?? {}) as { strings?: Record<string, unknown> }).strings ?? {}) : {};
  } catch {
    return {}; // broken YAML: check and build report it at its line
  }
}

function fileState(root: ContentRoot, locale: string, rel: string): StatusRow {
  const own = path.join(root.dir, locale, rel);
  const source = path.join(root.dir, SOURCE_LOCALE, rel);
  if (existsSync(own)) {
    const info = readTranslation(own);
    if (info.status === 'untranslated') return { item: rel, kind: 'file', state: 'untranslated', from: fallbackFrom(root, locale, rel) };
    if (info.source && info.source !== sourceVersion(source)) return { item: rel, kind: 'file', state: 'outdated' };
    return { item: rel, kind: 'file', state: 'translated' };
  }
  const from = fallbackFrom(root, locale, rel);
  return { item: rel, kind: 'file', state: from !== SOURCE_LOCALE ? 'inherited' : 'missing', from };
}

function fallbackFrom(root: ContentRoot, locale: string, rel: string): string {
  for (const loc of fallbackChain(locale).slice(1)) {
    const file = path.join(root.dir, loc, rel);
    if (existsSync(file) && (loc === SOURCE_LOCALE || readTranslation(file).status !== 'untranslated')) return loc;
  }
  return SOURCE_LOCALE;
}

function stringRows(root: ContentRoot, locale: string): StatusRow[] {
  const sourceFile = path.join(root.dir, SOURCE_LOCALE, 'strings.yaml');
  const versions = stringVersions(sourceFile);
  const chain = fallbackChain(locale);
  const layers = chain.map((loc) => {
    const file = path.join(root.dir, loc, 'strings.yaml');
    const info = existsSync(file) ? readTranslation(file) : {};
    return { loc, strings: stringsOf(file), info, untranslated: info.status === 'untranslated' };
  });
  return Object.keys(versions).map((key) => {
    const item = key;
    const own = layers[0];
    if (own.untranslated && key in own.strings) return { item, kind: 'string', state: 'untranslated', from: SOURCE_LOCALE };
    if (key in own.strings) {
      const recorded = own.info.sourceHashes?.[key];
      return { item, kind: 'string', state: recorded && recorded !== versions[key] ? 'outdated' : 'translated' };
    }
    const parent = layers.slice(1).find((l) => !l.untranslated && key in l.strings);
    const from = parent?.loc ?? SOURCE_LOCALE;
    return { item, kind: 'string', state: from === SOURCE_LOCALE ? 'missing' : 'inherited', from };
  });
}

export function localeStatus(root: ContentRoot, locale: string): LocaleStatus {
  const rows: StatusRow[] = [
    ...sourceFiles(root)
      .filter((rel) => rel !== 'strings.yaml')
      .map((rel) => fileState(root, locale, rel)),
    ...stringRows(root, locale),
  ];
  const done = rows.filter((r) => r.state === 'translated' || r.state === 'inherited').length;
  return { locale, rows, done, total: rows.length, percent: rows.length ? Math.floor((100 * done) / rows.length) : 100 };
}

const LABELS: Record<ItemState, string> = {
  translated: 'translated',
  inherited: 'inherited',
  missing: 'missing',
  untranslated: 'untranslated',
  outdated: 'OUTDATED',
};

/** The status table, as a translator reads it in a terminal. */
export function formatStatus(statuses: LocaleStatus[]): string {
  const lines: string[] = [];
  for (const s of statuses) {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(s.locale) ?? s.locale;
    lines.push(`${s.locale} (${name})`);
    const width = Math.max(...s.rows.map((r) => r.item.length + (r.kind === 'string' ? 9 : 0)), 10);
    for (const r of s.rows) {
      const item = r.kind === 'string' ? `string   ${r.item}` : r.item;
      const note = r.from && r.state !== 'translated' ? ` (falls back to ${r.from})` : '';
      lines.push(`  ${item.padEnd(width + 2)}${LABELS[r.state]}${note}`);
    }
    lines.push('');
  }
  lines.push('locale    translated   outdated   missing   untranslated');
  for (const s of statuses) {
    const count = (st: ItemState) => s.rows.filter((r) => r.state === st).length;
    lines.push(
      `${s.locale.padEnd(10)}${`${s.percent} %`.padStart(10)}   ${String(count('outdated')).padStart(8)}   ${String(count('missing')).padStart(7)}   ${String(count('untranslated')).padStart(12)}`,
    );
  }
  return lines.join('\n');
}
