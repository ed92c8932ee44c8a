// Every character of every content file must be covered by the font chosen for its script, else
// the PDF would show an empty box. Checked on the source files so the error names file and line;
// one error per script and file (a whole Hebrew file without a Hebrew font is one problem, not
// a thousand), with what to install and the fonts.yaml lines that name it.
import { readTextLoosely } from '../content/read-text.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { scriptOfCodePoint, type FontBook } from '../layout/fonts.js';
import { isSpace } from '../layout/text.js';
import { LruMap } from '../lru.js';

/** Never drawn as a glyph: white space, the soft hyphen, zero-width and bidi controls. */
const skipped = (cp: number) => isSpace(cp) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0xfeff;

interface Uncovered {
  line: number;
  first: string;
  count: number;
  distinct: Set<string>;
}

export function checkGlyphs(files: string[], book: FontBook, display: (abs: string) => string, locale?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hinted = new Set<string>();
  for (const file of new Set(files)) {
    if (!/\.(md|ya?ml)$/.test(file)) continue;
    const byScript = uncoveredIn(readTextLoosely(file), !file.endsWith('.md'), book, locale);
    // Scripts one font fixes (Han, Hiragana, Katakana: a Japanese font) are one problem.
    const byRemedy = new Map<string, { scripts: string[]; groups: Uncovered[] }>();
    for (const [script, g] of byScript) {
      const key = book.remedyFor(script, locale)?.family ?? script;
      const entry = byRemedy.get(key) ?? { scripts: [], groups: [] };
      entry.scripts.push(script);
      entry.groups.push(g);
      byRemedy.set(key, entry);
    }
    for (const [key, { scripts, groups }] of byRemedy) {
      const first = groups.reduce((a, b) => (b.line < a.line ? b : a));
      const distinct = new Set(groups.flatMap((g) => [...g.distinct]));
      const count = groups.reduce((n, g) => n + g.count, 0);
      const hex = first.first.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      scripts.sort();
      const what = scripts.includes('Common') ? 'no font for the character' : `no font for ${listOf(scripts)} text: first`;
      const others = distinct.size > 1 ? `, ${distinct.size} different characters, ${count.toLocaleString('en')} in all` : count > 1 ? `, ${count} times` : '';
      // The remedy in full once; later files point back to it.
      const hint = hinted.has(key) ? `the same fix as above (${key})` : remedy(book, scripts, locale);
      hinted.add(key);
      out.push(error(display(file), first.line, `${what} "${first.first}" (U+${hex}${others})`, hint));
    }
  }
  return out;
}

const listOf = (scripts: string[]) => (scripts.length > 1 ? `${scripts.slice(0, -1).join(', ')} and ${scripts.at(-1)}` : scripts[0]);
/** "an Armenian", "a Georgian": script names that start with a vowel letter are said with one. */
const withArticle = (name: string) => `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;

/** What to install for a script (or scripts one font covers), and the content/fonts.yaml lines that make the build use it. */
function remedy(book: FontBook, scripts: string[], locale?: string): string {
  if (scripts.includes('Common')) return 'replace the character, or add a font that covers it to content/fonts.yaml (see content/README.md, "Fonts")';
  const script = scripts[0];
  const known = book.remedyFor(script, locale);
  // The font to install is the one already set for the script: it lacks these characters (Simplified
  // Chinese in the Japanese font). Another language's font for the script may have them.
  const set = book.familyForScript(script, locale);
  if (known?.family && known.family === set) {
    const others = book.remediesOf(script).filter(([, r]) => r.family && r.family !== set && r.package);
    return [
      `${set}, the font set for ${listOf(scripts)} text, has no glyph for these characters${others.length ? '; they may be of another language written in it, whose font has them:' : ': replace them, or add a font that covers them to content/fonts.yaml (see content/README.md, "Fonts")'}`,
      ...others.map(([language, r]) => `    ${language || script}: npm install ${r.package}, then in content/fonts.yaml add the family ${r.family} (regular: npm:${r.regular}) and set ${script}: ${r.family}`),
      ...(others.length ? [`  (${script}: sets it in every locale of the project; ${script}:${locale ? new Intl.Locale(locale).language : 'ja'}: in this language's documents only)`] : []),
    ].join('\n');
  }
  const slug = script.toLowerCase();
  const family = known?.family ?? `noto-sans-${slug}`;
  const pkg = known?.package ?? `@expo-google-fonts/noto-sans-${slug}`;
  const file = (style: string, weight: string) => `${pkg}/${weight}${style}/NotoSans${script}_${weight}${style}.ttf`;
  const regular = known?.regular ?? file('Regular', '400');
  const bold = known?.bold ?? file('Bold', '700');
  const system = known?.system ?? `Noto Sans ${script}`;
  return [
    `install ${withArticle(listOf(scripts))} font: npm install ${pkg}${known ? '' : ' (if it exists; any TrueType/OpenType font will do)'}, then add to content/fonts.yaml:`,
    `    families:`,
    `      ${family}:`,
    `        regular: npm:${regular}`,
    `        bold: npm:${bold}`,
    `    scripts:`,
    ...scripts.map((s) => `      ${s}: ${family}`),
    `  or a system font: regular: "system:${system}" (fontconfig), or a file in the content folder: regular: file:fonts/<file>.ttf`,
  ].join('\n');
}

// Each text's uncovered characters, by font book: a file is read again for each case and locale
// that uses it (the English fallback files for every locale), and a warm process builds the same
// texts again and again. Keyed by the text itself, so an edited file is never answered for.
const scanned = new WeakMap<FontBook, LruMap<string, Map<string, Uncovered>>>();

/** The characters of a content file's text that no font covers, by script (read only, once made). */
function uncoveredIn(content: string, yaml: boolean, book: FontBook, locale?: string): Map<string, Uncovered> {
  let known = scanned.get(book);
  if (!known) scanned.set(book, (known = new LruMap(500)));
  // By locale as well: a script may be set in another family for another language.
  const key = `${yaml ? 'y' : 'm'}${locale ?? ''}\u0000${content}`;
  let byScript = known.get(key);
  if (!byScript) known.set(key, (byScript = scan(content.split('\n'), yaml, book, locale)));
  return byScript;
}

function scan(lines: string[], yaml: boolean, book: FontBook, locale?: string): Map<string, Uncovered> {
  let frontMatter = false;
  const byScript = new Map<string, Uncovered>();
  // Spaces, digits and punctuation (Common: 、・ー) are set in the font of the text around them,
  // as layout does: checked, and reported, with the script before them.
  let lastScript = 'Common';
  lines.forEach((text, i) => {
    // YAML comments are never printed: skip them in .yaml files and in front matter.
    if (!yaml && text.trim() === '---' && (i === 0 || frontMatter)) frontMatter = i === 0;
    if ((yaml || frontMatter) && /^\s*#/.test(text)) return;
    // By code point: a string per character was most of what checking a file allocated.
    for (let at = 0; at < text.length; ) {
      const cp = text.codePointAt(at)!;
      at += cp > 0xffff ? 2 : 1;
      if (skipped(cp)) continue;
      const own = scriptOfCodePoint(cp);
      const script = own === 'Common' ? lastScript : (lastScript = own);
      const family = book.familyForScript(script, locale) ?? book.defaultFamily;
      if (book.covers(family, cp) || book.fallbackFamilies.some((f) => book.covers(f, cp))) continue;
      const ch = String.fromCodePoint(cp);
      const key = own === 'Common' ? 'Common' : script;
      let group = byScript.get(key);
      if (!group) byScript.set(key, (group = { line: i + 1, first: ch, count: 0, distinct: new Set() }));
      group.count++;
      group.distinct.add(ch);
    }
  });
  // Uncovered punctuation (、。・) beside an uncovered script is part of that script's problem:
  // the font that fixes the script covers it.
  const common = byScript.get('Common');
  const main = [...byScript.entries()].find(([k]) => k !== 'Common')?.[1];
  if (common && main) {
    main.count += common.count;
    for (const ch of common.distinct) main.distinct.add(ch);
    byScript.delete('Common');
  }
  return byScript;
}
