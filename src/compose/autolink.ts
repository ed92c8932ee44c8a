// Bare web addresses and e-mail addresses in running text become links, wherever the text comes
// from (a paragraph, a table cell, a directive's attribute): a reader of the PDF can click what
// the printed page shows. Only addresses that read as one are taken: an e-mail, a URL with a
// scheme or "www.", or a domain under a common top-level domain ("amnesty.org/w4r").
import type { Span } from './tree.js';

const STOP = `\\s<>"“”«»‹›`;
const ADDRESS = new RegExp(
  [
    // e-mail
    `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}`,
    // scheme or www.
    `(?:https?://|www\\.)[^${STOP}]+`,
    // bare domain with a common top-level domain, optionally a path
    `(?<![@\\w./-])(?:[A-Za-z0-9-]+\\.)+(?:org|com|net|info|int|eu|edu|gov|by|uk|de|fr|es|pl|ru)(?:/[^${STOP}]*)?(?![\\w@-])`,
  ].join('|'),
  'g',
);
/** Sentence punctuation after an address is not part of it (’ » ” escaped: the bundle stays ASCII, which Node reads faster). */
const TRAILING = /[.,;:!?)\]\u2019'\u00bb\u201d]+$/;

export function autolink(spans: Span[]): Span[] {
  return spans.flatMap((span) => {
    if (span.link || !/[@.]/.test(span.text)) return [span];
    const out: Span[] = [];
    let at = 0;
    for (const m of span.text.matchAll(ADDRESS)) {
      const address = m[0].replace(TRAILING, '');
      if (!address.includes('.')) continue;
      const start = m.index!;
      if (start > at) out.push({ ...span, text: span.text.slice(at, start) });
      out.push({ ...span, text: address, link: address });
      at = start + address.length;
    }
    if (at === 0) return [span];
    if (at < span.text.length) out.push({ ...span, text: span.text.slice(at) });
    return out;
  });
}
