// Flowing blocks → slices: paragraphs become one slice per line so they can break across pages;
// boxes, images and columns are single unbreakable slices. Positions are mirrored for RTL here,
// through `Region.place`, so no block has to think about direction itself.
import type { Block, BoxBlock, ListBlock, ParagraphBlock, Span } from '../compose/tree.js';
import { autolink } from '../compose/autolink.js';
import { upperText } from '../i18n/fallback-marks.js';
import type { FrameItem, Overflow, TextItem } from './frame.js';
import { imageSize } from '../content/image-probe.js';
import { shift, stack, type Slice } from './paginate.js';
import { claim, claimSlices, headingRole, step, within, type StructPath, type StructStep } from './structure.js';
import { setParagraph, type SetParagraph, type TextContext, type TextStyle } from './text.js';
import { BLOCK, bodyStyle, COLORS, HEADING_SIZES, LEADING, MEASURE_EM, onScale, RULES, SPACE, TYPE, type PageSetup } from './theme.js';

export interface LayoutContext extends TextContext {
  setup: PageSetup;
  /** The document's locale: labels are upper-cased by its rules (see upperText), and numbers layout prints itself (article numbers) are in its digits, as the strings print theirs. */
  locale: string;
  overflows: Overflow[];
  /** Characters no font covers, with the block they were found in. */
  missing: { char: string; block: string }[];
  /** Layout of the block types that manage their own pages (cut sheets, tables, UDHR grid). */
  special: (block: Block, region: Region, ctx: LayoutContext) => Slice[] | undefined;
  /** Draft previews outline shrunk or overflowing boxes in red. */
  preview?: boolean;
  /** Narrow boxes (cards) are hyphenated; wide ragged text is not. */
  narrow?: boolean;
  /** Body text size and alignment, changed where text is fitted into a card. */
  baseSize?: number;
  align?: TextStyle['align'];
  /** The structure element being laid out (see structure.ts): what its text and figures belong to. */
  path?: StructPath;
  /** Headings' levels in the structure (see structure.ts headingLevels), where they differ from the look. */
  headingLevels?: Map<Block, number>;
}

/** A horizontal band of the page. `place` turns a start-relative x into a page x (mirrored in RTL). */
export class Region {
  constructor(
    readonly x: number,
    readonly width: number,
    readonly rtl: boolean,
  ) {}
  place(offset: number, w: number): number {
    return this.rtl ? this.x + this.width - offset - w : this.x + offset;
  }
  inset(start: number, end = 0): Region {
    return new Region(this.rtl ? this.x + end : this.x + start, this.width - start - end, this.rtl);
  }
}

/**
 * A set paragraph's runs as text items at (x, top). `tag`: the structure element they belong to,
 * when the caller knows it is the one `claim` would give them (saves a copy of every item).
 */
export function textItems(set: SetParagraph, x: number, top = 0, tag?: StructPath): TextItem[] {
  const items: TextItem[] = [];
  for (const line of set.lines)
    for (const r of line.runs) {
      // The optional keys set one by one, in this order: spreading a small object for each made
      // one object more per word of every document.
      const item: TextItem = { type: 'text', x: x + r.x, y: top + line.baseline, width: r.width, text: r.text, face: r.face.key, size: r.size, color: r.color };
      if (r.rtl) (item.rtl = true), (item.actual = r.actual ?? r.text);
      if (r.wordSpacing) item.wordSpacing = r.wordSpacing;
      if (r.link) item.link = r.link;
      if (r.fallback) item.fallback = r.fallback;
      if (tag) item.tag = tag;
      items.push(item);
    }
  return items;
}

/** Set text and record what did not fit or has no glyph. */
export function setText(given: Span[], style: TextStyle, width: number, ctx: LayoutContext, name: string): SetParagraph {
  const spans = autolink(given);
  // Narrow boxes are hyphenated only when a word would not fit otherwise: fewer broken words.
  let set = setParagraph(spans, style, width, { ...ctx, hyphenate: undefined });
  if (ctx.hyphenate && (ctx.narrow || style.align === 'justify') && set.forced) set = setParagraph(spans, style, width, ctx);
  for (const char of set.missing) ctx.missing.push({ char, block: name });
  if (set.forced || set.widest > width + 0.5)
    ctx.overflows.push({ block: name, page: 0, message: `a word in ${name} is wider than its box and was cut where it does not break`, fatal: false });
  return set;
}

const preview = (spans: Span[]) => {
  const t = spans.map((s) => s.text).join('').trim();
  return `"${t.length > 40 ? t.slice(0, 40) + '…' : t}"`;
};

function paragraphSlices(set: SetParagraph, region: Region, spaceBefore: number, name: string, tag?: StructPath): Slice[] {
  // One slice per line; the first two and last two lines stay together (no widows or orphans).
  const n = set.lines.length;
  return set.lines.map((line, i) => ({
    height: set.lineHeight,
    items: textItems({ ...set, lines: [{ ...line, baseline: line.baseline - i * set.lineHeight }] }, region.x, 0, tag),
    spaceBefore: i === 0 ? spaceBefore : 0,
    keepWithNext: n <= 3 || i === 0 || i >= n - 2 ? i < n - 1 : false,
    name,
  }));
}

function paragraph(b: ParagraphBlock, region: Region, ctx: LayoutContext): Slice[] {
  const variants: Record<string, Partial<TextStyle>> = {
    lead: { size: ctx.baseSize && ctx.baseSize < TYPE.body ? ctx.baseSize : TYPE.lead, leading: ctx.rtl ? LEADING.lead.rtl : LEADING.lead.ltr },
    small: { size: TYPE.small },
    caption: { size: TYPE.small, italic: true, color: COLORS.muted },
    center: { align: 'center' },
  };
  const base = { size: ctx.baseSize ?? TYPE.body, ...(ctx.align ? { align: ctx.align } : {}) };
  const style = bodyStyle(ctx.rtl, { ...base, ...(b.variant ? variants[b.variant] : {}) });
  const name = `paragraph ${preview(b.spans)}`;
  // Its lines are tagged as the paragraph it is: layoutBlocks claims this block's items for ctx.path.
  return paragraphSlices(setText(b.spans, style, region.width, ctx, name), region, SPACE.paragraph, name, ctx.path);
}

function list(b: ListBlock, region: Region, ctx: LayoutContext): Slice[] {
  const indent = BLOCK.listIndent;
  const out: Slice[] = [];
  b.items.forEach((item, i) => {
    const inner = region.inset(indent);
    const li = within(ctx.path, step('LI', i));
    const slices = layoutBlocks(item, inner, { ...ctx, path: within(li, step('LBody', 1)) });
    if (!slices.length) return;
    const marker = b.ordered ? `${i + 1}.` : '•';
    const style = bodyStyle(ctx.rtl, b.ordered ? { bold: true } : { color: COLORS.accentDark, bold: true });
    const set = setText([{ text: marker }], style, indent, ctx, 'list marker');
    const first = slices[0];
    first.items = [...claim(textItems(set, region.place(0, indent)), within(li, step('Lbl', 0))), ...first.items];
    first.spaceBefore = i === 0 ? SPACE.list : SPACE.listItem;
    out.push(...slices);
  });
  return out;
}

function box(b: BoxBlock, region: Region, ctx: LayoutContext): Slice[] {
  // A left-to-right box in a right-to-left document keeps its place (the page's start side).
  if (b.ltr && ctx.rtl) return box({ ...b, ltr: false }, new Region(region.x, region.width, false), { ...ctx, rtl: false });
  const pad = BLOCK.boxPadding;
  const bar = b.variant === 'read-aloud' || b.variant === 'accent' ? BLOCK.accentBar : 0;
  const inner = region.inset(pad + bar, pad);
  const parts: Slice[] = [];
  if (b.title) {
    const set = setText([{ text: upperText(b.title, ctx.locale), bold: true }], bodyStyle(ctx.rtl, { size: TYPE.label, color: COLORS.accentDark, leading: LEADING.label }), inner.width, ctx, `box title ${b.title}`);
    parts.push({ height: set.height, items: claim(textItems(set, inner.x), within(ctx.path, step('P', -1))), spaceBefore: 0, name: 'box title' });
  }
  const content = layoutBlocks(b.children, inner, b.size ? { ...ctx, baseSize: onScale(b.size) } : ctx);
  if (content[0] && !b.title) content[0].spaceBefore = 0;
  const fills: Record<BoxBlock['variant'], { fill?: string; stroke?: string }> = {
    'read-aloud': { fill: COLORS.readAloud },
    accent: { fill: COLORS.readAloud },
    tip: { fill: COLORS.tip },
    note: { stroke: COLORS.rule },
    address: { stroke: COLORS.ink },
  };
  const fill = fills[b.variant].fill;
  if (b.split && fill) {
    // A long shaded box may run onto the next page: each line carries its own strip of shading,
    // so the box grows line by line and breaks between lines like a paragraph.
    const strip = (h: number): FrameItem[] => [
      { type: 'rect', x: region.x, y: 0, w: region.width, h, fill },
      ...(bar ? [{ type: 'rect' as const, x: region.place(0, bar), y: 0, w: bar, h, fill: COLORS.accent }] : []),
    ];
    const lines = [...parts, ...content];
    const slices: Slice[] = lines.map((s, i) => {
      const gap = i === 0 ? pad : s.spaceBefore;
      return { ...s, spaceBefore: i === 0 ? SPACE.box : 0, height: s.height + gap, items: [...strip(s.height + gap), ...shift(s.items, gap)], keepWithNext: s.keepWithNext || i === lines.length - 1 };
    });
    slices.push({ height: pad, items: strip(pad), spaceBefore: 0, name: `${b.variant} box` });
    return slices;
  }
  const body = stack([...parts, ...content], `${b.variant} box`);
  const height = body.height + pad * 2;
  const items: FrameItem[] = [{ type: 'rect', x: region.x, y: 0, w: region.width, h: height, ...fills[b.variant], lineWidth: RULES.box, radius: BLOCK.boxRadius }];
  if (bar) items.push({ type: 'rect', x: region.place(0, bar), y: 0, w: bar, h: height, fill: COLORS.accent });
  items.push(...shift(body.items, pad));
  return [{ height, items, spaceBefore: SPACE.box, name: `${b.variant} box` }];
}

function heading(level: number, spans: Span[], region: Region, ctx: LayoutContext, bookmark: boolean): Slice[] {
  const size = HEADING_SIZES[level] ?? TYPE.body;
  const set = setText(spans, bodyStyle(ctx.rtl, { size, bold: true, leading: ctx.rtl ? LEADING.heading.rtl : LEADING.heading.ltr }), region.width, ctx, `heading ${preview(spans)}`);
  const items: FrameItem[] = textItems(set, region.x, 0, ctx.path); // the heading's element, as layoutBlocks would claim it
  let height = set.height;
  if (level <= 2) {
    const rule = BLOCK.headingRule;
    items.push({ type: 'rect', x: region.place(0, rule.width), y: height + rule.gap, w: rule.width, h: rule.thickness, fill: COLORS.accent });
    height += rule.gap + rule.thickness + 2;
  }
  const title = spans.map((s) => s.text).join('');
  return [
    {
      height,
      items,
      spaceBefore: level <= 2 ? SPACE.majorHeading : SPACE.heading,
      keepWithNext: true,
      name: `heading "${title}"`,
      ...(bookmark ? { bookmark: { title, level: level <= 1 ? 1 : 2 } } : {}),
    },
  ];
}

/**
 * Running text is set on a measure of 55–75 characters, however wide the page: a wider region keeps
 * the rest, on the end side, as a margin for notes. Paragraphs, lists, quotations, boxes, headings
 * and images share the one column so their start edges line up; titles, tables, columns and cut
 * sheets use the whole width.
 */
export function measured(region: Region): Region {
  const measure = MEASURE_EM * TYPE.body;
  return region.width > measure + 1 ? region.inset(0, region.width - measure) : region;
}

const RUNNING: ReadonlySet<Block['type']> = new Set(['paragraph', 'list', 'quote', 'box', 'heading', 'image']);

export function layoutBlock(b: Block, wide: Region, ctx: LayoutContext): Slice[] {
  const special = ctx.special(b, wide, ctx);
  if (special) return special;
  const region = RUNNING.has(b.type) ? measured(wide) : wide;
  switch (b.type) {
    case 'heading':
      return heading(b.level, b.spans, region, ctx, b.bookmark);
    case 'paragraph':
      return paragraph(b, region, ctx);
    case 'list':
      return list(b, region, ctx);
    case 'quote': {
      const inner = region.inset(BLOCK.quoteIndent);
      const body = stack(layoutBlocks(b.children.map((c) => (c.type === 'paragraph' ? { ...c, spans: c.spans.map((s) => ({ ...s, italic: true })) } : c)), inner, ctx), 'quotation');
      if (body.items.length === 0) return [];
      return [
        {
          height: body.height,
          items: [{ type: 'rect', x: region.place(0, BLOCK.quoteBar), y: 2, w: BLOCK.quoteBar, h: body.height - 2, fill: COLORS.accent }, ...body.items],
          spaceBefore: SPACE.quote,
          name: 'quotation',
        },
      ];
    }
    case 'box':
      return box(b, region, ctx);
    case 'title': {
      const parts: Slice[] = [];
      const items: FrameItem[] = [];
      let y = 0;
      if (b.kicker) {
        const kicker = [{ text: upperText(b.kicker, ctx.locale), bold: true }];
        const style = bodyStyle(ctx.rtl, { size: TYPE.small, leading: LEADING.tag });
        const tw = setText(kicker, style, region.width, ctx, 'title kicker').widest;
        const set = setText(kicker, style, tw + 0.5, ctx, 'title kicker');
        const w = tw + 12;
        items.push({ type: 'rect', x: region.place(0, w), y, w, h: set.height + 6, fill: COLORS.accent });
        items.push(...claim(textItems(set, region.place(6, tw + 0.5), y + 3), within(ctx.path, step('P', 0))));
        y += set.height + 14;
      }
      const t = setText([{ text: b.title, bold: true }], bodyStyle(ctx.rtl, { size: TYPE.title, leading: ctx.rtl ? LEADING.title.rtl : LEADING.title.ltr }), region.width, ctx, `title "${b.title}"`);
      items.push(...claim(textItems(t, region.x, y), within(ctx.path, step('H1', 1))));
      y += t.height;
      if (b.subtitle) {
        const s = setText([{ text: b.subtitle }], bodyStyle(ctx.rtl, { size: TYPE.subtitle, color: COLORS.muted }), region.width, ctx, 'subtitle');
        items.push(...claim(textItems(s, region.x, y + 2), within(ctx.path, step('P', 2))));
        y += s.height + 2;
      }
      items.push({ type: 'rect', x: region.x, y: y + 6, w: region.width, h: BLOCK.titleRule, fill: COLORS.accent });
      parts.push({ height: y + 6 + BLOCK.titleRule, items, spaceBefore: 0, keepWithNext: true, name: `title "${b.title}"`, bookmark: { title: b.title, level: 1 } });
      return parts;
    }
    case 'image': {
      const size = imageSize(b.src);
      const h = Math.min(b.height, (region.width * size.height) / size.width);
      const w = (h * size.width) / size.height;
      const ix = region.place((region.width - w) / 2, w);
      // The photo and the note on it are one figure, read as its alternative text; the caption follows.
      const figure = within(ctx.path, step('Figure', 0, { alt: b.alt }));
      const items: FrameItem[] = [{ type: 'image', x: ix, y: 0, w, h, src: b.src, tag: figure }];
      if (b.placeholderNote) {
        // A placeholder photo says so in the reader's language, on a band across its foot.
        const note = setText([{ text: b.placeholderNote, bold: true }], bodyStyle(ctx.rtl, { size: TYPE.label, color: COLORS.accent, align: 'center', leading: LEADING.label }), w - 16, ctx, 'placeholder note');
        const band = note.height + 10;
        items.push({ type: 'rect', x: ix, y: h - band, w, h: band, fill: COLORS.ink });
        items.push(...claim(textItems(note, ix + 8, h - band + 5), figure));
      }
      let height = h;
      if (b.caption) {
        const set = setText([{ text: b.caption, italic: true }], bodyStyle(ctx.rtl, { size: TYPE.small, color: COLORS.muted, align: 'center' }), region.width, ctx, 'image caption');
        items.push(...claim(textItems(set, region.x, height + 5), within(ctx.path, step('Caption', 1))));
        height += set.height + 5;
      }
      return [{ height, items, spaceBefore: SPACE.image, name: `image ${b.src}` }];
    }
    case 'columns': {
      const gap = BLOCK.columnGap;
      const n = b.columns.length;
      // None (a group's photos, when no one has one): nothing, rather than a height of -Infinity.
      if (n === 0) return [];
      const free = region.width - gap * (n - 1);
      // Columns without a share split what the others leave.
      const given = (b.shares ?? []).reduce((sum: number, x) => sum + (x ?? 0), 0);
      const unshared = b.columns.length - (b.shares ?? []).filter((x) => x !== undefined).length;
      const widths = b.columns.map((_, i) => (b.shares?.[i] !== undefined ? b.shares[i]! * free : unshared ? ((1 - given) * free) / unshared : 0));
      const cols = b.columns.map((blocks, i) => {
        const w = widths[i];
        const at = widths.slice(0, i).reduce((sum, x) => sum + x + gap, 0);
        const col = new Region(region.place(at, w), w, ctx.rtl);
        const slices = layoutBlocks(blocks, col, { ...ctx, path: within(ctx.path, step('Div', i)) });
        if (slices[0]) slices[0].spaceBefore = 0;
        return stack(slices, 'column');
      });
      return [{ height: Math.max(...cols.map((c) => c.height)), items: cols.flatMap((c) => c.items), spaceBefore: SPACE.columns, name: 'columns' }];
    }
    case 'writing-lines': {
      const gap = SPACE.writingLine;
      const make = (count: number): Slice => ({
        height: count * gap,
        items: Array.from({ length: count }, (_, i) => ({ type: 'line' as const, x1: region.x, x2: region.x + region.width, y1: (i + 1) * gap, y2: (i + 1) * gap, color: COLORS.faint, width: RULES.writing })),
        spaceBefore: 6,
        name: 'writing lines',
      });
      const slice = make(b.count);
      if (b.fill) slice.fill = (available) => make(Math.max(b.count, Math.floor((available - b.reserve - 6) / gap)));
      return [slice];
    }
    case 'space':
      return [{ height: b.size, items: [], spaceBefore: 0, name: 'space' }];
    case 'page-break':
      return [{ height: 0, items: [], spaceBefore: 0, breakBefore: true, name: 'page break' }];
    case 'cut-sheet':
    case 'table':
    case 'rights-groups':
    case 'logo-band':
    case 'qr':
      throw new Error(`${b.type} needs its special layout`);
    default: {
      const never: never = b;
      throw new Error(`unknown block ${(never as Block).type}`);
    }
  }
}

/** The structure element a block is: its text and figures belong to it, in the order of the blocks. */
function elementOf(b: Block, n: number, ctx: LayoutContext): StructStep {
  switch (b.type) {
    case 'heading':
      return step(headingRole(ctx.headingLevels?.get(b) ?? b.level), n);
    case 'paragraph':
      return step('P', n);
    case 'list':
      return step('L', n);
    case 'quote':
      return step('BlockQuote', n);
    case 'table':
      return step('Table', n);
    default:
      return step('Div', n);
  }
}

export function layoutBlocks(blocks: Block[], region: Region, ctx: LayoutContext): Slice[] {
  return blocks.flatMap((b, i) => {
    const own = within(ctx.path, elementOf(b, i, ctx));
    return claimSlices(layoutBlock(b, region, { ...ctx, path: own }), own);
  });
}
