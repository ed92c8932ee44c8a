// Hyphenation patterns (Liang/TeX, from the `hyphen` package) per locale: soft hyphens are inserted
// into narrow and justified text so long words break at proper points instead of overflowing.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Hyphenate = (text: string) => string;
const cache = new Map<string, Hyphenate | undefined>();

// Languages whose pattern module name is not the bare language code.
const PATTERN_NAMES: Record<string, string[]> = { en: ['en-us'], de: ['de-1996'] };

const SHY = '\u00AD';

function keepThree(word: string): string {
  if (!word.includes(SHY)) return word;
  const parts = word.split(SHY);
  const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;
  const out: string[] = [parts[0]];
  for (let i = 1; i < parts.length; i++) {
    const before = letters(out.join(''));
    const after = letters(parts.slice(i).join(''));
    if (before >= 3 && after >= 3) out.push(parts[i]);
    else out[out.length - 1] += parts[i];
  }
  return out.join(SHY);
}

/** Soft-hyphenating function for the locale, or undefined where no patterns exist (Arabic, …). */
export function hyphenatorFor(locale: string): Hyphenate | undefined {
  const lang = new Intl.Locale(locale).language;
  if (cache.has(lang)) return cache.get(lang);
  let fn: Hyphenate | undefined;
  for (const name of PATTERN_NAMES[lang] ?? [lang]) {
    try {
      const mod = require(`hyphen/${name}`) as { hyphenateSync: (t: string, o?: { minWordLength?: number }) => string };
      // At least three letters on each side of a break: "internation-al" reads badly.
      fn = (text) => mod.hyphenateSync(text, { minWordLength: 7 }).replace(/\S+/g, (word) => keepThree(word));
      break;
    } catch {
      // no patterns for this language
    }
  }
  cache.set(lang, fn);
  return fn;
}
