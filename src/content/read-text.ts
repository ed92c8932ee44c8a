// Reading a content file's text the way its author meant it: files saved on Windows (a UTF-8 byte
// order mark, CRLF line endings) read exactly like the same text saved elsewhere, so every line
// number points at the same line; a file in another encoding is named, not misread.
import { readFileSync } from 'node:fs';
import { ContentError, error } from '../diagnostics.js';

/** Content files are text a person writes: anything larger is a mistake (or an attack). */
export const MAX_CONTENT_FILE_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of `bytes` with a BOM removed and line endings made LF; an encoding problem is an error at `file`. */
export function decodeContent(bytes: Buffer, file: string): string {
  if (bytes.length > MAX_CONTENT_FILE_BYTES)
    throw new ContentError([error(file, 0, `the file is ${Math.round(bytes.length / 1024)} KB; content files are limited to ${MAX_CONTENT_FILE_BYTES / 1024} KB`, 'split the text, or check that this is the file you meant')]);
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  // Without a BOM, UTF-16 shows itself by a NUL byte beside nearly every ASCII letter.
  const zeros = bytes.subarray(0, 200).filter((b) => b === 0).length;
  if (le || be || zeros > 20)
    throw new ContentError([error(file, 0, 'the file is UTF-16; save it as UTF-8', 'in Notepad: File › Save as › Encoding: UTF-8; in Word: Save as › Plain text › Unicode (UTF-8)')]);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    throw new ContentError([
      error(file, line, `the file is not valid UTF-8 (byte 0x${bytes[bad].toString(16)} at this line); it may be saved as Latin-1 or Windows-1252`, 'save it as UTF-8 in your editor, then check the accented letters on this line'),
    ]);
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // A control character prints as nothing (or as a box): a NUL was dropped without a word.
  const control = CONTROL.exec(text);
  if (control)
    throw new ContentError([
      error(file, text.slice(0, control.index).split('\n').length, `the file contains a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) on this line, which prints as nothing`, 'delete it: it may have come with text pasted from another program'),
    ]);
  return text;
}

/** C0 and C1 controls but tab and line feed (carriage returns are gone by then). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Offset of the first byte that starts no valid UTF-8 sequence (the lead byte of a broken one), by
 * RFC 3629's table: the second byte's range excludes overlong forms (E0, F0), surrogates (ED,
 * CESU-8) and code points above U+10FFFF (F4).
 */
function firstInvalidByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (n > 0 && (i + 1 >= bytes.length || bytes[i + 1] < lo || bytes[i + 1] > hi)) return i;
    for (let k = 2; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return 0; // the decoder refused what this table takes: the line is a guess
}

export function readContentText(absolute: string, file: string): string {
  return decodeContent(readFileSync(absolute), file);
}

/** The same, for tools that only look (status, translation hashes): never throws on a bad encoding. */
export function readTextLoosely(absolute: string): string {
  return readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
