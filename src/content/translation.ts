// Translation bookkeeping, written by the tools and never by hand: which version of the English
// source a translated file (or string) was made from, as a short hash of the English content.
// A translation whose recorded hash differs from the English file's current hash is outdated.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { LruMap } from '../lru.js';
import { shownFrom, writeAtomically } from '../pipeline/write.js';
import { UsageError } from '../usage.js';
import { ContentError } from '../diagnostics.js';
import { readSourceFile } from './source-file.js';

export type TranslationStatus = 'source' | 'draft' | 'reviewed' | 'untranslated';

export interface TranslationInfo {
  status?: TranslationStatus;
  source?: string;
  /** strings.yaml only: the hash of each English string the translation was made from. */
  sourceHashes?: Record<string, string>;
}

/**
 * The text of a content file as its fingerprint sees it: without a byte-order mark, with LF line
 * ends and in Unicode NFC, so that a Windows checkout (CRLF) or an editor that writes decomposed
 * accents never makes a translation look outdated.
 */
export function normalizedText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

// The status of every locale is worked out against the same English files, and each file's
// bookkeeping is asked for several times per status: parsed once per text (a pure function of the
// text and of whether it is YAML), shared and never changed by the callers.
const parsedMeanings = new LruMap<string, unknown>(300);
const parsedInfos = new LruMap<string, TranslationInfo>(300);
const cached = <T>(cache: LruMap<string, T>, file: string, parseText: (raw: string, yaml: boolean) => T): T => {
  const raw = normalizedText(readFileSync(file, 'utf8'));
  const yaml = file.endsWith('.yaml');
  const key = `${yaml}:${createHash('sha256').update(raw).digest('hex')}`;
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = parseText(raw, yaml)));
  return value;
};

const parsedYaml = new LruMap<string, { data: unknown }>(300);

/** A YAML file's data, parsed once per text (shared: never change it); undefined when it is broken, which the loader reports at its line. */
export function yamlFileData(file: string): unknown {
  return cached(parsedYaml, file, (raw) => {
    try {
      return { data: parse(raw) };
    } catch {
      return { data: undefined };
    }
  }).data;
}

/** What a file says, without its bookkeeping: front matter fields and body, or the strings. */
function meaning(file: string): unknown {
  return cached(parsedMeanings, file, meaningOf);
}

function meaningOf(raw: string, yaml: boolean): unknown {
  try {
    if (yaml) {
      const data = (parse(raw) ?? {}) as Record<string, unknown>;
      return data.strings ?? {};
    }
    const { data, content } = matter(raw, { engines: { yaml: (s: string) => (parse(s) ?? {}) as object } });
    const { translation: _t, ...fields } = data as Record<string, unknown>;
    return { fields, body: content.trim() };
  } catch {
    // Broken YAML is reported by the loader with its line; here the raw text stands for it.
    return raw;
  }
}

/** The version of a source file: a hash of its content, blind to formatting and bookkeeping. */
export function sourceVersion(file: string): string {
  return hash(meaning(file));
}

/** The version of each string of a strings.yaml. */
export function stringVersions(file: string): Record<string, string> {
  const parsed = meaning(file);
  const strings = (typeof parsed === 'object' && parsed ? parsed : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, hash(v)]));
}

export function readTranslation(file: string): TranslationInfo {
  return cached(parsedInfos, file, translationOf);
}

function translationOf(raw: string, yaml: boolean): TranslationInfo {
  let data: Record<string, unknown>;
  try {
    data = yaml
      ? ((parse(raw) ?? {}) as Record<string, unknown>)
      : (matter(raw, { engines: { yaml: (s: string) => (parse(s) ?? {}) as object } }).data as Record<string, unknown>);
  } catch {
    return { status: isUntranslated(raw) ? 'untranslated' : undefined };
  }
  const t = (data.translation ?? {}) as TranslationInfo;
  return { status: t.status, source: t.source, sourceHashes: data.sourceHashes as Record<string, string> | undefined };
}

/** Cheap test used on every load: a scaffolded, untranslated file is skipped and falls back. */
export function isUntranslated(raw: string): boolean {
  return /^translation:.*\bstatus:\s*untranslated\b/m.test(raw.slice(0, 2000));
}

const HASHES_MARK = '# Written by workshop-pack: the version of each English string this translation was made from.';

/**
 * Where the copy of the English a translation was made from is kept: a hidden `.source/` folder in
 * the locale's folder (content/fr/.source/udhr.md for content/fr/udhr.md), so that an outdated
 * translation can show what changed in the English since.
 */
export function snapshotPath(translated: string, rel: string): string {
  const localeDir = translated.slice(0, translated.length - rel.length);
  return path.join(localeDir, '.source', rel);
}

/**
 * Record in a translated file the English version it was made from, keeping its status (or
 * setting one). Only the `translation:` line (and for strings.yaml the hashes block) changes.
 */
export function recordSource(file: string, sourceFile: string, status?: TranslationStatus, rel?: string): void {
  const problem = editProblem(file);
  if (problem) throw new UsageError(problem);
  // Written by a rename: a link in .source/ is replaced, never written through.
  if (rel) writeAtomically(snapshotPath(file, rel), readFileSync(sourceFile), shown);
  let raw = readFileSync(file, 'utf8');
  const current = readTranslation(file);
  // Marking an untranslated file as translated makes it a draft; a reviewed file stays reviewed.
  const kept = current.status === 'untranslated' || current.status === 'source' ? undefined : current.status;
  const line = `translation: {status: ${status ?? kept ?? 'draft'}, source: ${sourceVersion(sourceFile)}}`;
  if (/^translation:.*$/m.test(raw)) raw = raw.replace(/^translation:.*$/m, line);
  else if (file.endsWith('.yaml')) raw = `${line}\n${raw}`;
  else raw = raw.replace(/^---\r?\n/, `---\n${line}\n`);
  if (file.endsWith('.yaml')) {
    const at = raw.indexOf(HASHES_MARK);
    if (at >= 0) raw = raw.slice(0, at).trimEnd() + '\n';
    const versions = stringVersions(sourceFile);
    const own = Object.keys((meaning(file) as Record<string, unknown>) ?? {});
    const entries = own.filter((k) => versions[k]).map((k) => `  ${JSON.stringify(k)}: ${versions[k]}`);
    raw = `${raw.trimEnd()}\n\n${HASHES_MARK}\nsourceHashes:\n${entries.join('\n')}\n`;
  }
  writeAtomically(file, Buffer.from(raw), shown);
}

const shown = (file: string) => shownFrom(process.cwd(), file);

/**
 * Why the translation tools must not edit `file` in place, if they must not. A symbolic link: an
 * edit would read from and write to wherever it points (a project passed around could point a
 * file at any file of the user's; the build refuses such links too, confine.ts). A file that does
 * not read as content: saved in another encoding, it would be rewritten with its accented letters
 * lost; without front matter, "marked" with nothing changed.
 */
export function editProblem(file: string, display: (p: string) => string = shown): string | undefined {
  if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return `${display(file)}: is a symbolic link; the translation tools edit only regular files (put the file itself in its place)`;
  try {
    readSourceFile(file, display(file));
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    return e.diagnostics.map((d) => `${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}`).join('\n');
  }
  return undefined;
}
