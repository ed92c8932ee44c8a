// Numbers, dates and lists in a locale's own way (its digits, separators, month names, "and").
// Making an Intl formatter costs far more than using one: made for every article number of every
// size the UDHR page tried, they were 1.5 % of a full build, and a list formatter made per list of
// names was 2 % of a one-handout build (issue 13). Each is made once per locale and kind.
const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();
const lists = new Map<string, Intl.ListFormat>();
const languages = new Map<string, Intl.DisplayNames>();

/**
 * `n` in the locale's digits, grouped as the locale groups (1 234; Spanish and Polish leave four
 * digits alone), or not at all when `grouping` is false (a year).
 */
export function formatNumber(locale: string, n: number, grouping = true): string {
  const key = `${locale}|${grouping}`;
  let format = numbers.get(key);
  if (!format) numbers.set(key, (format = new Intl.NumberFormat(locale, grouping ? {} : { useGrouping: false })));
  return format.format(n);
}

/** A date (YYYY-MM-DD) written out in the locale's long style ("10 December 2024"). */
export function formatLongDate(locale: string, iso: string): string {
  let format = dates.get(locale);
  if (!format) dates.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(new Date(`${iso}T00:00:00Z`));
}

/** Items joined as the locale joins a list ("A, B and C"; en-GB without the serial comma). */
export function formatList(locale: string, items: string[]): string {
  let format = lists.get(locale);
  if (!format) lists.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return format.format(items);
}

/** A language's name in the locale's language ("allemand" for de in French), or its code if ICU has none. */
export function languageName(locale: string, code: string): string {
  let names = languages.get(locale);
  if (!names) languages.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
  return names.of(code) ?? code;
}
