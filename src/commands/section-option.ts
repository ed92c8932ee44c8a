// `--section ID` for build, check and preview: the section's profile loaded and checked once, and
// its locales chosen when the command line names none. Without --section: nothing, as before.
import { ContentError, warning, type Diagnostic } from '../diagnostics.js';
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
    // Another locale than the section's is built all the same (a one-off class), but said.
    for (const locale of request.locales ?? [])
      if (!profile.front.locales.includes(locale))
        diagnostics.push(warning(profile.file, profile.lineOf(['locales']), `locales: the section does not list "${locale}"; its edition is built in it all the same`, `add ${locale} to locales if the section prints it`));
    return { profile, diagnostics, request: request.locales?.length ? request : { ...request, locales: profile.front.locales } };
  } catch (e) {
    if (e instanceof ContentError) return { diagnostics: e.diagnostics, request };
    throw e;
  }
}
