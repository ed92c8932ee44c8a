// Front matter: exact line numbers whatever the line endings, bounded YAML aliases; a file read
// again is parsed again exactly when its text changed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/diagnostics.js';
import { readSourceFile } from '../../src/content/source-file.js';
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
