// The ink saver: every colour of a document becomes its own lightness (Rec. 709 luminance, in sRGB
// levels), the gray a black-and-white printer would print. The theme's colours are chosen to stay
// apart that way (the six UDHR group tints are 0.06 apart in lightness, see theme.ts), so groups
// and the light and dark parts of the cards stay distinguishable.
import type { DocumentFrames, FrameItem, PageFrame } from '../layout/frame.js';

const hex2 = (v: number) =>
  Math.round(Math.min(1, Math.max(0, v)) * 255)
    .toString(16)
    .padStart(2, '0');

/** A colour as the hex of its gray level (#rrggbb with equal channels), which the painter writes as DeviceGray. */
export function grayOf(color: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 0xff, n & 0xff].map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const linear = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const level = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
  return `#${hex2(level).repeat(3)}`;
}

function grayItem(item: FrameItem): FrameItem {
  switch (item.type) {
    case 'text':
    case 'line':
    case 'scissors':
      return { ...item, color: grayOf(item.color) };
    case 'rect':
      return { ...item, ...(item.fill ? { fill: grayOf(item.fill) } : {}), ...(item.stroke ? { stroke: grayOf(item.stroke) } : {}) };
    case 'group':
      return { ...item, items: item.items.map(grayItem) };
    case 'vector':
      return { ...item, shapes: item.shapes.map((shape) => ({ ...shape, fill: grayOf(shape.fill) })) };
    case 'image':
      return { ...item, grayscale: true };
    default: {
      const never: never = item;
      return never;
    }
  }
}

export function grayPages(pages: PageFrame[]): PageFrame[] {
  return pages.map((p) => ({ ...p, items: p.items.map(grayItem) }));
}

export function grayscale(frames: DocumentFrames): DocumentFrames {
  return { ...frames, pages: grayPages(frames.pages) };
}
