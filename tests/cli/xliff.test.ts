// XLIFF 1.2 for translation tools: a valid file with one unit per translatable text and nothing a
// translator must not change; a round trip without edits changes no byte; a translation made in
// the XLIFF comes back as files a translator could have written, builds, and counts in status;
// units whose English changed since the export are reported and left out.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyContent, tempDir } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { validateXliff12 } from '../helpers/xliff.js';

function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const f = path.join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out[path.relative(dir, f)] = createHash('sha256').update(readFileSync(f)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const units = (xml: string) => [...xml.matchAll(/<trans-unit id="([^"]*)"[^>]*>\s*<source>([\s\S]*?)<\/source>/g)].map((m) => ({ id: m[1], source: m[2] }));

describe('xliff export', () => {
  it('writes valid XLIFF 1.2 with one unit per text, notes for context, and no structure in the units', async () => {
    const dir = tempDir();
    const r = await cli(['xliff', 'export', '--locale', 'fr', '--out', path.join(dir, 'fr.xlf')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*fr\.xlf: \d+ units, \d+ with a translation$/);
    const xml = readFileSync(path.join(dir, 'fr.xlf'), 'utf8');
    expect(validateXliff12(xml)).toEqual([]);
    const all = units(xml);
    expect(all.length).toBeGreaterThan(250);
    // One unit per card, per Markdown paragraph, per list item, per string and plural form.
    expect(xml).toContain('<trans-unit id="cards[7].text"');
    expect(xml).toContain('<trans-unit id="body[12]"'); // steps/1: the twelfth block of its body
    expect(xml).toContain('<trans-unit id="years#many"'); // French has a "many" form English lacks
    expect(xml).toMatch(/<source><ph id="1" ctype="x-placeholder">\{count\}<\/ph> year<\/source>/);
    // Nothing a translator must not change: no codes, file names, numbers, handles or directives.
    for (const id of ['detainedSince', 'activity', 'photo.src', 'cards[0].matches', 'sentenceYears', 'steps[0]', 'background', 'rows', 'hashtags[0]', 'authority.email', 'authority.handles[0].handle', 'translation.status'])
      expect(all.map((u) => u.id)).not.toContain(id);
    for (const u of all) {
      expect(u.source).not.toMatch(/^:::/m);
      expect(u.source).not.toMatch(/^(#{1,6} |- |> )/);
    }
    // Context notes: file and line, field, placeholders, the card's length.
    expect(xml).toMatch(/<note from="workshop-pack">file: content\/en\/cases\/maryia-kalesnikava\/case\.md, line \d+; field: cards\[0\]\.text; printed on a cut-out card: the type shrinks to fit, down to a minimum; the English has \d+ characters, stay close to it<\/note>/);
    expect(xml).toContain('field: cards.experienceHeading; placeholders (keep each one): {name}</note>');
  });
});

describe('xliff import', () => {
  it('a round trip without edits changes no byte of content', async () => {
    const dir = copyContent(['en', 'fr', 'ru', 'ar']);
    const before = treeHash(path.join(dir, 'content'));
    for (const locale of ['fr', 'ru', 'ar']) {
      expect((await cli(['xliff', 'export', '--locale', locale, '--out', `${locale}.xlf`], dir)).code).toBe(0);
      const r = await cli(['xliff', 'import', `${locale}.xlf`], dir);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${locale}: 0 files written, 12 unchanged, 0 units with a changed English source`);
    }
    expect(treeHash(path.join(dir, 'content'))).toEqual(before);
  });

  it('writes a translation made in a CAT tool back as files a translator would write, which build and count', async () => {
    const dir = copyContent(['en']);
    await cli(['xliff', 'export', '--locale', 'pt-BR', '--out', 'pt.xlf'], dir);
    // A "translation tool": every source copied into a target with "PT " before it, codes kept.
    const xml = readFileSync(path.join(dir, 'pt.xlf'), 'utf8').replace(/(<source>)([\s\S]*?)(<\/source>)/g, '$1$2$3\n        <target state="translated">PT $2</target>');
    expect(validateXliff12(xml)).toEqual([]);
    writeFileSync(path.join(dir, 'pt.xlf'), xml);
    const r = await cli(['xliff', 'import', 'pt.xlf'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^pt-BR: 12 files written, 0 unchanged, 0 units with a changed English source$/m);
    const kase = readFileSync(path.join(dir, 'content/pt-BR/cases/maryia-kalesnikava/case.md'), 'utf8');
    expect(kase).toMatch(/^---\ntranslation: \{status: draft, source: [0-9a-f]{12}\}\npeople:\n  - name: PT Maryia Kalesnikava\n    shortName: PT Maryia\n/);
    expect(kase).toContain('\n  detainedOn: 2020-09-07\n'); // structure as in the English
    expect(kase).toContain('  - {network: X, handle: "@BelarusMFA"}'.replace('X', 'PT X'));
    expect(kase).toMatch(/\n {2}- matches: \d+\n {4}text: >-\n {6}PT /); // card texts stay folded blocks
    const strings = readFileSync(path.join(dir, 'content/pt-BR/strings.yaml'), 'utf8');
    expect(strings).toContain('  pageOf: PT Page {page} of {total}\n');
    // Plural forms are a flow map, in which braces need quotes; Portuguese has a "many" form.
    expect(strings).toContain('  years: {one: "PT {count} year", many: "PT {count} years", other: "PT {count} years"}\n');
    // Everything counts as translated, draft; check finds nothing wrong; the PDF prints it.
    const status = await cli(['status', '--locale', 'pt-BR', '--summary'], dir);
    expect(status.out).toMatch(/^pt-BR +100 % of \d+ words · strings 130\/130 · files 11\/11 · reviewed 0 %, draft 100 %$/m);
    const check = await cli(['check', '--locale', 'pt-BR', '--case', 'maryia-kalesnikava'], dir);
    // Six documents (a released person gets no petition); the one warning is the placeholder photo.
    expect(check.out).toBe('checked 6 documents (pt-BR): 0 errors, 1 warning');
    expect(check.err).toMatch(/warning: the photo of PT Maryia Kalesnikava is a placeholder image/);
    await cli(['build', '--locale', 'pt-BR', '--doc', 'story'], dir);
    const story = await readPdf(path.join(dir, 'out/maryia-kalesnikava/pt-BR/story.pdf'));
    expect(squash(story.text)).toContain(squash('PT Maryia Kalesnikava’s story'));
    expect(story.text).toContain('PT HANDOUT');
    // Exported again, every unit carries the translation it came back with.
    await cli(['xliff', 'export', '--locale', 'pt-BR', '--out', 'again.xlf'], dir);
    const again = readFileSync(path.join(dir, 'again.xlf'), 'utf8');
    const targets = (x: string) => [...x.matchAll(/<target[^>]*>([\s\S]*?)<\/target>/g)].map((m) => m[1]);
    expect(targets(again)).toEqual(targets(xml));
  });

  it('reports units whose English changed since the export and leaves them out; the file stays outdated', async () => {
    const dir = copyContent(['en', 'fr']);
    await cli(['xliff', 'export', '--locale', 'fr', '--out', 'fr.xlf'], dir);
    const english = path.join(dir, 'content/en/udhr.md');
    writeFileSync(english, readFileSync(english, 'utf8').replace('subtitle: Simplified version', 'subtitle: A simplified version'));
    const xml = readFileSync(path.join(dir, 'fr.xlf'), 'utf8').replace('<target state="translated">Version simplifiée</target>', '<target state="translated">Une version simplifiée</target>').replace(
        /(<trans-unit id="groups\[0\]\.articles\[1\]\.title"[^>]*>\s*<source>Non-discrimination<\/source>\s*<target state="translated">)Non-discrimination/,
        '$1Non‑discrimination',
      );
    writeFileSync(path.join(dir, 'fr.xlf'), xml);
    const r = await cli(['xliff', 'import', 'fr.xlf', '--content', 'content'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('fr.xlf: warning: udhr.md subtitle: the English changed since the export (or the text is gone); not imported');
    expect(r.out).toMatch(/^fr: 1 file written, 11 unchanged, 1 unit with a changed English source$/m);
    const fr = readFileSync(path.join(dir, 'content/fr/udhr.md'), 'utf8');
    expect(fr).toContain('{number: 2, title: "Non‑discrimination"}');
    expect(fr).toContain('subtitle: Version simplifiée');
    expect((await cli(['status', '--locale', 'fr', '--no-bundled'], dir)).out).toMatch(/^ {2}udhr\.md +OUTDATED/m);
  });

  it('reports a unit the translation has no place for (its file lost a paragraph) instead of dropping it silently', async () => {
    const dir = copyContent(['en', 'fr']);
    await cli(['xliff', 'export', '--locale', 'fr', '--out', 'fr.xlf'], dir);
    const file = path.join(dir, 'content/fr/activities/freedom-of-expression/steps/4-take-action.md');
    const [front, body] = readFileSync(file, 'utf8').split(/\n---\n/);
    writeFileSync(file, `${front}\n---\n\n${body.trim().split('\n\n').slice(0, -1).join('\n\n')}\n`);
    const r = await cli(['xliff', 'import', 'fr.xlf'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^fr\.xlf: warning: activities\/freedom-of-expression\/steps\/4-take-action\.md body\[\d\]: content\/fr\/activities\/freedom-of-expression\/steps\/4-take-action\.md has no such text \(its structure differs from the English, or it does not read\); not imported$/m);
  });

  it('refuses a file that is not XLIFF 1.2 or names a path that is not a content file, writing nothing', async () => {
    const dir = copyContent(['en', 'fr']);
    const before = treeHash(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'broken.xlf'), '<xliff version="1.2"><file>');
    const broken = await cli(['xliff', 'import', 'broken.xlf'], dir);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^workshop-pack: broken\.xlf:1: not well-formed XML: /);
    await cli(['xliff', 'export', '--locale', 'fr', '--out', 'fr.xlf'], dir);
    writeFileSync(path.join(dir, 'evil.xlf'), readFileSync(path.join(dir, 'fr.xlf'), 'utf8').replace('original="udhr.md"', 'original="../../etc/udhr.md"'));
    const evil = await cli(['xliff', 'import', 'evil.xlf'], dir);
    expect(evil.code).toBe(2);
    expect(evil.err).toBe('workshop-pack: evil.xlf: <file original="../../etc/udhr.md"> is not a content file of en');
    expect(treeHash(path.join(dir, 'content'))).toEqual(before);
  });
});
