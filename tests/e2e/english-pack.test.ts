// The bundled English pack, built for real and read back with pdf.js: what a reader gets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_IDS, PACK_ORDER } from '../../src/documents/registry.js';
import { buildInto, tempDir } from '../helpers/build.js';
import { readPdf, squash, type ReadPdf } from '../helpers/pdf.js';

const seeds = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-handouts.json'), 'utf8'));
const A4 = { width: 595.28, height: 841.89 };
const LETTER = { width: 612, height: 792 };
const MARGIN = 42;

const pdfs: Record<string, ReadPdf> = {};
const letterPdfs: Record<string, ReadPdf> = {};
let out: string;

beforeAll(async () => {
  out = tempDir('wp-en-');
  const result = await buildInto({ locales: ['en'], cases: ['maryia-kalesnikava'], outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const id of DOCUMENT_IDS) pdfs[id] = await readPdf(path.join(out, 'maryia-kalesnikava', 'en', `${id}.pdf`));
  const letterOut = tempDir('wp-en-letter-');
  await buildInto({ locales: ['en'], docs: ['udhr', 'matching-cards', 'solidarity', 'pack'], paper: 'letter', outDir: letterOut });
  for (const id of ['udhr', 'matching-cards', 'solidarity', 'pack'])
    // Letter is not English's own paper: the file carries it in its name.
    letterPdfs[id] = await readPdf(path.join(letterOut, 'maryia-kalesnikava', 'en', `${id}.letter.pdf`));
});

const contains = (pdf: ReadPdf, sentence: string) => squash(pdf.text).includes(squash(sentence));

describe('every document of the English pack', () => {
  it('writes all eight PDFs to out/<case>/<locale>/<doc>.pdf', () => {
    for (const id of DOCUMENT_IDS) expect(existsSync(path.join(out, 'maryia-kalesnikava', 'en', `${id}.pdf`))).toBe(true);
  });

  it('uses A4 pages by default and Letter with --paper letter', () => {
    for (const id of DOCUMENT_IDS)
      for (const page of pdfs[id].pages) {
        expect(page.width).toBeCloseTo(A4.width, 1);
        expect(page.height).toBeCloseTo(A4.height, 1);
      }
    for (const pdf of Object.values(letterPdfs))
      for (const page of pdf.pages) expect([page.width, page.height]).toEqual([LETTER.width, LETTER.height]);
  });

  it('embeds subset Noto Sans fonts, regular and bold, in every document', () => {
    for (const id of DOCUMENT_IDS) {
      const pdf = pdfs[id];
      expect(pdf.allFontsEmbedded, id).toBe(true);
      expect(pdf.fonts.some((f) => /^[A-Z]{6}\+NotoSans-Regular$/.test(f)), id).toBe(true);
      expect(pdf.fonts.some((f) => /^[A-Z]{6}\+NotoSans-Bold$/.test(f)), id).toBe(true);
    }
  });

  it('keeps every piece of text inside the page margins', () => {
    for (const id of DOCUMENT_IDS)
      for (const [n, page] of pdfs[id].pages.entries())
        for (const item of page.items) {
          const where = `${id} page ${n + 1}: "${item.str}"`;
          expect(item.x, where).toBeGreaterThanOrEqual(MARGIN - 0.5);
          expect(item.x + item.width, where).toBeLessThanOrEqual(page.width - MARGIN + 0.5);
          expect(item.y, where).toBeGreaterThanOrEqual(MARGIN);
          expect(item.y, where).toBeLessThanOrEqual(page.height - 20);
        }
  });

  it('sets document metadata: title, language', () => {
    expect(pdfs.story.info.Title).toMatch(/Story · Maryia Kalesnikava/);
    expect(pdfs.story.info.Language ?? 'en').toBe('en');
  });
});

describe('the handouts carry every sentence of the seed material', () => {
  it('story: the whole story, title and photo caption', () => {
    for (const s of seeds.story) expect(contains(pdfs.story, s), s).toBe(true);
    expect(contains(pdfs.story, 'Maryia Kalesnikava’s story')).toBe(true);
    expect(contains(pdfs.story, 'Prior to her arrest, Maryia mobilized people in Belarus and stood at the frontline of peaceful protest.')).toBe(true);
    expect(contains(pdfs.story, '11 years in prison')).toBe(true);
    expect(contains(pdfs.story, '7 September 2020')).toBe(true);
  });

  it('matching cards: every rights card and every experience card', () => {
    const upper = squash(pdfs['matching-cards'].text).toUpperCase();
    for (const s of seeds.rightsCards) expect(upper.includes(squash(s).toUpperCase()), s).toBe(true);
    for (const s of seeds.experienceCards) expect(contains(pdfs['matching-cards'], s), s).toBe(true);
  });

  it('udhr: one page, six groups, all 30 articles with their numbers', () => {
    const udhr = pdfs.udhr;
    expect(udhr.pages.length).toBe(1);
    for (const g of seeds.udhrGroups) expect(contains(udhr, g), g).toBe(true);
    for (const [n, title] of Object.entries(seeds.udhrArticles) as [string, string][]) {
      expect(contains(udhr, title), title).toBe(true);
      // The number sits on the same line as the title, before it.
      const number = udhr.pages[0].items.find((i) => i.str === n && udhr.pages[0].items.some((t) => t.str.startsWith(title.split(' ')[0]) && Math.abs(t.y - i.y) < 1 && t.x > i.x));
      expect(number, `article ${n}`).toBeDefined();
    }
  });

  it('letter: guidance, the address, email, handles, hashtags, salutation and the model letter', () => {
    for (const s of [...seeds.letterGuidance, ...seeds.authorityAddress]) expect(contains(pdfs.letter, s), s).toBe(true);
    for (const s of seeds.petitionLetter.slice(1, 4)) expect(contains(pdfs.letter, s), s).toBe(true);
  });

  it('letter: a sheet with ruled writing lines and the closing', () => {
    const sheet = pdfs.letter.pages.find((p) => p.text.includes('Your letter'));
    expect(sheet).toBeDefined();
    expect(sheet!.text).toContain('Yours sincerely,');
  });

  it('solidarity: four cards to a page with the address and the languages she reads', () => {
    const page = pdfs.solidarity.pages[0];
    for (const s of seeds.solidarityAddress) expect(contains(pdfs.solidarity, s), s).toBe(true);
    const reads = page.items.filter((i) => i.str.includes('Maryia reads Russian, Belarusian, German'));
    expect(reads.length).toBe(4);
    expect(page.text.match(/SOLIDARITY CARD/g)?.length).toBe(4);
  });

  it('petition: the letter, the privacy promise and at least 20 numbered rows with repeated headings', () => {
    const petition = pdfs.petition;
    for (const s of seeds.petitionLetter) expect(contains(petition, s), s).toBe(true);
    const numbers = petition.pages.flatMap((p) => p.items.filter((i) => /^\d+$/.test(i.str)).map((i) => Number(i.str)));
    expect(Math.max(...numbers)).toBeGreaterThanOrEqual(20);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Every page repeats the headings, and only a name and a country are asked for.
    for (const page of petition.pages) {
      const number = page.items.find((i) => i.str === 'No.');
      expect(number).toBeDefined();
      const headings = page.items.filter((i) => Math.abs(i.y - number!.y) < 1).map((i) => i.str.trim()).filter(Boolean);
      expect(headings).toEqual(['No.', 'Name', 'Country']);
    }
  });

  it('guide: all four steps with timings adding up to the total, read-aloud passages and the background', () => {
    const guide = pdfs.guide;
    for (const step of ['1. Understanding the right to protest · 20 minutes', '2. Maryia Kalesnikava’s story · 10 minutes', '3. Matching rights · 15 minutes', '4. Take action · 15 minutes'])
      expect(contains(guide, step), step).toBe(true);
    expect(contains(guide, 'Total 60 minutes')).toBe(true);
    expect(contains(guide, 'READ ALOUD')).toBe(false); // read-aloud boxes are shaded boxes, not labelled twice
    expect(contains(guide, '“Imagine you are living in a country where the government is constantly violating the human rights of its inhabitants.')).toBe(true);
    expect(contains(guide, 'The right to protest in Belarus')).toBe(true);
    expect(contains(guide, 'Rita Karasartova')).toBe(true);
    expect(contains(guide, 'Cecillia Chimbiri')).toBe(true);
  });
});

describe('matching cards as cut sheets', () => {
  it('puts human rights cards and experience cards on separate sheets, then an answer key', () => {
    const pages = pdfs['matching-cards'].pages;
    const kinds = pages.map((p) => (p.text.includes('HUMAN RIGHTS CARD') ? 'rights' : p.text.includes('EXPERIENCE') ? 'experience' : p.text.includes('Answer key') ? 'key' : 'other'));
    expect(kinds).toEqual(['rights', 'rights', 'experience', 'experience', 'key']);
    for (const p of pages.slice(0, 4)) expect(p.items.filter((i) => /CARD$|EXPERIENCE · [A-Z]$/.test(i.str)).length).toBe(4);
  });

  it('fits the cards on Letter paper too', () => {
    expect(letterPdfs['matching-cards'].pages.length).toBe(5);
    expect(letterPdfs.udhr.pages.length).toBe(1);
  });
});

describe('the pack', () => {
  it('has a cover, a contents page and every document in order, with bookmarks', () => {
    const pack = pdfs.pack;
    const expectedPages = 2 + PACK_ORDER.reduce((n, id) => n + pdfs[id].pages.length, 0);
    expect(pack.pages.length).toBe(expectedPages);
    expect(pack.pages[0].text).toContain('Workshop pack');
    expect(pack.pages[1].text).toContain('Contents');
    const titles = pack.outline.map((o) => o.title);
    expect(titles).toEqual(['Contents', 'Facilitator’s guide', 'Universal Declaration of Human Rights', 'Story', 'Matching rights cards', 'Write a letter', 'Solidarity cards', 'Petition']);
    // Each document's bookmark points at the page where the document starts.
    let page = 3;
    for (const [i, id] of PACK_ORDER.entries()) {
      expect(pack.outline[i + 1].page, id).toBe(page);
      page += pdfs[id].pages.length;
    }
    expect(pack.outline[1].children.length).toBeGreaterThan(3);
  });

  it('lists the real page numbers on the contents page and numbers the pages', () => {
    const pack = pdfs.pack;
    const contents = pack.pages[1];
    for (const entry of pack.outline.slice(1)) {
      const title = contents.items.find((i) => i.str === entry.title);
      expect(title, entry.title).toBeDefined();
      const number = contents.items.find((i) => Math.abs(i.y - title!.y) < 1 && i.str === String(entry.page));
      expect(number, `${entry.title} → ${entry.page}`).toBeDefined();
    }
    expect(pack.pages[4].text).toContain(`Page 5 of ${pack.pages.length}`);
    expect(pack.pages[0].text).not.toMatch(/Page 1 of/);
  });
});
