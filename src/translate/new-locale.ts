// Scaffolding a locale: a copy of every content file of a source locale, each marked untranslated
// with the English version it starts from, so `status` shows 0 % and the build works at once
// (an untranslated file is skipped and everything falls back). Never overwrites anything.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage.js';
import { listLocales, type ContentRoot } from '../content/load.js';
import { recordSource } from '../content/translation.js';
import { isValidTag, SOURCE_LOCALE } from '../i18n/locale.js';
import { ownFile, sourceFiles } from './status.js';

export interface NewLocaleResult {
  locale: string;
  files: string[];
}

export function newLocale(root: ContentRoot, tag: string, from = SOURCE_LOCALE): NewLocaleResult {
  if (!isValidTag(tag)) throw new UsageError(`"${tag}" is not a valid BCP 47 language tag (examples: fr, fr-CA, pt-BR, sr-Latn)`);
  const canonical = Intl.getCanonicalLocales(tag)[0];
  if (canonical !== tag) throw new UsageError(`write the tag as "${canonical}" (the folder name is the canonical BCP 47 form)`);
  const target = path.join(root.dir, tag);
  if (existsSync(target)) throw new UsageError(`${root.display(target)}/ already exists: new-locale never overwrites a locale`);
  const locales = listLocales(root);
  if (locales.includes(tag))
    throw new UsageError(`${tag} is bundled with workshop-pack: to change one of its files, copy it from ${root.display(path.join(root.layers[root.layers.length - 1].dir, tag))}/ into ${root.display(target)}/ (the same path) and edit it there`);
  if (!locales.includes(from)) throw new UsageError(`unknown source locale "${from}"; known: ${locales.join(', ')}`);

  const files: string[] = [];
  for (const rel of sourceFiles(root)) {
    // Copy the text from --from where it has the file, but record the English version: the
    // English is what a translation is checked against.
    const english = ownFile(root, SOURCE_LOCALE, rel)!;
    const fromFile = ownFile(root, from, rel) ?? english;
    const dest = path.join(target, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    copyFileSync(fromFile, dest);
    if (rel === 'strings.yaml') withoutDateLocale(dest, tag);
    recordSource(dest, english, 'untranslated', rel);
    files.push(root.display(dest));
  }
  return { locale: tag, files };
}

/**
 * The source's date format (en's `dateLocale: en-GB`) is a choice made for that locale: copied, it
 * would print British dates in an en-US edition. The line becomes a comment the translator can undo.
 */
function withoutDateLocale(file: string, tag: string): void {
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/^dateLocale:[ \t]*(.*)$/m, (_, value: string) => `# dateLocale: ${value.trim()}  (the source's choice; unset, dates and lists follow ${tag})`);
  if (edited !== text) writeFileSync(file, edited);
}
