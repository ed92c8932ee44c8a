// One document for one case and locale, through every stage: model → template → blocks → frames →
// PDF bytes. The pack is assembled here too, from the other documents' frames.
import type { Fallback, PackModel } from '../content/load.js';
import { ComposeError, parseDocument } from '../compose/parse.js';
import { renderTemplate, TemplateError, viewOf } from '../compose/render.js';
import { walkBlocks, type Block } from '../compose/tree.js';
import { ContentError, error, warning, type Diagnostic, type SourceRef } from '../diagnostics.js';
import { displayName } from '../content/case-status.js';
import { packOrder } from '../documents/applicable.js';
import { DOCUMENTS, PRINTED_SEPARATELY, type DocumentId } from '../documents/registry.js';
import { addFooters, layoutDocument, type LaidOut, type LayoutOptions } from '../layout/document.js';
import type { FontBook } from '../layout/fonts.js';
import type { Bookmark, DocumentFrames, PageFrame } from '../layout/frame.js';
import { pageSetup, type Paper } from '../layout/theme.js';
import { hyphenatorFor } from '../i18n/hyphenate.js';
import { stripMarks } from '../i18n/fallback-marks.js';
import { decoratePreview } from '../layout/preview.js';

export interface DocumentOptions {
  templatesDir: string;
  book: FontBook;
  paper: Paper;
  /** A translator's draft: fallback text tinted, DRAFT on every page (the model must be marked). */
  preview?: boolean;
  /** The pack as a folded booklet: the documents printed separately are left out, and the contents say so. */
  booklet?: boolean;
}

export interface LaidOutDocument {
  frames: DocumentFrames;
  diagnostics: Diagnostic[];
  /** The fallbacks this document's text actually came from. */
  fallbacks: Fallback[];
  /** The content it reads: case, petition, activity, udhr, campaign (and always strings). */
  sources: string[];
}

/** Which content a view field comes from, to tell which fallen-back files a document used. */
const FIELD_SOURCES: Record<string, string[]> = {
  case: ['case'],
  petition: ['petition'],
  activity: ['activity'],
  udhr: ['udhr'],
  campaign: ['campaign'],
  experienceCards: ['case', 'udhr'],
  rightsCards: ['case', 'udhr'],
  solidarityCards: ['case'],
};

/** Which content a file (relative to its locale folder) is: case, petition, activity, udhr, campaign, strings. */
export function sourceOf(rel: string): string {
  if (rel === 'strings.yaml') return 'strings';
  if (rel.startsWith('activities/')) return 'activity';
  if (rel.endsWith('petition.md')) return 'petition';
  if (rel.startsWith('cases/')) return 'case';
  return rel.replace(/\.md$/, '');
}

/** Records what a document reads: view fields (through a proxy) and strings (through Strings.used). */
class Usage {
  readonly fields = new Set<string>();
  constructor(private model: PackModel) {
    model.strings.used.clear();
  }
  /** Wrap each field of the view: a field counts as used when a template reads inside it (Handlebars
   * copies the top level of the context for partials, which must not count). */
  track<T extends object>(view: T): T {
    const fields = this.fields;
    const wrapped: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(view)) {
      wrapped[field] =
        value && typeof value === 'object' && field in FIELD_SOURCES
          ? new Proxy(value, {
              get(target, key, receiver) {
                fields.add(field);
                return Reflect.get(target, key, receiver);
              },
            })
          : value;
    }
    return wrapped as T;
  }
  sources(): string[] {
    return [...new Set([...this.fields].flatMap((f) => FIELD_SOURCES[f] ?? [])), 'strings'];
  }
  fallbacks(): Fallback[] {
    if (this.fields.has('experienceCards')) this.model.strings.used.add('cards.letters');
    const sources = new Set([...this.fields].flatMap((f) => FIELD_SOURCES[f] ?? []));
    return this.model.fallbacks.filter((f) => (f.kind === 'string' ? this.model.strings.used.has(f.item) : sources.has(sourceOf(f.item))));
  }
}

interface Composed {
  blocks: Block[];
  /** Where the texts that layout may report on are written (see View.sourceRefs). */
  refs: Map<string, SourceRef>;
}

/** Template + view → blocks. Every problem on the way is a diagnostic thrown as a ContentError. */
function compose(model: PackModel, template: string, options: DocumentOptions, usage: Usage, extra: Record<string, unknown> = {}): Composed {
  const where = `templates/${template}.hbs`;
  const view = viewOf(model);
  model.strings.takeProblems();
  let markdown: string;
  try {
    markdown = renderTemplate(options.templatesDir, template, usage.track({ ...view, ...extra }));
  } catch (e) {
    if (e instanceof TemplateError) throw new ContentError([error(`templates/${e.template}.hbs`, e.line, e.message, 'fix the template')]);
    throw e;
  }
  const strings = model.strings.takeProblems();
  if (strings.length) throw new ContentError(strings);
  let blocks: Block[];
  try {
    blocks = parseDocument(markdown);
  } catch (e) {
    // Content was checked in content mode before; what is left comes from the template itself.
    if (e instanceof ComposeError) throw new ContentError([error(where, 0, e.message, 'fix the template')]);
    throw e;
  }
  // Images come only from paths the loader resolved and probed, whatever the Markdown says.
  const images = new Set(modelImages(model));
  for (const b of walkBlocks(blocks))
    if (b.type === 'image' && !images.has(b.src)) throw new ContentError([error(where, 0, `an image that content did not name ("${b.src}") is not allowed`, 'images come from photo fields of the content')]);
  return { blocks, refs: view.sourceRefs };
}

/** Every image file the model names (resolved inside the content root and probed). */
function modelImages(model: PackModel): string[] {
  return [model.case.photoPath, ...model.case.peoplePhotoPaths].filter((p): p is string => p !== undefined);
}

function layoutOptions(model: PackModel, options: DocumentOptions): LayoutOptions {
  return { book: options.book, setup: pageSetup(options.paper), rtl: model.rtl, hyphenate: hyphenatorFor(model.locale), names: caseNames(model), preview: options.preview, formatNumber: (n: number) => new Intl.NumberFormat(model.locale).format(n) };
}

/** The proper names a case prints, each name and each of its words (the surname alone, too). */
function caseNames(model: PackModel): string[] {
  const c = model.case.front;
  const names = [...c.people.flatMap((p) => [p.name, p.shortName]), c.shortName, c.groupName, c.country];
  return [...new Set(names.flatMap((n) => (n ? [n, ...n.split(/\s+/)] : [])))];
}

function decorate(model: PackModel, pages: PageFrame[], lo: LayoutOptions, title: string): void {
  if (!lo.preview) return;
  const text = (key: string, vars: Record<string, unknown>) => stripMarks(model.strings.peek(key, vars));
  decoratePreview(pages, lo, text('preview.banner', { locale: model.locale, title: stripMarks(title) }), (locale) => text('preview.fallbackNote', { locale }));
}

/** Overflows and missing glyphs as diagnostics naming the document, the locale and the block. */
function problems(model: PackModel, id: string, laid: LaidOut, refs: Map<string, SourceRef>, part?: string): Diagnostic[] {
  const where = `${model.caseId}/${model.locale}/${id}.pdf${part ? ` (${part})` : ''}`;
  const out: Diagnostic[] = [];
  for (const o of laid.overflows) {
    // Point at the content line when layout knows it, and say which PDF and page it is about.
    const ref = o.source ? refs.get(o.source) : undefined;
    out.push({
      severity: o.fatal ? 'error' : 'warning',
      file: ref?.file ?? where,
      line: ref?.line ?? 0,
      message: `${ref ? `${where}: ` : ''}${o.page ? `page ${o.page}: ` : ''}${o.message}`,
      hint: o.fatal ? 'shorten the text, or split it' : undefined,
    });
  }
  const seen = new Set<string>();
  for (const m of laid.missing) {
    if (seen.has(m.char)) continue;
    seen.add(m.char);
    const cp = m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    out.push(error(where, 0, `character "${m.char}" (U+${cp}) in ${m.block} is not covered by any font in fonts/fonts.json`, 'add a font family that covers it'));
  }
  return out;
}

/** The content files a document's text comes from, for a warning about what made it grow. */
function sourceFiles(model: PackModel, sources: string[]): string[] {
  const files: Record<string, string[]> = {
    case: [model.case.file],
    petition: model.petition ? [model.petition.file] : [],
    activity: [model.activity.file, ...model.activity.steps.map((s) => s.file), model.activity.background.file],
    udhr: [model.udhr.file],
    campaign: [model.campaign.file],
  };
  return sources.flatMap((s) => files[s] ?? []);
}

function footerTitle(model: PackModel, title: string): string {
  return `${displayName(model.case.front, model.dateLocale ?? model.locale)} · ${title}`;
}

/** A document laid out without footers, and what it read: the pack reuses the handouts' layouts. */
interface Part {
  laid: LaidOut;
  refs: Map<string, SourceRef>;
  title: string;
  fallbacks: Fallback[];
  sources: string[];
}

/** Parts already laid out for one model and set of options (a build of several documents). */
export type PartCache = Map<string, Part>;

function layoutPart(model: PackModel, id: Exclude<DocumentId, 'pack'>, options: DocumentOptions, cache?: PartCache): Part {
  const cached = cache?.get(id);
  if (cached) return cached;
  const usage = new Usage(model);
  const composed = compose(model, DOCUMENTS[id].template, options, usage);
  const laid = layoutDocument(composed.blocks, layoutOptions(model, options));
  const part = { laid, refs: composed.refs, title: model.strings.text(DOCUMENTS[id].titleKey), fallbacks: usage.fallbacks(), sources: usage.sources() };
  cache?.set(id, part);
  return part;
}

/** Pages to decorate with footers, leaving the cached layout untouched. */
const copyPages = (pages: PageFrame[]) => pages.map((p) => ({ ...p, items: [...p.items] }));

export function layoutSingle(model: PackModel, id: Exclude<DocumentId, 'pack'>, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  const lo = layoutOptions(model, options);
  const part = layoutPart(model, id, options, cache);
  const pages = copyPages(part.laid.pages);
  addFooters(pages, lo, footerTitle(model, part.title), (page, total) => model.strings.text('pageOf', { page, total }));
  decorate(model, pages, lo, part.title);
  const diagnostics = [...problems(model, id, part.laid, part.refs), ...model.strings.takeProblems()];
  const { maxPages } = DOCUMENTS[id];
  if (pages.length > maxPages)
    for (const file of sourceFiles(model, part.sources))
      diagnostics.push(warning(file, 0, `${model.caseId}/${model.locale}/${id}.pdf runs to ${pages.length} pages where ${maxPages} are expected: text in this file made it grow`, 'check for pasted text, repeated lines or a runaway list'));
  return {
    frames: { title: `${part.title} · ${displayName(model.case.front, model.dateLocale ?? model.locale)}`, lang: model.locale, rtl: model.rtl, pages, bookmarks: part.laid.bookmarks },
    diagnostics,
    fallbacks: part.fallbacks,
    sources: part.sources,
  };
}

/** The booklet: cover, contents with real page numbers, every document, running page numbers. */
export function layoutPack(model: PackModel, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  const lo = layoutOptions(model, options);
  const diagnostics: Diagnostic[] = [];
  // Only the documents this case gets: a resolved case's pack has no petition (see applicable.ts).
  const order = packOrder(model.case.front);
  const separate = options.booklet ? order.filter((id) => PRINTED_SEPARATELY.includes(id)) : [];
  const parts = order.filter((id) => !separate.includes(id)).map((id) => {
    const part = layoutPart(model, id, options, cache);
    diagnostics.push(...problems(model, 'pack', part.laid, part.refs, id));
    return part;
  });
  const usage = new Usage(model);
  const coverComposed = compose(model, 'cover', options, usage);
  const cover = layoutDocument(coverComposed.blocks, lo);
  diagnostics.push(...problems(model, 'pack', cover, coverComposed.refs));

  // The contents page lists page numbers that depend on its own length: lay it out until stable.
  let contentsPages = 1;
  let contents: LaidOut | undefined;
  let starts: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    let next = cover.pages.length + contentsPages + 1;
    starts = parts.map((p) => {
      const start = next;
      next += p.laid.pages.length;
      return start;
    });
    const entries = parts.map((p, i) => ({ title: p.title, page: starts[i] }));
    const printedSeparately = new Intl.ListFormat(model.locale, { type: 'conjunction' }).format(separate.map((id) => model.strings.text(DOCUMENTS[id].titleKey)));
    contents = layoutDocument(compose(model, 'contents', options, usage, { entries, printedSeparately }).blocks, lo);
    if (contents.pages.length === contentsPages) break;
    contentsPages = contents.pages.length;
  }
  diagnostics.push(...problems(model, 'pack', contents!, new Map()));

  const pages: PageFrame[] = [...cover.pages, ...contents!.pages];
  const bookmarks: Bookmark[] = [{ title: model.strings.text('pack.contents'), page: cover.pages.length, y: 0, level: 1 }];
  parts.forEach((p, i) => {
    const offset = starts[i] - 1;
    bookmarks.push({ title: p.title, page: offset, y: 0, level: 1 });
    for (const b of p.laid.bookmarks) bookmarks.push({ ...b, page: b.page + offset, level: 2 });
    pages.push(...copyPages(p.laid.pages));
  });
  const title = model.strings.text('doc.pack');
  addFooters(pages, lo, footerTitle(model, title), (page, total) => model.strings.text('pageOf', { page, total }), 1, (i) => i < cover.pages.length);
  decorate(model, pages, lo, title);
  diagnostics.push(...model.strings.takeProblems());
  const unique = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  return {
    frames: { title: `${title} · ${displayName(model.case.front, model.dateLocale ?? model.locale)}`, lang: model.locale, rtl: model.rtl, pages, bookmarks },
    diagnostics,
    fallbacks: unique([...parts.flatMap((p) => p.fallbacks), ...usage.fallbacks()]),
    sources: unique([...parts.flatMap((p) => p.sources), ...usage.sources()]),
  };
}

export function layoutById(model: PackModel, id: DocumentId, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  return id === 'pack' ? layoutPack(model, options, cache) : layoutSingle(model, id, options, cache);
}
