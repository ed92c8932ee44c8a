// Verdicts on a text that depend on nothing but the text and the tool's code (does a Markdown text
// parse in content mode; where a content file has straight quotes; a locale's translation notes,
// the text being every file they are worked out from), kept between processes in the user's cache
// folder, as the shapes of words are (layout/shape-store.ts). A build of one handout parses every
// text of its locale to check it, and compares them with the English, a third of a cold start; a
// full build, every text of every locale once per case.
//
// Kept under the tool's version (pipeline/cache.ts: the package's version, a hash of its code and
// its lock file), so other code never answers. A text is named by its SHA-256: an edited text is
// checked again. A missing, damaged or unwritable file costs the checks, nothing else.
//
// Small verdicts share one file, read whole when a build starts. Large ones (what a content file
// parses to, its checked fields, the blocks of a composed document) are each a file of their own,
// read only when their text is: in the shared file, every locale's parsed files made it 1.3 MB to
// read for a one-handout build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../pipeline/write.js';
import { userCacheDir } from '../user-cache.js';

const FORMAT = 1;
/** Verdicts kept: a locale's texts are some 500; the oldest go first. */
const LIMIT = 50_000;
/** Large verdicts kept, a file each: a full build of the bundled content makes ~450. */
const ENTRY_LIMIT = 5_000;

interface Kept {
  tool: string;
  verdicts: Map<string, unknown>;
  added: number;
}
let kept: Kept | undefined;

const file = () => path.join(userCacheDir(), 'text-checks.json');
const entriesDir = () => path.join(userCacheDir(), 'text-checks');
/** Large verdicts this process wrote: the folder is pruned when the build ends. */
let entriesWritten = 0;

/** Keep verdicts for this version of the tool from now on (until then, none is kept). */
export function keepChecksFor(tool: string): void {
  if (kept?.tool === tool) return;
  saveKeptChecks();
  kept = { tool, verdicts: read(tool), added: 0 };
}

function read(tool: string): Map<string, unknown> {
  try {
    const data = JSON.parse(readFileSync(file(), 'utf8')) as { format?: unknown; tool?: unknown; verdicts?: unknown };
    if (data.format === FORMAT && data.tool === tool && Array.isArray(data.verdicts)) return new Map(data.verdicts.filter((e): e is [string, unknown] => Array.isArray(e) && typeof e[0] === 'string'));
  } catch {
    // none yet, or damaged: checked again
  }
  return new Map();
}

/**
 * `check(text)`, or what it gave for the same text before (in this process or an earlier one).
 * `kind` names the check; `valid` tells a kept value the check could have given from one that was
 * damaged on disk. The value must survive JSON.
 */
export function keptCheck<T>(kind: string, text: string, check: (text: string) => T, valid: (value: unknown) => value is T): T {
  const value = keptValue(kind, text, valid);
  if (value !== undefined) return value;
  const verdict = check(text);
  keepValue(kind, text, verdict);
  return verdict;
}

const keyOf = (kind: string, text: string) => `${kind}:${createHash('sha256').update(text).digest('base64url')}`;

/** What was kept for `text` (see keptCheck), if anything sound was. */
export function keptValue<T>(kind: string, text: string, valid: (value: unknown) => value is T): T | undefined {
  const value = kept?.verdicts.get(keyOf(kind, text));
  return value !== undefined && valid(value) ? value : undefined;
}

/** Keeps what a check of `text` gave (see keptCheck), for a caller that checks its inputs held meanwhile. */
export function keepValue(kind: string, text: string, value: unknown): void {
  if (!kept) return;
  kept.verdicts.set(keyOf(kind, text), value);
  kept.added++;
}

/**
 * A large verdict (see keepEntry) on `text`, kept by this process or an earlier one, if a sound one
 * was. Named by the tool as well as the text: another version's files are never read.
 */
export function keptEntry<T>(kind: string, text: string, valid: (value: unknown) => value is T): T | undefined {
  if (!kept) return undefined;
  let value: unknown;
  try {
    const data = JSON.parse(readFileSync(path.join(entriesDir(), entryName(kept.tool, kind, text)), 'utf8')) as { format?: unknown; value?: unknown };
    if (data.format === FORMAT) value = data.value;
  } catch {
    // none yet, or damaged
  }
  return value !== undefined && valid(value) ? value : undefined;
}

/**
 * Keeps a large verdict on `text` in a file of its own. Written at once, not held until the build
 * ends: a first full build makes ~5 MB of them, and memory is tightest on a first run.
 * The value must survive JSON.
 */
export function keepEntry(kind: string, text: string, value: unknown): void {
  if (!kept) return;
  try {
    writeAtomically(path.join(entriesDir(), entryName(kept.tool, kind, text)), Buffer.from(JSON.stringify({ format: FORMAT, value })));
    entriesWritten++;
  } catch {
    // read-only or full: the next process works it out again
  }
}

/**
 * Whether JSON gives `value` back exactly (what keepEntry may keep): plain data, finite numbers, no
 * -0, nothing undefined; with `absentIsUndefined`, a field set to undefined is allowed, for data
 * whose readers cannot tell it from a missing field (JSON leaves it out).
 */
export function jsonExact(value: unknown, absentIsUndefined = false): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => jsonExact(v, absentIsUndefined));
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => (v === undefined && absentIsUndefined) || jsonExact(v, absentIsUndefined));
}

// Hexadecimal: a name that differs only in case is another file on Linux, the same one on macOS and Windows.
const entryName = (tool: string, kind: string, text: string) => `${createHash('sha256').update(`${tool}\u0000${kind}\u0000`).update(text).digest('hex')}.json`;

/** Writes the verdicts if any were added (when a build ends). */
export function saveKeptChecks(): void {
  try {
    if (kept?.added) {
      writeAtomically(file(), Buffer.from(JSON.stringify({ format: FORMAT, tool: kept.tool, verdicts: [...kept.verdicts].slice(-LIMIT) })));
      kept.added = 0;
    }
    if (entriesWritten) {
      entriesWritten = 0;
      pruneEntries();
    }
  } catch {
    // read-only or full: the next process checks again
  }
}

/** The oldest large verdicts go when there are more than ENTRY_LIMIT, down to 80 % of it (so that this is seldom done). */
function pruneEntries(): void {
  const dir = entriesDir();
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= ENTRY_LIMIT) return;
  const dated = names.map((n) => ({ n, t: statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of dated.slice(0, names.length - Math.floor(ENTRY_LIMIT * 0.8))) rmSync(path.join(dir, n), { force: true });
}

/** Forget the kept verdicts (tests). */
export function forgetKeptChecks(): void {
  kept = undefined;
}
