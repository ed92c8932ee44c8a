// Files from Windows editors read like any other; other encodings are named, not misread.
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/diagnostics.js';
import { decodeContent, MAX_CONTENT_FILE_BYTES } from '../../src/content/read-text.js';

function failure(bytes: Buffer) {
  try {
    decodeContent(bytes, 'x.md');
  } catch (e) {
    if (e instanceof ContentError) return e.diagnostics[0];
    throw e;
  }
  return undefined;
}

describe('decodeContent', () => {
  it('drops a UTF-8 byte order mark and turns CRLF and CR into LF', () => {
    expect(decodeContent(Buffer.from('\uFEFF---\r\na: 1\r\n---\rbody', 'utf8'), 'x.md')).toBe('---\na: 1\n---\nbody');
  });

  it('names UTF-16, with or without a byte order mark', () => {
    expect(failure(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\nname: x\n', 'utf16le')]))?.message).toBe('the file is UTF-16; save it as UTF-8');
    expect(failure(Buffer.from('---\nname: some text here\nmore: text\n', 'utf16le'))?.message).toBe('the file is UTF-16; save it as UTF-8');
  });

  it('points invalid UTF-8 at the line of its first bad byte', () => {
    const d = failure(Buffer.concat([Buffer.from('---\nname: ok\ncity: Caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]));
    expect(d).toMatchObject({ line: 3 });
    expect(d?.message).toMatch(/not valid UTF-8 \(byte 0xe9/);
  });

  it('points a surrogate (CESU-8) or a code point above U+10FFFF at its line and byte, as any invalid UTF-8', () => {
    const lines = Buffer.from('---\nname: ok\n---\n\n'.repeat(2) + 'one\ntwo\nthree ');
    for (const bad of [[0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80]]) {
      const d = failure(Buffer.concat([lines, Buffer.from(bad), Buffer.from('\nfour\n')]));
      expect(d, bad.join(' ')).toMatchObject({ line: 11 });
      expect(d?.message).toMatch(new RegExp(`byte 0x${bad[0].toString(16)} at this line`));
    }
  });

  it('names a control character at its line: a NUL printed as nothing, without a word', () => {
    expect(failure(Buffer.from('---\na: 1\n---\n\nab\u0000cd\n'))).toMatchObject({ line: 5, message: 'the file contains a control character (U+0000) on this line, which prints as nothing' });
    expect(failure(Buffer.from('---\na: "x\u001b[31m"\n---\n'))).toMatchObject({ line: 2, message: expect.stringContaining('(U+001B)') });
    // Tabs and line ends are text.
    expect(decodeContent(Buffer.from('---\na: 1\n---\n\ta\r\nb\n'), 'x.md')).toBe('---\na: 1\n---\n\ta\nb\n');
  });

  it('refuses files larger than a person writes', () => {
    expect(failure(Buffer.alloc(MAX_CONTENT_FILE_BYTES + 1, 0x61))?.message).toMatch(/limited to/);
  });
});
