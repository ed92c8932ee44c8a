// The build command as a user runs it: exit codes, messages on bad content, atomic output, and a
// second case that is nothing but a new folder of Markdown.
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyContent, REPO } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

const CASE = 'content/en/cases/maryia-kalesnikava/case.md';

/** A copy of the English content with one file edited; returns the folder to run in. */
function withEdit(file: string, edit: (text: string) => string): string {
  const dir = copyContent();
  const target = path.join(dir, file);
  writeFileSync(target, edit(readFileSync(target, 'utf8')));
  return dir;
}

function lineOf(dir: string, file: string, needle: string): number {
  return readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('workshop-pack build: usage', () => {
  it('explains itself with --help and exits 0', async () => {
    const r = await cli(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--locale');
    expect(r.out.replace(/\s+/g, ' ')).toContain('udhr, matching-cards, story, letter, solidarity, petition, guide, pack');
  });

  it.each([
    [['build', '--doc', 'stroy'], /unknown document id "stroy" \(did you mean "story"\?\); known: udhr, matching-cards/],
    [['build', '--locale', 'xx'], /unknown locale "xx"; known: en\b/],
    [['build', '--case', 'maryia'], /unknown case "maryia".*known: .*maryia-kalesnikava/],
    [['build', '--paper', 'a3'], /Allowed choices are a4, letter/],
    [['bild'], /unknown command 'bild'/],
  ])('exits 2 on %j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('workshop-pack build: bad content gives file:line: message and exit 1', () => {
  it('broken YAML', async () => {
    const dir = withEdit(CASE, (t) => t.replace('country: Belarus', 'country: [Belarus'));
    const r = await cli(['build', '--doc', 'story'], dir);
    expect(r.code).toBe(1);
    const line = lineOf(dir, CASE, 'country: [Belarus');
    expect(r.err).toMatch(new RegExp(`^${CASE}:(${line}|${line + 1}): broken YAML: `, 'm'));
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(existsSync(path.join(dir, 'out', 'maryia-kalesnikava', 'en', 'story.pdf'))).toBe(false);
  });

  it('a missing required field names the file, the line of its parent and the field', async () => {
    const dir = withEdit(CASE, (t) => t.replace(/^  email: mail@mfa\.gov\.by\n/m, ''));
    const r = await cli(['build'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${CASE}:${lineOf(dir, CASE, 'authority:')}: authority.email: required`);
  });

  it('a wrong value names its own line', async () => {
    const dir = withEdit(CASE, (t) => t.replace('  - matches: 9\n', '  - matches: 31\n'));
    const r = await cli(['build'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${CASE}:${lineOf(dir, CASE, 'matches: 31')}: cards[1].matches: expected an article number 1–30`);
  });

  it('a missing image', async () => {
    const dir = withEdit(CASE, (t) => t.replace('src: photo.png', 'src: portrait.jpg'));
    const r = await cli(['build', '--doc', 'story'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${CASE}:${lineOf(dir, CASE, 'src: portrait.jpg')}: people[0].photo.src: image "portrait.jpg" not found`);
  });

  it('a misspelled directive in a body, at its line', async () => {
    const step = 'content/en/activities/freedom-of-expression/steps/1-understanding-the-right-to-protest.md';
    const dir = withEdit(step, (t) => t.replace(':::read-aloud', ':::readaloud'));
    const r = await cli(['build', '--doc', 'guide'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${step}:${lineOf(dir, step, ':::readaloud')}: unknown directive ":::readaloud" (content may use :::read-aloud, :::tip, :::note)`);
    expect(r.err).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it('an unknown field, at its line, with a hint', async () => {
    const dir = withEdit(CASE, (t) => t.replace('sentenceYears: 11', 'sentenceYears: 11\nsentenceMonths: 2'));
    const r = await cli(['build', '--doc', 'story'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${CASE}:${lineOf(dir, CASE, 'sentenceMonths')}: (front matter): Unrecognized key: "sentenceMonths"\n  hint: remove it or correct its spelling; content/README.md lists every field`);
  });

  it('step times that do not add up to the total', async () => {
    const file = 'content/en/activities/freedom-of-expression/steps/3-matching-rights.md';
    const dir = withEdit(file, (t) => t.replace('minutes: 15', 'minutes: 25'));
    const r = await cli(['build', '--doc', 'guide'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/activity\.md:\d+: totalMinutes: the steps take 70 minutes \(20 \+ 10 \+ 25 \+ 15\) but the activity says 60/);
  });

  it('a card text that cannot fit its card even at the minimum size', async () => {
    const long = Array.from({ length: 120 }, () => 'Maryia was denied her rights.').join(' ');
    const dir = withEdit(CASE, (t) => t.replace(/(- matches: 9\n    text: )>-\n(      .*\n)+/, `$1${long}\n`));
    const r = await cli(['build', '--doc', 'matching-cards'], dir);
    expect(r.code).toBe(1);
    // Reported at the line of the card's text in case.md, naming the PDF and the card.
    const line = lineOf(dir, CASE, 'Maryia was denied her rights.');
    expect(r.err).toMatch(new RegExp(`^${CASE}:${line}: maryia-kalesnikava/en/matching-cards\\.pdf: card \\d+ \\("Maryia’s experience · B": Maryia was denied.*\\) does not fit its card even at 8 pt`, 'm'));
    expect(existsSync(path.join(dir, 'out', 'maryia-kalesnikava', 'en', 'matching-cards.pdf'))).toBe(false);
  });

  it('never replaces a good PDF by a broken one', async () => {
    const dir = copyContent();
    expect((await cli(['build', '--doc', 'story'], dir)).code).toBe(0);
    const pdf = path.join(dir, 'out', 'maryia-kalesnikava', 'en', 'story.pdf');
    const before = readFileSync(pdf);
    writeFileSync(path.join(dir, CASE), readFileSync(path.join(dir, CASE), 'utf8').replace('name: Maryia Kalesnikava', 'name: [Maryia'));
    expect((await cli(['build', '--doc', 'story'], dir)).code).toBe(1);
    expect(readFileSync(pdf).equals(before)).toBe(true);
    expect(readdirSync(path.dirname(pdf))).toEqual(['story.pdf']); // no temporary files left behind
  });
});

describe('workshop-pack build: output', () => {
  it('prints a line per file and a summary', async () => {
    const dir = copyContent();
    const r = await cli(['build', '--case', 'maryia-kalesnikava', '--doc', 'udhr', '--doc', 'story', '--no-bundled'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote out\/maryia-kalesnikava\/en\/udhr\.pdf \(1 page, a4\)$/m);
    expect(r.out).toMatch(/^wrote out\/maryia-kalesnikava\/en\/story\.pdf \(\d pages?, a4\)$/m);
    expect(r.out).toMatch(/^2 documents, \d+ pages? in \d+\.\d\d s$/m);
  });

  it('builds a second case that is only a new folder of Markdown, with its own JPEG photo', async () => {
    const dir = copyContent();
    cpSync(path.join(REPO, 'tests', 'fixtures', 'second-case'), path.join(dir, 'content', 'en', 'cases', 'alex-example'), { recursive: true });
    const r = await cli(['build', '--no-bundled', '--case', 'alex-example', '--case', 'maryia-kalesnikava', '--doc', 'story', '--doc', 'matching-cards'], dir);
    // Only Maryia's placeholder photo is worth a warning; nothing about the new case.
    expect(r.err).toMatch(/^content\/en\/cases\/maryia-kalesnikava\/case\.md:\d+: warning: the photo of Maryia Kalesnikava is a placeholder image/);
    expect(r.err).not.toContain('alex-example');
    expect(r.code).toBe(0);
    const story = await readPdf(path.join(dir, 'out', 'alex-example', 'en', 'story.pdf'));
    expect(squash(story.text)).toContain(squash('Alex Example is a poet from Exampleland'));
    expect(squash(story.text)).toContain(squash('Detained since: 14 March 2023 · Sentence: 1 year in prison'));
    const cards = await readPdf(path.join(dir, 'out', 'alex-example', 'en', 'matching-cards.pdf'));
    expect(cards.text).toContain('UDHR ARTICLE 10');
    expect(existsSync(path.join(dir, 'out', 'maryia-kalesnikava', 'en', 'story.pdf'))).toBe(true);
  });

  it('builds the story of a group of people none of whom has a photo', async () => {
    // Their photos were a row of columns, one each: none made a height of -Infinity, and the build
    // stopped with an internal error at this case.
    const dir = copyContent();
    const file = path.join(dir, 'content', 'en', 'cases', 'chimbiri-mamombe-marova', 'case.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {4}photo: \{src: placeholder\.png.*\n/gm, ''));
    expect(readFileSync(file, 'utf8')).not.toMatch(/photo: \{src/);
    const r = await cli(['build', '--no-bundled', '--locale', 'en', '--case', 'chimbiri-mamombe-marova', '--doc', 'story'], dir);
    expect(r.code).toBe(0);
    const story = await readPdf(path.join(dir, 'out', 'chimbiri-mamombe-marova', 'en', 'story.pdf'));
    expect(squash(story.text)).toContain(squash('Cecillia Chimbiri, Joanah Mamombe and Netsai Marova are opposition activists'));
  });
});
