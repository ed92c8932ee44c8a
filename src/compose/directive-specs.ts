// What each directive accepts, in one table: its attributes (numbers with their bounds) and
// whether content may use it. Templates are ours; content is not: a content body or field may use
// only the boxes meant for it, and no directive may ask for a million lines or zero columns.
export type AttributeSpec = { kind: 'text' } | { kind: 'flag' } | { kind: 'number'; min: number; max: number } | { kind: 'choice'; values: string[] };

export interface DirectiveSpec {
  /** Content bodies and front matter fields may use it (templates may use every directive). */
  content: boolean;
  attrs: Record<string, AttributeSpec>;
}

const text: AttributeSpec = { kind: 'text' };
const flag: AttributeSpec = { kind: 'flag' };
const number = (min: number, max: number): AttributeSpec => ({ kind: 'number', min, max });

const box = (content: boolean): DirectiveSpec => ({ content, attrs: { title: text, split: flag, size: number(6, 16), dir: { kind: 'choice', values: ['ltr'] } } });

export const DIRECTIVES: Record<string, DirectiveSpec> = {
  'read-aloud': box(true),
  tip: box(true),
  note: box(true),
  address: box(false),
  accent: box(false),
  title: { content: false, attrs: { kicker: text, title: text, subtitle: text } },
  image: { content: false, attrs: { src: text, alt: text, caption: text, placeholder: text, height: number(20, 700) } },
  columns: { content: false, attrs: {} },
  // share: the column's part of the width (a form's letter beside its notes); columns without one share the rest.
  column: { content: false, attrs: { share: number(0.2, 0.8) } },
  lines: { content: false, attrs: { count: number(1, 60), fill: flag, reserve: number(0, 400) } },
  space: { content: false, attrs: { size: number(0, 400) } },
  'page-break': { content: false, attrs: {} },
  'cut-sheet': {
    content: false,
    attrs: { name: text, columns: number(1, 4), rows: number(1, 6), instruction: text, heading: text, kicker: text, tab: { kind: 'choice', values: ['dark', 'light'] }, align: { kind: 'choice', values: ['top', 'center'] }, 'max-size': number(6, 20) },
  },
  card: { content: false, attrs: { label: text, source: text } },
  table: { content: false, attrs: { name: text, columns: text, 'empty-rows': number(0, 500), 'row-height': number(12, 80), fill: flag } },
  'rights-groups': { content: false, attrs: { 'article-label': text } },
  group: { content: false, attrs: { title: text, description: text } },
  'logo-band': { content: false, attrs: { src: text, name: text, contact: text, accent: text } },
  qr: { content: false, attrs: { url: text, label: text, size: number(56, 200) } },
};

export const CONTENT_DIRECTIVES = Object.keys(DIRECTIVES).filter((name) => DIRECTIVES[name].content);

/** Deeper nesting than this (quotes in quotes, directives in directives) is refused before parsing. */
export const MAX_NESTING = 8;

/** A directive's attribute problems, or none; `content` applies the content rules. */
export function attributeProblems(name: string, attrs: Record<string, string>, content: boolean): string[] {
  const spec = DIRECTIVES[name];
  if (!spec) return [`unknown directive ":::${name}" (content may use ${CONTENT_DIRECTIVES.map((d) => `:::${d}`).join(', ')})`];
  if (content && !spec.content) return [`directive ":::${name}" is not allowed in content (content may use ${CONTENT_DIRECTIVES.map((d) => `:::${d}`).join(', ')})`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    const a = spec.attrs[key];
    if (!a) problems.push(`:::${name}: unknown attribute "${key}"${Object.keys(spec.attrs).length ? ` (known: ${Object.keys(spec.attrs).join(', ')})` : ''}`);
    else if (a.kind === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || n < a.min || n > a.max) problems.push(`:::${name}: ${key}=${value} must be between ${a.min} and ${a.max}`);
    } else if (a.kind === 'flag' && value !== 'true' && value !== 'false') problems.push(`:::${name}: ${key}=${value} must be true or false`);
    else if (a.kind === 'choice' && !a.values.includes(value)) problems.push(`:::${name}: ${key}=${value} must be one of ${a.values.join(', ')}`);
  }
  return problems;
}
