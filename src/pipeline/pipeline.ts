// The steps build, check and preview share for one case and locale: load and check the content,
// then lay out a document. Every problem comes back as diagnostics; one broken document never
// stops the others (the run ends with exit 1 and the list).
import { loadPack, type ContentRoot, type PackModel } from '../content/load.js';
import { ContentError, error, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { DocumentId } from '../documents/registry.js';
import type { FontBook } from '../layout/fonts.js';
import { checkBodies } from './bodies.js';
import { layoutById, type DocumentOptions, type LaidOutDocument, type PartCache } from './document.js';
import { checkGlyphs } from './glyphs.js';

export interface CheckedModel {
  /** The model, unless it could not be loaded or its Markdown cannot be parsed. */
  model?: PackModel;
  diagnostics: Diagnostic[];
  /** No errors at all: a build writes PDFs only then (check and preview lay out anyway, to find more). */
  ok: boolean;
}

/** The pack model of a case in a locale, checked (glyphs, Markdown). */
export function loadChecked(root: ContentRoot, caseId: string, locale: string, book: FontBook, prepare: (m: PackModel) => PackModel = (m) => m): CheckedModel {
  let model: PackModel;
  try {
    model = prepare(loadPack(root, caseId, locale));
  } catch (e) {
    if (e instanceof ContentError) return { diagnostics: e.diagnostics, ok: false };
    throw e;
  }
  const markdown = checkBodies(model);
  const diagnostics = [...model.diagnostics, ...checkGlyphs(model.files, book, root.display, model.locale), ...markdown];
  return { model: hasErrors(markdown) ? undefined : model, diagnostics, ok: !hasErrors(diagnostics) };
}

/** A document laid out, or the diagnostics that stopped it (an unexpected failure included). */
export function layoutChecked(model: PackModel, doc: DocumentId, options: DocumentOptions, cache?: PartCache): LaidOutDocument | { frames?: undefined; diagnostics: Diagnostic[] } {
  try {
    return layoutById(model, doc, options, cache);
  } catch (e) {
    if (e instanceof ContentError) return { diagnostics: e.diagnostics };
    // A bug of ours, not of the content: said once, plainly, and the other documents go on.
    const message = e instanceof Error ? e.message : String(e);
    return { diagnostics: [error(`${model.caseId}/${model.locale}/${doc}.pdf`, 0, `internal error while laying out this document: ${message.split('\n')[0]}`, 'this is a bug in workshop-pack: please report it with the content that caused it')] };
  }
}
