// Where a line may break. UAX #14 (the linebreak package) covers most scripts, CJK included: it
// breaks between ideographs and kana and keeps closing punctuation (、。）」) off the start of a line
// and opening brackets (（「) off its end. Thai, Lao, Khmer and Burmese write words without
// spaces (UAX #14 class SA, which the package treats as one unbreakable word): their breaks are
// the word boundaries Intl.Segmenter finds with its dictionaries. Korean breaks at its spaces.
import LineBreaker from 'linebreak';

export interface Break {
  position: number;
  required: boolean;
}

const SPACELESS_RUN = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}][\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}\u200B\u200C\u200D]*/gu;

const HANGUL = /\p{Script=Hangul}/u;
let segmenter: Intl.Segmenter | undefined;

export function lineBreaks(text: string): Break[] {
  const breaker = new LineBreaker(text);
  const found = new Map<number, Break>();
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) found.set(b.position, { position: b.position, required: b.required });
  for (const run of text.matchAll(SPACELESS_RUN)) {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    const start = run.index!;
    for (const seg of segmenter.segment(run[0])) {
      const at = start + seg.index;
      if (seg.index > 0 && !found.has(at)) found.set(at, { position: at, required: false });
    }
  }
  // Korean is written with spaces and breaks at them (CSS word-break: keep-all), never between
  // two syllables of a word, which UAX #14 allows as it does between ideographs.
  for (const at of [...found.keys()]) {
    if (!found.get(at)!.required && HANGUL.test(text[at - 1] ?? '') && HANGUL.test(text[at] ?? '')) found.delete(at);
  }
  return [...found.values()].sort((a, b) => a.position - b.position);
}
