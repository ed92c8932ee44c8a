// Front matter: exact line numbers whatever the line endings, bounded YAML aliases; a file read
// again is parsed again exactly when its text changed; a file parsed by an earlier process is read
// from what it kept (data, body, lines and checked fields), unless its text changed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/diagnostics.js';
import { forgetKeptChecks, keepChecksFor, saveKeptChecks } from '../../src/content/kept-checks.js';
import { stepSchema } from '../../src/content/schemas.js';
import { forgetParsedFiles, readSourceFile, validate } from '../../src/content/source-file.js';
import { tempDir } from '../helpers/build.js';

function file(name: string, text: string | Buffer): string {
  const p = path.join(tempDir('wp-source-'), name);
  writeFileSync(p, text);
  return p;
}

const TEXT = ['---', 'title: A', 'list:', '  - one', '  - two', '---', '', 'Body line one.', 'Body line two.', ''].join('\n');

describe('readSourceFile', () => {
  it.each([
    ['LF', TEXT],
    ['CRLF', TEXT.replace(/\n/g, '\r\n')],
    ['BOM and CRLF', '\uFEFF' + TEXT.replace(/\n/g, '\r\n')],
  ])('gives the same lines for %s files', (_, text) => {
    const source = readSourceFile(file('a.md', text), 'a.md');
    expect(source.lineOf(['title'])).toBe(2);
    expect(source.lineOf(['list', 1])).toBe(5);
    expect(source.bodyLine).toBe(8);
    expect(source.body).toBe('Body line one.\nBody line two.\n');
  });

  it('refuses a YAML alias bomb with a message, not a crash', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`a${i}: &a${i} [${Array(9).fill(i === 1 ? '*a' : `*a${i - 1}`).join(', ')}]`);
    try {
      readSourceFile(file('s.yaml', levels.join('\n') + '\n'), 's.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      expect((e as ContentError).diagnostics[0].message).toMatch(/too many YAML aliases/);
    }
  });
});

describe('a file read again', () => {
  it('is the same parse while its text is, and parsed again once it is edited', () => {
    const p = file('b.md', TEXT);
    const first = readSourceFile(p, 'b.md');
    expect(readSourceFile(p, 'b.md')).toBe(first);
    // Shown by another name (another working folder): its diagnostics must name that one.
    expect(readSourceFile(p, 'other/b.md').file).toBe('other/b.md');
    writeFileSync(p, TEXT.replace('title: A', 'title: B'));
    const edited = readSourceFile(p, 'b.md');
    expect(edited.data.title).toBe('B');
    expect(first.data.title).toBe('A');
  });

  it('cannot be changed by one build for the next', () => {
    const source = readSourceFile(file('c.md', TEXT), 'c.md');
    expect(() => ((source.data.list as string[])[0] = 'changed')).toThrow(TypeError);
    expect(() => (source.data.title = 'changed')).toThrow(TypeError);
    expect(source.data).toEqual({ title: 'A', list: ['one', 'two'] });
  });
});

describe('schemas bound every list', () => {
  it('refuses ten thousand experience cards before any layout starts', async () => {
    const { caseSchema } = await import('../../src/content/schemas.js');
    const cards = Array.from({ length: 10_000 }, () => ({ matches: 1, text: 'x' }));
    const result = caseSchema.shape.cards.safeParse(cards);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('has at most 24 entries');
  });
});

describe('a file parsed by an earlier process', () => {
  // As each build does (commands/build.ts): kept under the tool's version, in the user cache folder.
  const keptFiles = () => {
    const dir = path.join(process.env.XDG_CACHE_HOME!, 'workshop-pack', 'text-checks');
    return existsSync(dir) ? readdirSync(dir).map((n) => path.join(dir, n)) : [];
  };
  const newProcess = () => {
    saveKeptChecks();
    forgetParsedFiles();
  };
  const WITH_FIELDS = ['---', 'title: "Kept"', 'minutes: 10', 'nested:', '  - name: one', '    deep: {a: 1}', '  - name: two', '---', '', 'The body.', ''].join('\n');

  // A user cache folder of their own: other test files' builds write theirs at the same time.
  const shared = process.env.XDG_CACHE_HOME;
  beforeEach(() => {
    process.env.XDG_CACHE_HOME = tempDir('wp-kept-parse-');
    forgetKeptChecks();
    keepChecksFor(`test-tool-${Math.random()}`);
  });
  afterEach(() => {
    forgetKeptChecks();
    process.env.XDG_CACHE_HOME = shared;
  });

  it('is read from what it kept: the same data, body and lines, and no parse', () => {
    const p = file('kept.md', WITH_FIELDS);
    const before = keptFiles().length;
    const first = readSourceFile(p, 'kept.md');
    newProcess();
    expect(keptFiles().length).toBe(before + 1);
    const second = readSourceFile(p, 'kept.md');
    expect(second).not.toBe(first);
    expect(second.data).toEqual(first.data);
    expect(second.body).toBe(first.body);
    expect(second.bodyLine).toBe(first.bodyLine);
    for (const at of [['title'], ['nested', 1, 'name'], ['nested', 0, 'deep', 'a'], ['missing'], ['nested', 5]]) expect(second.lineOf(at)).toBe(first.lineOf(at));
    expect(second.lineOf(['nested', 1, 'name'])).toBe(7);
    expect(() => (second.data.title = 'changed')).toThrow(TypeError);

    // What the second read gave came from the kept file: a planted title is what it reads.
    const [kept] = keptFiles().filter((f) => readFileSync(f, 'utf8').includes('"Kept"'));
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('"Kept"', '"Planted"'));
    forgetParsedFiles();
    expect(readSourceFile(p, 'kept.md').data.title).toBe('Planted');
    // An edited text is parsed again; a damaged kept file is parsed again.
    writeFileSync(p, WITH_FIELDS.replace('minutes: 10', 'minutes: 11'));
    expect(readSourceFile(p, 'kept.md').data).toMatchObject({ title: 'Kept', minutes: 11 });
    writeFileSync(p, WITH_FIELDS);
    writeFileSync(kept, '{"format":1,"value":{"data":');
    forgetParsedFiles();
    expect(readSourceFile(p, 'kept.md').data.title).toBe('Kept');
  });

  it('keeps its checked fields for a named schema, and still reports a wrong field at its line', () => {
    const STEP = ['---', 'title: "A step"', 'minutes: 15', 'handouts: [story, letter]', '---', '', 'Do this.', ''].join('\n');
    const p = file('step.md', STEP);
    const first = validate(readSourceFile(p, 'step.md'), stepSchema);
    expect(validate(readSourceFile(p, 'step.md'), stepSchema)).toBe(first);
    newProcess();
    const kept = keptFiles().filter((f) => readFileSync(f, 'utf8').includes('"A step"'));
    expect(kept).toHaveLength(2); // the parse and the checked fields
    const fields = kept.find((f) => !readFileSync(f, 'utf8').includes('bodyAt'))!;
    writeFileSync(fields, readFileSync(fields, 'utf8').replace('"A step"', '"Planted step"'));
    expect(validate(readSourceFile(p, 'step.md'), stepSchema)).toEqual({ ...first, title: 'Planted step' });

    // A file whose parse was kept but whose fields are wrong: the message names the field's line.
    const WRONG = STEP.replace('minutes: 15', 'minutes: 15\nextra: 1').replace('handouts: [story, letter]', 'handouts: [story, nothing]');
    writeFileSync(p, WRONG);
    expect(() => validate(readSourceFile(p, 'step.md'), stepSchema)).toThrow(ContentError);
    newProcess();
    try {
      validate(readSourceFile(p, 'step.md'), stepSchema);
      expect.unreachable();
    } catch (e) {
      const lines = (e as ContentError).diagnostics.map((d) => `${d.file}:${d.line}: ${d.message.split(':')[0]}`);
      expect(lines).toEqual(expect.arrayContaining(['step.md:5: handouts[1]', 'step.md:4: (front matter)']));
    }
  });

  it('keeps nothing JSON would give back otherwise (YAML .nan, .inf, -0)', () => {
    const p = file('odd.yaml', 'a: .nan\nb: .inf\nc: -0\n');
    const before = keptFiles().length;
    const first = readSourceFile(p, 'odd.yaml');
    newProcess();
    expect(keptFiles().length).toBe(before);
    const second = readSourceFile(p, 'odd.yaml');
    expect(second.data.a).toBeNaN();
    expect(second.data.b).toBe(Infinity);
    expect(Object.is(second.data.c, -0)).toBe(true);
    expect(second.data).toEqual(first.data);
  });
});

describe('a YAML value of a type no field takes', () => {
  it('is a field error at its line, not a crash (!!binary is a byte array, which cannot be frozen)', () => {
    const p = file('binary.md', ['---', 'title: !!binary aGVsbG8=', 'minutes: 5', '---', '', 'Body.', ''].join('\n'));
    try {
      validate(readSourceFile(p, 'binary.md'), stepSchema);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ContentError);
      expect((e as ContentError).diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([expect.stringMatching(/^binary\.md:2: title: expected string/)]);
    }
  });
});
