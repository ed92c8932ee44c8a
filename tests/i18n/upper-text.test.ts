// Labels (box titles, kickers, card labels) are upper-cased by the rules of their language, and
// text that fell back to another locale by that locale's.
import { describe, expect, it } from 'vitest';
import { markFallback, MARK_END, MARK_START, upperText } from '../../src/i18n/fallback-marks.js';

describe('upperText', () => {
  it('drops the Greek accents that capitals do not carry, and keeps the diaeresis', () => {
    expect(upperText('Ενημέρωση · 13 Δεκεμβρίου 2025', 'el')).toBe('ΕΝΗΜΕΡΩΣΗ · 13 ΔΕΚΕΜΒΡΙΟΥ 2025');
    expect(upperText('Φυλλάδιο', 'el-CY')).toBe('ΦΥΛΛΑΔΙΟ');
    expect(upperText('προϊόν', 'el')).toBe('ΠΡΟΪΟΝ');
  });

  it('takes the dotted capital İ in Turkish, and the plain I in English', () => {
    expect(upperText('bilgi', 'tr')).toBe('BİLGİ');
    expect(upperText('bilgi', 'en')).toBe('BILGI');
  });

  it('upper-cases text that fell back by its own locale, and leaves the marks and their codes alone', () => {
    const text = `bilgi ${markFallback('info list', 'en')} liste`;
    const upper = upperText(text, 'tr');
    expect(upper).toBe(`BİLGİ ${MARK_START}en\uE001INFO LIST${MARK_END} LİSTE`);
  });

  it('leaves Georgian letters as written (their capitals are for display, and few fonts draw them), the text around them upper-cased', () => {
    expect(upperText('დარიგება', 'ka')).toBe('დარიგება');
    expect(upperText('განახლება · 13 დეკემბერი 2025', 'ka')).toBe('განახლება · 13 დეკემბერი 2025');
    expect(upperText('update: განახლება (Tbilisi)', 'ka')).toBe('UPDATE: განახლება (TBILISI)');
    // Nothing above U+10FF is made of them: no Mtavruli (U+1C90–U+1CBF).
    expect(/[\u1C90-\u1CBF]/.test(upperText('ანბანი ⴀⴁ', 'ka'))).toBe(false);
  });

  it('a tag ICU does not take upper-cases by the common rules rather than throwing', () => {
    expect(upperText('straße', 'not a tag')).toBe('STRASSE');
  });
});
