// A section's line under the footer of every handout page: its name and contacts, so a sheet found
// on its own says who published it. On petition pages the line carries the section's privacy
// statement instead: whoever signs on any sheet, the first or the fifth, reads what is done with
// their name. The neutral edition has no section and gets nothing here.
import { Region, setText, textItems, type LayoutContext } from './blocks.js';
import type { LayoutOptions } from './document.js';
import type { PageFrame } from './frame.js';
import { bodyStyle, COLORS } from './theme.js';
import type { SectionEdition } from '../content/section.js';

/** Sizes tried, largest first, for the line to fit on one line under the footer. */
const SIZES = [6.5, 6, 5.5];

/** Adds the line to each page; returns what did not fit, as messages. */
export function addSectionFooter(pages: PageFrame[], options: LayoutOptions, section: SectionEdition | undefined, petition: boolean): string[] {
  if (!section || !pages.length) return [];
  const { setup, rtl } = options;
  const region = new Region(setup.margin.left, setup.width - setup.margin.left - setup.margin.right, rtl);
  const ctx: LayoutContext = { ...options, overflows: [], missing: [], special: () => undefined };
  const text = petition && section.privacy ? `${section.name} · ${section.privacy}` : [section.name, section.contactLine].filter(Boolean).join(' · ');
  let set;
  for (const size of SIZES) {
    set = setText([{ text }], bodyStyle(rtl, { size, color: COLORS.muted, leading: 1.2 }), region.width, { ...ctx, missing: [] }, 'section footer');
    if (set.lines.length <= 1) break;
  }
  set = set!;
  for (const char of set.missing) ctx.missing.push({ char, block: 'section footer' });
  // One line, its baseline 19 pt above the paper's edge: under the footer (whose text sits 36 pt
  // above the edge), and 6–7 mm clear of the edge that office printers cannot print on.
  const fits = { ...set, lines: set.lines.slice(0, 1) };
  const top = setup.height - 19 - (set.lines[0]?.baseline ?? 0);
  for (const page of pages) page.items.push(...textItems(fits, region.x, top));
  const problems = ctx.missing.map((m) => `character "${m.char}" in the section's ${petition ? 'privacy statement' : 'name or contacts'} is not covered by any font`);
  if (set.lines.length > 1)
    problems.push(`the section's ${petition ? 'name and privacy statement do' : 'name and contacts do'} not fit on the one line under the footer, even at ${SIZES[SIZES.length - 1]} pt: the rest would not be printed`);
  return problems;
}
