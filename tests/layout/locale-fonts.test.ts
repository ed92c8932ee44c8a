// A build goes locale by locale, and the fonts a locale did not use are let go when it moves on
// (layout/fonts.ts setFontsLocale): memory does not grow with the number of locales built. What is
// let go must be unreachable from every cache (the painter's faces too), or it stays in memory; and
// what is parsed again must give the same PDFs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { openFont, shapeText } from '../../src/layout/fonts.js';
import { buildInto, tempDir } from '../helpers/build.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ARABIC = '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf';
const LATIN = '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf';
const today = new Date('2024-12-10T00:00:00Z');
// The same creation date in both builds, so that the same documents are the same bytes.
process.env.SOURCE_DATE_EPOCH = String(today.getTime() / 1000);

describe('fonts of a locale built before', () => {
  it('are let go when the build moves to another locale, and parsed again give the same PDFs', async () => {
    const out = tempDir('wp-locale-fonts-');
    await buildInto({ outDir: path.join(out, 'ar'), locales: ['ar'], cases: ['maryia-kalesnikava'], docs: ['story', 'letter'], today, force: true, log: () => {} });
    // The fonts the Arabic documents were set in, as the build parsed them.
    const arabic = new WeakRef(openFont(ARABIC));
    const latin = new WeakRef(openFont(LATIN));

    const both = path.join(out, 'both');
    const { written } = await buildInto({ outDir: both, locales: ['en', 'ar'], docs: ['story', 'letter'], today, force: true, log: () => {} });
    // Locale by locale: every case of a locale before the next locale.
    const order = written.map((w) => `${w.locale} ${w.caseId}`);
    expect(new Set(order).size).toBe(4);
    expect(order).toEqual([...order].sort((a, b) => Number(a.startsWith('ar')) - Number(b.startsWith('ar'))));
    // Twice, a turn of the event loop apart: a WeakRef's target lives to the end of the job that made it.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve)), gc();
    // The Arabic font of the first build, unused by the English documents, is held by nothing any
    // more: it was parsed again for Arabic. The Latin font, used by every locale, stayed.
    expect(arabic.deref()).toBeUndefined();
    expect(latin.deref()).toBe(openFont(LATIN));
    // …and give the same bytes as the first build, set in the first parse.
    for (const doc of ['story', 'letter'])
      expect(readFileSync(path.join(both, 'maryia-kalesnikava', 'ar', `${doc}.pdf`)).equals(readFileSync(path.join(out, 'ar', 'maryia-kalesnikava', 'ar', `${doc}.pdf`))), doc).toBe(true);
  });

  it('of a script are let go at the next locale even when the locale before used them; the default family stays, without what shaping decoded', async () => {
    const out = tempDir('wp-locale-fonts-');
    await buildInto({ outDir: out, locales: ['ar'], cases: ['maryia-kalesnikava'], docs: ['story'], today, force: true, log: () => {} });
    // Set by the Arabic story just built, in the locale the build ended in.
    const arabic = new WeakRef(openFont(ARABIC));
    const latin = openFont(LATIN);
    // What shaping decoded of the Latin face so far (shaped here, whatever the shape store held).
    shapeText(latin, 'AVATAR office');
    const decoded = latin as unknown as { _tables: Record<string, object>; _layoutEngine: { engine: object } };
    const gpos = new WeakRef(decoded._tables.GPOS);
    const engine = new WeakRef(decoded._layoutEngine.engine);
    // The next locale (German) sets no Arabic: kept one more locale, the faces of a script (a
    // Japanese face is 5.5 MB of bytes) stayed through the locale after theirs.
    await buildInto({ outDir: out, locales: ['de'], cases: ['maryia-kalesnikava'], docs: ['story'], today, force: true, log: () => {} });
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve)), gc();
    expect(arabic.deref()).toBeUndefined();
    expect(openFont(LATIN)).toBe(latin);
    // The Latin face stayed, but not what shaping decoded of it before the locale changed (on a
    // first run, ~2.8 MB a face through every later locale).
    expect(gpos.deref()).toBeUndefined();
    expect(engine.deref()).toBeUndefined();
  });

  it('are kept while the build stays in one locale', async () => {
    const out = tempDir('wp-locale-fonts-');
    await buildInto({ outDir: out, locales: ['fa'], cases: ['maryia-kalesnikava'], docs: ['story'], today, force: true, log: () => {} });
    const arabic = openFont(ARABIC);
    await buildInto({ outDir: out, locales: ['fa'], docs: ['story'], today, force: true, log: () => {} });
    expect(openFont(ARABIC)).toBe(arabic);
  });
});
