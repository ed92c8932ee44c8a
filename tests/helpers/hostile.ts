// Shared by the bad-input corpus and the fuzz test: a temporary project made of the small valid
// content tree in tests/fixtures/bad/base plus files OUTSIDE its content folder that carry a marker,
// the edits a case applies, and the checks every run must pass whatever the input.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO } from './build.js';
import { readPdf, squash } from './pdf.js';

export const BASE = path.join(REPO, 'tests', 'fixtures', 'bad', 'base');
export const MARKER = 'SECRET-OUTSIDE-MARKER';

// --- PNG files built in memory -------------------------------------------------------------------

export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

export interface PngSpec {
  width: number;
  height: number;
  /** 1 (default: a huge image stays a few KB compressed and cheap to make) or 8. */
  bitDepth?: 1 | 8;
  /** 0 gray (default), 2 RGB, 6 RGBA. */
  colorType?: 0 | 2 | 6;
  /** A tEXt chunk (keyword "Comment"). */
  text?: string;
  /** Pixel bytes, repeated along every row (default: all zero). */
  fill?: string;
}

/** A valid PNG of any size; its pixels are all zero (unless `fill`), so its data compresses to almost nothing. */
export function png(spec: PngSpec): Buffer {
  const { width, height, bitDepth = 1, colorType = 0 } = spec;
  const channels = colorType === 2 ? 3 : colorType === 6 ? 4 : 1;
  const rowBytes = 1 + Math.ceil((width * channels * bitDepth) / 8);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  // All-zero rows: 10,000×10,000 at one bit per pixel is 12.5 MB before and ~12 KB after deflate.
  const raw = Buffer.alloc(rowBytes * height);
  if (spec.fill) for (let i = 0; i < raw.length; i++) raw[i] = i % rowBytes === 0 ? 0 : spec.fill.charCodeAt(((i % rowBytes) - 1) % spec.fill.length);
  const data = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', ihdr),
    ...(spec.text ? [pngChunk('tEXt', Buffer.from(`Comment\0${spec.text}`, 'latin1'))] : []),
    pngChunk('IDAT', data),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- the project --------------------------------------------------------------------------------

/** A temporary project: content/ copied from the base tree, and outside.png, .md and .txt beside it. */
export function makeProject(prefix = 'wp-bad-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(path.join(BASE, 'content'), path.join(dir, 'content'), { recursive: true });
  // The marker is in the pixels too (one copy per row): an embedded image's inflated stream shows it.
  writeFileSync(path.join(dir, 'outside.png'), png({ width: MARKER.length, height: 24, bitDepth: 8, fill: MARKER, text: MARKER }));
  // Shaped like a step (15 minutes, as the step it replaces) so that, read, it would be built.
  writeFileSync(path.join(dir, 'outside.md'), `---\ntranslation: {status: source}\ntitle: ${MARKER}\nminutes: 15\n---\n\n${MARKER}\n`);
  writeFileSync(path.join(dir, 'outside.txt'), `${MARKER}\n`);
  return dir;
}

/** Undo what makes a project hard to delete (read-only folders), then delete it. */
export function removeProject(dir: string): void {
  const walk = (d: string) => {
    try {
      chmodSync(d, 0o755);
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name));
    } catch {
      /* already gone or not ours */
    }
  };
  walk(dir);
  rmSync(dir, { recursive: true, force: true });
}

export type FileEdit = {
  delete?: boolean;
  mkdir?: boolean;
  text?: string;
  base64?: string;
  bytes?: { repeat: string; times: number };
  png?: PngSpec;
  symlink?: string;
  replace?: [string, string] | [string, string][];
  /** [text, hex]: replace text by raw bytes (invalid UTF-8, Latin-1…). */
  replaceBytes?: [string, string];
  prepend?: string;
  append?: string | { repeat: string; times: number };
  /** Copy a file or folder of the project here first (a second case, a second locale). */
  copyFrom?: string;
  crlf?: boolean;
  bom?: boolean;
  utf16?: boolean;
  chmod?: string;
};

const EDIT_KEYS = new Set(['copyFrom', 'replaceBytes', 'delete', 'mkdir', 'text', 'base64', 'bytes', 'png', 'symlink', 'replace', 'prepend', 'append', 'crlf', 'bom', 'utf16', 'chmod']);

/** `<project>` in an edit stands for the temporary project's absolute path (for absolute paths). */
function expand<T>(value: T, dir: string): T {
  if (typeof value === 'string') return value.replaceAll('<project>', dir) as T;
  if (Array.isArray(value)) return value.map((v) => expand(v, dir)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, dir)])) as T;
  return value;
}

/**
 * Apply one case's edits, each in a fixed order (remove, create, change text, change encoding,
 * permissions) so several can be combined on one file. A `replace` whose text is not in the file
 * is a broken fixture and throws: a case must never silently test the unchanged base.
 */
export function applyEdits(dir: string, files: Record<string, FileEdit>): void {
  for (const [rel, raw] of Object.entries(files)) {
    const edit = expand(raw, dir);
    for (const key of Object.keys(edit)) if (!EDIT_KEYS.has(key)) throw new Error(`${rel}: unknown edit "${key}"`);
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (edit.copyFrom) cpSync(path.join(dir, edit.copyFrom), file, { recursive: true });
    if (edit.delete) rmSync(file, { recursive: true, force: true });
    if (edit.mkdir) mkdirSync(file, { recursive: true });
    if (edit.text !== undefined) writeFileSync(file, edit.text);
    if (edit.base64 !== undefined) writeFileSync(file, Buffer.from(edit.base64, 'base64'));
    if (edit.bytes) writeFileSync(file, Buffer.from(edit.bytes.repeat.repeat(edit.bytes.times), 'latin1'));
    if (edit.png) writeFileSync(file, png(edit.png));
    if (edit.symlink !== undefined) {
      rmSync(file, { force: true });
      symlinkSync(edit.symlink, file);
    }
    const pairs = edit.replace ? (typeof edit.replace[0] === 'string' ? [edit.replace as [string, string]] : (edit.replace as [string, string][])) : [];
    for (const [from, to] of pairs) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`${rel}: the text to replace is not in the file: ${JSON.stringify(from)}`);
      writeFileSync(file, text.replace(from, () => to));
    }
    if (edit.replaceBytes) {
      const [from, hex] = edit.replaceBytes;
      const bytes = readFileSync(file);
      const at = bytes.indexOf(from);
      if (at < 0) throw new Error(`${rel}: the text to replace is not in the file: ${JSON.stringify(from)}`);
      writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from(hex, 'hex'), bytes.subarray(at + Buffer.byteLength(from))]));
    }
    if (edit.prepend !== undefined) writeFileSync(file, Buffer.concat([Buffer.from(edit.prepend), readFileSync(file)]));
    if (edit.append !== undefined) {
      const text = typeof edit.append === 'string' ? edit.append : edit.append.repeat.repeat(edit.append.times);
      writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from(text)]));
    }
    if (edit.crlf) writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n'));
    if (edit.bom) writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(file)]));
    if (edit.utf16) writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(file, 'utf8'), 'utf16le')]));
    if (edit.chmod) chmodSync(file, parseInt(edit.chmod, 8));
  }
}

// --- what every run must satisfy ----------------------------------------------------------------

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) found.push(p);
    }
  };
  try {
    if (statSync(dir).isDirectory()) walk(dir);
  } catch {
    /* unreadable: nothing was written there by us */
  }
  return found;
}

/** Whether a file holds the marker (or other text), in its bytes or in any PDF stream once inflated. */
export function containsMarker(file: string, marker = MARKER): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  if (bytes.includes(marker)) return true;
  const text = bytes.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      if (zlib.inflateSync(bytes.subarray(start, end)).includes(marker)) return true;
    } catch {
      /* not a Flate stream (or an image's raw data): its raw bytes were searched above */
    }
    re.lastIndex = end + 'endstream'.length; // past "endstream", which itself ends in "stream"
  }
  return false;
}

/**
 * Whether a written file shows anything of the outside files: their bytes (an embedded image's
 * pixels), or, in a PDF, their text as a reader would extract it (text is written as glyph ids, so
 * the bytes alone would miss an outside Markdown file printed on a page).
 */
export async function leaksOutside(file: string): Promise<boolean> {
  if (containsMarker(file)) return true;
  if (!file.endsWith('.pdf')) return false;
  try {
    return squash((await readPdf(file)).text).includes(squash(MARKER));
  } catch {
    return false; // not a readable PDF: other checks say so
  }
}

// eslint-disable-next-line no-control-regex
export const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
