// Pixel size of a PNG or JPEG, read from its header: layout needs proportions, not pixels.
import { readFileSync } from 'node:fs';

export interface ImageSize {
  width: number;
  height: number;
}

export function imageSize(file: string): ImageSize {
  const buf = readFileSync(file);
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) {
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let at = 2;
    while (at + 9 < buf.length) {
      if (buf[at] !== 0xff) {
        at++;
        continue;
      }
      const marker = buf[at + 1];
      const length = buf.readUInt16BE(at + 2);
      // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
      }
      at += 2 + length;
    }
  }
  throw new Error(`${file}: not a PNG or JPEG image`);
}
