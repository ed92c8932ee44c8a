// Issue 11, read back from the PDFs of every bundled locale on A4 and on Letter: a pack that prints
// double-sided (every document on a right-hand page, blank backs behind cut sheets), the print
// dialog's default in /ViewerPreferences, the answer key in the guide, a guide that names every
// handout as printed (with its page in the pack), petition sheets that can travel alone, the letter
// handout spoken to participants with its address label, typographic quotes, and the case on the cover.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { check } from '../../src/commands/check.js';
import { buildInto, copyContent, REPO, tempDir } from '../helpers/build.js';
import { hasPdftotext, pdftotext, readPdf, squash, type ReadPdf } from '../helpers/pdf.js';

const LOCALES = ['en', 'fr', 'fr-CA', 'es', 'de', 'ru', 'be', 'pl', 'ar', 'he', 'fa', 'hi', 'ja', 'th'];
const PAPERS = ['a4', 'letter'] as const;
const CASE = 'maryia-kalesnikava';
const DOCS = ['pack', 'guide', 'matching-cards', 'solidarity', 'letter'] as const;
type Doc = (typeof DOCS)[number];

/**
 * Text compared as a reader sees it, whatever the extractor does to it: pdf.js splits Arabic marks
 * off words and drops format characters (ZWNJ), poppler wraps right-to-left runs in bidi controls
 * and turns parentheses around digits; neither changes what is printed.
 */
const norm = (s: string) => squash(s).normalize('NFC').replace(/[\s()\u0000-\u001F\u064B-\u0652\u0670\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '');
const has = (text: string, part: string) => norm(text).includes(norm(part));
const count = (text: string, part: string) => norm(text).split(norm(part)).length - 1;
const RTL = ['ar', 'he', 'fa'];
/**
 * Occurrences of `part` in right-to-left text as poppler extracts it, where a line break may fall
 * inside it: poppler reorders the pieces of a broken line, so a title split over two lines is
 * counted when its first words end up in one line and the rest in the next.
 */
const countRtl = (text: string, part: string) => {
  const lines = text.split('\n').map(norm).filter(Boolean);
  const words = part.split(/\s+/).filter(Boolean);
  let n = count(text, part);
  for (let i = 0; i + 1 < lines.length; i++)
    for (let k = 1; k < words.length; k++)
      if (lines[i].includes(norm(words.slice(0, k).join(' '))) && lines[i + 1].includes(norm(words.slice(k).join(' '))) && !lines[i].includes(norm(part)) && !lines[i + 1].includes(norm(part))) {
        n++;
        break;
      }
  return n;
};

/** A locale's fallback chain of content folders. */
const chain = (locale: string) => [...new Set([locale, ...(locale === 'fr-CA' ? ['fr'] : []), 'en'])];

/** A string as the locale prints it (fr-CA → fr → en), with its placeholders filled. */
function text(locale: string, key: string, vars: Record<string, string> = {}): string {
  for (const l of chain(locale)) {
    const value = parse(readFileSync(path.join(REPO, 'content', l, 'strings.yaml'), 'utf8')).strings?.[key];
    if (typeof value === 'string') return value.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  }
  throw new Error(`no string ${key}`);
}

/** A content file's front matter, from the first locale of the chain that has it. */
function front(locale: string, rel: string, content = path.join(REPO, 'content')): Record<string, any> {
  for (const l of chain(locale)) {
    try {
      return matter(readFileSync(path.join(content, l, rel), 'utf8')).data;
    } catch {
      // not translated: the next locale of the chain
    }
  }
  throw new Error(`no ${rel}`);
}

const pdfs: Record<string, Record<string, Partial<Record<Doc, ReadPdf>>>> = {};
const files: Record<string, string> = {};
/** A document's whole text in reading order: poppler's for right-to-left scripts (pdf.js orders them by position). */
const fullText = (locale: string, paper: string, doc: Doc) =>
  RTL.includes(locale) && hasPdftotext ? pdftotext(files[`${locale}/${paper}/${doc}`]) : pdfs[locale][paper][doc]!.text;
/** The same case as in 2024 (in prison, before the release): it has a petition. */
const petitions: Record<string, Record<string, ReadPdf>> = {};
const packs2024: Record<string, ReadPdf> = {};
let content2024: string;
let warnings2024: { file: string; line: number; message: string }[] = [];

beforeAll(async () => {
  for (const paper of PAPERS) {
    const out = tempDir('wp-duplex-');
    const result = await buildInto({ outDir: out, locales: LOCALES, cases: [CASE], docs: [...DOCS], paper });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const w of result.written) {
      ((pdfs[w.locale] ??= {})[paper] ??= {})[w.doc as Doc] = await readPdf(w.file);
      files[`${w.locale}/${paper}/${w.doc}`] = w.file;
    }
  }
  // Every locale's case without its updates: sentenced and in prison, so the petition is made.
  const dir = copyContent(LOCALES);
  content2024 = path.join(dir, 'content');
  copyFileSync(path.join(REPO, 'content', 'fonts.yaml'), path.join(content2024, 'fonts.yaml')); // the Japanese font
  for (const l of LOCALES) {
    const file = path.join(content2024, l, 'cases', CASE, 'case.md');
    try {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^updates:\n(?: {2}.*\n|\n)+/m, ''));
    } catch {
      // a proof locale without its own case file falls back to English
    }
  }
  for (const paper of PAPERS) {
    const out = tempDir('wp-petition-');
    const result = await build({ cwd: dir, bundled: false, outDir: out, locales: LOCALES, cases: [CASE], docs: ['petition'], paper });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    warnings2024 = result.diagnostics.filter((d) => d.severity === 'warning') as never;
    for (const w of result.written) (petitions[w.locale] ??= {})[paper] = await readPdf(w.file);
  }
  const out = tempDir('wp-pack-2024-');
  const result = await build({ cwd: dir, bundled: false, outDir: out, locales: ['en', 'ar', 'fr-CA'], cases: [CASE], docs: ['pack'] });
  for (const w of result.written) packs2024[w.locale] = await readPdf(w.file);
}, 900_000);

/** The pages of a pack that are blank backs: only the "left blank" note, no footer. */
const isBlank = (locale: string, page: ReadPdf['pages'][number]) => norm(page.text) === norm(text(locale, 'pack.blank'));

describe.each(LOCALES)('locale %s', (locale) => {
  describe.each(PAPERS)('on %s', (paper) => {
    const get = (doc: Doc) => pdfs[locale][paper][doc]!;

    it('pack: every document starts on a right-hand (odd) page, cut sheets have blank backs, the pack ends on a back', () => {
      const pack = get('pack');
      expect(pack.pages.length % 2).toBe(0);
      expect(isBlank(locale, pack.pages[1])).toBe(true); // the cover's back
      const starts = pack.outline.map((o) => o.page);
      for (const o of pack.outline) expect(o.page % 2, `${o.title} starts on page ${o.page}`).toBe(1);
      // Each page before an odd start that the previous document does not fill is a blank.
      for (const [i, o] of pack.outline.entries()) {
        const cut = [text(locale, 'doc.matching-cards'), text(locale, 'doc.solidarity')].includes(o.title);
        const end = (starts[i + 1] ?? pack.pages.length + 1) - 1;
        if (!cut) continue;
        // A cut sheet, then its blank back, for every sheet of the set.
        for (let p = o.page; p <= end; p += 2) {
          expect(isBlank(locale, pack.pages[p - 1]), `${o.title}: page ${p} is a cut sheet`).toBe(false);
          expect(isBlank(locale, pack.pages[p]), `${o.title}: page ${p + 1} is its blank back`).toBe(true);
        }
      }
      // Blank pages carry no footer (no page number to print on an empty back): their text is the note alone.
      expect(pack.pages.filter((p) => isBlank(locale, p)).length).toBeGreaterThanOrEqual(4);
    });

    it('asks the print dialog for both sides, and cut sheets for one side, saying so on the sheet', () => {
      expect(get('pack').viewerPreferences.Duplex).toBe('DuplexFlipLongEdge');
      expect(get('guide').viewerPreferences.Duplex).toBe('DuplexFlipLongEdge');
      expect(get('letter').viewerPreferences.Duplex).toBe('DuplexFlipLongEdge');
      expect(get('matching-cards').viewerPreferences.Duplex).toBe('Simplex');
      expect(get('solidarity').viewerPreferences.Duplex).toBe('Simplex');
      // The sentence that says so is the first of each cut sheet's instruction.
      const first = (key: string) => {
        const start = text(locale, key).split('{name}')[0];
        const sentence = start.split(/(?<=[.。।!])\s*/)[0];
        return sentence === start ? start.split(' ')[0] : sentence; // Thai ends a sentence with a space
      };
      expect(has(get('matching-cards').pages[0].text, first('cards.cut')), first('cards.cut')).toBe(true);
      expect(has(get('solidarity').pages[0].text, first('solidarity.cutKeep')), first('solidarity.cutKeep')).toBe(true);
    });

    it('puts the answer key in the guide and the contents, not in the participants’ cards', () => {
      const key = text(locale, 'cards.answerKey');
      expect(has(get('matching-cards').text, key)).toBe(false);
      expect(has(get('guide').text, key)).toBe(true);
      const pack = get('pack');
      // Its heading is a bookmark under the guide's; the contents give its page on the same row.
      const page = pack.outline[1].children.find((c) => norm(c.title) === norm(key))?.page ?? 0;
      expect(page).toBeGreaterThan(pack.outline[1].page);
      expect(has(pack.pages[page - 1].text, key)).toBe(true);
      const contents = pack.pages[2];
      const number = new Intl.NumberFormat(locale).format(page);
      const words = contents.items.filter((i) => norm(i.str) && norm(key).includes(norm(i.str)));
      expect(words.length, 'the answer key in the contents').toBeGreaterThan(0);
      expect(contents.items.some((i) => i.str.trim() === number && words.some((w) => Math.abs(i.y - w.y) < 1)), `contents: answer key → ${number}`).toBe(true);
    });

    it('names every handout the steps use by its printed title, with its page in the pack', () => {
      const kase = front(locale, `cases/${CASE}/case.md`);
      const titles: Record<string, string> = {
        [text(locale, 'doc.story')]: kase.storyTitle,
        [text(locale, 'doc.udhr')]: front(locale, 'udhr.md').title,
        [text(locale, 'doc.matching-cards')]: text(locale, 'doc.matching-cards'),
        [text(locale, 'doc.letter')]: kase.resolved.followUp.title,
        [text(locale, 'doc.solidarity')]: text(locale, 'solidarity.title'),
      };
      const pack = get('pack');
      for (const o of pack.outline.slice(1)) {
        const title = titles[o.title];
        if (!title) continue; // the guide itself
        const ref = text(locale, 'guide.handoutOnPage', { title, page: new Intl.NumberFormat(locale).format(o.page) });
        // In Preparation, in Materials and in the step that uses it.
        // Right-to-left extraction reorders a reference's digits and brackets across lines: there the
        // title and its page number are counted (poppler keeps them, pdf.js keeps the number items).
        if (RTL.includes(locale)) expect(countRtl(fullText(locale, paper, 'pack'), title), `${title} in the pack`).toBeGreaterThanOrEqual(4);
        else expect(count(fullText(locale, paper, 'pack'), ref), `${ref} in the pack's guide`).toBeGreaterThanOrEqual(3);
        const plain = text(locale, 'guide.handoutTitle', { title });
        // (right-to-left extraction mirrors and moves the quotation marks: there the title alone)
        const named = RTL.includes(locale) ? title : plain;
        expect((RTL.includes(locale) ? countRtl : count)(fullText(locale, paper, 'guide'), named), `${named} in the guide`).toBeGreaterThanOrEqual(3);
      }
    });

    it('letter: spoken to participants, one “take action”, one salutation, the address as a left-to-right label', () => {
      const letter = get('letter');
      const page = letter.pages[0];
      const takeAction = text(locale, 'takeAction');
      expect(count(page.text.toLocaleLowerCase(locale), takeAction.toLocaleLowerCase(locale))).toBe(1);
      expect(has(page.text, text(locale, 'letter.online'))).toBe(true);
      const kase = front(locale, `cases/${CASE}/case.md`);
      const salutation = text(locale, 'letter.salutationLine', { salutation: kase.authority.salutation });
      expect(Math.max(count(fullText(locale, paper, 'letter'), salutation), count(letter.text, salutation)), salutation).toBeGreaterThanOrEqual(2);
      // The address lines as written, each starting at the same left edge (left to right, even in Arabic).
      const lines = (kase.authority.address as string[]).map((a) => page.items.find((i) => i.str.startsWith(a.split(' ')[0]) && has(a, i.str)));
      for (const [i, l] of lines.entries()) expect(l, kase.authority.address[i]).toBeDefined();
      const xs = lines.map((l) => Math.round(l!.x));
      expect(new Set(xs).size, `address lines start at ${xs}`).toBe(1);
    });

    it('cover: the case is the hero, with the campaign and its year', () => {
      const cover = get('pack').pages[0];
      const name = front(locale, `cases/${CASE}/case.md`).people[0].name as string;
      // The largest type on the cover sets the name, and nothing else (words may come as separate items).
      const size = Math.max(...cover.items.map((i) => i.height));
      const hero = cover.items.filter((i) => Math.abs(i.height - size) < 0.5 && norm(i.str));
      for (const i of hero) expect(has(name, i.str), i.str).toBe(true);
      expect(hero.map((i) => norm(i.str)).join('').length).toBe(norm(name).length);
      const year = new Intl.NumberFormat(locale, { useGrouping: false }).format(2024);
      expect(has(cover.text.toLocaleUpperCase(locale), `${text(locale, 'pack.kicker')} ${year}`.toLocaleUpperCase(locale))).toBe(true);
    });

    it('prints typographic quotes and apostrophes only', () => {
      for (const doc of DOCS) expect(get(doc).text, `${doc}`).not.toMatch(/['"]/);
    });

    it('petition (2024): every sheet repeats the demand, the case, the privacy promise and where to send it back', () => {
      const petition = petitions[locale][paper];
      const p = front(locale, `cases/${CASE}/petition.md`, content2024);
      const name = front(locale, `cases/${CASE}/case.md`, content2024).people[0].name as string;
      expect(petition.pages.length).toBeGreaterThanOrEqual(2);
      // The letter's sheet ends with the demand and the return address; signatures go on sheets of their own.
      expect(has(petition.text, p.demand)).toBe(true);
      const sheets = petition.pages.filter((page) => has(page.text, text(locale, 'petition.number')));
      expect(sheets.length).toBeGreaterThanOrEqual(1);
      expect(has(petition.pages[0].text, text(locale, 'petition.number')), 'no signature rows under the letter').toBe(false);
      for (const [n, page] of [petition.pages[0], ...sheets].entries()) {
        const where = n ? `signature sheet ${n}` : 'the letter’s sheet';
        expect(has(page.text, name), `${where}: case`).toBe(true);
        expect(has(page.text, p.returnTo.join(', ')), `${where}: return address`).toBe(true);
        if (n) expect(has(page.text, p.demand), `${where}: demand`).toBe(true);
      }
      // The delivery line is dated from content, not fixed text.
      const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(p.delivery));
      if (locale === 'en') expect(has(petition.text, `will be delivered by ${date}`)).toBe(true);
      expect(petition.text).not.toMatch(/early 2025/);
    });
  });
});

describe('the 2024 pack, with its petition', () => {
  it.each(['en', 'ar', 'fr-CA'])('%s: the petition starts on a right-hand page too', (locale) => {
    const pack = packs2024[locale];
    const petition = pack.outline.at(-1)!;
    expect(petition.title).toBe(text(locale, 'doc.petition'));
    expect(petition.page % 2).toBe(1);
    expect(pack.pages.length % 2).toBe(0);
  });

  it('warns when the petition’s dates have passed, at their lines', () => {
    const file = path.join('cases', CASE, 'petition.md');
    const dated = warnings2024.filter((w) => w.file.endsWith(file) && /^(delivery|returnBy): \d{4}-\d\d-\d\d is before the build date/.test(w.message));
    expect(dated.map((w) => w.message.split(':')[0]).sort()).toEqual(['delivery', 'returnBy']);
    for (const w of dated) expect(w.line).toBeGreaterThan(1);
  });
});

describe('English style', () => {
  it('one date style, no serial comma, in every English document', () => {
    const all = DOCS.map((d) => pdfs.en.a4[d]!.text).join('\n');
    expect(all).not.toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/);
    expect(all).toMatch(/7 September 2020/);
    expect(has(pdfs.en.a4.solidarity!.text, 'Maryia reads Russian, Belarusian, German and some English.')).toBe(true);
  });
});

describe('the content check for straight quotes', () => {
  it('finds none in the bundled content, and warns at the line of one', () => {
    const bundled = check({ cwd: REPO, locales: LOCALES, cases: [CASE] });
    expect(bundled.diagnostics.filter((d) => /straight/.test(d.message))).toEqual([]);
    const dir = copyContent();
    const file = path.join(dir, 'content', 'en', 'cases', CASE, 'case.md');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('Maryia’s or other', "Maryia's or other"));
    // The warning names the line where the card's text field starts.
    const lines = before.split('\n');
    const at = lines.findIndex((l) => l.includes('Maryia’s or other'));
    const line = lines.slice(0, at + 1).findLastIndex((l) => /^\s+text: /.test(l)) + 1;
    expect(line).toBeGreaterThan(0);
    const result = check({ cwd: dir, bundled: false, locales: ['en'], cases: [CASE] });
    const found = result.diagnostics.filter((d) => /straight apostrophe/.test(d.message));
    expect(found.map((d) => d.line)).toEqual([line]);
    expect(found[0].file.endsWith(path.join('content', 'en', 'cases', CASE, 'case.md'))).toBe(true);
  });
});
