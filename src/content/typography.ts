// Typographic quotes: printed text uses the locale's quotation marks and the typographic apostrophe
// (’), never the typewriter ' and " an editor types. A content check warns at the line, once per
// file, and says what to type instead; text that is never printed (verify notes) is left alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { warning, type Diagnostic } from '../diagnostics.js';
import { unitsOf } from '../translate/units.js';

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
    for (const unit of unitsOf(text, path.basename(file))) {
      if (UNPRINTED.some((r) => r.test(unit.id))) continue;
      const straight = /['"]/.exec(unit.text);
      if (!straight) continue;
      out.push(
        warning(
          display(file),
          unit.line,
          `${unit.id} has a straight ${straight[0] === "'" ? 'apostrophe or quote (\')' : 'quotation mark (")'}: printed text uses typographic ones`,
          straight[0] === "'" ? 'type ’ for an apostrophe, or the quotation marks of the language (“ ” ‘ ’ « » „ “)' : 'type the quotation marks of the language (“ ” « » „ “)',
        ),
      );
    }
  }
  return out;
}
