// Typst sources for the same documents our build makes, generated from our composed block trees
// (the Markdown a template renders, parsed into blocks as src/pipeline/document.ts does), so the
// peer does the same work: the same text in the same fonts, sizes, paper and margins. Layout details
// (card grids, bands, QR codes) are approximated with Typst's own boxes, grids and tables.
import path from 'node:path';
import { loadPack } from '../../dist/content/load.js';
import { renderTemplate, viewOf } from '../../dist/compose/render.js';
import { parseDocument } from '../../dist/compose/parse.js';
import { sectionView } from '../../dist/compose/section-view.js';
import { DOCUMENTS } from '../../dist/documents/registry.js';
import { PACKAGE_DIR, rootOf, select } from '../../dist/commands/build.js';
import { paperFor } from '../../dist/i18n/locale.js';
import { PAPER_SIZES, TYPE, pageSetup } from '../../dist/layout/theme.js';

// The Noto families our font book uses; Typst falls back through the list for other scripts.
const FAMILIES = ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans Devanagari', 'Noto Sans Bengali', 'Noto Sans Thai', 'Noto Sans JP'];

/** Text as Typst markup-free content: a string literal. */
const str = (s) => JSON.stringify(String(s).replace(/\u00AD/g, ''));

function spans(list) {
  if (!list.length) return '[]';
  return list
    .map((s) => {
      let t = `text(${s.bold ? 'weight: "bold", ' : ''}${s.italic ? 'style: "italic", ' : ''}${s.color ? `fill: rgb(${str(s.color)}), ` : ''}${str(s.text)})`;
      if (s.link) t = `link(${str(s.link)}, ${t})`;
      return t;
    })
    .join(' + ');
}

const SIZE = { 1: TYPE.h1, 2: TYPE.h2, 3: TYPE.h3 };

function blocks(list) {
  return list.map(block).join('\n');
}

/** One block as a Typst code expression (inside a #{...} code block). */
function block(b) {
  switch (b.type) {
    case 'heading':
      return `block(above: 2em, below: 1em, text(size: ${SIZE[b.level] ?? TYPE.h3}pt, weight: "bold", ${spans(b.spans)}))`;
    case 'paragraph': {
      const size = b.variant === 'lead' ? TYPE.lead : b.variant === 'small' || b.variant === 'caption' ? TYPE.small : TYPE.body;
      const body = `par(text(size: ${size}pt, ${spans(b.spans)}))`;
      return b.variant === 'center' ? `align(center, ${body})` : body;
    }
    case 'list':
      return `${b.ordered ? 'enum' : 'list'}(${b.items.map((item) => `[#{${blocks(item)}}]`).join(', ')})`;
    case 'quote':
      return `quote(block: true, [#{${blocks(b.children)}}])`;
    case 'box':
      return `block(width: 100%, inset: 8pt, fill: luma(240), stroke: 0.5pt, breakable: ${!!b.split}, [${b.title ? `#text(size: ${TYPE.label}pt, weight: "bold", ${str(b.title)}) ` : ''}#{${blocks(b.children)}}])`;
    case 'title':
      return `block(below: 1em, [${b.kicker ? `#text(size: ${TYPE.label}pt, ${str(b.kicker)}) \\ ` : ''}#text(size: ${TYPE.title}pt, weight: "bold", ${str(b.title)})${b.subtitle ? ` \\ #text(size: ${TYPE.subtitle}pt, ${str(b.subtitle)})` : ''}])`;
    case 'image':
      return `block(width: ${(b.height * 0.8).toFixed(0)}pt, height: ${b.height}pt, fill: luma(220), [${b.caption ? `#text(size: ${TYPE.small}pt, ${str(b.caption)})` : ''}])`;
    case 'columns': {
      const shares = b.columns.map((_, i) => b.shares?.[i] ?? 1 / b.columns.length);
      return `grid(columns: (${shares.map((s) => `${(s * 100).toFixed(1)}%`).join(', ')}), column-gutter: 12pt, ${b.columns.map((c) => `[#{${blocks(c)}}]`).join(', ')})`;
    }
    case 'writing-lines':
      return `stack(spacing: 22pt, ..range(${b.count}).map(_ => line(length: 100%, stroke: 0.4pt)))`;
    case 'space':
      return `v(${b.size}pt)`;
    case 'page-break':
      return 'pagebreak(weak: true)';
    case 'cut-sheet': {
      const cards = b.cards.map((c) => `block(height: ${(640 / b.rows).toFixed(0)}pt, width: 100%, inset: 6pt, stroke: (dash: "dashed", thickness: 0.5pt), [#text(size: ${TYPE.label}pt, weight: "bold", ${str(c.label)}) \\ #text(size: ${b.maxSize}pt, [#{${blocks(c.children)}}])])`);
      const head = [b.kicker && `text(size: ${TYPE.label}pt, ${str(b.kicker)})`, b.heading && `text(size: ${TYPE.h1}pt, weight: "bold", ${str(b.heading)})`, b.instruction && `text(size: ${TYPE.small}pt, ${str(b.instruction)})`, b.header.length && blocks(b.header)].filter(Boolean);
      return `${head.length ? `${head.join('\n')}\n` : ''}grid(columns: ${b.columns}, ${cards.join(', ')})`;
    }
    case 'table': {
      const cols = b.columns.map((c) => `${c.width}fr`).join(', ');
      const heads = b.columns.some((c) => c.title) ? `table.header(${b.columns.map((c) => `text(size: ${TYPE.small}pt, weight: "bold", ${str(c.title)})`).join(', ')}), ` : '';
      const cells = b.rows.flat().map((cell) => `text(size: ${TYPE.small}pt, ${str(cell)})`);
      const filler = b.fill ? `, ..range(${20 * b.columns.length}).map(_ => block(height: ${b.rowHeight ?? 22}pt))` : '';
      return `table(columns: (${cols}), ${heads}${cells.join(', ')}${filler})`;
    }
    case 'rights-groups':
      return `grid(columns: 3, gutter: 8pt, ${b.groups
        .map((g) => `block(inset: 6pt, stroke: 0.5pt, [#text(size: ${TYPE.h3}pt, weight: "bold", ${str(g.title)}) \\ #text(size: ${TYPE.small}pt, ${str(g.description)}) #for a in (${g.articles.map((a) => `(${a.number}, ${str(a.title)})`).join(', ')},) [ \\ #text(size: ${TYPE.small}pt, ${str(b.articleLabel)} + " " + str(a.at(0)) + ": " + a.at(1))]])`)
        .join(', ')})`;
    case 'logo-band':
      return `block(width: 100%, stroke: (bottom: 1pt), text(size: ${TYPE.small}pt, ${str(b.name)}))`;
    case 'qr':
      return `block(width: ${b.size}pt, height: ${b.size}pt, fill: luma(0))`;
    default:
      throw new Error(`no Typst for block ${b.type}`);
  }
}

function typst(model, doc, blockList) {
  const { width, height, margin } = pageSetup(paperFor(model.locale));
  void PAPER_SIZES;
  return [
    `#set page(width: ${width}pt, height: ${height}pt, margin: (top: ${margin.top}pt, bottom: ${margin.bottom}pt, left: ${margin.left}pt, right: ${margin.right}pt), footer: context text(size: ${TYPE.label}pt, ${str(model.strings.text(DOCUMENTS[doc].titleKey))} + h(1fr) + counter(page).display("1 / 1", both: true)))`,
    `#set text(font: (${FAMILIES.map(str).join(', ')}), size: ${TYPE.body}pt, lang: ${str(new Intl.Locale(model.locale).language)}, dir: ${model.rtl ? 'rtl' : 'ltr'}, hyphenate: auto)`,
    '#set par(leading: 1em, spacing: 1.4em)',
    '#set list(spacing: 1.1em)',
    '#set enum(spacing: 1.1em)',
    '#set block(spacing: 1.4em)',
    `#{\n${blocks(blockList)}\n}`,
    '',
  ].join('\n');
}

/**
 * Every document of `docs` for every bundled case and locale: { name, source } where name is
 * case/locale/doc, in the order our build writes them.
 */
export function typstSources(docs, locales) {
  const request = { cwd: PACKAGE_DIR, docs, locales };
  const selection = select(request);
  const root = rootOf(request);
  const templatesDir = path.join(PACKAGE_DIR, 'templates');
  const out = [];
  for (const caseId of selection.cases)
    for (const locale of selection.locales) {
      const model = loadPack(root, caseId, locale);
      for (const doc of selection.docs) {
        const view = { ...viewOf(model), ...sectionView(undefined), packPages: {} };
        const markdown = renderTemplate(templatesDir, DOCUMENTS[doc].template, view);
        out.push({ name: `${caseId}/${locale}/${doc}`, source: typst(model, doc, parseDocument(markdown)) });
      }
    }
  return out;
}

/** Where Typst finds the same Noto fonts our build embeds. */
export function fontDirs() {
  return ['noto-sans', 'noto-sans-arabic', 'noto-sans-hebrew', 'noto-sans-devanagari', 'noto-sans-bengali', 'noto-sans-thai', 'noto-sans-jp'].map((p) => path.join(PACKAGE_DIR, 'node_modules', '@expo-google-fonts', p));
}
