// --grayscale prints photos gray too: a red photo painted with the gray flag renders with equal
// red, green and blue (poppler's pdftoppm; skipped where it is not installed).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { paintPdf } from '../../src/paint/pdf.js';
import type { FontBook } from '../../src/layout/fonts.js';
import { grayPages } from '../../src/print/gray.js';
import { hasTool } from '../helpers/pdf-objects.js';
import { tempDir } from '../helpers/build.js';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 4 × 4 pure red RGB PNG. */
function redPng(): Buffer {
  const header = Buffer.from([0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0]);
  const row = Buffer.from([0, ...Array(4).fill([255, 0, 0]).flat()]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat([row, row, row, row]))), chunk('IEND', Buffer.alloc(0))]);
}

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
    writeFileSync(src, redPng());
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
