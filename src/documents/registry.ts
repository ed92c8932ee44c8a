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
}

export const DOCUMENTS: Record<Exclude<DocumentId, 'pack'>, DocumentSpec> = {
  udhr: { id: 'udhr', template: 'udhr', titleKey: 'doc.udhr', footer: true, maxPages: 2, cutSheets: false },
  'matching-cards': { id: 'matching-cards', template: 'matching-cards', titleKey: 'doc.matching-cards', footer: true, maxPages: 12, cutSheets: true },
  story: { id: 'story', template: 'story', titleKey: 'doc.story', footer: true, maxPages: 3, cutSheets: false },
  letter: { id: 'letter', template: 'letter', titleKey: 'doc.letter', footer: true, maxPages: 4, cutSheets: false },
  solidarity: { id: 'solidarity', template: 'solidarity', titleKey: 'doc.solidarity', footer: true, maxPages: 4, cutSheets: true },
  petition: { id: 'petition', template: 'petition', titleKey: 'doc.petition', footer: true, maxPages: 12, cutSheets: false },
  guide: { id: 'guide', template: 'guide', titleKey: 'doc.guide', footer: true, maxPages: 24, cutSheets: false },
};

/** The order of documents in the pack. */
export const PACK_ORDER: Exclude<DocumentId, 'pack'>[] = ['guide', 'udhr', 'story', 'matching-cards', 'letter', 'solidarity', 'petition'];

/** Left out of a folded booklet (--booklet): cut sheets and the petition's rows are printed on their own sheets. */
export const PRINTED_SEPARATELY: readonly DocumentId[] = ['matching-cards', 'solidarity', 'petition'];

export function isDocumentId(id: string): id is DocumentId {
  return (DOCUMENT_IDS as readonly string[]).includes(id);
}
