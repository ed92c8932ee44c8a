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
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../pipeline/write.js';
import { userCacheDir } from '../user-cache.js';

const FORMAT = 1;
/** Verdicts kept: a locale's texts are some 500; the oldest go first. */
const LIMIT = 50_000;

interface Kept {
  tool: string;
  verdicts: Map<string, unknown>;
  added: number;
}
let kept: Kept | undefined;

const file = () => path.join(userCacheDir(), 'text-checks.json');

/** Keep verdicts for this version of the tool from now on (until then, and in tests, none is kept). */
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

/** Writes the verdicts if any were added (when a build ends). */
export function saveKeptChecks(): void {
  if (!kept?.added) return;
  try {
    writeAtomically(file(), Buffer.from(JSON.stringify({ format: FORMAT, tool: kept.tool, verdicts: [...kept.verdicts].slice(-LIMIT) })));
    kept.added = 0;
  } catch {
    // read-only or full: the next process checks again
  }
}

/** Forget the kept verdicts (tests). */
export function forgetKeptChecks(): void {
  kept = undefined;
}
