// Where a line may break. UAX #14 (the linebreak package) covers most scripts, CJK included: it
// breaks between ideographs and kana and keeps closing punctuation (、。）」) off the start of a line
// and opening brackets (（「) off its end. Thai, Lao, Khmer and Burmese write words without
// spaces (UAX #14 class SA, which the package treats as one unbreakable word): their breaks are
// the word boundaries Intl.Segmenter finds with its dictionaries. Korean breaks at its spaces.
// A dictionary does not know the names a case is about (เบลารุส, มาเรีย): ICU cuts an unknown word
// into syllables and mis-segments the known words beside it (ทา|งการเบ|ลา|รุ|ส), so the names the
// content declares are taken out of the run first: never broken inside, and the text between them
// segmented on its own.
import LineBreaker from 'linebreak';

export interface Break {
  position: number;
  required: boolean;
}

const SPACELESS_RUN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}][\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}\u200B\u200C\u200D]*/gu;

const HANGUL = /\p{Script=Hangul}/u;
let segmenter: Intl.Segmenter | undefined;

/** Whether text has a run of a script written without spaces (most paragraphs have none). */
const SPACELESS = new RegExp(SPACELESS_RUN.source, 'u');

/** The names of a spaceless script, longest first; worked out once per list of names (one per document). */
const spacelessNamesOf = new WeakMap<readonly string[], string[]>();
function spacelessNames(names: readonly string[]): string[] {
  let spaceless = spacelessNamesOf.get(names);
  if (!spaceless) spacelessNamesOf.set(names, (spaceless = names.filter((n) => n && SPACELESS.test(n)).sort((a, b) => b.length - a.length)));
  return spaceless;
}

// A thin or punctuation space between digits groups them ("10 000", as French, German and Polish
// write thousands): UAX #14 breaks after it as after any space (class BA), which set "10" at the
// end of one line and "000 Euro" at the start of the next. Such a space holds, as a no-break space would.
const THIN_SPACES = new Set([0x2008, 0x2009]);
const DIGIT = /\p{Nd}/u;
const groupsDigits = (text: string, after: number) => DIGIT.test(text[after - 2]) && DIGIT.test(text[after] ?? '');

/** Break opportunities in `text`, in order; `names` are words never broken inside (see above). */
export function lineBreaks(text: string, names: readonly string[] = []): Break[] {
  const breaker = new LineBreaker(text);
  const breaks: Break[] = [];
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) if (!(b.position > 1 && THIN_SPACES.has(text.charCodeAt(b.position - 1)) && groupsDigits(text, b.position))) breaks.push(b);
  // UAX #14 alone: the breaks as found (in order, each position once), for every paragraph that
  // has neither a spaceless run nor Hangul. Asked for every paragraph of a build (~12,000).
  if (!SPACELESS.test(text) && !HANGUL.test(text)) return breaks;
  const found = new Map<number, Break>();
  for (const b of breaks) found.set(b.position, b);
  const optional = (at: number) => found.has(at) || found.set(at, { position: at, required: false });
  const spaceless = spacelessNames(names);
  for (const run of text.matchAll(SPACELESS_RUN)) {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    const start = run.index!;
    for (const [from, to, isName] of pieces(run[0], spaceless)) {
      if (from > 0) optional(start + from);
      if (isName) continue;
      for (const seg of segmenter.segment(run[0].slice(from, to))) if (seg.index > 0) optional(start + from + seg.index);
    }
  }
  // Korean is written with spaces and breaks at them (CSS word-break: keep-all), never between
  // two syllables of a word, which UAX #14 allows as it does between ideographs.
  for (const at of [...found.keys()]) {
    if (!found.get(at)!.required && HANGUL.test(text[at - 1] ?? '') && HANGUL.test(text[at] ?? '')) found.delete(at);
  }
  return [...found.values()].sort((a, b) => a.position - b.position);
}

/** The run cut into [from, to, isName] pieces: each occurrence of a name, and the text between. */
function pieces(run: string, names: readonly string[]): [number, number, boolean][] {
  const out: [number, number, boolean][] = [];
  let from = 0;
  for (let at = 0; at < run.length; ) {
    const name = names.find((n) => run.startsWith(n, at));
    if (!name) {
      at++;
      continue;
    }
    if (at > from) out.push([from, at, false]);
    out.push([at, at + name.length, true]);
    from = at = at + name.length;
  }
  if (from < run.length) out.push([from, run.length, false]);
  return out;
}
