// Images that content names are checked from their bytes before anything decodes them: the type
// (PNG or JPEG, whatever the file is called), the pixel size against a budget (pdfkit decodes a PNG
// into memory: 10,000 × 10,000 pixels would cost gigabytes in every PDF that shows it), and the
// structure (a truncated or corrupt file is refused here, not embedded broken).
import { readFileSync, statSync } from 'node:fs';
import { crc32, inflateSync } from 'node:zlib';

export interface ImageInfo {
  type: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** 25 megapixels: a 6,000 × 4,000 camera photo, far more than a printed A4 page needs. */
export const MAX_IMAGE_PIXELS = 25_000_000;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type Probe = { ok: true; image: ImageInfo } | { ok: false; problem: string; hint?: string };

const NOT_AN_IMAGE = 'save the photo as JPEG or PNG (a screenshot tool or any photo editor can), then put that file here';
const DAMAGED = 'open the image in a photo editor and save it again, or use another copy';

const cache = new Map<string, { mtime: number; size: number; probe: Probe }>();

export function probeImage(file: string): Probe {
  const stat = statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtime === stat.mtimeMs && hit.size === stat.size) return hit.probe;
  const probe = probeBytes(stat.size > MAX_IMAGE_BYTES ? undefined : readFileSync(file), stat.size);
  cache.set(file, { mtime: stat.mtimeMs, size: stat.size, probe });
  return probe;
}

/** Width and height of an image that was probed (layout needs proportions, not pixels). */
export function imageSize(file: string): ImageInfo {
  const probe = probeImage(file);
  if (!probe.ok) throw new Error(`${file}: ${probe.problem}`);
  return probe.image;
}

export function probeBytes(bytes: Buffer | undefined, size = bytes?.length ?? 0): Probe {
  if (!bytes) return { ok: false, problem: `is ${Math.round(size / 1024 / 1024)} MB; images are limited to ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, hint: 'export it at print size (about 2,500 pixels wide is plenty)' };
  if (bytes.length === 0) return { ok: false, problem: 'is not a PNG or JPEG image: the file is empty', hint: NOT_AN_IMAGE };
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return png(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpeg(bytes);
  return { ok: false, problem: 'is not a PNG or JPEG image', hint: NOT_AN_IMAGE };
}

function budget(width: number, height: number): Probe | undefined {
  if (width <= 0 || height <= 0) return { ok: false, problem: `is damaged: it says it is ${width} × ${height} pixels`, hint: DAMAGED };
  if (width * height > MAX_IMAGE_PIXELS)
    return {
      ok: false,
      problem: `is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels); images are limited to ${MAX_IMAGE_PIXELS / 1e6} megapixels`,
      hint: 'export it at print size: about 2,500 pixels on the long side is plenty for a handout',
    };
  return undefined;
}

// Bits per pixel for each PNG colour type and the bit depths it allows.
const PNG_CHANNELS: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

function png(bytes: Buffer): Probe {
  const damaged = (why: string): Probe => ({ ok: false, problem: `is damaged (${why})`, hint: DAMAGED });
  let at = 8;
  let header: { width: number; height: number; depth: number; color: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  let palette = false;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return damaged(`the ${type} chunk is cut off`);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return damaged(`the ${type} chunk fails its checksum`);
    if (!header && type !== 'IHDR') return damaged('it does not start with a header');
    if (type === 'IHDR') {
      if (length !== 13) return damaged('bad header');
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], color: body[9], interlace: body[12] };
      const over = budget(header.width, header.height);
      if (over) return over;
      const kind = PNG_CHANNELS[header.color];
      if (!kind || !kind.depths.includes(header.depth) || body[10] !== 0 || body[11] !== 0 || header.interlace > 1) return damaged('unknown colour type or bit depth');
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (!header) return damaged('no header');
  if (!ended) return damaged('the file is cut off');
  if (!data.length) return damaged('no image data');
  if (header.color === 3 && !palette) return damaged('a palette image without its palette');
  const expected = pngDataLength(header.width, header.height, PNG_CHANNELS[header.color].channels * header.depth, header.interlace === 1);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1 });
  } catch {
    return damaged('its pixel data does not decompress');
  }
  if (raw.length !== expected) return damaged(`its pixel data has ${raw.length} bytes where ${expected} were expected`);
  return { ok: true, image: { type: 'png', width: header.width, height: header.height } };
}

/** Bytes of filtered scanlines: one filter byte per row, per Adam7 pass when interlaced. */
function pngDataLength(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w && h ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  return passes.reduce((n, [x0, y0, dx, dy]) => n + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

function jpeg(bytes: Buffer): Probe {
  const damaged = (why: string): Probe => ({ ok: false, problem: `is damaged (${why})`, hint: DAMAGED });
  let at = 2;
  let size: { width: number; height: number } | undefined;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return damaged('a broken marker');
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return damaged('a segment is cut off');
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      if (length < 8) return damaged('bad frame header');
      size = { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      const over = budget(size.width, size.height);
      if (over) return over;
    }
    if (marker === 0xda) {
      if (!size) return damaged('image data before the frame header');
      // The compressed data runs to the end-of-image marker; a file cut short has none.
      const tail = bytes.subarray(Math.max(at, bytes.length - 64));
      if (tail.lastIndexOf(Buffer.from([0xff, 0xd9])) < 0) return damaged('the file is cut off');
      return { ok: true, image: { type: 'jpeg', ...size } };
    }
    at += 2 + length;
  }
  return damaged('no image data');
}
