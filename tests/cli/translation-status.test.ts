// Status a coordinator can trust: text left in English counts as untranslated, draft and reviewed
// are told apart, line endings never make a translation outdated, mark-translated changes nothing
// unless every argument is right, and a build says when it prints outdated text.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyContent } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';

const edit = (dir: string, file: string, change: (t: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
const lineOf = (dir: string, file: string, needle: string) => readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? allFiles(path.join(dir, n)) : [path.join(dir, n)]));
}

/** A new locale of which only two strings are translated, the rest still the English copies. */
async function halfDone() {
  const dir = copyContent(['en']);
  await cli(['new-locale', 'pt-BR'], dir);
  edit(dir, 'content/pt-BR/strings.yaml', (t) =>
    t.replace(/status: untranslated/, 'status: draft').replace('takeAction: Take action', 'takeAction: Agir agora').replace('article: Article', 'article: Artigo'),
  );
  return dir;
}

describe('text left in English', () => {
  it('counts as untranslated: two strings of 130 translated are 2 strings, not 90 %, and the PDF agrees', async () => {
    const dir = await halfDone();
    const r = await cli(['status', '--locale', 'pt-BR', '--summary', '--no-bundled'], dir);
    // 2 translated strings, plus 6 without a word of their own ("{label}:", "{number}. {title}", "“{title}”"):
    // punctuation patterns that may be right as in English, weighing nothing in the percentage.
    expect(r.out).toMatch(/^pt-BR +0 % of \d+ words · strings 8\/130 · files 0\/11 · reviewed 0 %, draft 0 % · 122 same as English, 11 untranslated$/m);
    const check = await cli(['check', '--locale', 'pt-BR', '--no-bundled'], dir);
    expect(check.err).toContain(`content/pt-BR/strings.yaml:${lineOf(dir, 'content/pt-BR/strings.yaml', 'handout: Handout')}: warning: string "handout" is the same as the English: it counts as untranslated`);
    // What status calls untranslated is what the PDF prints in English.
    const build = await cli(['build', '--locale', 'pt-BR', '--doc', 'story', '--verbose', '--no-bundled'], dir);
    expect(build.out).toMatch(/^ {2}same as English: string "handout"$/m); // --verbose says so, as for a fallback
    expect(build.out).not.toMatch(/^ {2}same as English: string "takeAction"$/m);
    const story = await readPdf(path.join(dir, 'out/maryia-kalesnikava/pt-BR/story.pdf'));
    expect(story.text).toContain('HANDOUT');
    expect(story.text).toContain('11 years in prison');
  });

  it('a paragraph left in English in a translated file is a warning at its line and is not counted', async () => {
    const dir = copyContent(['en', 'fr']);
    const english = readFileSync(path.join(dir, 'content/en/activities/freedom-of-expression/steps/4-take-action.md'), 'utf8');
    const firstParagraph = english.split('\n---\n')[1].trim().split('\n\n')[0];
    const file = 'content/fr/activities/freedom-of-expression/steps/4-take-action.md';
    const [front, body] = readFileSync(path.join(dir, file), 'utf8').split(/\n---\n/);
    const paragraphs = body.trim().split('\n\n');
    paragraphs[0] = firstParagraph;
    writeFileSync(path.join(dir, file), `${front}\n---\n\n${paragraphs.join('\n\n')}\n`);
    const before = JSON.parse((await cli(['status', '--locale', 'fr', '--json', '--no-bundled'], copyContent(['en', 'fr']))).out)[0];
    const json = JSON.parse((await cli(['status', '--locale', 'fr', '--json', '--no-bundled'], dir)).out)[0];
    const row = json.rows.find((r: { item: string }) => r.item === 'activities/freedom-of-expression/steps/4-take-action.md');
    const words = firstParagraph.split(/\s+/).filter((w: string) => /\p{L}/u.test(w)).length;
    expect(row.state).toBe('translated');
    expect(row.words - row.done).toBeGreaterThanOrEqual(words - 2);
    expect(json.words.done).toBe(before.words.done - (row.words - row.done));
    const check = await cli(['check', '--locale', 'fr', '--no-bundled'], dir);
    expect(check.err).toContain(`${file}:${lineOf(dir, file, firstParagraph.slice(0, 40))}: warning: body[0] is the same as the English: it counts as untranslated`);
  });
});

describe('draft and reviewed', () => {
  it('are shown per file and per locale', async () => {
    const dir = copyContent(['en', 'fr']);
    edit(dir, 'content/fr/udhr.md', (t) => t.replace('status: draft', 'status: reviewed'));
    const r = await cli(['status', '--locale', 'fr', '--no-bundled'], dir);
    expect(r.out).toMatch(/^ {2}udhr\.md +translated \(reviewed; 682 words\)$/m);
    expect(r.out).toMatch(/^ {2}campaign\.md +translated \(draft; \d+ words\)$/m);
    const json = JSON.parse((await cli(['status', '--locale', 'fr', '--json', '--no-bundled'], dir)).out)[0];
    expect(json.words.reviewed).toBe(682);
    expect(r.out).toMatch(new RegExp(`^fr +100 % of ${json.words.total} words · strings 130/130 · files 11/11 · reviewed ${Math.floor((100 * 682) / json.words.total)} %, draft ${Math.floor((100 * (json.words.total - 682)) / json.words.total)} %$`, 'm'));
  });
});

describe('line endings and encodings', () => {
  it('CRLF, a byte-order mark and decomposed accents never make a translation outdated', async () => {
    const dir = copyContent(['en', 'de']);
    for (const file of allFiles(path.join(dir, 'content')).filter((f) => /\.(md|yaml)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, '\uFEFF' + text.normalize('NFD').replace(/\n/g, '\r\n'));
    }
    const r = await cli(['status', '--locale', 'de', '--summary', '--no-bundled'], dir);
    expect(r.out).toMatch(/^de +100 % of \d+ words · strings 130\/130 · files 11\/11/m);
    expect(r.out).not.toContain('OUTDATED');
  });

  it('the repository keeps content text files LF', () => {
    const attributes = readFileSync(path.join(import.meta.dirname, '..', '..', '.gitattributes'), 'utf8');
    expect(attributes).toMatch(/^\* text=auto eol=lf$/m);
  });
});

describe('mark-translated', () => {
  it('checks every argument before changing anything', async () => {
    const dir = await halfDone();
    const before = readFileSync(path.join(dir, 'content/pt-BR/udhr.md'), 'utf8');
    edit(dir, 'content/pt-BR/udhr.md', (t) => t.replace('Simplified version', 'Versão simplificada'));
    const edited = readFileSync(path.join(dir, 'content/pt-BR/udhr.md'), 'utf8');
    expect(edited).not.toBe(before);
    const r = await cli(['mark-translated', '--locale', 'pt-BR', 'udhr.md', 'nosuch.md'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('workshop-pack: content/pt-BR/nosuch.md: no such file in content/pt-BR/\nnothing was marked');
    expect(readFileSync(path.join(dir, 'content/pt-BR/udhr.md'), 'utf8')).toBe(edited);
  });

  it('refuses a file still identical to the English unless --force', async () => {
    const dir = await halfDone();
    const file = 'content/pt-BR/campaign.md';
    const before = readFileSync(path.join(dir, file), 'utf8');
    const r = await cli(['mark-translated', '--locale', 'pt-BR', file], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`workshop-pack: ${file}: still the same as the English; translate it first (or pass --force if it is right as it is)\nnothing was marked`);
    expect(readFileSync(path.join(dir, file), 'utf8')).toBe(before);
    const forced = await cli(['mark-translated', '--locale', 'pt-BR', file, '--force'], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, file), 'utf8')).toMatch(/^translation: \{status: draft, source: [0-9a-f]{12}\}$/m);
    // The English it was marked against is kept, for the diff once the English changes.
    expect(readFileSync(path.join(dir, 'content/pt-BR/.source/campaign.md'), 'utf8')).toBe(readFileSync(path.join(dir, 'content/en/campaign.md'), 'utf8'));
  });
});

describe('build and outdated text', () => {
  it('warns once per locale when it prints outdated translations', async () => {
    const dir = copyContent(['en', 'fr']);
    edit(dir, 'content/en/udhr.md', (t) => t.replace('Freedom from slavery', 'Freedom from slavery and servitude'));
    edit(dir, 'content/en/strings.yaml', (t) => t.replace('handout: Handout', 'handout: Handout for groups'));
    const r = await cli(['build', '--locale', 'fr', '--doc', 'udhr,story', '--no-bundled'], dir);
    expect(r.code).toBe(0);
    const warnings = r.err.split('\n').filter((l) => l.includes('outdated'));
    expect(warnings).toEqual(['content/fr: warning: prints outdated translations (the English changed since): udhr.md, string "handout"']);
  });
});
