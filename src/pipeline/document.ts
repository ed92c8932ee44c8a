// One document for one case and locale, through every stage: model → template → blocks → frames →
// PDF bytes. The pack is assembled here too, from the other documents' frames.
import type { Fallback, PackModel } from '../content/load.js';
import { ComposeError, parseDocument } from '../compose/parse.js';
import { renderTemplate, TemplateError, viewOf, type View } from '../compose/render.js';
import { walkBlocks, type Block } from '../compose/tree.js';
import { ContentError, error, warning, type Diagnostic, type SourceRef } from '../diagnostics.js';
import { displayName } from '../content/case-status.js';
import { jsonExact, keepEntry, keptEntry } from '../content/kept-checks.js';
import { packOrder, type HandoutId } from '../documents/applicable.js';
import { DOCUMENTS, PACK_OWN_READS, PRINTED_SEPARATELY, sourceOf, sourcesOf, viewStrings, type DocumentId, type ViewField } from '../documents/registry.js';
import { addFooters, layoutDocument, type LaidOut, type LayoutOptions } from '../layout/document.js';
import type { FontBook } from '../layout/fonts.js';
import type { Bookmark, DocumentFrames, PageFrame } from '../layout/frame.js';
import { pageSetup, type Paper } from '../layout/theme.js';
import { hyphenatorFor } from '../i18n/hyphenate.js';
import { stripMarks } from '../i18n/fallback-marks.js';
import { decoratePreview } from '../layout/preview.js';
import type { SectionEdition } from '../content/section.js';
import { sectionView } from '../compose/section-view.js';
import { addSectionFooter } from '../layout/section-footer.js';
import { nested, step, untagged } from '../layout/structure.js';
import { formatList } from '../i18n/formats.js';

export interface DocumentOptions {
  templatesDir: string;
  book: FontBook;
  paper: Paper;
  /** A translator's draft: fallback text tinted, DRAFT on every page (the model must be marked). */
  preview?: boolean;
  /** A section's edition (content/sections/): the neutral edition has none, and renders as before. */
  section?: SectionEdition;
  /** The pack as a folded booklet: the documents printed separately are left out, and the contents say so. */
  booklet?: boolean;
  /** Tests only: the view a template is rendered with (the declared-reads test makes other fields throw). */
  viewFor?: (view: View, template: string) => View;
}

export interface LaidOutDocument {
  frames: DocumentFrames;
  diagnostics: Diagnostic[];
  /** The fallbacks this document's text actually came from. */
  fallbacks: Fallback[];
  /** The content it reads: case, petition, activity, udhr, campaign (and always strings). */
  sources: string[];
}

/**
 * What a document read, from what the registry declares it reads (its view fields) and the string
 * keys its templates looked up (Strings.used): which fallbacks it reports and which content
 * preview --watch rebuilds it for.
 */
class Usage {
  constructor(
    private model: PackModel,
    private fields: readonly ViewField[],
  ) {
    model.strings.used.clear();
  }
  sources(): string[] {
    return sourcesOf(this.fields);
  }
  fallbacks(): Fallback[] {
    const sources = new Set(sourcesOf(this.fields));
    const keys = new Set([...this.model.strings.used, ...viewStrings(this.fields)]);
    return this.model.fallbacks.filter((f) => (f.kind === 'string' ? keys.has(f.item) : sources.has(sourceOf(f.item))));
  }
}

interface Composed {
  blocks: Block[];
  /** Where the texts that layout may report on are written (see View.sourceRefs). */
  refs: Map<string, SourceRef>;
}

/** Template + view → blocks. Every problem on the way is a diagnostic thrown as a ContentError. */
function compose(model: PackModel, template: string, options: DocumentOptions, extra: Record<string, unknown> = {}): Composed {
  const where = `templates/${template}.hbs`;
  const view = viewOf(model);
  model.strings.takeProblems();
  let markdown: string;
  try {
    markdown = renderTemplate(options.templatesDir, template, (options.viewFor ?? ((v) => v))({ ...view, ...sectionView(options.section), ...extra }, template));
  } catch (e) {
    if (e instanceof TemplateError) throw new ContentError([error(`templates/${e.template}.hbs`, e.line, e.message, 'fix the template')]);
    throw e;
  }
  const strings = model.strings.takeProblems();
  if (strings.length) throw new ContentError(strings);
  let blocks: Block[];
  try {
    blocks = composedBlocks(markdown);
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

/**
 * The blocks of a composed document, kept between processes by its Markdown (content/kept-checks.ts):
 * reading a handout's Markdown was a tenth of a cold one-handout build. Only a tree JSON gives back
 * as layout reads it is kept; one that fails to parse is parsed each time, so its error is the parser's.
 */
function composedBlocks(markdown: string): Block[] {
  const kept = keptEntry('blocks', markdown, isBlockList);
  if (kept) return kept;
  const blocks = parseDocument(markdown);
  // A block's optional fields (a title's subtitle, a box's title) may be set to undefined: layout
  // reads them, never asks whether they are there.
  if (jsonExact(blocks, true)) keepEntry('blocks', markdown, blocks);
  return blocks;
}
const isBlockList = (v: unknown): v is Block[] => Array.isArray(v) && v.every((b) => typeof b === 'object' && b !== null && typeof (b as { type?: unknown }).type === 'string');

/** Every image file the model names (resolved inside the content root and probed). */
function modelImages(model: PackModel): string[] {
  return [model.case.photoPath, ...model.case.peoplePhotoPaths].filter((p): p is string => p !== undefined);
}

function layoutOptions(model: PackModel, options: DocumentOptions): LayoutOptions {
  return { book: options.book, setup: pageSetup(options.paper), rtl: model.rtl, locale: model.locale, hyphenate: hyphenatorFor(model.locale), names: caseNames(model), preview: options.preview };
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
    out.push(error(where, 0, `character "${m.char}" (U+${cp}) in ${m.block} is not covered by any font the build uses`, 'add a font that covers it to content/fonts.yaml (see content/README.md, "Fonts")'));
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

function layoutPart(model: PackModel, id: Exclude<DocumentId, 'pack'>, options: DocumentOptions, cache?: PartCache, extra: Record<string, unknown> = {}): Part {
  const cached = cache?.get(id);
  if (cached) return cached;
  const usage = new Usage(model, DOCUMENTS[id].reads.fields);
  const composed = compose(model, DOCUMENTS[id].template, options, { packPages: {}, ...extra });
  const laid = layoutDocument(composed.blocks, layoutOptions(model, options));
  const part = { laid, refs: composed.refs, title: model.strings.text(DOCUMENTS[id].titleKey), fallbacks: usage.fallbacks(), sources: usage.sources() };
  cache?.set(id, part);
  return part;
}

/** Pages to decorate with footers, leaving the cached layout untouched. */
const copyPages = (pages: PageFrame[]) => pages.map((p) => ({ ...p, items: [...p.items] }));

/** Pages of the pack's n-th part (cover, contents, each handout): its own subtree of the structure. */
const partPages = (pages: PageFrame[], n: number) => pages.map((p) => ({ ...p, items: nested(p.items, step('Part', n)) }));

export function layoutSingle(model: PackModel, id: Exclude<DocumentId, 'pack'>, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  const lo = layoutOptions(model, options);
  const part = layoutPart(model, id, options, cache);
  const pages = copyPages(part.laid.pages);
  addFooters(pages, lo, footerTitle(model, part.title), (page, total) => model.strings.text('pageOf', { page, total }));
  const sectionProblems = addSectionFooter(pages, lo, options.section);
  decorate(model, pages, lo, part.title);
  const diagnostics = [...problems(model, id, part.laid, part.refs), ...model.strings.takeProblems(), ...sectionProblems.map((m) => error(`${model.caseId}/${model.locale}/${id}.pdf`, 0, m))];
  const { maxPages } = DOCUMENTS[id];
  if (pages.length > maxPages)
    for (const file of sourceFiles(model, part.sources))
      diagnostics.push(warning(file, 0, `${model.caseId}/${model.locale}/${id}.pdf runs to ${pages.length} pages where ${maxPages} are expected: text in this file made it grow`, 'check for pasted text, repeated lines or a runaway list'));
  return {
    frames: { title: `${part.title} · ${displayName(model.case.front, model.dateLocale ?? model.locale)}`, lang: model.locale, rtl: model.rtl, pages, bookmarks: part.laid.bookmarks, anchors: { [id]: 1 }, sides: DOCUMENTS[id].cutSheets ? 'simplex' : 'duplex' },
    diagnostics,
    fallbacks: part.fallbacks,
    sources: part.sources,
  };
}

/** Where each handout starts in the pack (1-based), for the guide's references and the contents. */
export type PackPages = Record<string, number>;

/**
 * The guide's page of a heading (0-based within the guide), found through its bookmark: the answer
 * key is a section of the guide, and the contents and the guide's own references point at it.
 */
function sectionPage(part: Part, title: string): number | undefined {
  return part.laid.bookmarks.find((b) => stripMarks(b.title) === stripMarks(title))?.page;
}

/** One document's pages in the pack: cut sheets get a blank back, so no card backs onto another. */
interface Placed {
  part: Part;
  id: HandoutId;
  /** Indexes into the part's pages, or -1 for a blank back. */
  sequence: number[];
}

function placeInPack(id: HandoutId, part: Part): Placed {
  const n = part.laid.pages.length;
  const sequence = DOCUMENTS[id].cutSheets ? Array.from({ length: n }, (_, i) => [i, -1]).flat() : Array.from({ length: n }, (_, i) => i);
  return { part, id, sequence };
}

/**
 * The booklet, safe to print on both sides: the cover with a blank back, the contents, then every
 * document starting on a right-hand (odd) page, with a blank left-hand page before it where needed
 * and a blank back behind every cut sheet. Contents and the guide's references carry real page
 * numbers, laid out again until they are stable.
 */
export function layoutPack(model: PackModel, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  const lo = layoutOptions(model, options);
  const diagnostics: Diagnostic[] = [];
  // Only the documents this case gets: a resolved case's pack has no petition (see applicable.ts).
  // A booklet leaves out what is printed separately (cut sheets, the petition); the contents say so.
  const order = packOrder(model.case.front);
  const separate = options.booklet ? order.filter((id) => PRINTED_SEPARATELY.includes(id)) : [];
  const ids = order.filter((id) => !separate.includes(id));
  const usage = new Usage(model, PACK_OWN_READS.fields);
  const coverComposed = compose(model, 'cover', options);
  const cover = layoutDocument(coverComposed.blocks, lo);
  diagnostics.push(...problems(model, 'pack', cover, coverComposed.refs));
  const blank = layoutDocument(compose(model, 'blank', options).blocks, lo).pages[0];
  const answerKeyTitle = model.strings.text('cards.answerKey');

  // Page numbers depend on the contents' length and on the guide's (which prints them): iterate.
  // Lists follow the locale's print conventions, as every other list (en-GB: no serial comma).
  const printedSeparately = formatList(model.dateLocale ?? model.locale, separate.map((id) => model.strings.text(DOCUMENTS[id].titleKey)));
  let pagesOfHandouts: PackPages = {};
  let contentsPages = 1;
  let contents: LaidOut | undefined;
  let placed: Placed[] = [];
  let starts: number[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    placed = ids.map((id) => placeInPack(id, id === 'guide' && attempt > 0 ? layoutPart(model, id, options, undefined, { packPages: pagesOfHandouts }) : layoutPart(model, id, options, cache)));
    // The cover and its blank back, then the contents from page 3, each document on an odd page.
    let next = cover.pages.length + (cover.pages.length % 2) + 1 + contentsPages;
    starts = placed.map((p) => {
      if (next % 2 === 0) next++;
      const start = next;
      next += p.sequence.length;
      return start;
    });
    const found: PackPages = Object.fromEntries(placed.map((p, i) => [p.id, starts[i]]));
    const guide = placed.findIndex((p) => p.id === 'guide');
    const keyPage = guide >= 0 ? sectionPage(placed[guide].part, answerKeyTitle) : undefined;
    if (keyPage !== undefined) found['answer-key'] = starts[guide] + keyPage;
    const entries = placed.flatMap((p, i) => [
      { title: p.part.title, page: starts[i], sub: false },
      ...(p.id === 'guide' && found['answer-key'] ? [{ title: answerKeyTitle, page: found['answer-key'], sub: true }] : []),
    ]);
    contents = layoutDocument(compose(model, 'contents', options, { entries, printedSeparately }).blocks, lo);
    const stable = contents.pages.length === contentsPages && JSON.stringify(found) === JSON.stringify(pagesOfHandouts);
    contentsPages = contents.pages.length;
    pagesOfHandouts = found;
    if (stable && attempt > 0) break;
  }
  for (const p of placed) diagnostics.push(...problems(model, 'pack', p.part.laid, p.part.refs, p.id));
  diagnostics.push(...problems(model, 'pack', contents!, new Map()));

  const blanks = new Set<number>();
  const pages: PageFrame[] = [...partPages(cover.pages, 0)];
  const addBlank = () => {
    blanks.add(pages.length);
    // "Intentionally blank" is a note for the one holding the paper, not part of the text.
    pages.push(...copyPages([blank]).map((p) => ({ ...p, items: untagged(p.items) })));
  };
  if (pages.length % 2 === 1) addBlank();
  const bookmarks: Bookmark[] = [{ title: model.strings.text('pack.contents'), page: pages.length, y: 0, level: 1 }];
  const contentsCopies = partPages(contents!.pages, 1);
  pages.push(...contentsCopies);
  // The section's line goes under the footer of every printed page (not the cover, not the blanks).
  const printed: PageFrame[] = [...contentsCopies];
  placed.forEach((p, i) => {
    while (pages.length < starts[i] - 1) addBlank();
    const offset = pages.length;
    bookmarks.push({ title: p.part.title, page: offset, y: 0, level: 1 });
    const at = (page: number) => offset + p.sequence.indexOf(page);
    for (const b of p.part.laid.bookmarks) bookmarks.push({ ...b, page: at(b.page), level: 2 });
    for (const index of p.sequence) {
      if (index < 0) addBlank();
      else {
        const copies = partPages([p.part.laid.pages[index]], i + 2);
        printed.push(...copies);
        pages.push(...copies);
      }
    }
  });
  const title = model.strings.text('doc.pack');
  addFooters(pages, lo, footerTitle(model, title), (page, total) => model.strings.text('pageOf', { page, total }), 1, (i) => i < cover.pages.length || blanks.has(i));
  for (const m of addSectionFooter(printed, lo, options.section)) diagnostics.push(error(`${model.caseId}/${model.locale}/pack.pdf`, 0, m));
  decorate(model, pages, lo, title);
  diagnostics.push(...model.strings.takeProblems());
  const unique = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  return {
    frames: { title: `${title} · ${displayName(model.case.front, model.dateLocale ?? model.locale)}`, lang: model.locale, rtl: model.rtl, pages, bookmarks, anchors: pagesOfHandouts, sides: 'duplex' },
    diagnostics,
    fallbacks: unique([...placed.flatMap((p) => p.part.fallbacks), ...usage.fallbacks()]),
    sources: unique([...placed.flatMap((p) => p.part.sources), ...usage.sources()]),
  };
}

export function layoutById(model: PackModel, id: DocumentId, options: DocumentOptions, cache?: PartCache): LaidOutDocument {
  return id === 'pack' ? layoutPack(model, options, cache) : layoutSingle(model, id, options, cache);
}
