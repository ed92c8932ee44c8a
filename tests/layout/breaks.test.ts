import { describe, expect, it } from 'vitest';
import { lineBreaks } from '../../src/layout/breaks.js';

const cut = (text: string, names?: string[]) => {
  let out = '';
  let at = 0;
  for (const b of lineBreaks(text, names)) (out += text.slice(at, b.position) + '|'), (at = b.position);
  return out + text.slice(at);
};

describe('line breaks in Thai', () => {
  const text = 'มาเรียถูกทางการเบลารุสบังคับให้สูญหาย ทางการเมืองของมาเรีย';

  it('never breaks inside a name the content declares, and segments the words beside it on their own', () => {
    const broken = cut(text, ['เบลารุส', 'มาเรีย']);
    expect(broken).toContain('|เบลารุส|');
    expect(broken).toContain('ทางการ|เบลารุส');
    expect(broken).toContain('|ของ|มาเรีย');
    for (const piece of broken.split('|')) expect(['เบ', 'ลา', 'รุ', 'งการเบ', 'ขอ'].includes(piece), piece).toBe(false);
  });

  it('leaves text without those names as the dictionary segments it', () => {
    const plain = 'ทุกคนมีสิทธิในการแสดงออก';
    expect(cut(plain, ['เบลารุส'])).toBe(cut(plain));
  });

  it('ignores names in scripts that break at spaces', () => {
    expect(lineBreaks('Maryia Kalesnikava', ['Maryia Kalesnikava'])).toEqual(lineBreaks('Maryia Kalesnikava'));
  });
});

describe('line breaks in grouped numbers', () => {
  it('never breaks at a thin or punctuation space between digits, and still does between words', () => {
    expect(cut('Betrag 10\u2009000\u00a0Euro und 2\u2008500 Zloty')).toBe('Betrag |10\u2009000\u00a0Euro |und |2\u2008500 |Zloty|');
    expect(cut('١٠\u2009٠٠٠ دولار')).toBe('١٠\u2009٠٠٠ |دولار|');
    // Beside a word, a thin space is a space like any other.
    expect(cut('Seite\u20092 von 3')).toBe('Seite\u2009|2 |von |3|');
  });
});
