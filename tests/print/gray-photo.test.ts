// --grayscale prints photos gray too: a red photo painted with the gray flag renders with equal
// red, green and blue (poppler's pdftoppm; skipped where it is not installed).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paintPdf } from '../../src/paint/pdf.js';
import type { FontBook } from '../../src/layout/fonts.js';
import { grayPages } from '../../src/print/gray.js';
import { hasTool } from '../helpers/pdf-objects.js';
import { tempDir } from '../helpers/build.js';
import { rgbPng } from '../helpers/images.js';

/** The colour of the middle pixel of the page rendered by poppler (PPM). */
function middlePixel(pdf: string): number[] {
  const ppm = execFileSync('pdftoppm', ['-r', '10', '-singlefile', pdf]);
  const header = ppm.toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const at = header[0].length + (Math.floor(h / 2) * w + Math.floor(w / 2)) * 3;
  return [ppm[at], ppm[at + 1], ppm[at + 2]];
}

describe('grayscale photos', () => {
  it.runIf(hasTool('pdftoppm', ['-v']))('renders a red photo gray with --grayscale, red without', async () => {
    const dir = tempDir('wp-gray-');
    const src = path.join(dir, 'red.png');
    writeFileSync(src, rgbPng(4, 4, [255, 0, 0]));
    const page = { width: 200, height: 200, items: [{ type: 'image' as const, x: 0, y: 0, w: 200, h: 200, src }] };
    const paint = async (pages: typeof page[], name: string, deviceGray: boolean) => {
      const file = path.join(dir, name);
      writeFileSync(file, await paintPdf({ title: 't', lang: 'en', rtl: false, pages, bookmarks: [] }, { book: {} as FontBook, author: 'a', subject: 's', creationDate: new Date(0), deviceGray }));
      return file;
    };
    const [r, g, b] = middlePixel(await paint([page], 'colour.pdf', false));
    expect(r - g).toBeGreaterThan(100);
    const gray = middlePixel(await paint(grayPages([page]), 'gray.pdf', true));
    expect(Math.abs(gray[0] - gray[1])).toBeLessThan(4);
    expect(Math.abs(gray[1] - gray[2])).toBeLessThan(4);
    expect(readFileSync(path.join(dir, 'gray.pdf'), 'latin1')).toMatch(/\/BM \/Saturation/);
  });
});
