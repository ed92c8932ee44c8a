// Using the tool outside its repository: a section's project folder made by `init`, its content
// laid over the bundled content, locale tags with regions, paper in file names, and the messages
// a user gets when run in the wrong place.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyContent, REPO, tempDir } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

const A4_WIDTH = 595.28;
const LETTER_WIDTH = 612;

describe('--version', () => {
  it('prints the version of package.json with --version and -V', async () => {
    const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(version);
    }
  });
});

describe('init and the content layers', () => {
  it('makes a folder with a README and an empty content/, and nothing else', async () => {
    const dir = tempDir();
    const r = await cli(['init', 'section'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'section')).sort()).toEqual(['README.md', 'content']);
    expect(readdirSync(path.join(dir, 'section', 'content'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'section', 'README.md'), 'utf8')).toContain('within one locale, **our** `content/` first, then the bundled content');
    // Never over anything.
    const again = await cli(['init', 'section'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toBe('workshop-pack: section is not empty: init makes a new folder (or fills an empty one) and never overwrites anything');
  });

  it('builds from the bundled content in an empty project, and a project file wins over the bundled one', async () => {
    const dir = tempDir();
    await cli(['init', 'section'], dir);
    const project = path.join(dir, 'section');
    // The section changes one French label and nothing else.
    mkdirSync(path.join(project, 'content', 'fr'));
    writeFileSync(path.join(project, 'content', 'fr', 'strings.yaml'), 'translation: {status: draft}\nstrings:\n  handout: Polycopié\n');
    const r = await cli(['build', '--locale', 'fr', '--doc', 'story', '--verbose'], project);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}read content\/fr\/strings\.yaml \(project layer\)$/m);
    expect(r.out).toMatch(/^ {2}read .*content\/fr\/cases\/maryia-kalesnikava\/case\.md \(bundled layer\)$/m);
    expect(r.out).toMatch(/^ {2}read .*content\/en\/strings\.yaml \(bundled layer\)$/m);
    const pdf = await readPdf(path.join(project, 'out/maryia-kalesnikava/fr/story.pdf'));
    expect(pdf.text).toContain('POLYCOPIÉ'); // the project's string
    expect(pdf.text).not.toContain('FICHE'); // the bundled one it replaces
    expect(squash(pdf.text)).toContain(squash('Bélarus')); // everything else from the bundled French
    // status names the layer of files that come from the package.
    const status = await cli(['status', '--locale', 'fr'], project);
    expect(status.out).toMatch(/^ {2}udhr\.md +translated \(draft; \d+ words; bundled with workshop-pack\)$/m);
  });

  it('a fonts.json in the project folder replaces the package’s, and may name the section’s own TTF files', async () => {
    const dir = tempDir();
    await cli(['init', 'section'], dir);
    const project = path.join(dir, 'section');
    const config = JSON.parse(readFileSync(path.join(REPO, 'fonts', 'fonts.json'), 'utf8'));
    // The section's "own" regular face: the italic Noto file, copied beside its fonts.json.
    mkdirSync(path.join(project, 'fonts'));
    copyFileSync(path.join(REPO, 'node_modules', config.families['noto-sans'].italic), path.join(project, 'fonts', 'Body.ttf'));
    config.families['noto-sans'].regular = './fonts/Body.ttf';
    writeFileSync(path.join(project, 'fonts.json'), JSON.stringify(config));
    const r = await cli(['build', '--locale', 'en', '--doc', 'story'], project);
    expect(r.code).toBe(0);
    const fonts = (await readPdf(path.join(project, 'out/maryia-kalesnikava/en/story.pdf'))).fonts;
    expect(fonts.some((f) => /NotoSans-Italic$/.test(f))).toBe(true);
    expect(fonts.some((f) => /NotoSans-Regular$/.test(f))).toBe(false);
  });

  it('a Greek section’s labels are upper-cased by Greek rules: capitals without accents', async () => {
    const dir = tempDir();
    await cli(['init', 'section', '--locale', 'el'], dir);
    const project = path.join(dir, 'section');
    const strings = path.join(project, 'content', 'el', 'strings.yaml');
    const text = readFileSync(strings, 'utf8')
      .replace(/^translation: \{status: untranslated,/m, 'translation: {status: draft,')
      .replace(/^ {2}handout: .*$/m, '  handout: Φυλλάδιο')
      .replace(/^ {2}update\.dated: .*$/m, '  update.dated: "Ενημέρωση · {date}"');
    writeFileSync(strings, text);
    const r = await cli(['build', '--locale', 'el', '--doc', 'story', '--case', 'maryia-kalesnikava'], project);
    expect(r.code).toBe(0);
    const pdf = await readPdf(path.join(project, 'out/maryia-kalesnikava/el/story.pdf'));
    // The kicker and the update box's title, both upper-cased by layout; the date is Greek.
    expect(pdf.text).toContain('ΦΥΛΛΑΔΙΟ');
    expect(squash(pdf.text)).toContain(squash('ΕΝΗΜΕΡΩΣΗ · 13 ΔΕΚΕΜΒΡΙΟΥ 2025'));
    expect(pdf.text).not.toMatch(/[ΆΈΉΊΌΎΏ]/);
  });

  it('an en-US section prints US dates: the date format English chose (en-GB) is neither inherited nor copied', async () => {
    const dir = tempDir();
    await cli(['init', 'section', '--locale', 'en-US'], dir);
    const project = path.join(dir, 'section');
    const strings = readFileSync(path.join(project, 'content', 'en-US', 'strings.yaml'), 'utf8');
    expect(strings).not.toMatch(/^dateLocale:/m);
    expect(strings).toMatch(/^# dateLocale: en-GB /m);
    const r = await cli(['build', '--locale', 'en-US', '--doc', 'story', '--case', 'maryia-kalesnikava'], project);
    expect(r.code).toBe(0);
    const text = squash((await readPdf(path.join(project, 'out/maryia-kalesnikava/en-US/story.pdf'))).text);
    expect(text).toContain(squash('Detained on: September 7, 2020'));
    expect(text).toContain(squash('UPDATE · DECEMBER 13, 2025'));
    // English itself keeps its British dates.
    const en = await cli(['build', '--locale', 'en', '--doc', 'story', '--case', 'maryia-kalesnikava'], project);
    expect(en.code).toBe(0);
    expect(squash((await readPdf(path.join(project, 'out/maryia-kalesnikava/en/story.pdf'))).text)).toContain(squash('Detained on: 7 September 2020'));
  });

  it('outside a project says where to run it, with exit 2', async () => {
    for (const args of [['build'], ['status'], ['check'], ['xliff', 'export', '--locale', 'de']]) {
      const r = await cli(args, tempDir());
      expect(r.code).toBe(2);
      expect(r.err).toBe('workshop-pack: no content/ here; run it in a folder made by `workshop-pack init`, or pass --content DIR');
    }
    const named = await cli(['status', '--content', 'nowhere'], tempDir());
    expect(named.code).toBe(2);
    expect(named.err).toBe('workshop-pack: content folder nowhere not found');
  });
});

describe('usage details', () => {
  it('suggests the case id for a part of it', async () => {
    const r = await cli(['build', '--case', 'maryia']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('workshop-pack: unknown case "maryia" (did you mean "maryia-kalesnikava"?); known: chimbiri-mamombe-marova, maryia-kalesnikava');
  });

  it('takes en-US and de-DE as the content locale with the region’s paper; A4 and Letter files never overwrite each other', async () => {
    const out = tempDir();
    const r = await cli(['build', '--locale', 'en-US,de-DE,en', '--doc', 'story', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*maryia-kalesnikava\/en\/story\.letter\.pdf \([12] pages?, letter\)$/m);
    expect(r.out).toMatch(/^wrote .*maryia-kalesnikava\/en\/story\.pdf \([12] pages?, a4\)$/m);
    expect(r.out).toMatch(/^wrote .*maryia-kalesnikava\/de\/story\.pdf \([12] pages?, a4\)$/m);
    expect((await readPdf(path.join(out, 'maryia-kalesnikava/en/story.letter.pdf'))).pages[0].width).toBeCloseTo(LETTER_WIDTH, 1);
    expect((await readPdf(path.join(out, 'maryia-kalesnikava/en/story.pdf'))).pages[0].width).toBeCloseTo(A4_WIDTH, 1);
    const de = await readPdf(path.join(out, 'maryia-kalesnikava/de/story.pdf'));
    expect(de.pages[0].width).toBeCloseTo(A4_WIDTH, 1);
    expect(de.text).toContain('Belarus');
    // --paper letter beside the locale's own A4: a file of its own, too.
    const letter = await cli(['build', '--locale', 'de', '--doc', 'story', '--paper', 'letter', '--out', out]);
    expect(letter.out).toMatch(/^wrote .*maryia-kalesnikava\/de\/story\.letter\.pdf \([12] pages?, letter\)$/m);
    expect(existsSync(path.join(out, 'maryia-kalesnikava/de/story.pdf'))).toBe(true);
    // A language we have no content for is still refused.
    const unknown = await cli(['build', '--locale', 'pt-BR']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^workshop-pack: unknown locale "pt-BR"; known: en, ar/);
  });
});

describe('placeholders', () => {
  it('a renamed placeholder is an error at its line, in check --json with rule, locale and key, and stops the build', async () => {
    const dir = copyContent(['en', 'es']);
    const file = path.join(dir, 'content/es/strings.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('pageOf: Página {page} de {total}', 'pageOf: Página {página} de {total}'));
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('{página}')) + 1;
    const r = await cli(['check', '--locale', 'es', '--json', '--no-bundled'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toContainEqual({
      severity: 'error',
      file: 'content/es/strings.yaml',
      line,
      message: 'strings.pageOf: placeholders must be the English ones ({page} {total}): missing {page}, unknown {página}',
      hint: 'keep each {placeholder} exactly as in English (you may move it); only the text around it is translated',
      rule: 'placeholders',
      locale: 'es',
      key: 'pageOf',
    });
    const build = await cli(['build', '--locale', 'es', '--doc', 'story', '--no-bundled'], dir);
    expect(build.code).toBe(1);
    expect(build.err).toContain(`content/es/strings.yaml:${line}: strings.pageOf: placeholders must be the English ones`);
  });

  it('every item of check --json names its rule and locale', async () => {
    const dir = copyContent(['en', 'fr']);
    const file = path.join(dir, 'content/fr/strings.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('handout: Fiche', 'handout: Handout'));
    const r = await cli(['check', '--locale', 'fr', '--json', '--no-bundled'], dir);
    const items = JSON.parse(r.out) as { rule?: string; locale?: string; key?: string; message: string; line: number }[];
    expect(items.length).toBeGreaterThan(0);
    for (const d of items) {
      expect(d.rule).toMatch(/^[a-z-]+$/);
      expect(d.locale).toBe('fr');
    }
    const same = items.find((d) => d.key === 'handout')!;
    expect(same).toMatchObject({ rule: 'same-as-english', message: 'string "handout" is the same as the English: it counts as untranslated' });
    expect(same.line).toBe(readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('handout: Handout')) + 1);
  });
});
