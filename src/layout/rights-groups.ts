// The simplified UDHR on what is left of one page: six coloured panels, two columns by three rows,
// each with the group's title, description and articles. The type size is the largest that makes
// all six fit, a step of the one type scale; below the scale's minimum the page is reported as
// overflowing, and more than one step below the body size is a warning.
import type { RightsGroupsBlock } from '../compose/tree.js';
import { formatNumber } from '../i18n/formats.js';
import type { FrameItem } from './frame.js';
import { Region, setText, textItems, type LayoutContext } from './blocks.js';
import { shift, type Slice } from './paginate.js';
import { claim, step, within } from './structure.js';
import { bodyStyle, COLORS, GROUP_COLORS, MIN_TYPE_SIZE, RULES, scaleDown, stepBelow, stepsBelowBody, TYPE, TYPE_SCALE } from './theme.js';

const MAX_SIZE = TYPE.lead;

/** The step above `size` on the scale: group titles stand one step over their articles. */
const stepAbove = (size: number) => TYPE_SCALE.find((s) => s > size + 1e-9) ?? size;

function panels(b: RightsGroupsBlock, region: Region, ctx: LayoutContext, size: number) {
  const gap = 10;
  const colW = (region.width - gap) / 2;
  const pad = 8;
  const items: FrameItem[] = [];
  let y = 0;
  for (let r = 0; r < Math.ceil(b.groups.length / 2); r++) {
    const row = b.groups.slice(r * 2, r * 2 + 2);
    // Both heads of a row are as tall as the taller one, so the two article lists start level.
    const heads = row.map((g) => {
      const inner = colW - 2 * pad;
      const title = setText([{ text: g.title, bold: true }], bodyStyle(ctx.rtl, { size: stepAbove(size), leading: 1.25 }), inner, ctx, `UDHR group "${g.title}"`);
      const desc = setText([{ text: g.description, italic: true }], bodyStyle(ctx.rtl, { size: stepBelow(size), leading: 1.3, color: COLORS.muted }), inner, ctx, `UDHR group "${g.title}" description`);
      return { title, desc, height: pad + title.height + 1 + desc.height + pad * 0.75 };
    });
    const headH = Math.max(...heads.map((h) => h.height));
    const cells = row.map((g, c) => {
      const index = r * 2 + c;
      const x = region.place(c * (colW + gap), colW);
      const inner = new Region(x + pad, colW - 2 * pad, ctx.rtl);
      const { title, desc } = heads[c];
      // Read group by group: its title, its description, then its articles as a numbered list.
      const group = within(ctx.path, step('Div', index));
      const cellItems: FrameItem[] = [...claim(textItems(title, inner.x, pad), within(group, step('H2', 0))), ...claim(textItems(desc, inner.x, pad + title.height + 1), within(group, step('P', 1)))];
      let cy = headH + 2;
      const numW = size * 2.3;
      for (const [k, a] of g.articles.entries()) {
        const li = within(group, step('L', 2), step('LI', k));
        const label = setText([{ text: formatNumber(ctx.locale, a.number), bold: true }], bodyStyle(ctx.rtl, { size, leading: 1.3, align: 'end' }), numW - 5, ctx, `article ${a.number}`);
        const text = setText([{ text: a.title }], bodyStyle(ctx.rtl, { size, leading: 1.3 }), inner.width - numW, ctx, `article ${a.number} "${a.title}"`);
        cellItems.push(...claim(textItems(label, inner.place(0, numW - 5), cy + 2), within(li, step('Lbl', 0))));
        cellItems.push(...claim(textItems(text, inner.place(numW, inner.width - numW), cy + 2), within(li, step('LBody', 1))));
        cy += Math.max(label.height, text.height) + 1.5;
      }
      cy += pad;
      return { x, height: cy, items: cellItems, color: GROUP_COLORS[index % GROUP_COLORS.length] };
    });
    const rowH = Math.max(...cells.map((c) => c.height));
    for (const c of cells) {
      items.push({ type: 'rect', x: c.x, y, w: colW, h: rowH, stroke: c.color, lineWidth: RULES.panel, radius: 4 });
      items.push({ type: 'rect', x: c.x, y, w: colW, h: headH, fill: c.color, radius: 4 });
      items.push(...shift(c.items, y));
    }
    y += rowH + gap;
  }
  return { height: y - gap, items };
}

export function rightsGroups(b: RightsGroupsBlock, region: Region, ctx: LayoutContext): Slice[] {
  const { setup } = ctx;
  const pageHeight = setup.height - setup.margin.top - setup.margin.bottom;
  // The size is searched twice, for a whole page (the height a heading kept with the panels
  // reckons with) and for the room left on the page; the panels at a size do not depend on the
  // room, so each size is laid out once, with what laying it out reported.
  const tried = new Map<number, { height: number; items: FrameItem[]; overflows: LayoutContext['overflows']; missing: LayoutContext['missing'] }>();
  const at = (size: number) => {
    let laid = tried.get(size);
    if (!laid) {
      const trial: LayoutContext = { ...ctx, overflows: [], missing: [] };
      laid = { ...panels(b, region, trial, size), overflows: trial.overflows, missing: trial.missing };
      tried.set(size, laid);
    }
    return laid;
  };
  const build = (available: number): Slice => {
    for (const size of scaleDown(MAX_SIZE)) {
      const p = at(size);
      if (p.height <= available && p.overflows.length === 0) {
        ctx.missing.push(...p.missing);
        if (stepsBelowBody(size) > 1)
          ctx.overflows.push({ block: 'UDHR groups', page: 0, message: `the UDHR articles were set at ${size} pt to fit the page, more than one step below the body size (${TYPE.body} pt)`, fatal: false });
        return { height: p.height, items: p.items, spaceBefore: 14, name: 'UDHR groups' };
      }
    }
    const p = at(MIN_TYPE_SIZE);
    ctx.overflows.push(...p.overflows);
    ctx.missing.push(...p.missing);
    ctx.overflows.push({ block: 'UDHR groups', page: 0, message: `the six UDHR groups need ${Math.round(p.height)} pt at ${MIN_TYPE_SIZE} pt type but the page has ${Math.round(available)} pt`, fatal: true });
    return { height: Math.min(p.height, available), items: p.items, spaceBefore: 14, name: 'UDHR groups' };
  };
  return [{ ...build(pageHeight), fill: build }];
}
