// `--section ID` for build, check and preview: the section's profile loaded and checked once, and
// its locales chosen when the command line names none. Without --section: nothing, as before.
import { ContentError, type Diagnostic } from '../diagnostics.js';
import { listCases, scanLocales, type ContentRoot } from '../content/load.js';
import { loadSection, type SectionProfile } from '../content/section.js';

export interface ChosenSection<R> {
  profile?: SectionProfile;
  diagnostics: Diagnostic[];
  /** The request, with the section's locales when it named none. */
  request: R;
}

export function chooseSection<R extends { section?: string; locales?: string[] }>(root: ContentRoot, request: R, today: Date): ChosenSection<R> {
  if (!request.section) return { diagnostics: [], request };
  const check = { today, locales: scanLocales(root).locales, cases: listCases(root) };
  try {
    const { profile, diagnostics } = loadSection(root, request.section, check);
    return { profile, diagnostics, request: request.locales?.length ? request : { ...request, locales: profile.front.locales } };
  } catch (e) {
    if (e instanceof ContentError) return { diagnostics: e.diagnostics, request };
    throw e;
  }
}
