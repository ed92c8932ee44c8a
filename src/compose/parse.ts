// Markdown with directives → the typed document tree. marked lexes; this file only maps its tokens
// (and our directive tokens) to blocks, and rejects a directive it does not know.
import { Marked, type Token, type Tokens } from 'marked';
import { attributeProblems, MAX_NESTING } from './directive-specs.js';
import { directiveExtension, type DirectiveToken } from './directives.js';
import { fenceProblems } from './fences.js';
import type { Block, Card, Span } from './tree.js';
import { sectionBlock } from './section-blocks.js';

const marked = new Marked({ gfm: true, extensions: [directiveExtension] });

/**
 * Markdown the tree cannot hold. `line` (1-based, in the parsed text) is set where it is known;
 * otherwise `raw`, the offending source text, finds it.
 */
export class ComposeError extends Error {
  constructor(
    message: string,
    readonly raw = '',
    readonly line?: number,
  ) {
    super(message);
  }

  /** The line in `markdown` this error is about (1 when it cannot be found). */
  lineIn(markdown: string): number {
    if (this.line) return this.line;
    const at = this.raw ? markdown.indexOf(this.raw.trimEnd()) : -1;
    return at >= 0 ? markdown.slice(0, at).split('\n').length : 1;
  }
}

export interface ParseOptions {
  /** Content written by people (bodies, fields, strings): only the content directives, fences of three colons. */
  content?: boolean;
}

/** Only these become links in the PDF; anything else (javascript:, file:, data:) is refused. */
const LINK_SCHEMES = /^(https?:|mailto:|tel:)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// Without a scheme, a link is a web address (amnesty.org/en, printed as https://), an email
// address (mailto:) or a place in the document (#page=3): a path ("../../etc/passwd") or an
// entity-hidden scheme ("&#106;avascript:") became a broken https:// link.
const BARE_LINK = /^(?:#\S+|(?:[^\s@/\\:]+@)?[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+\.?(?:[/?#:]\S*)?)$/u;

export function isAllowedLink(href: string): boolean {
  return LINK_SCHEMES.test(href) || (!HAS_SCHEME.test(href) && BARE_LINK.test(href));
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
        if (!isAllowedLink(t.href))
          throw new ComposeError(`link "${t.href.slice(0, 60)}": only http, https, mailto and tel links are allowed`, t.raw);
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
      case 'image':
        // Printed as its Markdown before, with exit 0: a photo's place is its field.
        throw new ComposeError(`an image in the text ("${t.raw.slice(0, 60)}"): photos come from the photo fields of case.md, not from text`, t.raw);
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

/** A numeric attribute; its bounds were checked against the directive's spec before. */
function num(attrs: Record<string, string>, key: string, fallback: number): number {
  const v = attrs[key];
  return v === undefined ? fallback : Number(v);
}

function listItems(tokens: Token[]): Tokens.ListItem[] {
  return tokens.flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items : []));
}

interface Walk {
  content: boolean;
  depth: number;
}

function directive(d: DirectiveToken, walk: Walk): Block[] {
  const problems = attributeProblems(d.name, d.attrs, walk.content);
  if (problems.length) throw new ComposeError(problems[0], d.raw.split('\n')[0]);
  const a = d.attrs;
  const inner = { ...walk, depth: walk.depth + 1 };
  const blocks = (tokens: Token[]) => blocksOf(tokens, inner);
  const children = () => blocks(d.tokens);
  switch (d.name) {
    case 'read-aloud':
    case 'tip':
    case 'note':
    case 'address':
    case 'accent':
      return [{ type: 'box', variant: d.name, title: a.title, split: a.split === 'true', ...(a.size ? { size: num(a, 'size', 10.5) } : {}), ...(a.dir === 'ltr' ? { ltr: true } : {}), children: children() }];
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
    case 'columns': {
      const cols = d.tokens.filter((t) => t.type === 'directive') as DirectiveToken[];
      const shares = cols.map((c) => (c.attrs.share === undefined ? undefined : Number(c.attrs.share)));
      return [{ type: 'columns', columns: cols.map((c) => blocks(c.tokens)), ...(shares.some((x) => x !== undefined) ? { shares } : {}) }];
    }
    case 'lines':
      return [{ type: 'writing-lines', count: num(a, 'count', 10), fill: a.fill === 'true', reserve: num(a, 'reserve', 0) }];
    case 'space':
      return [{ type: 'space', size: num(a, 'size', 12) }];
    case 'page-break':
      return [{ type: 'page-break' }];
    case 'cut-sheet': {
      const isCard = (t: Token) => t.type === 'directive' && (t as DirectiveToken).name === 'card';
      const header = blocks(d.tokens.filter((t) => !isCard(t)));
      const cards: Card[] = (d.tokens.filter(isCard) as DirectiveToken[]).map((c) => ({
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
          kicker: a.kicker,
          tab: a.tab === 'dark' ? 'dark' : 'light',
          header,
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
    case 'logo-band':
    case 'qr':
      return [sectionBlock(d.name, a)];
    default:
      throw new ComposeError(`unknown directive ":::${d.name}"`, d.raw);
  }
}

function blocksOf(tokens: Token[], walk: Walk): Block[] {
  // fenceProblems bounds what the text can nest; this is the backstop for what marked builds.
  if (walk.depth > 3 * MAX_NESTING) throw new ComposeError(`nested too deeply (more than ${MAX_NESTING} levels)`, tokens[0]?.raw ?? '');
  const inner = { ...walk, depth: walk.depth + 1 };
  const blocks = (ts: Token[]) => blocksOf(ts, inner);
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
        out.push(...directive(t as DirectiveToken, walk));
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

/** Parse Markdown (composed by a template, or written in content) into the document tree. */
export function parseDocument(markdown: string, options: ParseOptions = {}): Block[] {
  const fences = fenceProblems(markdown, options.content);
  if (fences.length) throw new ComposeError(fences[0].message, '', fences[0].line);
  try {
    return blocksOf(marked.lexer(markdown), { content: !!options.content, depth: 0 });
  } catch (e) {
    // Whatever else still ends the stack: a problem of the text, named, never a crash.
    if (e instanceof RangeError) throw new ComposeError('the text nests marks, links or lists too deeply to be read');
    throw e;
  }
}
