// Locale facts decided from the tag itself (CLDR through Intl), never from lists in code:
// the fallback chain, the writing direction and the paper size.
import type { Paper } from '../layout/theme.js';

export const SOURCE_LOCALE = 'en';

/** fr-CA → fr → en: drop subtags one by one, then the source locale. */
export function fallbackChain(locale: string): string[] {
  const chain: string[] = [];
  const parts = locale.split('-');
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'));
  if (!chain.includes(SOURCE_LOCALE)) chain.push(SOURCE_LOCALE);
  return chain;
}

export function isValidTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Right-to-left when the locale's likely script is written right to left (CLDR text info). */
export function isRtl(locale: string): boolean {
  const loc = new Intl.Locale(locale);
  const info = (loc as unknown as { getTextInfo?: () => { direction: string }; textInfo?: { direction: string } });
  const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
  if (direction) return direction === 'rtl';
  const script = loc.maximize().script ?? '';
  return ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr'].includes(script);
}

// Regions that print on US Letter (CLDR measurementData paperSize "US-Letter").
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PR', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'SV', 'NI', 'DO', 'BZ']);

/** Letter where the tag names a region that uses it; A4 elsewhere, and for region-less tags. */
export function paperFor(locale: string): Paper {
  const region = new Intl.Locale(locale).region;
  return region && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}
