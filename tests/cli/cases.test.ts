// Cases of every kind, built for real and read back: a group that was acquitted, a resolved case's
// missing petition explained, facts printed with their labels, translations that cannot print an
// old status, and the warnings for stale facts (with a fixed clock) and placeholder photos.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { check } from '../../src/commands/check.js';
import { cli, copyContent, REPO } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

const GROUP = 'content/en/cases/chimbiri-mamombe-marova/case.md';
const MARYIA = 'content/en/cases/maryia-kalesnikava/case.md';
const edit = (dir: string, file: string, change: (t: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
const lineOf = (dir: string, file: string, needle: string) => readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
const has = (text: string, sentence: string) => squash(text).includes(squash(sentence));

describe('a group, acquitted: Cecillia Chimbiri, Joanah Mamombe and Netsai Marova', () => {
  it('prints the three names, a photo each, the charges and the acquittal, and no letter or petition', async () => {
    const dir = copyContent();
    const r = await cli(['build', '--no-bundled', '--case', 'chimbiri-mamombe-marova', '--doc', 'story', '--doc', 'letter', '--doc', 'petition', '--doc', 'solidarity', '--doc', 'pack'], dir);
    expect(r.code).toBe(0);
    const story = await readPdf(path.join(dir, 'out/chimbiri-mamombe-marova/en/story.pdf'));
    expect(story.pages.length).toBe(1);
    expect(has(story.text, 'People: Cecillia Chimbiri, Joanah Mamombe and Netsai Marova · Country: Zimbabwe')).toBe(true);
    expect(has(story.text, 'Charges: “communicating falsehoods”, “obstructing the course of justice” · Cecillia and Joanah acquitted by the High Court')).toBe(true);
    // One placeholder portrait per person, side by side, each captioned with the person's name.
    const captions = ['Cecillia Chimbiri', 'Joanah Mamombe', 'Netsai Marova'].map((n) => story.pages[0].items.find((i) => i.str === n)!);
    for (const c of captions) expect(c).toBeDefined();
    expect(captions[0].x).toBeLessThan(captions[1].x);
    expect(captions[1].x).toBeLessThan(captions[2].x);
    expect(Math.abs(captions[0].y - captions[2].y)).toBeLessThan(1);
    expect(story.pages[0].items.filter((i) => i.str.startsWith('Placeholder image')).length).toBe(3);
    // The undated update box, above the story.
    expect(story.pages[0].items.some((i) => i.str === 'UPDATE')).toBe(true);
    expect(has(story.text, 'After being featured in Write for Rights 2022, Cecillia and Joanah were acquitted by the High Court.')).toBe(true);
    // No one to write to and nothing to petition for: both are explained, nothing is written.
    expect(r.out).toMatch(/^not built: out\/chimbiri-mamombe-marova\/en\/letter\.pdf: the case is resolved \(status: acquitted\) and case\.md names no follow-up action \(resolved\.followUp\)$/m);
    expect(r.out).toMatch(/^not built: out\/chimbiri-mamombe-marova\/en\/petition\.pdf: the case is resolved \(status: acquitted\): a petition would demand what has already happened$/m);
    expect(existsSync(path.join(dir, 'out/chimbiri-mamombe-marova/en/letter.pdf'))).toBe(false);
    // Solidarity cards that celebrate, in plural grammar, with no address.
    const cards = await readPdf(path.join(dir, 'out/chimbiri-mamombe-marova/en/solidarity.pdf'));
    expect(has(cards.text, 'Cecillia and Joanah were acquitted. Write a message that celebrates the acquittal')).toBe(true);
    expect(cards.text).not.toContain('Send your card to');
    // The pack: the cover's hero is the group (issue 11) with its status, contents list five documents.
    const pack = await readPdf(path.join(dir, 'out/chimbiri-mamombe-marova/en/pack.pdf'));
    expect(has(pack.pages[0].text, 'Cecillia Chimbiri, Joanah Mamombe and Netsai Marova')).toBe(true);
    expect(has(pack.pages[0].text, 'Opposition activists freed')).toBe(true);
    expect(has(pack.pages[0].text, 'Cecillia and Joanah acquitted by the High Court')).toBe(true);
    expect(pack.outline.map((o) => o.title)).toEqual(['Contents', 'Facilitator’s guide', 'Universal Declaration of Human Rights', 'Story', 'Matching rights cards', 'Solidarity cards']);
  });

  it('prints a dated acquittal, a maximum sentence and a group name from the strings, with plural grammar', async () => {
    const dir = copyContent();
    edit(dir, GROUP, (t) =>
      t
        .replace(/^status:\n {2}kind: acquitted\n {2}label: .*\n/m, 'status: {kind: acquitted, date: 2024-06-14}\ngroupName: The Harare three\n')
        .replace('facts:\n', 'facts:\n  maximumSentenceYears: 15\n')
        .replace('resolved:\n  solidarity:\n', 'resolved:\n  solidarity:\n    address: [c/o Example Section, 1 Example Street, Example City]\n'),
    );
    const r = await cli(['build', '--no-bundled', '--case', 'chimbiri-mamombe-marova', '--doc', 'story', '--doc', 'solidarity'], dir);
    expect(r.code).toBe(0);
    const story = await readPdf(path.join(dir, 'out/chimbiri-mamombe-marova/en/story.pdf'));
    expect(has(story.text, 'Faced up to 15 years in prison · Acquitted on 14 June 2024')).toBe(true);
    expect(story.pages[0].text).toContain('The Harare three · Story'); // the footer uses the group's name
    const cards = await readPdf(path.join(dir, 'out/chimbiri-mamombe-marova/en/solidarity.pdf'));
    expect(has(cards.text, 'Send your card to: c/o Example Section')).toBe(true);
  });
});

describe('a resolved case: the petition', () => {
  it('--doc petition explains why there is none, exits 0 and removes a petition printed before the release', async () => {
    const dir = copyContent();
    const old = path.join(dir, 'out/maryia-kalesnikava/en/petition.pdf');
    mkdirSync(path.dirname(old), { recursive: true });
    writeFileSync(old, 'an old petition');
    const r = await cli(['build', '--no-bundled', '--case', 'maryia-kalesnikava', '--doc', 'petition'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'not built: out/maryia-kalesnikava/en/petition.pdf: the case is resolved (status: released on 2025-12-13): a petition would demand what has already happened (removed the old PDF)',
    );
    expect(r.out).toMatch(/^0 documents, 0 pages in \d+\.\d\d s; 1 not built \(the case does not call for it, see above\)$/m);
    expect(existsSync(old)).toBe(false);
  });

  it('removes the old petition on every paper, and names the file of the paper asked for', async () => {
    // Built on Letter paper (en-US) while she was detained, then built again after her release.
    const dir = copyContent();
    const folder = path.join(dir, 'out/maryia-kalesnikava/en');
    mkdirSync(folder, { recursive: true });
    for (const name of ['petition.pdf', 'petition.letter.pdf']) writeFileSync(path.join(folder, name), 'an old petition');
    const r = await cli(['build', '--no-bundled', '--case', 'maryia-kalesnikava', '--locale', 'en-US', '--doc', 'petition'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('not built: out/maryia-kalesnikava/en/petition.letter.pdf: the case is resolved (status: released on 2025-12-13): a petition would demand what has already happened (removed the old petition.pdf, petition.letter.pdf)');
    expect(existsSync(path.join(folder, 'petition.pdf'))).toBe(false);
    expect(existsSync(path.join(folder, 'petition.letter.pdf'))).toBe(false);
  });

  it('takes the status from the English case file, so an older translation cannot ask to free her', async () => {
    const dir = copyContent(['en', 'fr']);
    // A French file written before the release: no update, no resolved section.
    edit(dir, 'content/fr/cases/maryia-kalesnikava/case.md', (t) => t.replace(/^updates:\n(?: {2}.*\n)+/m, '').replace(/^resolved:\n(?: {2}.*\n)+/m, ''));
    const result = await build({ cwd: dir, cases: ['maryia-kalesnikava'], locales: ['fr'], docs: ['story', 'petition', 'solidarity'], outDir: path.join(dir, 'out') });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.skipped.map((s) => s.doc)).toEqual(['petition']);
    const story = await readPdf(path.join(dir, 'out/maryia-kalesnikava/fr/story.pdf'));
    // The update falls back to English, like any text not translated yet.
    expect(has(story.text, 'Maryia Kalesnikava was released on 13 December 2025.')).toBe(true);
    expect(has(story.text, 'Remise en liberté le 13 décembre 2025')).toBe(true);
    const cards = await readPdf(path.join(dir, 'out/maryia-kalesnikava/fr/solidarity.pdf'));
    expect(cards.text).not.toContain('Homel');
    expect(result.written.find((w) => w.doc === 'story')!.fallbacks).toContainEqual({ item: 'cases/maryia-kalesnikava/case.md: updates[0]', kind: 'file', from: 'en' });
  });
});

describe('warnings a person must clear', () => {
  it('warns when the facts were checked more than six months before the build date (a fixed clock)', async () => {
    const at = (date: string) => check({ cwd: REPO, cases: ['maryia-kalesnikava'], locales: ['en'], docs: ['story'], today: new Date(`${date}T12:00:00Z`) });
    const stale = (date: string) => at(date).diagnostics.filter((d) => d.message.startsWith('reviewed:'));
    expect(stale('2027-05-31')).toEqual([]);
    const warned = stale('2027-06-02');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ severity: 'warning', file: MARYIA, line: lineOf(REPO, MARYIA, 'reviewed: 2026-12-01') });
    expect(warned[0].message).toBe(
      "reviewed: the facts of this case were last checked on 2026-12-01, more than 6 months before the build date (2027-06-02): check the case's current status on amnesty.org before printing",
    );
  });

  it('warns about a placeholder photo in build and check, at its line, and fails check --strict', async () => {
    const dir = copyContent();
    const r = await cli(['build', '--no-bundled', '--case', 'maryia-kalesnikava', '--doc', 'udhr'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${MARYIA}:${lineOf(dir, MARYIA, 'placeholder: true')}: warning: the photo of Maryia Kalesnikava is a placeholder image`);
    const strict = await cli(['check', '--strict', '--no-bundled', '--case', 'maryia-kalesnikava', '--locale', 'en'], dir);
    expect(strict.code).toBe(1);
    // A real photo: no warning, and the strict check passes.
    edit(dir, MARYIA, (t) => t.replace('      placeholder: true\n', '').replace('(placeholder)', ''));
    const clean = await cli(['check', '--strict', '--no-bundled', '--case', 'maryia-kalesnikava', '--locale', 'en'], dir);
    expect(clean.err).toBe('');
    expect(clean.code).toBe(0);
  });
});
