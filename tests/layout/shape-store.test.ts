// Shaped words kept between processes (src/layout/shape-store.ts): a second process draws the
// words the first one shaped without shaping them, and its PDF is the first one's, byte for byte. The
// bin is run as a user runs it, each time in a new process; that the store is what the second
// process read is shown by editing a word in it. A damaged store is shaping done again, and a
// font changed on disk is never answered from the store kept for the old one.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetShapeStores, parseRun, saveShapeStores, storedRun, storeRun, useShapeShard } from '../../src/layout/shape-store.js';
import { copyContent, REPO, tempDir } from '../helpers/build.js';

const EPOCH = '1733788800';

function project() {
  const dir = copyContent(['en']);
  const cache = tempDir('wp-shapes-cache-');
  const shapes = path.join(cache, 'workshop-pack', 'shapes');
  const build = (out: string) =>
    new Promise<Buffer>((resolve, reject) =>
      execFile(
        process.execPath,
        [path.join(REPO, 'bin', 'workshop-pack.js'), 'build', '--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story', '--out', out],
        { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, XDG_CACHE_HOME: cache } },
        (e, _out, err) => (e ? reject(new Error(err)) : resolve(readFileSync(path.join(dir, out, 'maryia-kalesnikava', 'en', 'story.pdf')))),
      ),
    );
  const stores = () => (existsSync(shapes) ? readdirSync(shapes).filter((f) => f.endsWith('.json')).map((f) => path.join(shapes, f)) : []);
  return { build, stores };
}

describe('shapes kept between processes', () => {
  it('draws the words an earlier process shaped, into the same PDF', async () => {
    const p = project();
    const first = await p.build('first');
    expect(p.stores().length).toBeGreaterThan(0);
    const second = await p.build('second');
    expect(second.equals(first)).toBe(true);

    // The store is what the second process drew from: a word made wider in it moves what follows.
    const store = p.stores().find((f) => readFileSync(f, 'utf8').includes('"nMaryia "'))!;
    const kept = readFileSync(store, 'utf8');
    const data = JSON.parse(kept) as { runs: Record<string, string> };
    const run = data.runs['nMaryia '].split(',').map(Number);
    run[0] += 500;
    run[3] += 500; // the first glyph's advance
    data.runs['nMaryia '] = run.join(',');
    writeFileSync(store, JSON.stringify(data));
    const edited = await p.build('edited');
    expect(edited.equals(first)).toBe(false);

    // Damaged stores are shaped again: the PDF is the first one's.
    writeFileSync(store, kept.slice(0, kept.length / 2));
    for (const other of p.stores().filter((f) => f !== store)) writeFileSync(other, '{"format":1,"runs":{"nMaryia ":"3360,0,99999999,1,0,0,0"}}');
    const damaged = await p.build('damaged');
    expect(damaged.equals(first)).toBe(true);
  });
});

describe('a stored run read back', () => {
  it('gives the numbers it was written with', () => {
    const run = [1200, 1, 36, 639.5, -12, 0.000001, 1, 65, 69, 561, -0.25, 1e21, 2, 0x10ffff, 98];
    expect(parseRun(run.join(','))).toEqual(run);
    expect(parseRun('123456789012345678')).toEqual([123456789012345678]);
  });

  it.each(['', ',', '1,', ',1', '1,,2', '1.', '.5', '1e', '1e+', '-', '--1', '1 ,2', ' 1', '1,2x', 'NaN', 'Infinity', '0x10', '1e999'])('is refused when damaged: %j', (text) => {
    expect(parseRun(text)).toBeUndefined();
  });
});

describe('shape store', () => {
  const cacheHome = process.env.XDG_CACHE_HOME;
  afterEach(() => {
    forgetShapeStores();
    process.env.XDG_CACHE_HOME = cacheHome;
  });

  it('never answers for a font file that changed since the words were kept', () => {
    process.env.XDG_CACHE_HOME = tempDir('wp-shapes-unit-');
    const file = path.join(tempDir('wp-font-'), 'face.ttf');
    copyFileSync(path.join(REPO, 'node_modules', '@expo-google-fonts', 'noto-sans', '400Regular', 'NotoSans_400Regular.ttf'), file);
    const font = { spec: file, file, numGlyphs: 3000 };
    useShapeShard('en');
    storeRun(font, 'nAb', [1200, 0, 36, 639, 0, 0, 1, 65, 69, 561, 0, 0, 1, 98]);
    saveShapeStores();
    forgetShapeStores();
    expect(storedRun(font, 'nAb')).toEqual([1200, 0, 36, 639, 0, 0, 1, 65, 69, 561, 0, 0, 1, 98]);
    // Another locale's part of the store does not hold it, in a new process…
    forgetShapeStores();
    useShapeShard('fr');
    expect(storedRun(font, 'nAb')).toBeUndefined();
    // …but a process that loaded the English part finds it there, and keeps it in the French part.
    useShapeShard('en');
    expect(storedRun(font, 'nAb')).toBeDefined();
    useShapeShard('fr');
    expect(storedRun(font, 'nAb')).toEqual([1200, 0, 36, 639, 0, 0, 1, 65, 69, 561, 0, 0, 1, 98]);
    saveShapeStores();
    forgetShapeStores();
    expect(storedRun(font, 'nAb')).toEqual([1200, 0, 36, 639, 0, 0, 1, 65, 69, 561, 0, 0, 1, 98]);
    useShapeShard('en');
    // The same size, a new modification time: another font as far as the store knows.
    forgetShapeStores();
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(storedRun(font, 'nAb')).toBeUndefined();
    // A glyph id the font does not have is not drawn from a store.
    storeRun(font, 'nX', [600, 0, 99_999, 600, 0, 0, 1, 88]);
    expect(storedRun(font, 'nX')).toBeUndefined();
  });
});
