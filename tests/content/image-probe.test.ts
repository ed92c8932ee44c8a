// Images are judged from their bytes before anything decodes them.
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_PIXELS, probeBytes } from '../../src/content/image-probe.js';
import { jpeg, png } from '../helpers/images.js';

const problem = (bytes: Buffer) => {
  const p = probeBytes(bytes);
  return p.ok ? undefined : p.problem;
};

describe('probeBytes', () => {
  it('reads the size of a valid PNG and JPEG', () => {
    expect(probeBytes(png(40, 30))).toEqual({ ok: true, image: { type: 'png', width: 40, height: 30 } });
    expect(probeBytes(jpeg(640, 480))).toEqual({ ok: true, image: { type: 'jpeg', width: 640, height: 480 } });
  });

  it('refuses images over the pixel budget before decompressing anything', () => {
    expect(problem(png(10_000, 10_000, true))).toMatch(/10000 × 10000 pixels.*limited to 25 megapixels/);
    expect(problem(png(5000, Math.floor(MAX_IMAGE_PIXELS / 5000) + 1, true))).toMatch(/megapixels/);
    expect(problem(jpeg(20_000, 20_000))).toMatch(/pixels/);
    // Within the budget, the claim is checked against the data: a header alone is damaged, not too big.
    expect(problem(png(5000, Math.floor(MAX_IMAGE_PIXELS / 5000), true))).toMatch(/damaged/);
  });

  it('names files that are not images', () => {
    expect(problem(Buffer.alloc(0))).toBe('is not a PNG or JPEG image: the file is empty');
    expect(problem(Buffer.from('hello, I am text\n'))).toBe('is not a PNG or JPEG image');
    expect(problem(Buffer.from('GIF89a......'))).toBe('is not a PNG or JPEG image');
  });

  it('finds damaged PNGs: a bad checksum, a cut-off file, pixel data that does not decompress or is short', () => {
    const good = png(50, 50);
    const flipped = Buffer.from(good);
    flipped[good.length - 20] ^= 0xff;
    expect(problem(flipped)).toMatch(/damaged.*checksum/);
    expect(problem(good.subarray(0, good.length - 20))).toMatch(/damaged/);
    const short = png(50, 50);
    short.writeUInt32BE(60, 16); // the header now claims more rows than the data holds (and its CRC breaks)
    expect(problem(short)).toMatch(/damaged/);
  });

  it('finds a JPEG cut off before its end marker', () => {
    expect(problem(jpeg(100, 100, false))).toMatch(/damaged \(the file is cut off\)/);
  });
});
