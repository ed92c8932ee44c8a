// The documents we make (contract: ids and output paths). Each names its template; `pack` is
// assembled from all the others.
export const DOCUMENT_IDS = ['udhr', 'matching-cards', 'story', 'letter', 'solidarity', 'petition', 'guide', 'pack'] as const;
export type DocumentId = (typeof DOCUMENT_IDS)[number];

export interface DocumentSpec {
  id: DocumentId;
  /** Template in templates/, without .hbs. */
  template: string;
  /** Strings key of the document's title, used in footers, metadata and the pack's contents. */
  titleKey: string;
  /** Pages whose footer would cover designed content (cut sheets use the whole page). */
  footer: boolean;
  /** More pages than this means content made the document grow out of shape: a warning. */
  maxPages: number;
  /**
   * Cut sheets print single-sided (a card must not have another card on its back): the PDF asks
   * for Simplex, the sheet says so, and the pack gives each of their pages a blank back.
   */
  cutSheets: boolean;
  /** What the document reads (see `Reads`): the build cache and the fallback report rely on it. */
  reads: Reads;
}

/**
 * Content a document's text can come from, each a group of files along the locale's fallback chain
 * (in every content layer): `case` is cases/<id>/case.md (and the English one, for the case's data)
 * with its photos; `petition` cases/<id>/petition.md; `activity` the activity, its steps and
 * background; `udhr` udhr.md; `campaign` campaign.md; `strings` strings.yaml.
 */
export type ContentSource = 'case' | 'petition' | 'activity' | 'udhr' | 'campaign' | 'strings';

/**
 * The fields of the template view (compose/render.ts `viewOf`, the section's `section`, the pack's
 * extras) and what each is made from: its content sources, the string keys it looks up itself (a
 * template's own `{{t}}` lookups are recorded as they happen), and whether it comes from the
 * section's profile. A dotted name is a part of a field made from more than the field's own file
 * (`case.letter` quotes the petition): a document that reads it declares it too.
 */
export type ViewField = 'case' | 'case.letter' | 'petition' | 'activity' | 'activity.steps' | 'udhr' | 'campaign' | 'guideHandouts' | 'experienceCards' | 'rightsCards' | 'solidarityCards' | 'section' | 'packPages' | 'entries' | 'printedSeparately';
interface FieldSource {
  sources: ContentSource[];
  strings?: string[];
  section?: boolean;
}
export const VIEW_FIELDS: Record<ViewField, FieldSource> = {
  case: { sources: ['case'] },
  'case.letter': { sources: ['case', 'petition'] },
  petition: { sources: ['petition'] },
  activity: { sources: ['activity'] },
  // Each step names the handouts it uses by their printed titles.
  'activity.steps': { sources: ['activity', 'case', 'udhr', 'petition'], strings: ['doc.matching-cards', 'cards.answerKey', 'letter.title', 'solidarity.title'] },
  udhr: { sources: ['udhr'] },
  campaign: { sources: ['campaign'] },
  guideHandouts: { sources: ['activity', 'case', 'udhr', 'petition'], strings: ['doc.matching-cards', 'letter.title', 'solidarity.title'] },
  experienceCards: { sources: ['case', 'udhr'], strings: ['cards.letters'] },
  rightsCards: { sources: ['case', 'udhr'] },
  solidarityCards: { sources: ['case'] },
  section: { sources: [], section: true },
  // Laid out by the pack itself: page numbers and the contents' entries.
  packPages: { sources: [] },
  entries: { sources: [] },
  printedSeparately: { sources: [] },
};

/** Fields every template may read: they come from the locale, not from a content file. */
export const ALWAYS_READ = ['locale', 'dateLocale', 'rtl', 'strings', 'sourceRefs'] as const;

/**
 * What a document reads. `fields` are checked by a test that renders every template with a view
 * that throws on any other field, so the build cache cannot miss a dependency; `partials` are the
 * partials its templates include (checked against the templates by the same test).
 */
export interface Reads {
  /** Templates in templates/ (without .hbs): the document's own, and for the pack its cover, contents, blank page. */
  templates: string[];
  partials: string[];
  fields: ViewField[];
}

/**
 * What every page reads whatever its template says: the case's names in the footer and in the
 * hyphenation exceptions, the case's hashtags and the activity's title (activity.md, not its steps)
 * in the PDF's metadata, the campaign's title on card backs, strings for titles and page numbers.
 * The build cache counts them as inputs of every document; the fallback report does not (they are
 * names and metadata, not text the reader was promised in their language).
 */
export const PAGE_FURNITURE = { sources: ['case', 'campaign', 'strings'] as ContentSource[], activityTitle: true };

/** Which content a file (relative to its locale folder) is: case, petition, activity, udhr, campaign, strings. */
export function sourceOf(rel: string): ContentSource {
  if (rel === 'strings.yaml') return 'strings';
  if (rel.startsWith('activities/')) return 'activity';
  if (rel.endsWith('petition.md')) return 'petition';
  if (rel.startsWith('cases/')) return 'case';
  return rel.replace(/\.md$/, '') as ContentSource;
}

/** The content sources a list of view fields reads (strings always: titles, footers). */
export function sourcesOf(fields: readonly ViewField[]): ContentSource[] {
  const all = fields.flatMap((f) => VIEW_FIELDS[f].sources);
  return [...new Set([...all, 'strings' as const])];
}

/** The string keys a list of view fields looks up while the view is made (not recorded as used). */
export function viewStrings(fields: readonly ViewField[]): string[] {
  return [...new Set(fields.flatMap((f) => VIEW_FIELDS[f].strings ?? []))];
}

export const DOCUMENTS: Record<Exclude<DocumentId, 'pack'>, DocumentSpec> = {
  udhr: { id: 'udhr', template: 'udhr', titleKey: 'doc.udhr', footer: true, maxPages: 2, cutSheets: false, reads: { templates: ['udhr'], partials: ['header'], fields: ['udhr'] } },
  'matching-cards': { id: 'matching-cards', template: 'matching-cards', titleKey: 'doc.matching-cards', footer: true, maxPages: 12, cutSheets: true, reads: { templates: ['matching-cards'], partials: [], fields: ['case', 'experienceCards', 'rightsCards'] } },
  story: { id: 'story', template: 'story', titleKey: 'doc.story', footer: true, maxPages: 3, cutSheets: false, reads: { templates: ['story'], partials: ['facts', 'header', 'section-qr', 'update'], fields: ['case', 'section'] } },
  letter: { id: 'letter', template: 'letter', titleKey: 'doc.letter', footer: true, maxPages: 4, cutSheets: false, reads: { templates: ['letter'], partials: ['header', 'section-return'], fields: ['case', 'case.letter', 'section'] } },
  solidarity: { id: 'solidarity', template: 'solidarity', titleKey: 'doc.solidarity', footer: true, maxPages: 4, cutSheets: true, reads: { templates: ['solidarity'], partials: ['section-panel', 'section-qr', 'section-return'], fields: ['case', 'section', 'solidarityCards'] } },
  petition: { id: 'petition', template: 'petition', titleKey: 'doc.petition', footer: true, maxPages: 12, cutSheets: false, reads: { templates: ['petition'], partials: ['header', 'petition-return', 'section-panel', 'section-qr', 'section-return'], fields: ['case', 'petition', 'section'] } },
  guide: { id: 'guide', template: 'guide', titleKey: 'doc.guide', footer: true, maxPages: 24, cutSheets: false, reads: { templates: ['guide'], partials: ['header', 'section-return', 'update'], fields: ['activity', 'activity.steps', 'campaign', 'case', 'case.letter', 'experienceCards', 'guideHandouts', 'section', 'udhr', 'packPages'] } },
};

/** What the pack reads beyond its documents: its cover, contents and blank pages. */
export const PACK_OWN_READS: Reads = { templates: ['cover', 'contents', 'blank'], partials: ['header', 'section-cover'], fields: ['activity', 'campaign', 'case', 'section', 'entries', 'printedSeparately'] };

/** What a document reads; the pack reads everything its documents read, and its own pages. */
export function readsOf(id: DocumentId): Reads {
  if (id !== 'pack') return DOCUMENTS[id].reads;
  const all = [PACK_OWN_READS, ...PACK_ORDER.map((d) => DOCUMENTS[d].reads)];
  const union = <T>(pick: (r: Reads) => T[]) => [...new Set(all.flatMap(pick))];
  return { templates: union((r) => r.templates), partials: union((r) => r.partials), fields: union((r) => r.fields) };
}

/** The order of documents in the pack. */
export const PACK_ORDER: Exclude<DocumentId, 'pack'>[] = ['guide', 'udhr', 'story', 'matching-cards', 'letter', 'solidarity', 'petition'];

/** Left out of a folded booklet (--booklet): cut sheets and the petition's rows are printed on their own sheets. */
export const PRINTED_SEPARATELY: readonly DocumentId[] = ['matching-cards', 'solidarity', 'petition'];

export function isDocumentId(id: string): id is DocumentId {
  return (DOCUMENT_IDS as readonly string[]).includes(id);
}
