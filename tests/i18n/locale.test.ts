// Locale facts come from the tag (CLDR through Intl), never from lists of names.
import { describe, expect, it } from 'vitest';
import { fallbackChain, isRtl, isValidTag, paperFor } from '../../src/i18n/locale.js';

describe('locale facts', () => {
  it('falls back by dropping subtags, then to English', () => {
    expect(fallbackChain('fr-CA')).toEqual(['fr-CA', 'fr', 'en']);
    expect(fallbackChain('sr-Latn-RS')).toEqual(['sr-Latn-RS', 'sr-Latn', 'sr', 'en']);
    expect(fallbackChain('en')).toEqual(['en']);
  });

  it('knows direction and paper from the tag', () => {
    expect(isRtl('ar')).toBe(true);
    expect(isRtl('he')).toBe(true);
    expect(isRtl('fa')).toBe(true);
    expect(isRtl('ru')).toBe(false);
    expect(paperFor('en-US')).toBe('letter');
    expect(paperFor('fr-CA')).toBe('letter');
    expect(paperFor('fr')).toBe('a4');
  });

  it('tells tags from folder names that are not tags', () => {
    expect(isValidTag('pt-BR')).toBe(true);
    expect(isValidTag('not_a_locale')).toBe(false);
  });
});
