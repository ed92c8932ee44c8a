// Preview builds mark text that fell back to another locale with private-use characters, so the
// mark survives templates and Markdown and reaches layout, which tints it and notes its locale.
// Normal builds never insert them.
export const MARK_START = '\uE000';
const MARK_SEP = '\uE001';
export const MARK_END = '\uE002';

export function markFallback(text: string, locale: string): string {
  return text ? `${MARK_START}${locale}${MARK_SEP}${text}${MARK_END}` : text;
}

export function stripMarks(text: string): string {
  return text.replace(/\uE000[^\uE001]*\uE001/g, '').replaceAll(MARK_END, '');
}

/** Split text into pieces, each with the locale it fell back to (undefined: the locale's own). */
export function splitMarks(text: string): { text: string; fallback?: string }[] {
  if (!text.includes(MARK_START) && !text.includes(MARK_END)) return [{ text }];
  const out: { text: string; fallback?: string }[] = [];
  const stack: string[] = [];
  const re = /\uE000([^\uE001]*)\uE001|\uE002/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), fallback: stack.at(-1) });
    if (m[0] === MARK_END) stack.pop();
    else stack.push(m[1]);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), fallback: stack.at(-1) });
  return out.filter((p) => p.text);
}

/** Mark each line of a Markdown body, after its block syntax (heading, list, quote marks). */
export function markMarkdown(body: string, locale: string): string {
  return body
    .split('\n')
    .map((line) => {
      if (!line.trim() || /^\s*:{3,}/.test(line)) return line;
      const m = /^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)*)(.*)$/.exec(line)!;
      return m[2] ? m[1] + markFallback(m[2], locale) : line;
    })
    .join('\n');
}

/**
 * Upper-case text for labels by the rules of its language: `locale`'s, or for text that fell back
 * to another locale, that one's. The rules differ: Greek capitals drop their accents (Δεκεμβρίου →
 * ΔΕΚΕΜΒΡΙΟΥ, not ΔΕΚΕΜΒΡΊΟΥ), Turkish and Azerbaijani i becomes İ, Lithuanian keeps its dots.
 * The locale codes inside fallback marks are left as they are.
 */
export function upperText(text: string, locale: string): string {
  const open: string[] = [];
  let out = '';
  let at = 0;
  for (const m of text.matchAll(/\uE000([^\uE001]*)\uE001|\uE002/g)) {
    out += upper(text.slice(at, m.index), open.at(-1) ?? locale) + m[0];
    if (m[0] === MARK_END) open.pop();
    else open.push(m[1]);
    at = m.index + m[0].length;
  }
  return out + upper(text.slice(at), open.at(-1) ?? locale);
}

// Georgian letters (Mkhedruli, and Nuskhuri) are left as written. Their capitals (Mtavruli,
// Unicode 11) serve only for all-caps display and few fonts draw them: upper-cased, a Georgian
// label came out as letters the section's font does not have. Chrome and Firefox leave them
// alone in CSS text-transform for the same reason (w3c/eurlreq#30).
const GEORGIAN = /([\u10D0-\u10FF\u2D00-\u2D2F]+)/;

function upper(text: string, locale: string): string {
  if (!GEORGIAN.test(text)) return upperCased(text, locale);
  return text
    .split(GEORGIAN)
    .map((part, i) => (i % 2 ? part : upperCased(part, locale)))
    .join('');
}

function upperCased(text: string, locale: string): string {
  try {
    return text.toLocaleUpperCase(locale);
  } catch {
    return text.toUpperCase(); // not a language tag ICU takes: the rules common to every language
  }
}
