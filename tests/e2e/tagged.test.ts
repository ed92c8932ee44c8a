// Tagged PDF (PDF/UA-1 intent), read back as assistive technology reads it (pdf.js; poppler where
// pdf.js shows only one page at a time): every document of every bundled locale has a structure
// tree that holds all of its text exactly once, in reading order; decoration and running footers
// are artifacts; headings nest; figures have alternative text; runs in another script carry their
// language; tables have scoped heading cells; links are Link elements with their annotation.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_IDS } from '../../src/documents/registry.js';
import { build } from '../../src/commands/build.js';
import { buildInto, copyContent, REPO, tempDir } from '../helpers/build.js';
import { FOOTER_ZONE, readPdf, type ReadPdf } from '../helpers/pdf.js';
import { pdfObjects, xmp } from '../helpers/pdf-objects.js';
import { elements, leaves, readTagged, type Leaf, type TaggedPage } from '../helpers/structure.js';

const CASE = 'maryia-kalesnikava';
/** Every locale folder bundled in content/ (the proof locales included). */
const LOCALES = readdirSync(path.join(REPO, 'content'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(d.name))
  .map((d) => d.name);
const SINGLE = DOCUMENT_IDS.filter((d) => d !== 'pack' && d !== 'petition');
const PACKS = ['en', 'ar'];

const tagged: Record<string, Record<string, TaggedPage[]>> = {};
const read: Record<string, Record<string, ReadPdf>> = {};
let out: string;
const file = (locale: string, doc: string, kase = CASE) => path.join(out, kase, locale, `${doc}.pdf`);

beforeAll(async () => {
  out = tempDir('wp-tagged-');
  const singles = await buildInto({ outDir: out, locales: LOCALES, cases: [CASE], docs: SINGLE });
  expect(singles.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const packs = await buildInto({ outDir: out, locales: PACKS, cases: [CASE], docs: ['pack'] });
  expect(packs.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // The case as in 2024 (in prison, before the release), which has a petition: its signature table.
  const dir = copyContent(PACKS);
  for (const l of PACKS) {
    const f = path.join(dir, 'content', l, 'cases', CASE, 'case.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^updates:\n(?: {2}.*\n|\n)+/m, ''));
  }
  const petition = await build({ cwd: dir, bundled: false, outDir: out, locales: PACKS, cases: [CASE], docs: ['petition'] });
  expect(petition.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const locale of LOCALES) {
    tagged[locale] = {};
    read[locale] = {};
    for (const doc of [...SINGLE, ...(PACKS.includes(locale) ? ['pack', 'petition'] : [])]) {
      tagged[locale][doc] = await readTagged(file(locale, doc));
      read[locale][doc] = await readPdf(file(locale, doc));
    }
  }
}, 900_000);

/** The characters of a text, sorted: the same text in another order compares equal. */
const letters = (texts: string[]) => [...texts.join('').replace(/[\s\u00AD\u200B-\u200F\u2066-\u2069]/g, '')].sort().join('');
/** Sorted letters of `a` without those of `b` (each once). */
function without(a: string, b: string): string {
  const rest = [...a];
  for (const c of b) {
    const i = rest.indexOf(c);
    if (i >= 0) rest.splice(i, 1);
  }
  return rest.join('');
}
const headingLevel = (role: string) => (/^H[1-6]$/.test(role) ? Number(role[1]) : 0);

describe.each(LOCALES)('locale %s', (locale) => {
  const docs = () => Object.keys(tagged[locale]);

  it('tags every text of every document exactly once: the body as structure, footers, blank-page notes and repeated table headings as artifacts', () => {
    for (const doc of docs()) {
      const pages = tagged[locale][doc];
      const pdf = read[locale][doc];
      expect(pages.flatMap((p) => p.unmarked), `${doc}: text outside any marked content`).toEqual([]);
      expect(pages.flatMap((p) => p.orphans), `${doc}: marked text no element holds`).toEqual([]);
      const headings = letters(elements(pages).filter((e) => e.role === 'TH').flatMap((e) => e.text));
      pages.forEach((page, i) => {
        const p = pdf.pages[i];
        const all = p.items.map((t) => t.str);
        const footer = p.items.filter((t) => t.y >= p.height - FOOTER_ZONE).map((t) => t.str);
        const structured = leaves([page]).map((l) => l.text);
        expect(letters([...structured, ...page.artifacts]), `${doc} page ${i + 1}: each text once`).toBe(letters(all));
        if (!structured.length) return; // a blank back: its note is for the eye only
        // Beyond the footer, only a table's heading row repeated from an earlier page.
        const extra = without(letters(page.artifacts), letters(footer));
        expect(without(extra, headings), `${doc} page ${i + 1}: artifacts beyond the footer`).toBe('');
      });
    }
  });

  it('reads the story and the letter in the order they are printed, line by line', () => {
    // These are set in one column (the story's photo and update side by side, read column by
    // column): what a screen reader reads is what the page shows, in the same order.
    const squash = (s: string) => s.replace(/[\s\u00AD\u200B-\u200F\u2066-\u2069]/g, '');
    for (const doc of ['story', 'letter']) {
      const pdf = read[locale][doc];
      const shown = pdf.pages.map((p) => p.items.filter((t) => t.y < p.height - FOOTER_ZONE).map((t) => t.str).join('')).join('');
      const tree = leaves(tagged[locale][doc]).map((l) => l.text).join('');
      expect(squash(tree), doc).toBe(squash(shown));
    }
  });

  it('has headings that nest: each document part starts at H1 and never skips a level', () => {
    for (const doc of docs()) {
      // In the pack each handout is a Part with its own headings.
      const parts = tagged[locale][doc].flatMap((p) => p.roots.flatMap((root) => (root.children.some((c) => c.role === 'Part') ? root.children.filter((c) => c.role === 'Part') : [root])));
      const sequences = new Map<unknown, number[]>();
      for (const part of parts) {
        const levels: number[] = [];
        const walk = (n: typeof part) => {
          if (headingLevel(n.role)) levels.push(headingLevel(n.role));
          n.children.forEach(walk);
        };
        walk(part);
        sequences.set(part, levels);
      }
      const all = [...sequences.values()].flat();
      expect(all.length, `${doc}: headings`).toBeGreaterThan(0);
      for (const levels of sequences.values()) {
        if (!levels.length) continue;
        levels.forEach((level, i) => {
          if (i === 0) return;
          expect(level, `${doc}: heading ${i + 1} of ${levels.join(',')}`).toBeLessThanOrEqual(levels[i - 1] + 1);
        });
      }
      // The document's (or each handout's) first heading on its first page is its title, an H1.
      expect(all[0], doc).toBe(1);
    }
  });

  it('gives every figure alternative text, the photo its alt from the case', () => {
    for (const doc of docs()) {
      for (const figure of elements(tagged[locale][doc]).filter((e) => e.role === 'Figure')) expect(figure.alt?.trim(), `${doc}: a figure without alt text`).toBeTruthy();
    }
    const kase = matter(readFileSync(path.join(REPO, 'content', locale === 'fr-CA' ? 'fr' : locale, 'cases', CASE, 'case.md'), 'utf8')).data;
    const figures = elements(tagged[locale].story).filter((e) => e.role === 'Figure');
    expect(figures.map((f) => f.alt)).toContain(kase.people[0].photo.alt);
  });

  it('reads the UDHR page group by group: title, description, then its articles as a list', () => {
    const groups: { title: string; articles: { title: string }[] }[] = matter(readFileSync(path.join(REPO, 'content', locale === 'fr-CA' ? 'fr' : locale, 'udhr.md'), 'utf8')).data.groups;
    const sequence = leaves(tagged[locale].udhr);
    const squash = (s: string) => s.replace(/[\s\u00AD\u200B-\u200F\u2066-\u2069]/g, '');
    const heads = sequence.filter((l) => l.roles.at(-1) === 'H2').map((l) => squash(l.text));
    // Group titles may be set on two lines: joined per H2 element.
    const titles = elements(tagged[locale].udhr)
      .filter((e) => e.role === 'H2')
      .map((e) => squash(e.text.join('')));
    expect(titles).toEqual(groups.map((g) => squash(g.title)));
    expect(heads.length).toBeGreaterThanOrEqual(groups.length);
    // Each group's articles come after its title and before the next group's.
    const articleBodies = (l: Leaf) => l.roles.at(-1) === 'LBody';
    let group = -1;
    const seen: string[][] = groups.map(() => []);
    for (const l of sequence) {
      if (l.roles.at(-1) === 'H2' && titles[group + 1]?.startsWith(squash(l.text))) group++;
      else if (articleBodies(l) && group >= 0) seen[group].push(squash(l.text));
    }
    groups.forEach((g, i) => expect(seen[i].join(''), g.title).toBe(g.articles.map((a) => squash(a.title)).join('')));
  });

  it('reads the matching cards card by card: each card its kind, then its text', () => {
    const cards = elements(tagged[locale]['matching-cards']).filter((e) => e.role === 'LI');
    expect(cards.length).toBeGreaterThanOrEqual(16);
    for (const card of cards) {
      expect(card.children.map((c) => c.role)).toEqual(['Lbl', 'LBody']);
      expect(card.children[0].text.join('').trim()).not.toBe('');
    }
  });

  it('marks runs wholly in another script with their language, and nothing else', () => {
    const latinScript = ['en', 'fr', 'fr-CA', 'es', 'de', 'pl'].includes(locale);
    for (const doc of docs()) {
      for (const leaf of leaves(tagged[locale][doc])) {
        const latin = /\p{Script=Latin}/u.test(leaf.text);
        const own = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(leaf.text);
        if (latinScript) expect(leaf.lang, `${doc}: "${leaf.text}"`).toBeUndefined();
        else if (latin && !own) expect(leaf.lang, `${doc}: "${leaf.text}"`).toBe('en');
        else if (own) expect(leaf.lang, `${doc}: "${leaf.text}"`).toBeUndefined();
      }
    }
  });

  it('names the document language, shows the title, says it is tagged and PDF/UA', async () => {
    const f = file(locale, 'story');
    const catalog = [...pdfObjects(f).values()].find((o) => /\/Type \/Catalog/.test(o.dict))!.dict;
    expect(catalog).toMatch(new RegExp(`/Lang \\(${locale}\\)`));
    expect(catalog).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(catalog).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(read[locale].story.viewerPreferences.DisplayDocTitle).toBe(true);
    expect(xmp(f)).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    const pages = [...pdfObjects(f).values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
    for (const page of pages) expect(page.dict).toMatch(/\/Tabs \/S/);
  });
});

describe('tagged details', () => {
  it('reads an address in Latin letters in the Arabic letter as English, in one span', () => {
    const spans = elements(tagged.ar.letter).filter((e) => e.role === 'Span' && e.lang === 'en');
    expect(spans.map((s) => s.text.join(' '))).toContainEqual(expect.stringMatching(/^Ministry of Foreign Affairs of the Republic of Belarus vul\. Lenina 19/));
  });

  it.each(['ar', 'fa', 'he'])('reads a right-to-left line as one text, its words in reading order with their spaces (%s)', (locale) => {
    // Each word of an RTL line is an item of its own in layout; the line's text layer is one run
    // with a space of the layer between words, in one marked-content sequence (paint/shaped-text.ts).
    const bare = (t: string) => t.normalize('NFC').replace(/\p{Cf}/gu, '').trim();
    const kase = matter(readFileSync(path.join(REPO, 'content', locale, 'cases', CASE, 'case.md'), 'utf8'));
    const title = bare(kase.data.storyTitle);
    expect(title.split(' ').length).toBeGreaterThan(1);
    const h1 = elements(tagged[locale].story).filter((e) => e.role === 'H1');
    expect(h1.map((e) => e.text.map(bare))).toContainEqual([title]);
    // poppler reads a sequence in drawing order, left to right: the title's characters last to
    // first, the spaces between its words included (as text, not guessed from gaps).
    const poppler = execFileSync('pdfinfo', ['-struct-text', file(locale, 'story')], { encoding: 'utf8' });
    expect(poppler).toContain(`"${[...kase.data.storyTitle.normalize('NFC')].reverse().join('')}"`);
    // Every line of the story's body is one sequence with its spaces, as an LTR line is.
    const lines = leaves(tagged[locale].story).map((l) => bare(l.text)).filter((t) => /[\u0590-\u06FF]/.test(t));
    expect(lines.filter((t) => t.split(' ').length >= 5).length).toBeGreaterThan(10);
  });

  it('makes links Link elements holding their text and their annotation', () => {
    const links = elements(tagged.en.letter).filter((e) => e.role === 'Link');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.annotations).toBeGreaterThanOrEqual(1);
      expect(link.text.join('').trim()).not.toBe('');
    }
    // The contents page's entries link to their pages.
    const contents = elements(tagged.en.pack).filter((e) => e.role === 'Link');
    expect(contents.length).toBeGreaterThan(links.length);
  });

  it.each(PACKS)('tags the signature table (%s): scoped column headings, numbered rows', (locale) => {
    const f = file(locale, 'petition');
    const pages = tagged[locale].petition;
    const heads = elements(pages).filter((e) => e.role === 'TH');
    expect(heads.length).toBeGreaterThanOrEqual(3);
    const rows = elements(pages).filter((e) => e.role === 'TR');
    expect(rows.length).toBeGreaterThan(10);
    const poppler = execFileSync('pdfinfo', ['-struct', f], { encoding: 'utf8' });
    expect((poppler.match(/TH:?\s*\n?\s*\/Scope \/Column/g) ?? []).length).toBe(heads.length);
  });

  it.each(PACKS)('tags a table heading row repeated on a later page as an artifact (%s guide)', (locale) => {
    const pages = tagged[locale].guide;
    const heads = elements(pages).filter((e) => e.role === 'TH');
    expect(heads.length).toBeGreaterThan(0);
    const first = heads[0].text.join('').trim();
    const repeated = pages.filter((p) => p.artifacts.some((a) => a.trim() === first));
    expect(repeated.length).toBeGreaterThan(0);
  });

  it("names a section's logo and its QR codes as figures: the logo by the section's name, a code by where it leads", async () => {
    const dir = tempDir('wp-tagged-section-');
    const result = await buildInto({ outDir: dir, section: 'demo-be', locales: ['fr'], cases: [CASE], docs: ['story', 'pack'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const story = elements(await readTagged(path.join(dir, 'demo-be', CASE, 'fr', 'story.pdf'))).filter((e) => e.role === 'Figure');
    expect(story.map((f) => f.alt)).toContain('https://demo-be.example.org/agir/maryia-kalesnikava');
    const pack = await readTagged(path.join(dir, 'demo-be', CASE, 'fr', 'pack.pdf'));
    const figures = elements(pack).filter((e) => e.role === 'Figure');
    expect(figures.map((f) => f.alt)).toContain('Section démo · Belgique francophone (fictive)');
    for (const f of figures) expect(f.alt?.trim(), 'a figure without alt text').toBeTruthy();
    // The section's line under every footer is an artifact, as the footer is.
    expect(pack.flatMap((p) => p.unmarked)).toEqual([]);
    expect(pack.slice(2).every((p) => p.artifacts.join('').includes('ecoles@demo-be.example.org') || !p.roots.length)).toBe(true);
  });

  it('keeps the reading order of the pack in the folded booklet, whose pages are imposed out of order', async () => {
    const dir = tempDir('wp-tagged-booklet-');
    const result = await buildInto({ outDir: dir, locales: ['en'], cases: [CASE], docs: ['pack'], print: { booklet: true } });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const flat = (f: string) => execFileSync('pdfinfo', ['-struct-text', f], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter((l) => l.trim().startsWith('"')).map((l) => l.trim());
    const booklet = flat(path.join(dir, CASE, 'en', 'pack.pdf'));
    // The booklet leaves the cut sheets out and numbers its pages otherwise: the lines it shares
    // with the pack, each printed once in both, come in the pack's order.
    const pack = flat(file('en', 'pack'));
    const once = (lines: string[]) => new Set(lines.filter((l, i) => lines.indexOf(l) === i && lines.lastIndexOf(l) === i));
    const inPack = once(pack);
    const inBooklet = once(booklet);
    const shared = (lines: string[]) => lines.filter((l) => inPack.has(l) && inBooklet.has(l));
    expect(shared(booklet).length).toBeGreaterThan(300);
    expect(shared(booklet)).toEqual(shared(pack));
  });
});
