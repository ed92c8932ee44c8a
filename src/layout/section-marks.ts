// What a section's edition adds to a page: the cover's band (logo, name, contacts over a rule in
// the section's colour) and QR codes to its online action (the URL printed beneath in small type).
import type { LogoBandBlock, QrBlock } from '../compose/tree.js';
import { loadedLogo } from '../content/logo.js';
import { LOGO_HEIGHT } from '../content/section.js';
import type { FrameItem } from './frame.js';
import { Region, setText, textItems, type LayoutContext } from './blocks.js';
import type { Slice } from './paginate.js';
import { claim, step, within } from './structure.js';
import { qrItems, qrMatrix, qrModule, QUIET_ZONE } from './qr.js';
import { bodyStyle, COLORS, TYPE } from './theme.js';

export function logoBand(b: LogoBandBlock, region: Region, ctx: LayoutContext): Slice[] {
  const items: FrameItem[] = [];
  let logoW = 0;
  if (b.src) {
    // Only a logo the section loader read and checked is drawn; templates pass its path.
    const logo = loadedLogo(b.src);
    if (!logo) throw new Error(`logo ${b.src} was not loaded by the section`);
    logoW = (LOGO_HEIGHT * logo.width) / logo.height;
    const x = region.place(0, logoW);
    // The logo is a figure named by the section's name.
    const tag = within(ctx.path, step('Figure', 0, { alt: b.name }));
    if (logo.kind === 'svg') items.push({ type: 'vector', x, y: 0, w: logoW, h: LOGO_HEIGHT, viewBox: logo.viewBox, shapes: logo.shapes, tag });
    else items.push({ type: 'image', x, y: 0, w: logoW, h: LOGO_HEIGHT, src: logo.file, tag });
  }
  const gap = logoW ? 14 : 0;
  const inner = region.inset(logoW + gap);
  const name = setText([{ text: b.name, bold: true }], bodyStyle(ctx.rtl, { size: TYPE.lead, color: b.accent, leading: 1.25 }), inner.width, ctx, 'section name');
  const contact = b.contact ? setText([{ text: b.contact }], bodyStyle(ctx.rtl, { size: TYPE.label, color: COLORS.muted, leading: 1.3 }), inner.width, ctx, 'section contact') : undefined;
  const textH = name.height + (contact ? contact.height + 2 : 0);
  const height = Math.max(LOGO_HEIGHT, textH);
  const top = (height - textH) / 2;
  items.push(...claim(textItems(name, inner.x, top), within(ctx.path, step('P', 1))));
  if (contact) items.push(...claim(textItems(contact, inner.x, top + name.height + 2), within(ctx.path, step('P', 2))));
  items.push({ type: 'rect', x: region.x, y: height + 8, w: region.width, h: 2, fill: b.accent });
  return [{ height: height + 10, items, spaceBefore: 0, name: 'section band' }];
}

export function qrCode(b: QrBlock, region: Region, ctx: LayoutContext): Slice[] {
  const matrix = qrMatrix(b.url);
  const module = qrModule(matrix, b.size);
  const side = (matrix.count + 2 * QUIET_ZONE) * module;
  const quiet = QUIET_ZONE * module;
  const items: FrameItem[] = [];
  let y = 0;
  const label = b.label ? setText([{ text: b.label, bold: true }], bodyStyle(ctx.rtl, { size: TYPE.body, leading: 1.3 }), region.width, ctx, 'QR code label') : undefined;
  // The quiet zone is white space: the label may sit in it, never on the code.
  if (label) y = Math.max(0, label.height + 4 - quiet);
  // The code is never mirrored (a mirrored QR code does not scan); in RTL it sits at the right.
  const x = region.place(0, side);
  // The code is a figure whose alternative text is where it leads; the label before it, the URL after.
  const figure = within(ctx.path, step('Figure', 1, { alt: b.url }));
  items.push(...qrItems(matrix, x, y, module).map((item): FrameItem => ({ ...item, tag: figure } as FrameItem)));
  // Over the code's white square, which would otherwise hide it.
  if (label) items.push(...claim(textItems(label, region.x, 0), within(ctx.path, step('P', 0))));
  y += side - quiet + 4;
  // The URL beneath, in small type: for who has no phone at hand, and to show where the code leads.
  // Aligned with the code's visible edge, not its quiet zone.
  const under = region.inset(quiet);
  const url = setText([{ text: b.url, link: b.url }], bodyStyle(ctx.rtl, { size: TYPE.label, color: COLORS.ink, leading: 1.3 }), under.width, ctx, 'QR code URL');
  items.push(...claim(textItems(url, under.x, y), within(ctx.path, step('P', 2))));
  y += url.height;
  return [{ height: y, items, spaceBefore: 12, name: 'QR code' }];
}
