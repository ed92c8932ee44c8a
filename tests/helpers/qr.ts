// Reading QR codes back the way a phone does: the page rendered to pixels (poppler's pdftoppm, in
// gray) and scanned by jsQR. A code that prints but does not scan fails here.
import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';

/** A P5 (binary gray) PGM as width, height and pixels. */
function parsePgm(bytes: Buffer): { width: number; height: number; data: Buffer } {
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]))) i++;
    if (bytes[i] === 0x23) {
      while (bytes[i] !== 0x0a) i++;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(bytes[i]))) token += String.fromCharCode(bytes[i++]);
    header.push(token);
  }
  if (header[0] !== 'P5') throw new Error(`not a binary PGM: ${header[0]}`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, data: bytes.subarray(i + 1, i + 1 + width * height) };
}

export function grayToRgba(width: number, height: number, gray: Uint8Array | Buffer): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[4 * p] = rgba[4 * p + 1] = rgba[4 * p + 2] = gray[p];
    rgba[4 * p + 3] = 255;
  }
  return rgba;
}

/** The text of the QR code on a page (1-based) of a PDF, or undefined when none scans. */
export function scanPage(file: string, page: number, dpi = 150): string | undefined {
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 });
  const { width, height, data } = parsePgm(pgm);
  return jsQR(grayToRgba(width, height, data), width, height, { inversionAttempts: 'dontInvert' })?.data;
}
