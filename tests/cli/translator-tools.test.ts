// The translators' commands on fixture content: check, status, new-locale, mark-translated and
// preview (once and watching), with their exact reports and exit codes.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preview } from '../../src/commands/preview.js';
import { cli, copyContent, REPO } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

/** English and French content in a temporary folder. */
const fixture = () => copyContent(['en', 'fr']);
const edit = (dir: string, file: string, change: (t: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
const lineOf = (dir: string, file: string, needle: string) => readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('status', () => {
  it('shows the bundled translations complete, with a percentage per locale, and exits 0', async () => {
    const r = await cli(['status', '--locale', 'fr', '--locale', 'ar']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fr \(French\)$/m);
    expect(r.out).toMatch(/^ {2}udhr\.md +translated \(draft; \d+ words\)$/m);
    expect(r.out).toMatch(/^ {2}string {3}handout +translated$/m);
    expect(r.out).toMatch(/^fr +100 % of \d+ words · strings 130\/130 · files 11\/11 · reviewed 0 %, draft 100 %$/m);
    expect(r.out).toMatch(/^ar +100 % of \d+ words · strings 130\/130 · files 11\/11 · reviewed 0 %, draft 100 %$/m);
  });

  it('finds a translation outdated when the English changed since, and a missing file falling back', async () => {
    const dir = fixture();
    edit(dir, 'content/en/udhr.md', (t) => t.replace('Freedom from slavery', 'Freedom from slavery and servitude'));
    edit(dir, 'content/en/strings.yaml', (t) => t.replace('handout: Handout', 'handout: Handout for groups'));
    rmSync(path.join(dir, 'content/fr/campaign.md'));
    // --no-bundled: this folder alone, without the package's own fr/campaign.md showing through.
    const r = await cli(['status', '--locale', 'fr', '--no-bundled'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}udhr\.md +OUTDATED \(draft; \d+ words\)$/m);
    // What changed in the English since the translation, from the copy kept in content/fr/.source/.
    const udhrLine = lineOf(dir, 'content/en/udhr.md', 'Freedom from slavery and servitude');
    expect(r.out).toContain(`      - ${String(udhrLine).padStart(4)}|       - {number: 4, title: "Freedom from slavery"}`);
    expect(r.out).toContain(`      + ${String(udhrLine).padStart(4)}|       - {number: 4, title: "Freedom from slavery and servitude"}`);
    expect(r.out).toMatch(/^ {2}campaign\.md +missing \(falls back to en; \d+ words\)$/m);
    expect(r.out).toMatch(/^ {2}string {3}handout +OUTDATED\n {6}- "Handout"\n {6}\+ "Handout for groups"$/m);
    expect(r.out).toMatch(/^ {2}string {3}article +translated$/m);
    const json = JSON.parse((await cli(['status', '--locale', 'fr', '--json', '--no-bundled'], dir)).out);
    expect(json[0].locale).toBe('fr');
    expect(json[0].rows).toContainEqual(expect.objectContaining({ item: 'udhr.md', kind: 'file', state: 'outdated', review: 'draft' }));
    expect(json[0].rows).toContainEqual(expect.objectContaining({ item: 'campaign.md', kind: 'file', state: 'missing', from: 'en', done: 0 }));
    // Progress is in words: the missing campaign file weighs what its words weigh.
    const campaign = json[0].rows.find((row: { item: string }) => row.item === 'campaign.md');
    const udhr = json[0].rows.find((row: { item: string }) => row.item === 'udhr.md');
    const handout = json[0].rows.find((row: { item: string; kind: string }) => row.item === 'handout' && row.kind === 'string');
    expect(handout.words).toBe(3); // "Handout for groups"
    expect(json[0].words.done).toBe(json[0].words.total - campaign.words - udhr.words - handout.words);
    expect(json[0].percent).toBe(Math.floor((100 * json[0].words.done) / json[0].words.total));

    // Once the translator has updated the file, mark-translated records the new English version.
    const m = await cli(['mark-translated', '--locale', 'fr', 'content/fr/udhr.md'], dir);
    expect(m.code).toBe(0);
    expect(m.out).toBe('marked content/fr/udhr.md as translated from the current English');
    expect((await cli(['status', '--locale', 'fr', '--no-bundled'], dir)).out).toMatch(/^ {2}udhr\.md +translated \(draft; \d+ words\)$/m);
  });
});

describe('new-locale', () => {
  it('scaffolds every file as untranslated: 0 % in status, and the build works at once by falling back', async () => {
    const dir = fixture();
    const r = await cli(['new-locale', 'pt-BR'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('created content/pt-BR/udhr.md');
    expect(r.out).toContain('created content/pt-BR/strings.yaml');
    expect(readFileSync(path.join(dir, 'content/pt-BR/udhr.md'), 'utf8')).toMatch(/^---\ntranslation: \{status: untranslated, source: [0-9a-f]{12}\}$/m);
    const status = await cli(['status', '--locale', 'pt-BR'], dir);
    expect(status.out).toMatch(/^pt-BR +0 % of \d+ words · strings 0\/130 · files 0\/11 · reviewed 0 %, draft 0 % · 141 untranslated$/m);
    const build = await cli(['build', '--locale', 'pt-BR', '--doc', 'story', '--verbose'], dir);
    expect(build.code).toBe(0);
    expect(build.out).toContain('fallback: file cases/maryia-kalesnikava/case.md from en');
    const story = await readPdf(path.join(dir, 'out/maryia-kalesnikava/pt-BR/story.pdf'));
    expect(story.text).toContain('Maryia Kalesnikava’s story');
  });

  it('refuses an existing locale, an invalid tag and a non-canonical one, writing nothing', async () => {
    const dir = fixture();
    const before = readFileSync(path.join(dir, 'content/fr/udhr.md'), 'utf8');
    const existing = await cli(['new-locale', 'fr'], dir);
    expect(existing.code).toBe(2);
    expect(existing.err).toBe('workshop-pack: content/fr/ already exists: new-locale never overwrites a locale');
    expect(readFileSync(path.join(dir, 'content/fr/udhr.md'), 'utf8')).toBe(before);
    const invalid = await cli(['new-locale', 'en_GB'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toBe('workshop-pack: "en_GB" is not a valid BCP 47 language tag (examples: fr, fr-CA, pt-BR, sr-Latn)');
    const lower = await cli(['new-locale', 'pt-br'], dir);
    expect(lower.code).toBe(2);
    expect(lower.err).toBe('workshop-pack: write the tag as "pt-BR" (the folder name is the canonical BCP 47 form)');
    expect(existsSync(path.join(dir, 'content/pt-br'))).toBe(false);
  });
});

describe('check', () => {
  it('passes the bundled content in every locale, warning only about placeholder photos and facts to check', async () => {
    const r = await cli(['check']);
    expect(r.code).toBe(0);
    // Warnings: placeholder photos and facts to check (en), and files the proof locales of other
    // scripts (he, fa, hi, ja, th) have not translated yet.
    const warnings = r.err.split('\n').filter((l) => !l.startsWith('  hint: '));
    expect(warnings.length).toBeGreaterThanOrEqual(4);
    for (const w of warnings)
      expect(w).toMatch(/^content\/en\/cases\/[a-z-]+\/case\.md:\d+: warning: (the photo of .* is a placeholder image|reviewed: the facts of this case were last checked on 2024-12-10)|^content\/(he|fa|hi|ja|th)\/.*: warning: /);
    // Both cases, every document each case calls for (no petition for either, no letter for the acquitted group).
    expect(r.out).toMatch(/^checked \d+ documents \(en, ar, be, de, es, fa, fr, fr-CA, he, hi, ja, pl, ru, th\): 0 errors, \d+ warnings$/m);
    // A placeholder photo must not go to print: --strict fails on it.
    expect((await cli(['check', '--strict', '--locale', 'en'])).code).toBe(1);
  });

  it('says what could cover characters the font already set for their script lacks, rather than to install that font again', async () => {
    // Japanese content with Simplified Chinese in it: Han is set in noto-sans-jp, which lacks 这.
    const dir = copyContent(['en', 'ja']);
    cpSync(path.join(REPO, 'content', 'fonts.yaml'), path.join(dir, 'content', 'fonts.yaml'));
    edit(dir, 'content/ja/udhr.md', (t) => t.replace(/^(title: .*)$/m, '$1 这是中文简体'));
    const r = await cli(['check', '--no-bundled', '--locale', 'ja'], dir);
    expect(r.code).toBe(1);
    const line = lineOf(dir, 'content/ja/udhr.md', '这');
    expect(r.err).toContain(`content/ja/udhr.md:${line}: no font for Han text: first "这" (U+8FD9`);
    expect(r.err).toContain('hint: noto-sans-jp, the font set for Han text, has no glyph for these characters; they may be of another language written in it, whose font has them:');
    expect(r.err).toMatch(/^ {4}zh-Hans: npm install @expo-google-fonts\/noto-sans-sc, then in content\/fonts\.yaml add the family noto-sans-sc .* and set Han: noto-sans-sc$/m);
    expect(r.err).not.toContain('npm install @expo-google-fonts/noto-sans-jp');
  });

  it('reports an uncovered character, a card that cannot fit and broken YAML, each at its file and line', async () => {
    const dir = fixture();
    edit(dir, 'content/fr/udhr.md', (t) => t.replace('Droit à la vie', 'Droit à la vie 漢'));
    const long = Array.from({ length: 100 }, () => 'Maryia a été privée de ses droits.').join(' ');
    edit(dir, 'content/fr/cases/maryia-kalesnikava/case.md', (t) => t.replace(/(- matches: 9\n    text: )>-\n(      .*\n)+/, `$1${long}\n`));
    const r = await cli(['check', '--no-bundled', '--locale', 'fr'], dir);
    expect(r.code).toBe(1);
    const udhrLine = lineOf(dir, 'content/fr/udhr.md', '漢');
    expect(r.err).toContain(`content/fr/udhr.md:${udhrLine}: no font for Han text: first "漢" (U+6F22)\n  hint: install a Han font: npm install @expo-google-fonts/noto-sans-jp`);
    const cardLine = lineOf(dir, 'content/fr/cases/maryia-kalesnikava/case.md', long.slice(0, 30));
    expect(r.err).toMatch(new RegExp(`content/fr/cases/maryia-kalesnikava/case\\.md:${cardLine}: maryia-kalesnikava/fr/matching-cards\\.pdf: card \\d+ \\(.*\\) does not fit its card even at 8 pt`));
    expect(r.out).toMatch(/^checked \d+ documents \(fr\): \d+ errors?, \d+ warnings?$/m);

    edit(dir, 'content/fr/udhr.md', (t) => t.replace('title: ', 'title: [broken'));
    const broken = await cli(['check', '--no-bundled', '--locale', 'fr', '--json'], dir);
    expect(broken.code).toBe(1);
    const problems = JSON.parse(broken.out);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', file: 'content/fr/udhr.md', message: expect.stringMatching(/^broken YAML: /) }));
  });

  it('warns about fallbacks and outdated translations, and fails on them only with --strict', async () => {
    const dir = fixture();
    rmSync(path.join(dir, 'content/fr/campaign.md'));
    edit(dir, 'content/en/udhr.md', (t) => t.replace('Freedom from slavery', 'Freedom from slavery and servitude'));
    const r = await cli(['check', '--locale', 'fr', '--no-bundled'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('content/fr/campaign.md: warning: this file is not translated: it falls back to en\n  hint: translate it into content/fr/campaign.md (copy content/en/campaign.md to start)');
    expect(r.err).toContain('content/fr/udhr.md: warning: this file is outdated: the English source changed since it was translated');
    expect((await cli(['check', '--locale', 'fr', '--strict', '--no-bundled'], dir)).code).toBe(1);
  });
});

describe('preview', () => {
  it('marks every page DRAFT and tints text that fell back, naming its locale in the margin', async () => {
    const dir = fixture();
    rmSync(path.join(dir, 'content/fr/cases/maryia-kalesnikava/case.md'));
    const r = await cli(['preview', '--case', 'maryia-kalesnikava', '--locale', 'fr', '--doc', 'story', '--no-bundled'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^preview out\/preview\/maryia-kalesnikava\/fr\/story\.pdf \(1 page\) in \d+ ms$/m);
    const pdf = await readPdf(path.join(dir, 'out/preview/maryia-kalesnikava/fr/story.pdf'));
    const page = pdf.pages[0];
    expect(page.text).toContain('DRAFT');
    // The English story falls back: its lines carry a note "de en" (French for "from en") in the margin.
    const notes = page.items.filter((i) => i.str === 'de en');
    expect(notes.length).toBeGreaterThan(10);
    for (const n of notes) expect(n.x).toBeGreaterThan(page.width - 42);
    // The kicker is a French string, the locale's own: no note on its line.
    const kicker = page.items.find((i) => i.str === 'FICHE')!;
    expect(kicker).toBeDefined();
    expect(page.items.some((i) => i.str === 'de en' && Math.abs(i.y - kicker.y) < 4)).toBe(false);
  });

  it('watches: a save rebuilds the PDF, a broken file reports its error and keeps the last good PDF', async () => {
    const dir = fixture();
    const pdf = path.join(dir, 'out/preview/maryia-kalesnikava/fr/story.pdf');
    const log: string[] = [];
    const waitFor = async (test: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!test()) throw new Error(`timed out waiting for ${what}; log:\n${log.join('\n')}`);
    };
    let stop: () => void = () => {};
    const running = preview({ cwd: dir, cases: ['maryia-kalesnikava'], locales: ['fr'], docs: ['story', 'udhr'], watch: true, log: (l) => log.push(l), onReady: (s) => (stop = s) });
    await waitFor(() => log.some((l) => l.startsWith('watching')), 'the watcher');
    const file = 'content/fr/cases/maryia-kalesnikava/case.md';

    const mtime = statSync(pdf).mtimeMs;
    edit(dir, file, (t) => t.replace(/^storyTitle: .*$/m, 'storyTitle: Une histoire modifiée'));
    await waitFor(() => statSync(pdf).mtimeMs > mtime, 'the rebuilt PDF');
    expect(squash((await readPdf(pdf)).text)).toContain(squash('Une histoire modifiée'));
    // Only the story reads case.md: the UDHR page was not rebuilt.
    expect(log.filter((l) => l.includes('udhr.pdf'))).toHaveLength(1);

    const good = readFileSync(pdf);
    const lines = log.length;
    edit(dir, file, (t) => t.replace(/^storyTitle: .*$/m, 'storyTitle: [cassé'));
    await waitFor(() => log.slice(lines).some((l) => l.includes('broken YAML')), 'the error');
    const line = lineOf(dir, file, 'storyTitle');
    expect(log.slice(lines).join('\n')).toMatch(new RegExp(`^${file}:(${line}|${line + 1}): broken YAML: `, 'm'));
    expect(readFileSync(pdf).equals(good)).toBe(true);

    edit(dir, file, (t) => t.replace(/^storyTitle: .*$/m, 'storyTitle: De nouveau valide'));
    await waitFor(() => log.slice(lines).some((l) => l.includes('story.pdf')), 'the rebuild after the fix');
    expect(squash((await readPdf(pdf)).text)).toContain(squash('De nouveau valide'));
    stop();
    await running;
    expect(readdirSync(path.dirname(pdf)).sort()).toEqual(['story.pdf', 'udhr.pdf']);
  });

  it('watches folders created while it runs: a translator starting a case in a new folder sees it at once', async () => {
    const dir = fixture();
    const caseDir = path.join(dir, 'content/fr/cases/maryia-kalesnikava');
    const french = readFileSync(path.join(caseDir, 'case.md'), 'utf8');
    rmSync(path.join(dir, 'content/fr/cases'), { recursive: true });
    const pdf = path.join(dir, 'out/preview/maryia-kalesnikava/fr/story.pdf');
    const log: string[] = [];
    let stop: () => void = () => {};
    const running = preview({ cwd: dir, cases: ['maryia-kalesnikava'], locales: ['fr'], docs: ['story'], watch: true, log: (l) => log.push(l), onReady: (s) => (stop = s) });
    for (let i = 0; i < 200 && !log.some((l) => l.startsWith('watching')); i++) await new Promise((r) => setTimeout(r, 25));
    const mtime = statSync(pdf).mtimeMs;
    // Two new folders at once, then the file inside them, as an editor's "save as" does.
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(path.join(caseDir, 'case.md'), french.replace(/^storyTitle: .*$/m, 'storyTitle: Histoire dans un dossier neuf'));
    for (let i = 0; i < 200 && statSync(pdf).mtimeMs === mtime; i++) await new Promise((r) => setTimeout(r, 25));
    stop();
    await running;
    expect(squash((await readPdf(pdf)).text)).toContain(squash('Histoire dans un dossier neuf'));
  });
});
