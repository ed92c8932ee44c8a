// The logical structure of a document, as layout knows it: each item that carries content (text,
// a photo, a logo, a QR code) gets the path of structure elements it belongs to, from the
// document down (a list, its third item, that item's body, a paragraph). The painter turns the
// paths into the PDF's structure tree (src/paint/structure.ts); items without a path are artifacts
// (rules, tints, cut lines, footers). Paths order siblings by `n`, so the reading order is the
// order of the content, whatever order or page the items are drawn in.
import { walkBlocks, type Block } from '../compose/tree.js';
import type { FrameItem } from './frame.js';
import type { Slice } from './paginate.js';

/** The standard structure types a workshop pack uses (PDF 1.7, 14.8.4). */
export type StructRole =
  | 'Part'
  | 'Div'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'BlockQuote'
  | 'Figure'
  | 'Caption'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD';

/** One element of a path: its type, its place among its siblings, and what the type needs. */
export interface StructStep {
  role: StructRole;
  n: number;
  /** A figure's alternative text. */
  alt?: string;
  /** A table heading cell's scope. */
  scope?: 'Column' | 'Row';
}

export type StructPath = readonly StructStep[];

export const step = (role: StructRole, n: number, extra: Omit<StructStep, 'role' | 'n'> = {}): StructStep => ({ role, n, ...extra });

export const headingRole = (level: number): StructRole => `H${Math.min(6, Math.max(1, level))}` as StructRole;

/** A path one element deeper. */
export const within = (path: StructPath | undefined, ...steps: StructStep[]): StructPath => [...(path ?? []), ...steps];

const carriesContent = (item: FrameItem): item is Extract<FrameItem, { tag?: StructPath }> => item.type === 'text' || item.type === 'image' || item.type === 'vector';

/** Items with content that no inner layout tagged belong to `path`; decoration stays untagged. */
export function claim(items: FrameItem[], path: StructPath): FrameItem[] {
  return items.map((item) => (carriesContent(item) && !item.tag ? { ...item, tag: path } : item));
}

/** Every item of the slices (and of what they make later: headers, page fills) claimed for `path`. */
export function claimSlices(slices: Slice[], path: StructPath): Slice[] {
  return slices.map((s) => claimSlice(s, path));
}

function claimSlice(s: Slice, path: StructPath): Slice {
  const fill = s.fill;
  return {
    ...s,
    items: claim(s.items, path),
    ...(s.header ? { header: claimSlice(s.header, path) } : {}),
    ...(fill ? { fill: (available: number) => claimSlice(fill(available), path) } : {}),
  };
}

/** The same items as artifacts: a repeat of content already tagged once (a table's heading row on a later page). */
export function untagged(items: FrameItem[]): FrameItem[] {
  return items.map((item) => {
    if (item.type === 'group') return { ...item, items: untagged(item.items) };
    if (!('tag' in item) || !item.tag) return item;
    const { tag: _tag, ...rest } = item;
    return rest as FrameItem;
  });
}

/** Items placed under one more element at the top (a handout inside the pack). */
export function nested(items: FrameItem[], top: StructStep): FrameItem[] {
  return items.map((item) => {
    if (item.type === 'group') return { ...item, items: nested(item.items, top) };
    return 'tag' in item && item.tag ? { ...item, tag: [top, ...item.tag] } : item;
  });
}

/**
 * The level each heading has in the structure: one below the nearest heading before it that is
 * written at a higher level, so levels never skip (a template's `###` straight under the title
 * is an H2 to a screen reader, and so are the `###` beside it; the look stays as written).
 * Titles, and cut sheets' headings, are level 1; the UDHR groups' titles level 2.
 */
export function headingLevels(blocks: Block[]): Map<Block, number> {
  const levels = new Map<Block, number>();
  // The written levels of the headings still open, outermost first.
  const open: number[] = [];
  const heading = (written: number) => {
    while (open.length && open[open.length - 1] >= written) open.pop();
    open.push(written);
    return open.length;
  };
  for (const b of walkBlocks(blocks)) {
    if (b.type === 'title' || (b.type === 'cut-sheet' && b.heading)) heading(1);
    else if (b.type === 'rights-groups') heading(2);
    else if (b.type === 'heading') levels.set(b, heading(b.level));
  }
  return levels;
}
