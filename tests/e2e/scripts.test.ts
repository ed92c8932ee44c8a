// The proof locales of other scripts (Hebrew, Persian, Hindi, Japanese, Thai), built for real and
// read back with two independent extractors, pdf.js and poppler's pdftotext: the text layer must
// give back exactly what the translator wrote, in reading order, with the digits in order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, copyContent, REPO, tempDir } from '../helpers/build.js';
import { hasPdftotext, pdftotext, readPdf, type ReadPdf, FOOTER_ZONE } from '../helpers/pdf.js';

const LOCALES = ['he', 'fa', 'hi', 'ja', 'th'];
const DOCS = ['udhr', 'story', 'matching-cards', 'solidarity', 'letter'] as const;
const CASE = 'maryia-kalesnikava';
let outDir: string;
const pdfs: Record<string, Record<string, ReadPdf>> = {};
const file = (locale: string, doc: string) => path.join(outDir, CASE, locale, `${doc}.pdf`);

beforeAll(async () => {
  outDir = tempDir('wp-scripts-');
  const result = await buildInto({ outDir, locales: [...LOCALES, 'en'], cases: [CASE], docs: [...DOCS] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const locale of [...LOCALES, 'en']) {
    pdfs[locale] = {};
    for (const doc of DOCS) pdfs[locale][doc] = await readPdf(file(locale, doc));
  }
}, 300_000);

/** The locale’s own file, or English where the locale has none. */
function content(locale: string, rel: string) {
  const own = path.join(REPO, 'content', locale, rel);
  try {
    return matter(readFileSync(own, 'utf8'));
  } catch {
    return matter(readFileSync(path.join(REPO, 'content', 'en', rel), 'utf8'));
  }
}
const paragraphs = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\*\*|\*|^#+ /gm, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p && !p.startsWith(':::'));

// Line breaks, spaces and poppler's bidi embedding marks are layout, not text.
const BIDI_MARKS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;
const flat = (t: string) => t.normalize('NFC').replace(BIDI_MARKS, '').replace(/[\s\u00AD]+/g, '');
// pdf.js drops every format character (Unicode Cf: ZWNJ, ZWJ) from the text it extracts, by design.
// In right-to-left text it also lifts a combining mark that ends a word (the tanwin of مستقیماً,
// drawn first in visual order) out into an item of its own before the word; poppler keeps it in
// place, and the test below holds poppler to it. So pdf.js's RTL text is compared without marks.
const withoutFormat = (t: string) => t.replace(/\p{Cf}/gu, '');
const withoutMarks = (t: string) => t.replace(/\p{Mn}/gu, '');
// poppler re-derives where punctuation goes around numbers in RTL lines ("2020." comes out as
// ".2020"), so its text is compared as the sequence of letters, marks, digits and format
// characters (ZWNJ). Its reading order interleaves the lines of two cards side by side, so card
// sheets are read in content-stream order (-raw: the order we draw in), except in RTL where raw
// mode splits a word at its ZWNJ; RTL card texts are checked with pdf.js.
const RTL = new Set(['he', 'fa']);
const words = (t: string) => t.normalize('NFC').replace(BIDI_MARKS, '').replace(/[^\p{L}\p{M}\p{N}\p{Cf}]+/gu, '');

describe.each(LOCALES)('locale %s', (locale) => {
  const kase = () => content(locale, `cases/${CASE}/case.md`);

  it('prints the story in the locale’s own translation, not the English fallback', () => {
    const own = matter(readFileSync(path.join(REPO, 'content', locale, 'cases', CASE, 'case.md'), 'utf8'));
    const english = content('en', `cases/${CASE}/case.md`);
    const text = withoutFormat(flat(pdfs[locale].story.text));
    expect(own.data.translation?.status).toBe('draft');
    expect(text, 'storyTitle').toContain(withoutFormat(flat(own.data.storyTitle)));
    expect(text).toContain(withoutFormat(flat(own.data.people[0].name)));
    expect(text).not.toContain(flat(english.data.storyTitle));
    expect(text).not.toContain(flat(paragraphs(english.content)[0]).slice(0, 40));
  });

  it('gives back every paragraph of the story exactly as written (pdf.js)', () => {
    // Without the running footers: a paragraph may run onto the next page.
    const text = withoutFormat(flat(pdfs[locale].story.pages.map((p) => p.items.filter((i) => i.y < p.height - FOOTER_ZONE).map((i) => i.str).join('')).join('')));
    for (const p of paragraphs(kase().content)) expect(text, p.slice(0, 50)).toContain(withoutFormat(flat(p)));
  });

  it.skipIf(!hasPdftotext)('gives back every paragraph of the story exactly as written, format characters too (poppler)', () => {
    const text = words(pdftotext(file(locale, 'story'), false, pdfs[locale].story.pages[0].height));
    for (const p of paragraphs(kase().content)) expect(text, p.slice(0, 50)).toContain(words(p));
  });

  it('gives back every UDHR article title and every card text (pdf.js and poppler)', () => {
    const udhr = content(locale, 'udhr.md');
    const titles = udhr.data.groups.flatMap((g: { articles: { title: string }[] }) => g.articles.map((a) => a.title)) as string[];
    const cards = (kase().data.cards as { text: string }[]).map((c) => c.text);
    const pdfjsText = (t: string) => (RTL.has(locale) ? withoutMarks(withoutFormat(flat(t))) : withoutFormat(flat(t)));
    const byPdfjs = pdfjsText(pdfs[locale].udhr.text) + pdfjsText(pdfs[locale]['matching-cards'].text);
    for (const t of [...titles, ...cards]) expect(byPdfjs, t).toContain(pdfjsText(t));
    if (!hasPdftotext) return;
    const byPoppler = words(pdftotext(file(locale, 'udhr'))) + (RTL.has(locale) ? '' : words(pdftotext(file(locale, 'matching-cards'), true)));
    for (const t of [...titles, ...(RTL.has(locale) ? [] : cards)]) expect(byPoppler, t).toContain(words(t));
  });

  it('prints the article numbers in the locale’s digits, each number whole and in order', () => {
    const digits = new Intl.NumberFormat(locale);
    const items = pdfs[locale].udhr.pages[0].items.map((i) => i.str.trim());
    for (let n = 1; n <= 30; n++) expect(items, `article ${n}`).toContain(digits.format(n));
  });
});

describe('right-to-left scripts', () => {
  it.each(['he', 'fa'])('%s: the page reads right to left, numbers left to right', (locale) => {
    const udhr = pdfs[locale].udhr;
    expect(udhr.viewerDirection).toBe('R2L');
    const page = udhr.pages[0];
    const digits = new Intl.NumberFormat(locale);
    const titles = content(locale, 'udhr.md').data.groups.flatMap((g: { articles: { number: number; title: string }[] }) => g.articles);
    for (const a of titles.slice(0, 5)) {
      const number = page.items.find((i) => i.str.trim() === digits.format(a.number))!;
      // The title's line is one run of text (its words and spaces), in reading order.
      const title = page.items.find((i) => i.str.trim() === a.title && Math.abs(i.y - number.y) < 2)!;
      expect(title, a.title).toBeDefined();
      // The number stands at the start of the row: on the right.
      expect(number.x, a.title).toBeGreaterThan(title.x + title.width);
    }
  });

  it('he: Latin inside Hebrew (email, handles, the address) stays whole and left to right, both extractors', () => {
    const items = pdfs.he.letter.pages.flatMap((p) => p.items.map((i) => i.str));
    for (const token of ['mail@mfa.gov.by', '@BelarusMFA', 'Ministry of Foreign Affairs of the Republic of', '220030, Minsk'])
      expect(items.some((s) => s.includes(token)), token).toBe(true);
    if (!hasPdftotext) return;
    const text = pdftotext(file('he', 'letter'));
    for (const token of ['mail@mfa.gov.by', '@BelarusMFA', 'Ministry of Foreign Affairs of the Republic of', '220030, Minsk']) expect(text, token).toContain(token);
  });

  it('fa: Persian digits keep their order on the page and in copy-paste (19 is ۱۹, 2020 is ۲۰۲۰)', () => {
    const udhr = pdfs.fa.udhr.pages[0].items.map((i) => i.str.trim());
    expect(udhr).toContain('۱۹');
    expect(udhr).not.toContain('۹۱');
    if (!hasPdftotext) return;
    const text = pdftotext(file('fa', 'udhr'));
    expect(text).toContain('۱۹');
    expect(text).not.toContain('۹۱');
  });

  it.skipIf(!hasPdftotext)('fa: a word-final mark stays on its letter in copy-paste (مستقیماً, not مستقیمًا), poppler', () => {
    const marked = (pdftotext(file('fa', 'matching-cards')).match(/\S*\p{Mn}\S*/gu) ?? []).map((w) => w.replace(BIDI_MARKS, ''));
    expect(marked).toContain('مستقیماً');
  });

  it.skipIf(!hasPdftotext)('fa: zero-width non-joiners survive copy-paste (می‌کرد, not میکرد)', () => {
    const text = pdftotext(file('fa', 'udhr'));
    expect(text).toContain('نمی\u200Cتواند');
    expect(text).toContain('مسالمت\u200Cآمیز');
  });
});

describe('complex scripts and CJK', () => {
  it.skipIf(!hasPdftotext)('hi: conjuncts and the i-matra copy out in logical order, both extractors', () => {
    for (const word of ['स्वतंत्रता', 'अधिकार', 'निष्पक्ष', 'प्राथमिक', 'ज़िम्मेदारी']) {
      expect(flat(pdfs.hi.story.text + pdfs.hi.udhr.text), word).toContain(word);
      expect(flat(pdftotext(file('hi', 'story')) + pdftotext(file('hi', 'udhr'))), word).toContain(word);
    }
  });

  it('ja: kanji copy out as the ideographs written, not CJK radicals, so 人権 is found', () => {
    const text = pdfs.ja.story.text + pdfs.ja.udhr.text;
    expect(text).toContain('人権');
    expect(text).not.toMatch(/[\u2E80-\u2FDF]/u);
    if (hasPdftotext) expect(pdftotext(file('ja', 'udhr'))).toContain('人権');
  });

  it('ja: no line starts with closing punctuation or ends with an opening bracket', () => {
    for (const doc of DOCS) {
      const lines = new Map<number, string>();
      for (const page of pdfs.ja[doc].pages)
        for (const item of page.items) {
          const y = Math.round(item.y);
          lines.set(y, (lines.get(y) ?? '') + item.str);
        }
      for (const line of lines.values()) {
        expect(line.trim(), line).not.toMatch(/^[、。）」』，．]/u);
        expect(line.trim(), line).not.toMatch(/[（「『]$/u);
      }
    }
  });

  it('ja: no Latin space after full-width punctuation (国：ベラルーシ)', () => {
    const strings = readFileSync(path.join(REPO, 'content', 'ja', 'strings.yaml'), 'utf8');
    expect(strings).toContain('story.country: 国');
    // Items joined as they stand on the page (the helper's page text puts a space between items).
    const line = pdfs.ja.story.pages[0].items.map((i) => i.str).join('');
    expect(line).toMatch(/国：\S/);
    expect(line).not.toContain('国： ');
    // Also where the template binds label and value with a no-break space.
    const instruction = pdfs.ja.solidarity.pages[0].items.map((i) => i.str).join('');
    expect(instruction).toContain('Instagram：@kalesnikava');
  });

  it('th: lines break between Thai words, never inside one', () => {
    // Every line ends where Intl.Segmenter finds a word boundary in the article title it belongs to.
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    const udhr = content('th', 'udhr.md');
    const titles = udhr.data.groups.flatMap((g: { articles: { title: string }[] }) => g.articles.map((a) => a.title)) as string[];
    const page = pdfs.th.udhr.pages[0];
    const wrapped = titles.filter((t) => !page.items.some((i) => i.str.trim() === t));
    expect(wrapped.length).toBeGreaterThan(3);
    for (const title of wrapped) {
      const bounds = new Set([...segmenter.segment(title)].map((s) => s.index));
      const first = page.items.find((i) => i.str.trim().length > 1 && title.startsWith(i.str.trim()));
      expect(first, title).toBeDefined();
      expect(bounds.has(first!.str.trim().length) || title[first!.str.trim().length] === ' ', title).toBe(true);
    }
  });

  it('th: the case’s names are never cut across two lines (story, cards), though the dictionary does not know them', () => {
    const front = content('th', `cases/${CASE}/case.md`).data;
    const names = [front.country, ...front.people[0].name.split(' ')] as string[];
    for (const doc of ['story', 'matching-cards'] as const) {
      const items = pdfs.th[doc].pages.flatMap((p) => p.items.map((i) => i.str));
      const count = (t: string, n: string) => t.split(n).length - 1;
      for (const name of names) expect(items.reduce((sum, s) => sum + count(s, name), 0), `${doc}: ${name}`).toBe(count(items.join(''), name));
    }
  });

  it('en: Latin ligatures copy out as their letters (Affairs, officers), both extractors', () => {
    const text = pdfs.en.story.text;
    expect(text).toContain('officers');
    expect(text).not.toMatch(/[\uFB00-\uFB06]/u);
    if (!hasPdftotext) return;
    const popplerText = pdftotext(file('en', 'story'));
    expect(popplerText).toContain('officers');
    expect(popplerText).not.toMatch(/[\uFB00-\uFB06]/u);
  });
});

describe('Arabic with Arabic-Indic digits (a section’s ar-EG folder with one strings file)', () => {
  let dir: string;
  const egFile = (doc: string) => path.join(dir, 'out', CASE, 'ar-EG', `${doc}.pdf`);
  beforeAll(async () => {
    dir = copyContent(['en', 'ar']);
    mkdirSync(path.join(dir, 'content', 'ar-EG'));
    writeFileSync(path.join(dir, 'content', 'ar-EG', 'strings.yaml'), 'translation: {status: draft}\nstrings:\n  handout: نشرة\n');
    const r = await buildInto({ cwd: dir, outDir: path.join(dir, 'out'), locales: ['ar-EG'], cases: [CASE], docs: ['udhr', 'story', 'matching-cards', 'guide', 'pack'] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }, 120_000);

  it('prints article numbers, dates, the sentence and page numbers in Arabic-Indic digits, in order', async () => {
    const udhr = await readPdf(egFile('udhr'));
    const numbers = udhr.pages[0].items.map((i) => i.str.trim());
    for (const n of ['١', '٩', '١٩', '٢٥', '٣٠']) expect(numbers, n).toContain(n);
    expect(numbers).not.toContain('٩١');
    const story = await readPdf(egFile('story'));
    expect(story.text).toContain('٢٠٢٠');
    expect(story.text).not.toContain('٠٢٠٢');
    expect(story.text).toMatch(/١١/);
    expect(story.text).toContain('١ من ١'); // "الصفحة ١ من ١"
    if (!hasPdftotext) return;
    const text = pdftotext(egFile('story'));
    expect(text).toContain('٢٠٢٠');
    expect(text).not.toContain('٠٢٠٢');
  });

  it('gives the pack’s contents the page numbers its footers print', async () => {
    const pack = await readPdf(egFile('pack'));
    const digits = new Intl.NumberFormat('ar-EG');
    // (the contents page's own footer, "page 3 of 30", is not an entry)
    const contents = pack.pages[2].items.filter((i) => i.y < pack.pages[2].height - 60).map((i) => i.str.trim()).filter((s) => /^[\d٠-٩]+$/.test(s));
    expect(contents.length).toBeGreaterThan(5);
    for (const n of contents) {
      expect(n).toMatch(/^[٠-٩]+$/);
      // The page it names has that number in its footer.
      const page = pack.pages[Number(n.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))) - 1];
      expect(page.text, n).toContain(`${digits.format(pack.pages.indexOf(page) + 1)} `);
    }
  });

  it('gives the answer key (in the guide) the same digits as the UDHR page: card letter → article number', async () => {
    const guide = await readPdf(egFile('guide'));
    const answerKey = String(parse(readFileSync(path.join(REPO, 'content', 'ar', 'strings.yaml'), 'utf8')).strings['cards.answerKey']);
    const key = guide.pages.filter((p) => p.text.includes(answerKey)).at(-1)!;
    const text = key.items.map((i) => i.str).join(' ').replace(/\s+/g, ' ');
    const digits = new Intl.NumberFormat('ar-EG');
    const article = String(parse(readFileSync(path.join(REPO, 'content', 'ar', 'strings.yaml'), 'utf8')).strings.udhrArticle);
    const before = article.split('{n}')[0].trim(); // "المادة"
    const cardsMatch = (content('ar', `cases/${CASE}/case.md`).data.cards as { matches: number }[]).map((c) => c.matches);
    for (const n of cardsMatch) expect(text, `article ${n}`).toContain(`${before} ${digits.format(n)} `);
  });
});
