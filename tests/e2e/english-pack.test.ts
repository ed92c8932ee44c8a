// The bundled English pack, built for real and read back with pdf.js: what a reader gets.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_IDS, PACK_ORDER } from '../../src/documents/registry.js';
import { buildInto, copyContent, tempDir } from '../helpers/build.js';
import { readPdf, squash, type ReadPdf } from '../helpers/pdf.js';

const seeds = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-handouts.json'), 'utf8'));
const A4 = { width: 595.28, height: 841.89 };
const LETTER = { width: 612, height: 792 };
const MARGIN = 42;

const pdfs: Record<string, ReadPdf> = {};
const letterPdfs: Record<string, ReadPdf> = {};
/** The pack as it was during the 2024 campaign (before the release update): petition, letter, cards. */
const pdfs2024: Record<string, ReadPdf> = {};
let out: string;
let skipped: { doc: string; reason: string }[] = [];
// Maryia was released on 13 December 2025: no petition is made for her any more.
const BUILT = DOCUMENT_IDS.filter((id) => id !== 'petition');

beforeAll(async () => {
  out = tempDir('wp-en-');
  const result = await buildInto({ locales: ['en'], cases: ['maryia-kalesnikava'], outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  skipped = result.skipped;
  for (const id of BUILT) pdfs[id] = await readPdf(path.join(out, 'maryia-kalesnikava', 'en', `${id}.pdf`));
  // The same content without its update: the case as it stood in 2024, sentenced and in prison.
  const dir = copyContent();
  const caseFile = path.join(dir, 'content', 'en', 'cases', 'maryia-kalesnikava', 'case.md');
  const before = readFileSync(caseFile, 'utf8');
  // (and its 2024 hashtag, dropped since: it asks for her release)
  const withoutUpdate = before.replace(/^updates:\n(?: {2}.*\n|\n)+/m, '').replace('hashtags: ["#W4R24"', 'hashtags: ["#FreeKalesnikava", "#W4R24"');
  expect(withoutUpdate).not.toBe(before);
  writeFileSync(caseFile, withoutUpdate);
  const out2024 = tempDir('wp-en-2024-');
  const r2024 = await buildInto({ cwd: dir, locales: ['en'], cases: ['maryia-kalesnikava'], docs: ['letter', 'solidarity', 'petition', 'pack'], outDir: out2024 });
  expect(r2024.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const id of ['letter', 'solidarity', 'petition', 'pack']) pdfs2024[id] = await readPdf(path.join(out2024, 'maryia-kalesnikava', 'en', `${id}.pdf`));
  const letterOut = tempDir('wp-en-letter-');
  await buildInto({ locales: ['en'], docs: ['udhr', 'matching-cards', 'solidarity', 'pack'], paper: 'letter', outDir: letterOut });
  for (const id of ['udhr', 'matching-cards', 'solidarity', 'pack'])
    // Letter is not English's own paper: the file carries it in its name.
    letterPdfs[id] = await readPdf(path.join(letterOut, 'maryia-kalesnikava', 'en', `${id}.letter.pdf`));
});

const contains = (pdf: ReadPdf, sentence: string) => squash(pdf.text).includes(squash(sentence));

describe('every document of the English pack', () => {
  it('writes the seven PDFs her case calls for to out/<case>/<locale>/<doc>.pdf, and says why there is no petition', () => {
    for (const id of BUILT) expect(existsSync(path.join(out, 'maryia-kalesnikava', 'en', `${id}.pdf`))).toBe(true);
    expect(existsSync(path.join(out, 'maryia-kalesnikava', 'en', 'petition.pdf'))).toBe(false);
    expect(skipped).toEqual([expect.objectContaining({ doc: 'petition', reason: expect.stringMatching(/resolved \(status: released on 2025-12-13\): a petition would demand what has already happened/) })]);
  });

  it('uses A4 pages by default and Letter with --paper letter', () => {
    for (const id of BUILT)
      for (const page of pdfs[id].pages) {
        expect(page.width).toBeCloseTo(A4.width, 1);
        expect(page.height).toBeCloseTo(A4.height, 1);
      }
    for (const pdf of Object.values(letterPdfs))
      for (const page of pdf.pages) expect([page.width, page.height]).toEqual([LETTER.width, LETTER.height]);
  });

  it('embeds subset Noto Sans fonts, regular and bold, in every document', () => {
    for (const id of BUILT) {
      const pdf = pdfs[id];
      expect(pdf.allFontsEmbedded, id).toBe(true);
      expect(pdf.fonts.some((f) => /^[A-Z]{6}\+NotoSans-Regular$/.test(f)), id).toBe(true);
      expect(pdf.fonts.some((f) => /^[A-Z]{6}\+NotoSans-Bold$/.test(f)), id).toBe(true);
    }
  });

  it('keeps every piece of text inside the page margins', () => {
    for (const id of BUILT)
      for (const [n, page] of [...pdfs[id].pages, ...(pdfs2024[id]?.pages ?? [])].entries())
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
  it('story: the whole story (in the past tense since her release), title and photo caption', () => {
    for (const s of seeds.story) {
      const printed = seeds.storySinceRelease[s] ?? s;
      expect(contains(pdfs.story, printed), printed).toBe(true);
      if (printed !== s) expect(contains(pdfs.story, s), s).toBe(false);
    }
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

  it('letter (2024): guidance, the address, email, handles, hashtags, salutation and the model letter', () => {
    for (const s of [...seeds.letterGuidance, ...seeds.authorityAddress]) expect(contains(pdfs2024.letter, s), s).toBe(true);
    for (const s of seeds.petitionLetter.slice(1, 4)) expect(contains(pdfs2024.letter, s), s).toBe(true);
  });

  it('letter: a sheet with ruled writing lines and the closing', () => {
    for (const letter of [pdfs.letter, pdfs2024.letter]) {
      const sheet = letter.pages.find((p) => p.text.includes('Your letter'));
      expect(sheet).toBeDefined();
      expect(sheet!.text).toContain('Yours sincerely,');
    }
    const sheet = pdfs.letter.pages.find((p) => p.text.includes('Your letter'));
    expect(sheet).toBeDefined();
    expect(sheet!.text).toContain('Yours sincerely,');
  });

  it('solidarity (2024): four cards to a page, the address and the languages she reads once on the sheet', () => {
    const page = pdfs2024.solidarity.pages[0];
    for (const s of seeds.solidarityAddress) expect(contains(pdfs2024.solidarity, s), s).toBe(true);
    const reads = page.items.filter((i) => i.str.includes('Maryia reads Russian, Belarusian, German'));
    expect(reads.length).toBe(1);
    expect(page.items.filter((i) => i.str.includes('Penal colony No. 4')).length).toBe(1);
    expect(page.text.match(/SOLIDARITY CARD/g)?.length).toBe(4);
  });

  it('petition (2024): the letter, the privacy promise, then a signature sheet of numbered rows with headings', () => {
    const petition = pdfs2024.petition;
    // The delivery line is dated from content now (issue 11): "in early 2025" became a date.
    for (const s of seeds.petitionLetter.filter((l: string) => !l.includes('early 2025'))) expect(contains(petition, s), s).toBe(true);
    expect(contains(petition, 'Signatures collected on this petition will be delivered by 31 March 2025, including only your name and country as provided on this form.')).toBe(true);
    // Signatures go on sheets of their own (issue 11): the letter's sheet has none.
    const sheets = petition.pages.slice(1);
    expect(petition.pages[0].items.some((i) => i.str === 'No.')).toBe(false);
    const numbers = sheets.flatMap((p) => p.items.filter((i) => /^\d+$/.test(i.str)).map((i) => Number(i.str)));
    expect(Math.max(...numbers)).toBeGreaterThanOrEqual(15);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Every signature sheet has the headings, and only a name and a country are asked for.
    for (const page of sheets) {
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
  it('puts human rights cards and experience cards on separate sheets, and no answer key (it is in the guide)', () => {
    const pages = pdfs['matching-cards'].pages;
    const kinds = pages.map((p) => (p.text.includes('HUMAN RIGHTS CARD') ? 'rights' : p.text.includes('EXPERIENCE') ? 'experience' : p.text.includes('Answer key') ? 'key' : 'other'));
    expect(kinds).toEqual(['rights', 'experience']);
    for (const p of pages.slice(0, 2)) expect(p.items.filter((i) => /CARD$|EXPERIENCE · [A-Z]$/.test(i.str)).length).toBe(8);
  });

  it('fits the cards on Letter paper too', () => {
    expect(letterPdfs['matching-cards'].pages.length).toBe(2);
    expect(letterPdfs.udhr.pages.length).toBe(1);
  });
});

describe('the pack', () => {
  it('has a cover, a contents page and every document in order on a right-hand page, with bookmarks', () => {
    const pack = pdfs.pack;
    const order = PACK_ORDER.filter((id) => id !== 'petition'); // she is free: no petition
    expect(pack.pages[0].text).toContain('WRITE FOR RIGHTS 2024 · WORKSHOP PACK');
    expect(pack.pages[1].text).toBe('This page is intentionally left blank.'); // the cover's back
    expect(pack.pages[2].text).toContain('Contents');
    const titles = pack.outline.map((o) => o.title);
    expect(titles).toEqual(['Contents', 'Facilitator’s guide', 'Universal Declaration of Human Rights', 'Story', 'Matching rights cards', 'Write a letter', 'Solidarity cards']);
    // In 2024 the same pack ended with the petition.
    expect(pdfs2024.pack.outline.map((o) => o.title).at(-1)).toBe('Petition');
    // Each document starts on the next odd page; cut sheets (cards) take two pages each, their backs blank.
    // (The guide in the pack gives the handouts' pages, so it may run longer than the guide alone.)
    expect(pack.outline[1].page).toBe(5);
    for (const [i, id] of order.entries()) {
      const start = pack.outline[i + 1].page;
      expect(start % 2, id).toBe(1);
      if (id === 'guide') continue;
      let end = start + pdfs[id].pages.length * (['matching-cards', 'solidarity'].includes(id) ? 2 : 1);
      if (end % 2 === 0) end++;
      expect(pack.outline[i + 2]?.page ?? pack.pages.length + 1, `after ${id}`).toBe(end);
    }
    expect(pack.outline[1].children.length).toBeGreaterThan(3);
  });

  it('lists the real page numbers on the contents page and numbers the pages', () => {
    const pack = pdfs.pack;
    const contents = pack.pages[2];
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

describe('a case that changed: Maryia was released on 13 December 2025', () => {
  it('puts a dated update box above the story (beside the photo), with the release, and prints it in the facts line', () => {
    const page = pdfs.story.pages[0];
    const box = page.items.find((i) => i.str === 'UPDATE · 13 DECEMBER 2025');
    expect(box).toBeDefined();
    const update = page.items.find((i) => i.str.startsWith('Maryia Kalesnikava was'));
    expect(update).toBeDefined();
    const storyStart = page.items.find((i) => i.str.startsWith('Maryia Kalesnikava has a dream'))!;
    expect(box!.y).toBeLessThan(update!.y);
    expect(update!.y).toBeLessThan(storyStart.y); // above the story
    expect(contains(pdfs.story, 'one of 123 prisoners freed by Belarus that day, and she was taken out of the country, to Ukraine')).toBe(true);
    expect(contains(pdfs.story, 'Detained on: 7 September 2020 · Sentence: 11 years in prison · Released on 13 December 2025')).toBe(true);
    expect(pdfs.story.pages.length).toBe(1);
  });

  it('asks for nothing already done: no demand to release her in any handout of the pack', () => {
    for (const id of ['letter', 'solidarity', 'pack'] as const) {
      const text = squash(pdfs[id].text).toLowerCase();
      for (const demand of ['release Maryia', 'release her', 'immediate release of Maryia', '#FreeKalesnikava', 'help bring her home', 'Penal colony No. 4'])
        expect(text.includes(squash(demand).toLowerCase()), `${id}: ${demand}`).toBe(false);
    }
    // In 2024 the same handouts did demand it, so the search above can find what it looks for.
    expect(contains(pdfs2024.letter, 'release Maryia from prison')).toBe(true);
    expect(contains(pdfs2024.solidarity, 'Penal colony No. 4')).toBe(true);
  });

  it('turns the letter into the follow-up action the content names', () => {
    expect(pdfs.letter.pages[0].text).toContain('Write for those still imprisoned in Belarus');
    expect(contains(pdfs.letter, 'I welcome the release of Maryia Kalesnikava and of the other prisoners freed on 13 December 2025.')).toBe(true);
    expect(contains(pdfs.letter, 'Dear Minister,')).toBe(true);
    for (const s of seeds.authorityAddress.filter((a: string) => a !== '#FreeKalesnikava')) expect(contains(pdfs.letter, s), s).toBe(true);
  });

  it('makes solidarity cards that celebrate, with no address to post them to', () => {
    expect(contains(pdfs.solidarity, 'Maryia is free. Write her a message celebrating her freedom.')).toBe(true);
    expect(pdfs.solidarity.text).not.toContain('Send your card to');
    expect(pdfs.solidarity.pages[0].items.filter((i) => i.str.includes('Maryia reads Russian, Belarusian, German')).length).toBe(1);
  });

  it('says in the guide what changed, at the take-action step, and when the facts were checked', () => {
    expect(contains(pdfs.guide, 'Facts about Maryia Kalesnikava as of 1 December 2026.')).toBe(true);
    expect(contains(pdfs.guide, 'check the case’s current status on amnesty.org')).toBe(true);
    const text = squash(pdfs.guide.text);
    const step = text.indexOf(squash('4. Take action · 15 minutes'));
    const note = text.indexOf(squash('This case has changed: Released on 13 December 2025. This pack has no petition'));
    expect(step).toBeGreaterThan(0);
    expect(note).toBeGreaterThan(step);
    expect(contains(pdfs.guide, 'The letter handout asks for something new: “Write for those still imprisoned in Belarus”.')).toBe(true);
  });

  it('says so on the cover', () => {
    expect(pdfs.pack.pages[0].text).toContain('Released on 13 December 2025');
    expect(contains(pdfs.pack, 'Maryia Kalesnikava, jailed for demanding change, is free')).toBe(true);
  });
});
