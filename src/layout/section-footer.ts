// A section's line under the footer of every handout page: its name and contacts, so a sheet found
// on its own says who published it, in the type scale's label size like the footer above it. (The
// privacy statement is printed on every petition sheet by the template, in body text.) The
// neutral edition has no section and gets nothing here.
import { Region, setText, textItems, type LayoutContext } from './blocks.js';
import type { LayoutOptions } from './document.js';
import type { PageFrame } from './frame.js';
import { bodyStyle, COLORS, TYPE } from './theme.js';
import type { SectionEdition } from '../content/section.js';


/** Adds the line to each page; returns what did not fit, as messages. */
export function addSectionFooter(pages: PageFrame[], options: LayoutOptions, section: SectionEdition | undefined): string[] {
  if (!section || !pages.length) return [];
  const { setup, rtl } = options;
  const region = new Region(setup.margin.left, setup.width - setup.margin.left - setup.margin.right, rtl);
  const ctx: LayoutContext = { ...options, overflows: [], missing: [], special: () => undefined };
  const text = [section.name, section.contactLine].filter(Boolean).join(' · ');
  const set = setText([{ text }], bodyStyle(rtl, { size: TYPE.label, color: COLORS.muted, leading: 1.2 }), region.width, { ...ctx, missing: [] }, 'section footer');
  for (const char of set.missing) ctx.missing.push({ char, block: 'section footer' });
  // One line, its baseline 19 pt above the paper's edge: under the footer (whose text sits 36 pt
  // above the edge), and 6–7 mm clear of the edge that office printers cannot print on.
  const fits = { ...set, lines: set.lines.slice(0, 1) };
  const top = setup.height - 19 - (set.lines[0]?.baseline ?? 0);
  for (const page of pages) page.items.push(...textItems(fits, region.x, top));
  const problems = ctx.missing.map((m) => `character "${m.char}" in the section's name or contacts is not covered by any font`);
  if (set.lines.length > 1) problems.push(`the section's name and contacts do not fit on the one line under the footer at ${TYPE.label} pt: the rest would not be printed`);
  return problems;
}
