// Every bundled locale, built for real and read back: translated text, paper, fonts per script,
// locale plurals and dates, fitting, and for Arabic the mirrored layout and logical-order text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_IDS } from '../../src/documents/registry.js';
import { buildInto, REPO, tempDir } from '../helpers/build.js';
import { hasPdftotext, pdftotext, readPdf, squash, type ReadPdf } from '../helpers/pdf.js';

const LOCALES = ['en', 'fr', 'fr-CA', 'es', 'de', 'ru', 'be', 'pl', 'ar'];
const CASE = 'maryia-kalesnikava';
// Maryia was released on 13 December 2025: her case has no petition any more, in any locale.
const BUILT = DOCUMENT_IDS.filter((d) => d !== 'petition');
const pdfs: Record<string, Record<string, ReadPdf>> = {};
let written: { locale: string; doc: string; fallbacks: unknown[] }[] = [];

/** What the translator wrote, read straight from the content files (fr-CA falls back to fr). */
function content(locale: string, rel: string) {
  const loc = locale === 'fr-CA' ? 'fr' : locale;
  return matter(readFileSync(path.join(REPO, 'content', loc, rel), 'utf8'));
}
/** Markdown paragraphs as plain text. */
const paragraphs = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\\\*/g, '\u0000').replace(/\*\*|\*|^#+ |^> /gm, '').replace(/\u0000/g, '*').replace(/\s+/g, ' ').trim())
    .filter((p) => p && !p.startsWith(':::'));

let outDir: string;
beforeAll(async () => {
  const out = (outDir = tempDir('wp-locales-'));
  const result = await buildInto({ outDir: out, locales: LOCALES, cases: [CASE] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  written = result.written;
  for (const locale of LOCALES) {
    pdfs[locale] = {};
    for (const doc of BUILT) pdfs[locale][doc] = await readPdf(path.join(out, CASE, locale, `${doc}.pdf`));
  }
}, 600_000);

/**
 * pdf.js (Firefox's reader, our test reader) splits Arabic combining marks (tanween, shadda) off a
 * word when they end up first in a text chunk; the letters and words themselves come out right.
 * So pdf.js text is compared without those marks; the poppler check below compares them too.
 */
const HARAKAT = /[\u064B-\u0652\u0670\u0000-\u001F]/g;
// Read without the running footers: a paragraph may run onto the next page.
const has = (pdf: ReadPdf, text: string) => squash(pdf.bodyText).replace(HARAKAT, '').includes(squash(text).replace(HARAKAT, ''));

describe.each(LOCALES)('locale %s', (locale) => {
  it('prints the translated story, every paragraph of it, under its translated title', () => {
    const kase = content(locale, `cases/${CASE}/case.md`);
    expect(has(pdfs[locale].story, kase.data.storyTitle), kase.data.storyTitle).toBe(true);
    for (const p of paragraphs(kase.content)) expect(has(pdfs[locale].story, p), p.slice(0, 60)).toBe(true);
  });

  it('prints the translated update above the story, on at most two pages (one sheet), and builds no petition', () => {
    const kase = content(locale, `cases/${CASE}/case.md`);
    const update = kase.data.updates.at(-1).text as string;
    expect(has(pdfs[locale].story, update), update.slice(0, 60)).toBe(true);
    const text = squash(pdfs[locale].story.bodyText).replace(HARAKAT, '');
    expect(text.indexOf(squash(update).replace(HARAKAT, ''))).toBeLessThan(text.indexOf(squash(paragraphs(kase.content)[0]).replace(HARAKAT, '')));
    // Running text on a 55–75 character measure: a longer language runs onto a second page.
    expect(pdfs[locale].story.pages.length).toBeLessThanOrEqual(2);
    expect(written.some((w) => w.locale === locale && w.doc === 'petition')).toBe(false);
  });

  it('prints every experience card text and every UDHR article title of the locale', () => {
    const kase = content(locale, `cases/${CASE}/case.md`);
    for (const card of kase.data.cards) expect(has(pdfs[locale]['matching-cards'], card.text), card.text.slice(0, 50)).toBe(true);
    const udhr = content(locale, 'udhr.md');
    for (const g of udhr.data.groups) for (const a of g.articles) expect(has(pdfs[locale].udhr, a.title), a.title).toBe(true);
  });

  it('keeps the UDHR on one page and the cards on two sheets of eight (the answer key is in the guide)', () => {
    expect(pdfs[locale].udhr.pages.length).toBe(1);
    expect(pdfs[locale]['matching-cards'].pages.length).toBe(2);
  });

  it('uses the paper of the locale’s region', () => {
    const size = locale === 'fr-CA' ? [612, 792] : [595.28, 841.89];
    for (const doc of BUILT)
      for (const page of pdfs[locale][doc].pages) {
        expect(page.width).toBeCloseTo(size[0], 1);
        expect(page.height).toBeCloseTo(size[1], 1);
      }
  });

  it('embeds the fonts its scripts need, and nothing is left unembedded', () => {
    for (const doc of BUILT) expect(pdfs[locale][doc].allFontsEmbedded, doc).toBe(true);
    const fonts = pdfs[locale].letter.fonts.map((f) => f.split('+')[1]);
    expect(fonts).toContain('NotoSans-Regular');
    if (locale === 'ar') expect(fonts).toContain('NotoSansArabic-Regular');
    else expect(fonts.some((f) => f.startsWith('NotoSansArabic'))).toBe(false);
  });
});

describe('numbers, dates and plurals come from the locale', () => {
  const expected: Record<string, [string, string]> = {
    en: ['11 years', '7 September 2020'],
    fr: ['11 ans', '7 septembre 2020'],
    'fr-CA': ['11 ans', '7 septembre 2020'],
    es: ['11 años', '7 de septiembre de 2020'],
    de: ['11 Jahre', '7. September 2020'],
    ru: ['11 лет', '7 сентября 2020'],
    be: ['11 гадоў', '7 верасня 2020'],
    pl: ['11 lat', '7 września 2020'],
    ar: ['11 سنة', '7 سبتمبر 2020'],
  };
  it.each(LOCALES)('%s', (locale) => {
    const [years, date] = expected[locale];
    expect(has(pdfs[locale].story, years), years).toBe(true);
    expect(has(pdfs[locale].story, date), date).toBe(true);
    const minutes = { en: '60 minutes', ru: '60 минут', pl: '60 minut', be: '60 хвілін', ar: '60 دقيقة' }[locale as 'en'];
    if (minutes) expect(has(pdfs[locale].guide, minutes), minutes).toBe(true);
  });
});

describe('fallbacks', () => {
  it('fr-CA takes its own strings and Letter paper, and everything else from fr', () => {
    expect(has(pdfs['fr-CA'].letter, 'Courriel')).toBe(true);
    expect(has(pdfs.fr.letter, 'Courriel')).toBe(false);
    const story = written.find((w) => w.locale === 'fr-CA' && w.doc === 'story')!;
    expect(story.fallbacks).toContainEqual({ item: `cases/${CASE}/case.md`, kind: 'file', from: 'fr' });
    // The photo comes from en in every locale: not a missing translation, so not counted.
    expect(story.fallbacks).not.toContainEqual(expect.objectContaining({ item: `cases/${CASE}/photo.png` }));
    const udhr = written.find((w) => w.locale === 'fr-CA' && w.doc === 'udhr')!;
    expect(udhr.fallbacks).not.toContainEqual(expect.objectContaining({ item: `cases/${CASE}/case.md` }));
  });
});

describe('Arabic is set right to left', () => {
  const ar = () => ({ ...pdfs.ar, storyFile: path.join(outDir, CASE, 'ar', 'story.pdf') });
  const margin = 42;

  it('sets the reading direction and the language of the PDF', () => {
    expect(ar().story.viewerDirection).toBe('R2L');
    expect(pdfs.en.story.viewerDirection).toBeUndefined();
  });

  it('aligns text to the right margin and puts list bullets on the right', () => {
    const page = ar().story.pages[0];
    const title = content('ar', `cases/${CASE}/case.md`).data.storyTitle as string;
    // An RTL line's text layer is one run (shaped-text.ts): the title is one item, words and spaces.
    const line = page.items.find((i) => i.str.trim() === title)!;
    expect(line, title).toBeDefined();
    expect(line.x + line.width).toBeCloseTo(page.width - margin, 0);
    const guide = ar().guide.pages[0];
    const bullets = guide.items.filter((i) => i.str === '•');
    expect(bullets.length).toBeGreaterThan(3);
    for (const b of bullets) expect(b.x).toBeGreaterThan(guide.width / 2);
  });

  it('orders cards and UDHR groups from right to left', () => {
    // Experience cards أ, ب, ج, د: أ top right, ب top left, ج below أ. Each card's label line
    // ("تجربة ماريا · أ") is one run of text.
    const sheet = ar()['matching-cards'].pages[1];
    const letter = (l: string) => sheet.items.find((i) => i.str.trim().endsWith(`· ${l}`))!;
    expect(letter('أ').x).toBeGreaterThan(sheet.width / 2);
    expect(letter('ب').x).toBeLessThan(sheet.width / 2);
    expect(Math.abs(letter('أ').y - letter('ب').y)).toBeLessThan(1);
    expect(letter('ج').x).toBeGreaterThan(sheet.width / 2);
    expect(letter('ج').y).toBeGreaterThan(letter('أ').y);
    const udhr = ar().udhr.pages[0];
    const groups = content('ar', 'udhr.md').data.groups as { title: string }[];
    const title = (t: string) => udhr.items.find((i) => i.str.trim() === t)!;
    expect(title(groups[0].title).x).toBeGreaterThan(title(groups[1].title).x + title(groups[1].title).width);
  });

  it('gives the words as written, in logical order, for a line mixing Arabic, digits and a Latin email', () => {
    const letter = ar().letter;
    const kase = content('ar', `cases/${CASE}/case.md`);
    const strings = parse(readFileSync(path.join(REPO, 'content', 'ar', 'strings.yaml'), 'utf8')).strings;
    const emailLabel = strings['letter.email'] as string;
    const page = letter.pages[0];
    const email = page.items.find((i) => i.str.includes(kase.data.authority.email))!;
    expect(email).toBeDefined();
    // The label comes first in reading order and stands to the right of the email on the page.
    const label = page.items.find((i) => i.str.startsWith(emailLabel.split(' ')[0]) && Math.abs(i.y - email.y) < 1)!;
    expect(label.x).toBeGreaterThan(email.x);
    expect(squash(page.text)).toContain(squash(`${emailLabel}: ${kase.data.authority.email}`));
    // And the fact line of the story: label, country, date with digits, sentence with a number.
    expect(has(ar().story, `${strings['story.sentence']}: `)).toBe(true);
    expect(squash(ar().story.text)).toContain(squash(`${strings['story.sentence']}: السجن 11 سنة`));
  });

  it.skipIf(!hasPdftotext)('copies out with poppler as the words written, diacritics included, in logical order', () => {
    // poppler re-derives punctuation placement around numbers from positions ("2020." can come
    // out as ".2020"), so this compares the sequence of words: letters, marks and digits.
    const words = (t: string) => t.replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
    const text = pdftotext(ar().storyFile);
    const kase = content('ar', `cases/${CASE}/case.md`);
    for (const p of paragraphs(kase.content)) expect(words(text), p.slice(0, 40)).toContain(words(p));
  });

  it('keeps Latin addresses, hashtags and handles whole and left to right inside the Arabic page', () => {
    const solidarity = ar().solidarity.pages[0];
    expect(solidarity.items.some((i) => i.str.includes('www.facebook.com/maria.kalesnikava/'))).toBe(true);
    const letter = ar().letter;
    const items = letter.pages.flatMap((p) => p.items.map((i) => i.str));
    for (const token of ['#W4R24', '#ProtectTheProtest', '@BelarusMFA', 'mail@mfa.gov.by']) expect(items.some((s) => s.split(' ').includes(token)), token).toBe(true);
    // A multi-word Latin line inside an Arabic sentence keeps its words in order.
    expect(items.some((s) => s.includes('Ministry of Foreign Affairs of the Republic of Belarus'))).toBe(true);
  });
});
