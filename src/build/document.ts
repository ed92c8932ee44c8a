// One document for one case and locale, through every stage: model → template → blocks → frames →
// PDF bytes. The pack is assembled here too, from the other documents' frames.
import type { Fallback, PackModel } from '../content/load.js';
import { ComposeError, parseDocument } from '../compose/parse.js';
import { renderTemplate, viewOf } from '../compose/render.js';
import type { Block } from '../compose/tree.js';
import { ContentError, error, type Diagnostic } from '../diagnostics.js';
import { DOCUMENTS, PACK_ORDER, type DocumentId } from '../documents/registry.js';
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

function compose(model: PackModel, template: string, options: DocumentOptions, usage: Usage, extra: Record<string, unknown> = {}): Block[] {
  const markdown = renderTemplate(options.templatesDir, template, usage.track({ ...viewOf(model), ...extra }));
  try {
    return parseDocument(markdown);
  } catch (e) {
    // Content bodies were checked before; what is left comes from the template itself.
    if (e instanceof ComposeError) throw new ContentError([error(`templates/${template}.hbs`, 0, e.message, 'fix the template')]);
    throw e;
  }
}

function layoutOptions(model: PackModel, options: DocumentOptions): LayoutOptions {
  return { book: options.book, setup: pageSetup(options.paper), rtl: model.rtl, hyphenate: hyphenatorFor(model.locale), preview: options.preview };
}

function decorate(model: PackModel, pages: PageFrame[], lo: LayoutOptions, title: string): void {
  if (!lo.preview) return;
  const text = (key: string, vars: Record<string, unknown>) => stripMarks(model.strings.peek(key, vars));
  decoratePreview(pages, lo, text('preview.banner', { locale: model.locale, title: stripMarks(title) }), (locale) => text('preview.fallbackNote', { locale }));
}

/** Overflows and missing glyphs as diagnostics naming the document, the locale and the block. */
function problems(model: PackModel, id: string, laid: LaidOut, part?: string): Diagnostic[] {
  const where = `${model.caseId}/${model.locale}/${id}.pdf${part ? ` (${part})` : ''}`;
  const out: Diagnostic[] = [];
  for (const o of laid.overflows) {
    // Point at the content line when layout knows it, and say which PDF and page it is about.
    const [file, line] = o.source ? [o.source.replace(/:\d+$/, ''), Number(o.source.match(/:(\d+)$/)?.[1] ?? 0)] : [where, 0];
    out.push({
      severity: o.fatal ? 'error' : 'warning',
      file,
      line,
      message: `${o.source ? `${where}: ` : ''}${o.page ? `page ${o.page}: ` : ''}${o.message}`,
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

function footerTitle(model: PackModel, title: string): string {
  return `${model.case.front.name} · ${title}`;
}

/** A document laid out without footers, and what it read: the pack reuses the handouts' layouts. */
interface Part {
  laid: LaidOut;
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
  const laid = layoutDocument(compose(model, DOCUMENTS[id].template, options, usage), layoutOptions(model, options));
  const part = { laid, title: model.strings.text(DOCUMENTS[id].titleKey), fallbacks: usage.fallbacks(), sources: usage.sources() };
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
  return {
    frames: { title: `${part.title} · ${model.case.front.name}`, lang: model.locale, rtl: model.rtl, pages, bookmarks: part.laid.bookmarks },
    diagnostics: problems(model, id, part.laid),
    fallbacks: part.fallbacks,
    sources: part.sources,
  };
}

/** The booklet: cover, contents with real page numbers, every document, running page numbers. */
export function layoutPack(model: PackModel, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  const lo = layoutOptions(model, options);
  const diagnostics: Diagnostic[] = [];
  const parts = PACK_ORDER.map((id) => {
    const part = layoutPart(model, id, options, cache);
    diagnostics.push(...problems(model, 'pack', part.laid, id));
    return part;
  });
  const usage = new Usage(model);
  const cover = layoutDocument(compose(model, 'cover', options, usage), lo);
  diagnostics.push(...problems(model, 'pack', cover));

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
    contents = layoutDocument(compose(model, 'contents', options, usage, { entries }), lo);
    if (contents.pages.length === contentsPages) break;
    contentsPages = contents.pages.length;
  }
  diagnostics.push(...problems(model, 'pack', contents!));

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
  const unique = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  return {
    frames: { title: `${title} · ${model.case.front.name}`, lang: model.locale, rtl: model.rtl, pages, bookmarks },
    diagnostics,
    fallbacks: unique([...parts.flatMap((p) => p.fallbacks), ...usage.fallbacks()]),
    sources: unique([...parts.flatMap((p) => p.sources), ...usage.sources()]),
  };
}

export function layoutById(model: PackModel, id: DocumentId, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  return id === 'pack' ? layoutPack(model, options, cache) : layoutSingle(model, id, options, cache);
}
