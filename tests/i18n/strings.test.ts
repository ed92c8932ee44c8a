// Labels: missing keys and unknown placeholders are errors at the string's line, never printed text.
import { describe, expect, it } from 'vitest';
import { Strings, type ResolvedString } from '../../src/i18n/strings.js';

const entry = (value: ResolvedString['value'], line: number, locale = 'de'): ResolvedString => ({ value, locale, file: `content/${locale}/strings.yaml`, line });

function strings() {
  return new Strings(
    'de',
    new Map([
      ['years', entry({ one: '{count} Jahr', other: '{count} Jahre' }, 3)],
      ['sentence', entry('{years} Haft', 4)],
      ['typo', entry('{yeras} Haft', 5)],
      ['proto', entry('{constructor} und {toString}', 6)],
    ]),
    'content/en/strings.yaml',
  );
}

describe('Strings', () => {
  it('fills placeholders and chooses plural forms by CLDR rules', () => {
    const s = strings();
    expect(s.text('years', { count: 1 })).toBe('1 Jahr');
    expect(s.text('years', { count: 11 })).toBe('11 Jahre');
    expect(s.text('sentence', { years: '11 Jahre' })).toBe('11 Jahre Haft');
    expect(s.takeProblems()).toEqual([]);
  });

  it('reports a key no locale defines, at the source strings file', () => {
    const s = strings();
    s.text('story.country');
    s.text('story.country');
    expect(s.takeProblems()).toEqual([expect.objectContaining({ severity: 'error', file: 'content/en/strings.yaml', line: 0, message: 'string "story.country" is used by a template but defined in no locale' })]);
    expect(s.takeProblems()).toEqual([]);
  });

  it('reports a placeholder nobody fills at the line of the string, and never prints Object.prototype', () => {
    const s = strings();
    s.text('typo', { years: '11 Jahre' });
    const proto = s.text('proto', {});
    expect(proto).not.toMatch(/function|native code/);
    const problems = s.takeProblems();
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/de/strings.yaml', line: 5, message: 'string "typo": unknown placeholder {yeras}', hint: 'this string can use {years}' }));
    expect(problems.filter((p) => p.line === 6)).toHaveLength(2);
  });
});
