// Reading one content file: front matter (gray-matter, with the `yaml` package as its engine so
// that errors and fields map back to lines), the Markdown body and the line it starts on.
import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isSeq, visit, type Document, type Node } from 'yaml';
import type { ZodType } from 'zod';
import { ContentError, error, type Diagnostic } from '../diagnostics.js';
import { LruMap } from '../lru.js';
import { jsonExact, keepEntry, keptEntry } from './kept-checks.js';
import { readContentText } from './read-text.js';
import { KEPT_SCHEMAS } from './schemas.js';

export interface SourceFile {
  /** The path as the user should see it, relative to the working directory. */
  file: string;
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the body's first line. */
  bodyLine: number;
  /** 1-based line where a front matter field (or its nearest existing parent) is written. */
  lineOf(path: PropertyKey[]): number;
}

function yamlDocument(source: string, file: string, firstLine: number) {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
  const problems = [...doc.errors];
  if (problems.length) {
    throw new ContentError(
      problems.map((e) => {
        const line = (e.linePos?.[0].line ?? 1) + firstLine - 1;
        const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        // The parser recurses per level: absurd nesting ends its stack, which says nothing to a person.
        const message = /call stack/i.test(first) ? 'nested too deeply (brackets or indentation inside each other beyond any sensible depth)' : first;
        return error(file, line, `broken YAML: ${message}`, 'the mistake may be on this line or the one above: check the indentation, close brackets and quotes, and quote text that contains ": " or starts with # @ * " or \'');
      }),
    );
  }
  return { doc, counter };
}

/**
 * The data of a YAML document. Aliases are bounded: a "billion laughs" file (aliases of aliases of
 * lists) would otherwise expand to gigabytes.
 */
function toData(doc: Document, counter: LineCounter, file: string, firstLine: number): unknown {
  try {
    return doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    // Reported where the repeating starts: the first alias.
    let line = 1;
    visit(doc, {
      Alias(_, node) {
        if (node.range) line = counter.linePos(node.range[0]).line;
        return visit.BREAK;
      },
    });
    throw new ContentError([error(file, line + firstLine - 1, 'too many YAML aliases (*name): the file would expand beyond any sensible size', 'write the text out instead of repeating it with &anchors and *aliases')]);
  }
}

/**
 * Where each field of a YAML document is written: the line of its key (of its item, in a list),
 * and the same for the fields inside it. Made once per file, so that what a parsed file keeps is
 * this and its data, not the parser's whole syntax tree (~50 KB a file; issue 13).
 */
interface Lines {
  line: number;
  keys?: Map<unknown, Lines>;
  items?: Lines[];
}

function linesOf(node: unknown, counter: LineCounter, line: number): Lines {
  if (isMap(node)) {
    const keys = new Map<unknown, Lines>();
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (keys.has(key)) continue; // the first one, as a reader of the data gets
      const keyNode = pair.key as Node | null;
      keys.set(key, linesOf(pair.value, counter, keyNode?.range ? counter.linePos(keyNode.range[0]).line : line));
    }
    return { line, keys };
  }
  if (isSeq(node)) return { line, items: node.items.map((item) => linesOf(item, counter, (item as Node | null)?.range ? counter.linePos((item as Node).range![0]).line : line)) };
  return { line };
}

function documentLines(doc: Document, counter: LineCounter): Lines {
  const root = doc.contents as Node | null;
  return linesOf(root, counter, root?.range ? counter.linePos(root.range[0]).line : 1);
}

/** The line of a field, or of its nearest existing parent: a missing field is reported where its parent is. */
function lineIn(lines: Lines, path: PropertyKey[]): number {
  let at = lines;
  for (const key of path) {
    const next = at.keys ? at.keys.get(key) : at.items && typeof key === 'number' ? at.items[key] : undefined;
    if (!next) break;
    at = next;
  }
  return at.line;
}

// Files parsed in this process, by path. A build reads each English file once for every case and
// locale that falls back to it (28 times in the bundled build), and parsing YAML was a tenth of a
// full build's time (issue 13). A file is answered from here only when its text and the name it is
// shown by are the ones parsed, so an edited file is always parsed again; its data is frozen, so
// that no build can change what the next one reads. Bounded: a build goes locale by locale, and
// needs the English files and one locale's at a time.
const parsed = new LruMap<string, { file: string; raw: string; source: SourceFile }>(32);

/** The text each parsed file's data was read from, and what kind of file it was: what kept results are named by. */
const textOf = new WeakMap<object, string>();

/** A Markdown file with YAML front matter, or a plain `.yaml` file (then the whole file is the data). */
export function readSourceFile(absolute: string, file: string): SourceFile {
  // BOM and CRLF are gone here, so every line number below counts lines as the author sees them.
  const raw = readContentText(absolute, file);
  const known = parsed.get(absolute);
  if (known && known.raw === raw && known.file === file) return known.source;
  const keyText = `${isYamlFile(absolute) ? 'yaml' : 'md'}\n${raw}`;
  const source = fromKept(keptEntry('source', keyText, isKeptSource), raw, file) ?? parseAndKeep(raw, absolute, file, keyText);
  deepFreeze(source.data);
  textOf.set(source.data, keyText);
  parsed.set(absolute, { file, raw, source });
  return source;
}

/** Forget the files parsed in this process, as a new process would not have them (tests). */
export function forgetParsedFiles(): void {
  parsed.clear();
}

function deepFreeze(value: unknown): void {
  // YAML's !!binary is a Uint8Array, which cannot be frozen (and no schema takes one).
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

const isYamlFile = (absolute: string) => absolute.endsWith('.yaml') || absolute.endsWith('.yml');

// Parsed files are also kept between processes (content/kept-checks.ts, under the tool's version),
// by their text: a process that starts cold parsed every file it reads again, and checked its
// fields with zod again, ~70 ms of a ~0.6 s one-handout build (issue 13). Only what JSON gives back
// exactly is kept (no NaN, Infinity or -0, which YAML can write and JSON cannot); the rest is
// parsed each time, as are files with a problem, so that every message comes from the parser.
interface KeptLines {
  l: number;
  k?: [unknown, KeptLines][];
  i?: KeptLines[];
}
interface KeptSource {
  data: Record<string, unknown>;
  /** Where the body starts in the text (it runs to the end). */
  bodyAt: number;
  bodyLine: number;
  /** Added to a field's line: 1 for front matter, whose first line is the file's second. */
  lineShift: number;
  lines: KeptLines;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKeptSource = (v: unknown): v is KeptSource =>
  isObject(v) && isObject(v.data) && isObject(v.lines) && typeof v.bodyAt === 'number' && typeof v.bodyLine === 'number' && typeof v.lineShift === 'number';

const keptLines = (lines: Lines): KeptLines => ({
  l: lines.line,
  ...(lines.keys ? { k: [...lines.keys].map(([key, v]): [unknown, KeptLines] => [key, keptLines(v)]) } : {}),
  ...(lines.items ? { i: lines.items.map(keptLines) } : {}),
});
const linesFrom = (kept: KeptLines): Lines => ({
  line: kept.l,
  ...(kept.k ? { keys: new Map(kept.k.map(([key, v]) => [key, linesFrom(v)])) } : {}),
  ...(kept.i ? { items: kept.i.map(linesFrom) } : {}),
});

function fromKept(kept: KeptSource | undefined, raw: string, file: string): SourceFile | undefined {
  if (!kept || kept.bodyAt < 0 || kept.bodyAt > raw.length) return undefined;
  const lines = linesFrom(kept.lines);
  return { file, data: kept.data, body: raw.slice(kept.bodyAt), bodyLine: kept.bodyLine, lineOf: (p) => lineIn(lines, p) + kept.lineShift };
}

function parseAndKeep(raw: string, absolute: string, file: string, keyText: string): SourceFile {
  const { source, lines, lineShift } = parseSourceFile(raw, absolute, file);
  const kept: KeptSource = { data: source.data, bodyAt: raw.length - source.body.length, bodyLine: source.bodyLine, lineShift, lines: keptLines(lines) };
  if (raw.endsWith(source.body) && jsonExact(kept)) keepEntry('source', keyText, kept);
  return source;
}

function parseSourceFile(raw: string, absolute: string, file: string): { source: SourceFile; lines: Lines; lineShift: number } {
  if (isYamlFile(absolute)) {
    const { doc, counter } = yamlDocument(raw, file, 1);
    const data = (toData(doc, counter, file, 1) ?? {}) as Record<string, unknown>;
    if (typeof data !== 'object' || Array.isArray(data)) throw new ContentError([error(file, 1, 'the file must be a set of "key: value" fields')]);
    const lines = documentLines(doc, counter);
    return { source: { file, data, body: '', bodyLine: 1, lineOf: (p) => lineIn(lines, p) }, lines, lineShift: 0 };
  }
  if (!/^---\n/.test(raw)) {
    throw new ContentError([error(file, 1, 'front matter missing: the file must start with a line "---"')]);
  }
  const closing = raw.slice(4).search(/^---\s*$/m);
  if (closing < 0) throw new ContentError([error(file, 1, 'front matter not closed: add a line "---" after it')]);
  const fmText = raw.slice(4, 4 + closing);
  const { doc, counter } = yamlDocument(fmText, file, 2);
  // gray-matter splits the body exactly as every other Markdown tool would.
  const parsed = matter(raw, { engines: { yaml: () => ({}) } });
  // gray-matter's content begins with the newline that ends the closing "---"; a blank line
  // after it is dropped below, and the body then starts one line further down.
  const bodyLine = fmText.split('\n').length + 2 + (/^\r?\n/.test(parsed.content) ? 1 : 0);
  const data = toData(doc, counter, file, 2);
  if (data !== null && (typeof data !== 'object' || Array.isArray(data)))
    throw new ContentError([error(file, 2, 'front matter must be a set of "key: value" fields')]);
  const lines = documentLines(doc, counter);
  const source: SourceFile = {
    file,
    data: (data ?? {}) as Record<string, unknown>,
    body: parsed.content.replace(/^\r?\n/, ''),
    bodyLine,
    lineOf: (p) => lineIn(lines, p) + 1,
  };
  return { source, lines, lineShift: 1 };
}

// Each file's fields checked against a schema, by its data: a build checks each English file once
// for every case and locale that reads it. Frozen, as the data is.
const validated = new WeakMap<object, Map<ZodType, unknown>>();

/** Validate a file's front matter; errors name the file, the line of the field, the field and the problem. */
export function validate<T>(source: SourceFile, schema: ZodType<T>): T {
  // Only a file's own data (readSourceFile's: frozen, named by its text) is answered from before.
  const text = textOf.get(source.data);
  if (text === undefined) return check(source, schema);
  let known = validated.get(source.data);
  if (known?.has(schema)) return known.get(schema) as T;
  // Kept between processes by the file's text, for a schema known by name (schemas.ts).
  const name = KEPT_SCHEMAS.get(schema);
  const kind = name === undefined ? undefined : `fields ${name}`;
  let value: unknown = kind ? keptEntry(kind, text, isObject) : undefined;
  if (value === undefined) {
    value = check(source, schema);
    if (kind && jsonExact(value)) keepEntry(kind, text, value);
  }
  deepFreeze(value);
  if (!known) validated.set(source.data, (known = new Map()));
  known.set(schema, value);
  return value as T;
}

function check<T>(source: SourceFile, schema: ZodType<T>): T {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  throw new ContentError(diagnosticsOf(source, result.error.issues));
}

function diagnosticsOf(source: SourceFile, issues: import('zod').core.$ZodIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    const message = missing ? 'required' : issue.message.replace(/^Invalid input: /, '');
    const hint = issue.code === 'unrecognized_keys' ? 'remove it or correct its spelling; content/README.md lists every field' : `content/README.md describes the field${missing ? ' and gives an example' : ' and what it accepts'}`;
    const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    return error(source.file, source.lineOf(at), `${path || '(front matter)'}: ${message}`, hint);
  });
}
