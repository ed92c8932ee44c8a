// Every character of every content file must be covered by the font chosen for its script, else
// the PDF would show an empty box. Checked on the source files so the error names file and line.
import { readTextLoosely } from '../content/read-text.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { scriptOf, type FontBook } from '../layout/fonts.js';

const SKIP = /[\s\u00AD\u200B-\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/;

export function checkGlyphs(files: string[], book: FontBook, display: (abs: string) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of new Set(files)) {
    if (!/\.(md|ya?ml)$/.test(file)) continue;
    const lines = readTextLoosely(file).split('\n');
    const yaml = !file.endsWith('.md');
    let frontMatter = false;
    lines.forEach((text, i) => {
      // YAML comments are never printed: skip them in .yaml files and in front matter.
      if (!yaml && text.trim() === '---' && (i === 0 || frontMatter)) frontMatter = i === 0;
      if ((yaml || frontMatter) && /^\s*#/.test(text)) return;
      const reported = new Set<string>();
      for (const ch of text) {
        if (SKIP.test(ch) || reported.has(ch)) continue;
        const cp = ch.codePointAt(0)!;
        const family = book.familyForScript(scriptOf(ch)) ?? book.defaultFamily;
        if (book.covers(family, cp) || book.fallbackFamilies.some((f) => book.covers(f, cp))) continue;
        reported.add(ch);
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        out.push(error(display(file), i + 1, `character "${ch}" (U+${hex}) is not covered by any font in fonts/fonts.json`, 'replace the character, or add a font family that covers its script'));
      }
    });
  }
  return out;
}
