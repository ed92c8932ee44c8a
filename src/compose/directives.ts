// Block directives for marked: `:::name{key="value" n=2}` … `:::`. Fences nest by length: a
// `::::cut-sheet` may hold `:::card` blocks. The inner text is lexed as Markdown again.
import type { TokenizerExtension, Tokens } from 'marked';

export interface DirectiveToken extends Tokens.Generic {
  type: 'directive';
  raw: string;
  name: string;
  attrs: Record<string, string>;
  tokens: Tokens.Generic[];
}

const FENCE = /^(:{3,})([a-z][a-z-]*)[ \t]*(\{[^\n]*\})?[ \t]*\n/;

/** Decode what the `attr` template helper encoded, so quotes and braces survive in attribute values. */
export function decodeAttr(value: string): string {
  // Markdown escapes (\* for a literal star) reach attributes unprocessed: resolve them here.
  return value
    .replace(/\\([\\*_`#[\]()>~-])/g, '$1')
    .replaceAll('&quot;', '"')
    .replaceAll('&#123;', '{')
    .replaceAll('&#125;', '}')
    .replaceAll('&#10;', '\n')
    .replaceAll('&amp;', '&');
}

export function encodeAttr(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('{', '&#123;')
    .replaceAll('}', '&#125;')
    .replaceAll('\n', '&#10;');
}

export function parseAttrs(source: string | undefined): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (!source) return attrs;
  const re = /([a-z][a-zA-Z-]*)=(?:"([^"]*)"|([^\s"}]+))/g;
  for (const m of source.slice(1, -1).matchAll(re)) attrs[m[1]] = decodeAttr(m[2] ?? m[3]);
  return attrs;
}

export const directiveExtension: TokenizerExtension = {
  name: 'directive',
  level: 'block',
  start(src: string) {
    return src.match(/^:{3,}[a-z]/m)?.index;
  },
  tokenizer(src: string) {
    const open = FENCE.exec(src);
    if (!open) return undefined;
    const fence = open[1];
    // The closing fence is a line of exactly the same colons.
    const close = new RegExp(`^${fence}[ \\t]*$`, 'm');
    const rest = src.slice(open[0].length);
    const end = close.exec(rest);
    if (!end) return undefined;
    const inner = rest.slice(0, end.index);
    const raw = src.slice(0, open[0].length + end.index + end[0].length + (rest[end.index + end[0].length] === '\n' ? 1 : 0));
    const token: DirectiveToken = {
      type: 'directive',
      raw,
      name: open[2],
      attrs: parseAttrs(open[3]),
      tokens: [],
    };
    this.lexer.blockTokens(inner, token.tokens);
    return token;
  },
};
