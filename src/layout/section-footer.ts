// A section's line under the footer of every handout page: its name and contacts, so a sheet found
// on its own says who published it. On petition pages the line carries the section's privacy
// statement instead: whoever signs on any sheet, the first or the fifth, reads what is done with
// their name. The neutral edition has no section and gets nothing here.
import { Region, setText, textItems, type LayoutContext } from './blocks.js';
import type { LayoutOptions } from './document.js';
import type { PageFrame } from './frame.js';
import { bodyStyle, COLORS } from './theme.js';
import type { SectionEdition } from '../content/section.js';

/** Lines the bottom margin holds under the footer, clear of the printer's unprintable edge. */
export const SECTION_FOOTER_MAX_LINES = 2;

/** Adds the line to each page; returns what did not fit, as messages. */
export function addSectionFooter(pages: PageFrame[], options: LayoutOptions, section: SectionEdition | undefined, petition: boolean): string[] {
  if (!section || !pages.length) return [];
  const { setup, rtl } = options;
  const region = new Region(setup.margin.left, setup.width - setup.margin.left - setup.margin.right, rtl);
  const ctx: LayoutContext = { ...options, overflows: [], missing: [], special: () => undefined };
  const text = petition && section.privacy ? `${section.name} · ${section.privacy}` : [section.name, section.contactLine].filter(Boolean).join(' · ');
  const set = setText([{ text }], bodyStyle(rtl, { size: 6.5, color: COLORS.muted, leading: 1.2 }), region.width, ctx, 'section footer');
  const fits = { ...set, lines: set.lines.slice(0, SECTION_FOOTER_MAX_LINES) };
  // The footer's baseline is 18 pt into the bottom margin; this line's first baseline 9 pt below it.
  const top = setup.height - setup.margin.bottom + 27 - (set.lines[0]?.baseline ?? 0);
  for (const page of pages) page.items.push(...textItems(fits, region.x, top));
  const problems = ctx.missing.map((m) => `character "${m.char}" in the section's ${petition ? 'privacy statement' : 'name or contacts'} is not covered by any font`);
  if (set.lines.length > SECTION_FOOTER_MAX_LINES)
    problems.push(`the section's ${petition ? 'privacy statement' : 'name and contacts'} runs to ${set.lines.length} lines under the footer, where ${SECTION_FOOTER_MAX_LINES} fit: the rest is not printed; shorten it in the section's profile`);
  return problems;
}
