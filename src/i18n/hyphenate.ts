// Hyphenation patterns (Liang/TeX, from the `hyphen` package) per locale: soft hyphens are inserted
// into narrow and justified text so long words break at proper points instead of overflowing.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Hyphenate = (text: string) => string;
const cache = new Map<string, Hyphenate | undefined>();

// Languages whose pattern module name is not the bare language code.
const PATTERN_NAMES: Record<string, string[]> = { en: ['en-us'], de: ['de-1996'] };

/** Soft-hyphenating function for the locale, or undefined where no patterns exist (Arabic, …). */
export function hyphenatorFor(locale: string): Hyphenate | undefined {
  const lang = new Intl.Locale(locale).language;
  if (cache.has(lang)) return cache.get(lang);
  let fn: Hyphenate | undefined;
  for (const name of PATTERN_NAMES[lang] ?? [lang]) {
    try {
      const mod = require(`hyphen/${name}`) as { hyphenateSync: (t: string, o?: { minWordLength?: number }) => string };
      fn = (text) => mod.hyphenateSync(text, { minWordLength: 7 });
      break;
    } catch {
      // no patterns for this language
    }
  }
  cache.set(lang, fn);
  return fn;
}
