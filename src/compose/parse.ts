// Markdown with directives → the typed document tree. marked lexes; this file only maps its tokens
// (and our directive tokens) to blocks, and rejects a directive it does not know.
import { Marked, type Token, type Tokens } from 'marked';
import { directiveExtension, type DirectiveToken } from './directives.js';
import type { Block, Card, Span } from './tree.js';

const marked = new Marked({ gfm: true, extensions: [directiveExtension] });

/** Markdown the tree cannot hold; `raw` is the offending source text, to find its line. */
export class ComposeError extends Error {
  constructor(
    message: string,
    readonly raw = '',
  ) {
    super(message);
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);

function inline(tokens: Token[] | undefined, style: Omit<Span, 'text'> = {}): Span[] {
  const spans: Span[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        spans.push(...inline(t.tokens, { ...style, bold: true }));
        break;
      case 'em':
        spans.push(...inline(t.tokens, { ...style, italic: true }));
        break;
      case 'link':
        spans.push(...inline(t.tokens, { ...style, link: t.href }));
        break;
      case 'br':
        spans.push({ ...style, text: '\n' });
        break;
      case 'text':
        if ('tokens' in t && t.tokens?.length) spans.push(...inline(t.tokens, style));
        else spans.push({ ...style, text: decode(t.text) });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(t.raw.trim())) {
          spans.push({ ...style, text: '\n' });
          break;
        }
        spans.push({ ...style, text: decode(t.raw) });
        break;
      case 'escape':
      case 'codespan':
        spans.push({ ...style, text: decode(t.text ?? t.raw) });
        break;
      case 'del':
        spans.push(...inline(t.tokens, style));
        break;
      default:
        spans.push({ ...style, text: decode(t.raw) });
    }
  }
  // Soft line breaks inside a Markdown paragraph are spaces.
  const out = spans.map((s) => (s.text === '\n' ? s : { ...s, text: s.text.replace(/\s*\n\s*/g, ' ') }));
  // A hard break swallows the soft line break (and indentation) that follows it in the source.
  return out.map((s, i) => (i > 0 && out[i - 1].text === '\n' && s.text !== '\n' ? { ...s, text: s.text.trimStart() } : s)).filter((s) => s.text !== '');
}

/** Cells of a list item written as `a | b | c`. */
function cells(item: Tokens.ListItem): string[] {
  return item.text.split(' | ').map((c) => decode(c.trim()).replace(/\\([\\*_`#[\]()>~-])/g, '$1'));
}

function num(attrs: Record<string, string>, key: string, fallback: number): number {
  const v = attrs[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ComposeError(`:::${key}: expected a number, got "${v}"`);
  return n;
}

function listItems(tokens: Token[]): Tokens.ListItem[] {
  return tokens.flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items : []));
}

function directive(d: DirectiveToken): Block[] {
  const a = d.attrs;
  const children = () => blocks(d.tokens);
  switch (d.name) {
    case 'read-aloud':
    case 'tip':
    case 'note':
    case 'address':
    case 'accent':
      return [{ type: 'box', variant: d.name, title: a.title, split: a.split === 'true', ...(a.size ? { size: num(a, 'size', 10.5) } : {}), children: children() }];
    case 'title':
      return [{ type: 'title', kicker: a.kicker, title: a.title ?? '', subtitle: a.subtitle }];
    case 'image':
      return [
        {
          type: 'image',
          src: a.src,
          alt: a.alt ?? '',
          caption: a.caption,
          height: num(a, 'height', 220),
          placeholderNote: a.placeholder,
        },
      ];
    case 'columns':
      return [
        {
          type: 'columns',
          columns: (d.tokens.filter((t) => t.type === 'directive') as DirectiveToken[]).map((c) => blocks(c.tokens)),
        },
      ];
    case 'lines':
      return [{ type: 'writing-lines', count: num(a, 'count', 10), fill: a.fill === 'true', reserve: num(a, 'reserve', 0) }];
    case 'space':
      return [{ type: 'space', size: num(a, 'size', 12) }];
    case 'page-break':
      return [{ type: 'page-break' }];
    case 'cut-sheet': {
      const cards: Card[] = (d.tokens.filter((t) => t.type === 'directive') as DirectiveToken[]).map((c) => ({
        label: c.attrs.label ?? '',
        children: blocks(c.tokens),
        source: c.attrs.source,
      }));
      return [
        {
          type: 'cut-sheet',
          name: a.name ?? 'cards',
          columns: num(a, 'columns', 2),
          rows: num(a, 'rows', 2),
          instruction: a.instruction,
          heading: a.heading,
          align: a.align === 'top' ? 'top' : 'center',
          maxSize: num(a, 'max-size', 13),
          cards,
        },
      ];
    }
    case 'table': {
      const columns = (a.columns ?? '').split('|').map((c) => {
        const [title, width, align] = c.split(':');
        return { title: title.trim(), width: Number(width ?? 1), ...(align === 'end' ? { align: 'end' as const } : {}) };
      });
      const given = listItems(d.tokens).map(cells);
      const empty = num(a, 'empty-rows', 0);
      const rows = [...given, ...Array.from({ length: empty }, (_, i) => [String(given.length + i + 1)])];
      return [{ type: 'table', name: a.name ?? 'table', columns, rows, rowHeight: a['row-height'] ? num(a, 'row-height', 24) : undefined, fill: a.fill === 'true' }];
    }
    case 'rights-groups': {
      const groups = (d.tokens.filter((t) => t.type === 'directive') as DirectiveToken[]).map((g) => ({
        title: g.attrs.title ?? '',
        description: g.attrs.description ?? '',
        articles: listItems(g.tokens).map((item) => {
          const [n, title] = cells(item);
          return { number: Number(n), title };
        }),
      }));
      return [{ type: 'rights-groups', articleLabel: a['article-label'] ?? 'Article', groups }];
    }
    default:
      throw new ComposeError(`unknown directive ":::${d.name}" (known: :::read-aloud, :::tip, :::note)`, d.raw);
  }
}

function blocks(tokens: Token[]): Block[] {
  const out: Block[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'heading':
        out.push({ type: 'heading', level: t.depth, spans: inline(t.tokens), bookmark: t.depth <= 2 });
        break;
      case 'paragraph':
        out.push({ type: 'paragraph', spans: inline(t.tokens) });
        break;
      case 'list':
        out.push({
          type: 'list',
          ordered: t.ordered,
          items: (t as Tokens.List).items.map((item) => blocks(item.tokens)),
        });
        break;
      case 'text': // a tight list item's text
        out.push({ type: 'paragraph', spans: inline((t as Tokens.Text).tokens ?? [{ type: 'text', raw: t.raw, text: t.text }]) });
        break;
      case 'blockquote':
        out.push({ type: 'quote', children: blocks(t.tokens ?? []) });
        break;
      case 'directive':
        out.push(...directive(t as DirectiveToken));
        break;
      case 'space':
        break;
      case 'hr':
        out.push({ type: 'space', size: 12 });
        break;
      default:
        throw new ComposeError(
          `unsupported Markdown: ${t.type === 'code' ? 'an indented or fenced code block' : t.type} ("${t.raw.trim().slice(0, 40)}")`,
          t.raw,
        );
    }
  }
  return out;
}

/** Parse composed Markdown into the document tree. */
export function parseDocument(markdown: string): Block[] {
  return blocks(marked.lexer(markdown));
}
