// Content the tool did not write, as a project passed around could hold it: links out of the content
// folder, files in another encoding, an output folder inside content/, parsers' own limits, a folder
// the user cannot write. Each gets one line naming the file (or the option), a non-zero exit, and
// leaves every file of the user's as it was; none crashes with a stack trace.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemporaries } from '../../src/pipeline/write.js';
import { cli, copyContent, tempDir } from '../helpers/build.js';

const CASE = ['--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story'];

/** A project with en content and a pt-BR translation begun by new-locale. */
async function translating() {
  const dir = copyContent(['en']);
  expect((await cli(['new-locale', 'pt-BR'], dir)).code).toBe(0);
  const file = path.join(dir, 'content', 'pt-BR', 'udhr.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/status: untranslated/, 'status: draft').replace(/^title: .*$/m, 'title: Declaração'));
  return { dir, file, snapshot: path.join(dir, 'content', 'pt-BR', '.source', 'udhr.md') };
}

describe('the translation tools', () => {
  it('never write through a link: a link in .source/ is replaced, a translated file that is a link is refused', async () => {
    const { dir, file, snapshot } = await translating();
    const victim = path.join(tempDir('wp-victim-'), 'notes.txt');
    writeFileSync(victim, 'my notes\n');
    rmSync(snapshot);
    symlinkSync(victim, snapshot);
    const marked = await cli(['mark-translated', '--locale', 'pt-BR', 'content/pt-BR/udhr.md'], dir);
    expect(marked.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('my notes\n');
    expect(readFileSync(snapshot, 'utf8')).toBe(readFileSync(path.join(dir, 'content', 'en', 'udhr.md'), 'utf8'));

    // The translated file itself a link (here to a copy outside the project): refused, both files as they were.
    const outside = path.join(tempDir('wp-outside-'), 'udhr.md');
    writeFileSync(outside, readFileSync(file, 'utf8'));
    rmSync(file);
    symlinkSync(outside, file);
    const before = readFileSync(outside, 'utf8');
    const refused = await cli(['mark-translated', '--locale', 'pt-BR', 'content/pt-BR/udhr.md'], dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('workshop-pack: content/pt-BR/udhr.md: is a symbolic link; the translation tools edit only regular files (put the file itself in its place)\nnothing was marked');
    expect(readFileSync(outside, 'utf8')).toBe(before);
  });

  it('refuse a file saved in another encoding, or with no front matter, and leave it as it was', async () => {
    const { dir, file } = await translating();
    const latin1 = Buffer.from(readFileSync(file, 'utf8').replace('Declaração', 'Café é'), 'latin1');
    writeFileSync(file, latin1);
    const r = await cli(['mark-translated', '--locale', 'pt-BR', 'content/pt-BR/udhr.md'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^workshop-pack: content\/pt-BR\/udhr\.md:\d+: the file is not valid UTF-8/);
    expect(readFileSync(file).equals(latin1)).toBe(true);
    writeFileSync(file, '');
    const empty = await cli(['mark-translated', '--locale', 'pt-BR', 'content/pt-BR/udhr.md'], dir);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/content\/pt-BR\/udhr\.md:1: front matter missing/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('say so in one line when the content folder cannot be written', async () => {
    const dir = tempDir('wp-init-');
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const r = await cli(['init', 'a-file/section'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toBe('a-file/section/content: cannot create the folder: a file stands where a folder should be');
  });

  it('read an XLIFF file past the parser’s limits as a problem of that file', async () => {
    const dir = copyContent(['en']);
    const deep = `<?xml version="1.0"?><xliff version="1.2"><file original="udhr.md" source-language="en" target-language="fr"><body>${'<group>'.repeat(500)}${'</group>'.repeat(500)}</body></file></xliff>`;
    writeFileSync(path.join(dir, 'deep.xlf'), deep);
    const r = await cli(['xliff', 'import', 'deep.xlf'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^workshop-pack: deep\.xlf: cannot be read as XLIFF: /);
    // A target language that is a path, not a tag: named as such.
    writeFileSync(path.join(dir, 'path.xlf'), '<?xml version="1.0"?><xliff version="1.2"><file original="udhr.md" source-language="en" target-language="../../x"><body></body></file></xliff>');
    const tag = await cli(['xliff', 'import', 'path.xlf'], dir);
    expect(tag.code).toBe(2);
    expect(tag.err).toBe('workshop-pack: path.xlf: target-language "../../x" is not a language tag (examples: fr, pt-BR, sr-Latn)');
  });
});

describe('files read from outside the content folder', () => {
  it('a section profile or fonts.yaml that links out is refused, not read', async () => {
    const dir = copyContent(['en']);
    const outside = tempDir('wp-outside-');
    writeFileSync(path.join(outside, 'fonts.yaml'), 'api_token: s3cr3t\n');
    symlinkSync(path.join(outside, 'fonts.yaml'), path.join(dir, 'content', 'fonts.yaml'));
    const fonts = await cli(['build', '--no-bundled', ...CASE], dir);
    expect(fonts.code).toBe(1);
    expect(fonts.err).toContain('content/fonts.yaml: "fonts.yaml" is outside the content folder: content may only name files inside it');
    expect(fonts.err).not.toContain('api_token');
    rmSync(path.join(dir, 'content', 'fonts.yaml'));

    writeFileSync(path.join(outside, 'profile.yaml'), 'name: {en: Outside}\n');
    mkdirSync(path.join(dir, 'content', 'sections'));
    symlinkSync(path.join(outside, 'profile.yaml'), path.join(dir, 'content', 'sections', 'outside.yaml'));
    const section = await cli(['build', '--no-bundled', '--section', 'outside', ...CASE], dir);
    expect(section.code).toBe(1);
    expect(section.err).toContain('content/sections/outside.yaml: "sections/outside.yaml" is outside the content folder');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('the output folder', () => {
  it('may not be inside the content folder, whose next build would read it as content', async () => {
    const dir = copyContent(['en']);
    for (const out of ['content', 'content/en', 'content/new']) {
      const r = await cli(['build', '--no-bundled', ...CASE, '--out', out], dir);
      expect(r.code, out).toBe(2);
      expect(r.err).toBe(`workshop-pack: --out ${out}: inside the content folder; PDFs go in a folder of their own (the default is out/)`);
    }
    expect(existsSync(path.join(dir, 'content', 'new'))).toBe(false);
    expect((await cli(['build', '--no-bundled', ...CASE], dir)).code).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')('that takes no new folders (/proc/self) is one line, not a build that never ends', async () => {
    const dir = copyContent(['en']);
    const r = await cli(['build', '--no-bundled', ...CASE, '--out', '/proc/self'], dir);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').filter((l) => !/warning|hint/.test(l))).toEqual([expect.stringMatching(/^\/proc\/self\/\S+: cannot write: no such file or folder, and none can be made there$/)]);
  });

  it('keeps a user’s own .name.number.tmp files: only a build’s own leftovers (PDFs, its records) are removed', () => {
    const out = tempDir('wp-out-');
    const dead = 2 ** 22 + 12345; // above any pid Linux gives
    for (const name of [`.notes.txt.${dead}.tmp`, `.draft.${dead}.tmp`, `.story.pdf.${dead}.tmp`, `.story.pdf.json.${dead}.tmp`]) writeFileSync(path.join(out, name), 'x');
    expect(removeStaleTemporaries(out)).toBe(2);
    expect(existsSync(path.join(out, `.notes.txt.${dead}.tmp`))).toBe(true);
    expect(existsSync(path.join(out, `.draft.${dead}.tmp`))).toBe(true);
    expect(existsSync(path.join(out, `.story.pdf.${dead}.tmp`))).toBe(false);
  });
});
