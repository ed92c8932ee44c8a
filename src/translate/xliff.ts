// XLIFF 1.2 for translation tools (Trados, memoQ, OmegaT, Crowdin, Weblate all read it): export
// one trans-unit per translatable unit of every content file and every string, with notes for
// context; import writes the targets back into content/<locale>/ as a hand translation would be
// written, records the English version each file was translated from, and reports units whose
// English changed since the export. Structure (field names, file names, numbers, codes, directive
// lines) is never in a unit; placeholders are inline <ph> codes that tools protect.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseDocument, isMap, type Node } from 'yaml';
import { UsageError } from '../usage.js';
import { layeredPaths, type ContentRoot } from '../content/load.js';
import { editProblem, normalizedText, readTranslation, recordSource, type TranslationStatus } from '../content/translation.js';
import { writeAtomically } from '../pipeline/write.js';
import { isValidTag, SOURCE_LOCALE } from '../i18n/locale.js';
import { allowedSameAsEnglish, ownFile, sourceFiles } from './status.js';
import { placeholdersOf, replaceUnits, unitsOf, yamlValue, type Unit } from './units.js';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** Text with each {placeholder} as an inline code a translation tool keeps as it is. */
function inline(text: string): string {
  let n = 0;
  return text
    .split(/(\{[^{}\s]+\})/)
    .map((part, i) => (i % 2 ? `<ph id="${++n}" ctype="x-placeholder">${escapeText(part)}</ph>` : escapeText(part)))
    .join('');
}

const read = (file: string) => normalizedText(readFileSync(file, 'utf8'));

/** The locale's own units of a file by id, the project layer's over the bundled one's. */
function ownUnits(root: ContentRoot, locale: string, rel: string): { units: Map<string, Unit>; status?: TranslationStatus } {
  const files = layeredPaths(root, locale, rel);
  const units = new Map<string, Unit>();
  for (const f of [...files].reverse()) for (const u of unitsOf(read(f), rel)) units.set(u.id, u);
  return { units, status: files.length ? readTranslation(files[0]).status : undefined };
}

function note(rel: string, u: Unit): string {
  const parts = [`file: content/${SOURCE_LOCALE}/${rel}, line ${u.line}`, `${u.id.startsWith('body[') ? 'text' : 'field'}: ${u.id}`];
  const ph = placeholdersOf(u.text);
  if (ph.length) parts.push(`placeholders (keep each one): ${[...new Set(ph)].join(' ')}`);
  if (/^cards\[\d+\]\.text$/.test(u.id))
    parts.push(`printed on a cut-out card: the type shrinks to fit, down to a minimum; the English has ${u.text.length} characters, stay close to it`);
  if (u.mayMatchEnglish) parts.push('a name, address or network: may stay as in English');
  return parts.join('; ');
}

/**
 * The English units of a file as a translation into `locale` needs them: a plural string gets one
 * unit per plural category of the target language (Russian needs few and many, which English has
 * not), each with the English form that comes closest (that form, else `other`).
 */
function sourceUnits(root: ContentRoot, rel: string, locale: string): Unit[] {
  const units = unitsOf(read(ownFile(root, SOURCE_LOCALE, rel)!), rel);
  if (!rel.endsWith('.yaml')) return units;
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  const out: Unit[] = [];
  const done = new Set<string>();
  for (const u of units) {
    const [key, form] = u.id.split('#');
    if (form === undefined) out.push(u);
    else if (!done.has(key)) {
      done.add(key);
      const forms = new Map(units.filter((v) => v.id.startsWith(`${key}#`)).map((v) => [v.id.split('#')[1], v]));
      for (const c of ['zero', 'one', 'two', 'few', 'many', 'other'].filter((c) => categories.includes(c) || c === 'other'))
        out.push({ ...(forms.get(c) ?? forms.get('other')!), id: `${key}#${c}` });
    }
  }
  return out;
}

const STATE: Record<string, string> = { draft: 'translated', reviewed: 'signed-off' };

export function exportXliff(root: ContentRoot, locale: string): string {
  if (locale === SOURCE_LOCALE) throw new UsageError(`${SOURCE_LOCALE} is the source locale: export another locale`);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
  ];
  for (const rel of sourceFiles(root)) {
    const english = sourceUnits(root, rel, locale);
    if (!english.length) continue;
    const own = ownUnits(root, locale, rel);
    const allowed = allowedSameAsEnglish(root, locale);
    // Targets only from a file that is translated and has the English structure (strings: key by key).
    const usable = own.status !== 'untranslated' && own.units.size > 0 && (rel.endsWith('.yaml') || english.every((u) => own.units.has(u.id)));
    out.push(`  <file original="${escapeAttr(rel)}" source-language="${SOURCE_LOCALE}" target-language="${escapeAttr(locale)}" datatype="${rel.endsWith('.md') ? 'x-markdown' : 'x-yaml'}">`);
    out.push('    <body>');
    for (const u of english) {
      const target = usable ? own.units.get(u.id) : undefined;
      // A text still the same as the English is offered untranslated, unless it may stay so.
      const translated = target && (target.text !== u.text || u.mayMatchEnglish || allowed.has(u.text));
      out.push(`      <trans-unit id="${escapeAttr(u.id)}" resname="${escapeAttr(u.id)}" xml:space="preserve"${own.status === 'reviewed' && translated ? ' approved="yes"' : ''}>`);
      out.push(`        <source>${inline(u.text)}</source>`);
      if (translated) out.push(`        <target state="${STATE[own.status ?? 'draft'] ?? 'translated'}">${inline(target.text)}</target>`);
      out.push(`        <note from="workshop-pack">${escapeText(note(rel, u))}</note>`);
      out.push('      </trans-unit>');
    }
    out.push('    </body>', '  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const children = (node: XmlNode, name: string): XmlNode[] => ((node[name] as XmlNode[] | undefined) ?? []);
const named = (list: XmlNode[], name: string): XmlNode[] => list.filter((n) => name in n);
const tagOf = (n: XmlNode) => Object.keys(n).find((k) => k !== ':@')!;

/** The text of a <source> or <target>: inline codes give back what they stand for. */
function flatten(list: XmlNode[], codes: Map<string, string>): string {
  return list
    .map((n) => {
      const tag = tagOf(n);
      if (tag === '#text') return String(n['#text']);
      const inner = flatten(children(n, tag), codes);
      if (tag === 'ph' || tag === 'x' || tag === 'bpt' || tag === 'ept' || tag === 'it')
        return inner || codes.get(n[':@']?.id ?? '') || '';
      return inner; // <mrk>, <g>: segment and formatting marks a tool may add around text
    })
    .join('');
}

function codesOf(list: XmlNode[]): Map<string, string> {
  const codes = new Map<string, string>();
  for (const n of list) {
    const tag = tagOf(n);
    if (tag === 'ph') codes.set(n[':@']?.id ?? '', flatten(children(n, tag), new Map()));
    else if (tag !== '#text') for (const [k, v] of codesOf(children(n, tag))) codes.set(k, v);
  }
  return codes;
}

export interface ImportResult {
  locale: string;
  written: string[];
  /** Units whose English changed since the export (or that no longer exist): not imported. */
  stale: { file: string; id: string }[];
  /** Units the locale's file has no place for (its structure differs from the English, or its YAML is broken). */
  unplaced: { file: string; id: string }[];
  unchanged: number;
}

interface FileTargets {
  rel: string;
  targets: Map<string, string>;
  reviewed: boolean;
}

/** The <file> elements of a well-formed XLIFF 1.2 document, and the one target language they share. */
function parseXliff(xml: string, display: string): { locale: string; files: XmlNode[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new UsageError(`${display}:${valid.err.line}: not well-formed XML: ${valid.err.msg}`);
  let doc: XmlNode[];
  try {
    doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, htmlEntities: true, parseTagValue: false, parseAttributeValue: false }).parse(xml) as XmlNode[];
  } catch (e) {
    // The parser's own limits (nesting, entities): said as a problem of the file, not a crash.
    throw new UsageError(`${display}: cannot be read as XLIFF: ${(e as Error).message}`);
  }
  const xliff = named(doc, 'xliff')[0];
  if (!xliff || xliff[':@']?.version !== '1.2') throw new UsageError(`${display}: not an XLIFF 1.2 file (<xliff version="1.2">)`);
  const files = named(children(xliff, 'xliff'), 'file');
  const locales = new Set(files.map((f) => f[':@']?.['target-language'] ?? ''));
  const locale = [...locales][0] ?? '';
  if (locales.size !== 1) throw new UsageError(`${display}: every <file> needs the same target-language (found: ${[...locales].join(', ') || 'none'})`);
  if (!isValidTag(locale)) throw new UsageError(`${display}: target-language "${locale.slice(0, 40)}" is not a language tag (examples: fr, pt-BR, sr-Latn)`);
  return { locale: Intl.getCanonicalLocales(locale)[0], files };
}

export function importXliff(root: ContentRoot, xliffFile: string, display: string): ImportResult {
  const parsed = parseXliff(readFileSync(xliffFile, 'utf8'), display);
  const locale = parsed.locale;
  if (locale === SOURCE_LOCALE) throw new UsageError(`${display}: the target language is the source locale ${SOURCE_LOCALE}`);
  const known = new Set(sourceFiles(root));
  const result: ImportResult = { locale, written: [], stale: [], unplaced: [], unchanged: 0 };
  const work: FileTargets[] = [];
  for (const f of parsed.files) {
    const rel = f[':@']?.original ?? '';
    // Only the English files' own paths are accepted: an XLIFF names no other place to write.
    if (!known.has(rel)) throw new UsageError(`${display}: <file original="${rel}"> is not a content file of ${SOURCE_LOCALE}`);
    const english = new Map(sourceUnits(root, rel, locale).map((u) => [u.id, u]));
    const targets = new Map<string, string>();
    let reviewed = true;
    for (const body of named(children(f, 'file'), 'body'))
      for (const unit of named(children(body, 'body'), 'trans-unit')) {
        const id = unit[':@']?.id ?? '';
        const parts = children(unit, 'trans-unit');
        const sourceNodes = children(named(parts, 'source')[0] ?? {}, 'source');
        const targetNode = named(parts, 'target')[0];
        if (!targetNode) continue;
        const source = flatten(sourceNodes, new Map());
        const target = flatten(children(targetNode, 'target'), codesOf(sourceNodes));
        if (!target.trim()) continue;
        if (english.get(id)?.text !== source) {
          result.stale.push({ file: rel, id });
          continue;
        }
        const state = targetNode[':@']?.state;
        if (!(unit[':@']?.approved === 'yes' || state === 'signed-off' || state === 'final')) reviewed = false;
        targets.set(id, target);
      }
    if (targets.size) work.push({ rel, targets, reviewed });
  }
  for (const w of work) {
    const written = writeTargets(root, locale, w, result.stale.some((s) => s.file === w.rel), (id) => result.unplaced.push({ file: w.rel, id }));
    if (written) result.written.push(written);
    else result.unchanged++;
  }
  return result;
}

/** Write one file's targets into the project's content/<locale>/, as a translator would. */
function writeTargets(root: ContentRoot, locale: string, w: FileTargets, hasStale: boolean, unplaced: (id: string) => void): string | undefined {
  const english = ownFile(root, SOURCE_LOCALE, w.rel)!;
  const existing = ownFile(root, locale, w.rel);
  const dest = path.join(root.dir, locale, w.rel);
  // Never through a link, never over a file that does not read as content (see editProblem).
  if (lstatSync(dest, { throwIfNoEntry: false })) {
    const problem = editProblem(dest, (p) => root.display(p));
    if (problem) throw new UsageError(`${problem}\nnothing more was imported`);
  }
  let base: string;
  if (existing && readTranslation(existing).status !== 'untranslated') base = read(existing);
  else if (w.rel.endsWith('.yaml')) base = `translation: {status: draft}\nstrings:\n`;
  else base = read(existing ?? english);
  const before = existing ? read(existing) : undefined;
  const places = new Set(unitsOf(base, w.rel).map((u) => u.id));
  const keys = new Set([...places].map((id) => id.split('#')[0]));
  // A string key the file lacks is added whole; any other unit needs its place in the file.
  for (const id of w.targets.keys()) if (!places.has(id) && !(w.rel.endsWith('.yaml') && !keys.has(id.split('#')[0]))) unplaced(id);
  let text = replaceUnits(base, w.rel, w.targets);
  if (w.rel.endsWith('.yaml')) text = addMissingStrings(text, w.targets);
  const changed = text !== before;
  if (!changed) return undefined;
  writeAtomically(dest, Buffer.from(text), (p) => root.display(p));
  // A file with units left out (their English changed) keeps its old fingerprint: it stays outdated.
  if (!hasStale || !existing) recordSource(dest, english, w.reviewed ? 'reviewed' : 'draft', w.rel);
  return dest;
}

/** Strings the file does not have yet are added at the end of its `strings:` block. */
function addMissingStrings(text: string, targets: Map<string, string>): string {
  const have = new Set(unitsOf(text, 'strings.yaml').map((u) => u.id));
  const keys = new Map<string, Map<string, string>>();
  for (const [id, value] of targets) {
    if (have.has(id)) continue;
    const [key, form] = id.split('#');
    if (!keys.has(key)) keys.set(key, new Map());
    keys.get(key)!.set(form ?? '', value);
  }
  if (!keys.size) return text;
  const lines = [...keys].map(([key, forms]) => {
    const k = /^[A-Za-z][\w.-]*$/.test(key) ? key : JSON.stringify(key);
    if (forms.has('')) return `  ${k}: ${yamlValue(forms.get('')!, false, '    ')}`;
    return `  ${k}: {${[...forms].map(([f, v]) => `${f}: ${yamlValue(v, true)}`).join(', ')}}`;
  });
  const doc = parseDocument(text);
  const strings = isMap(doc.contents) ? (doc.contents.get('strings', true) as Node | undefined) : undefined;
  const end = strings?.range ? strings.range[1] : text.length;
  const head = text.slice(0, end).replace(/\n*$/, '\n');
  return head + lines.join('\n') + '\n' + text.slice(end).replace(/^\n*/, (m) => (text.slice(end).trim() ? '\n' : ''));
}
