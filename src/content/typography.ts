// Typographic quotes: printed text uses the locale's quotation marks and the typographic apostrophe
// (’), never the typewriter ' and " an editor types. A content check warns at the line, once per
// file, and says what to type instead; text that is never printed (verify notes) is left alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { warning, type Diagnostic } from '../diagnostics.js';
import { unitsOf } from '../translate/units.js';
import { keptCheck } from './kept-checks.js';

/** Fields that are notes for the people who keep the content, never printed. */
const UNPRINTED = [/^verify\[\d+\]$/];

/** Warnings for straight quotes in the printed text of these content files (each file once per `seen`). */
export function straightQuoteWarnings(files: string[], seen: Set<string>, display: (file: string) => string = (f) => f): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    if (seen.has(file) || !/\.(md|ya?ml)$/.test(file) || path.basename(file) === 'fonts.yaml') continue;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // the loader has reported an unreadable file already
    }
    for (const [line, id, quote] of straightQuotes(text, path.basename(file)))
      out.push(
        warning(
          display(file),
          line,
          `${id} has a straight ${quote === "'" ? 'apostrophe or quote (\')' : 'quotation mark (")'}: printed text uses typographic ones`,
          quote === "'" ? 'type ’ for an apostrophe, or the quotation marks of the language (“ ” ‘ ’ « » „ “)' : 'type the quotation marks of the language (“ ” « » „ “)',
        ),
      );
  }
  return out;
}

type Quotes = [line: number, id: string, quote: string][];
const isQuotes = (v: unknown): v is Quotes => Array.isArray(v) && v.every((q) => Array.isArray(q) && Number.isInteger(q[0]) && typeof q[1] === 'string' && (q[2] === "'" || q[2] === '"'));

/** The first straight quote of each printed unit of a content file's text: line, unit id, the quote. */
function straightQuotes(text: string, name: string): Quotes {
  // The file's name says how it is read (Markdown with front matter, or YAML).
  return keptCheck(
    `quotes ${name}`,
    text,
    () =>
      unitsOf(text, name).flatMap((unit): Quotes => {
        if (UNPRINTED.some((r) => r.test(unit.id))) return [];
        const straight = /['"]/.exec(unit.text);
        return straight ? [[unit.line, unit.id, straight[0]]] : [];
      }),
    isQuotes,
  );
}
