// Bare addresses in text become links: e-mails, URLs with a scheme or www., and domains.
import { describe, expect, it } from 'vitest';
import { autolink } from '../../src/compose/autolink.js';

const links = (text: string) => autolink([{ text }]).filter((s) => s.link).map((s) => [s.text, s.link]);

describe('autolink', () => {
  it('links e-mails, URLs and bare domains, without the sentence punctuation after them', () => {
    expect(links('Write to mail@mfa.gov.by.')).toEqual([['mail@mfa.gov.by', 'mail@mfa.gov.by']]);
    expect(links('See https://amnesty.org/en/latest/, then')).toEqual([['https://amnesty.org/en/latest/', 'https://amnesty.org/en/latest/']]);
    expect(links('Facebook: www.facebook.com/maria.kalesnikava/ ·')).toEqual([['www.facebook.com/maria.kalesnikava/', 'www.facebook.com/maria.kalesnikava/']]);
    expect(links('choose a case on amnesty.org.')).toEqual([['amnesty.org', 'amnesty.org']]);
  });

  it('keeps the text around a link, and leaves handles, hashtags, numbers and abbreviations alone', () => {
    const spans = autolink([{ text: 'Mail mail@mfa.gov.by now', bold: true }]);
    expect(spans.map((s) => s.text).join('')).toBe('Mail mail@mfa.gov.by now');
    expect(spans.every((s) => s.bold)).toBe(true);
    expect(links('@kalesnikava #W4R24 1,300 people, e.g. art. 3.5 i.e. now')).toEqual([]);
  });

  it('does not touch a span that already links', () => {
    expect(autolink([{ text: 'amnesty.org', link: 'https://www.amnesty.org/en/' }])).toEqual([{ text: 'amnesty.org', link: 'https://www.amnesty.org/en/' }]);
  });
});
