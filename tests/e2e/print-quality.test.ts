// Print quality, read back from real PDFs: black text and rules are DeviceGray 0 (K only), font
// subset tags come from the subset's content, contents entries and addresses are links, and
// bookmarks open at the top-left corner of their target.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildInto, tempDir } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';

let out: string;
const file = (locale: string, doc: string) => path.join(out, 'maryia-kalesnikava', locale, `${doc}.pdf`);

beforeAll(async () => {
  out = tempDir('wp-print-');
  const result = await buildInto({ locales: ['en', 'ar'], cases: ['maryia-kalesnikava'], docs: ['story', 'guide', 'matching-cards', 'solidarity', 'pack'], outDir: out });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}, 120_000);

/** Every content stream of a PDF, inflated. */
function contentStreams(pdf: string): string[] {
  const raw = readFileSync(pdf);
  const text = raw.toString('latin1');
  const streams: string[] = [];
  for (const m of text.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g)) {
    const dict = m[1];
    if (/\/Subtype|\/FontFile|\/Type \/XObject|\/Length1|\/Type \/Metadata/.test(dict)) continue;
    const start = m.index! + m[0].length;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const bytes = raw.subarray(start, start + length);
    streams.push(/\/FlateDecode/.test(dict) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1'));
  }
  return streams;
}

/** The fill colour in effect at each text-showing operator, and the stroke colour at each stroke. */
function paints(stream: string) {
  const tokens = stream.split(/\s+/).filter(Boolean);
  const stack: { fill: string; stroke: string }[] = [];
  let state = { fill: 'DeviceGray 0', stroke: 'DeviceGray 0' };
  let fillSpace = 'DeviceGray';
  let strokeSpace = 'DeviceGray';
  const operands: string[] = [];
  const text: string[] = [];
  const strokes: string[] = [];
  for (const t of tokens) {
    if (/^[a-zA-Z'"*]+$/.test(t)) {
      if (t === 'q') stack.push({ ...state });
      else if (t === 'Q') state = stack.pop() ?? state;
      else if (t === 'cs') fillSpace = operands.at(-1)!.slice(1);
      else if (t === 'CS') strokeSpace = operands.at(-1)!.slice(1);
      else if (t === 'scn' || t === 'sc') state.fill = `${fillSpace} ${operands.filter((o) => /^[\d.]+$/.test(o)).join(' ')}`;
      else if (t === 'SCN' || t === 'SC') state.stroke = `${strokeSpace} ${operands.filter((o) => /^[\d.]+$/.test(o)).join(' ')}`;
      else if (t === 'g') state.fill = `DeviceGray ${operands.at(-1)}`;
      else if (t === 'rg') state.fill = `DeviceRGB ${operands.slice(-3).join(' ')}`;
      else if (t === 'G') state.stroke = `DeviceGray ${operands.at(-1)}`;
      else if (t === 'RG') state.stroke = `DeviceRGB ${operands.slice(-3).join(' ')}`;
      else if (t === 'Tj' || t === 'TJ') text.push(state.fill);
      else if (t === 'S' || t === 's') strokes.push(state.stroke);
      operands.length = 0;
    } else operands.push(t);
  }
  return { text, strokes };
}

/** A colour that looks grey or black but is not DeviceGray. */
const neutralRgb = (c: string) => {
  const m = /^DeviceRGB ([\d.]+) ([\d.]+) ([\d.]+)$/.exec(c);
  return !!m && m[1] === m[2] && m[2] === m[3];
};

describe('black is pure black', () => {
  it.each([
    ['en', 'story'],
    ['en', 'pack'],
    ['ar', 'story'],
  ])('%s %s: text is painted in DeviceGray, the body text in gray 0, no grey or black as RGB', (locale, doc) => {
    const all = contentStreams(file(locale, doc)).map(paints);
    const text = all.flatMap((p) => p.text);
    const strokes = all.flatMap((p) => p.strokes);
    expect(text.length).toBeGreaterThan(20);
    expect(text.filter(neutralRgb)).toEqual([]);
    expect(strokes.filter(neutralRgb)).toEqual([]);
    // Most text is body text, in black: DeviceGray 0.
    expect(text.filter((c) => c === 'DeviceGray 0').length / text.length).toBeGreaterThan(0.6);
  });
});

describe('font subsets', () => {
  it('name subsets by their content: two different subsets of one font get different tags, the same subset the same tag', async () => {
    const story = await readPdf(file('en', 'story'));
    const guide = await readPdf(file('en', 'guide'));
    const regular = (fonts: string[]) => fonts.find((f) => f.endsWith('+NotoSans-Regular'))!;
    expect(regular(story.fonts)).toBeDefined();
    expect(regular(guide.fonts)).toBeDefined();
    expect(regular(story.fonts)).not.toBe(regular(guide.fonts));
    // Not pdfkit's fixed tag for the first font of every file.
    expect(story.fonts.filter((f) => f.startsWith('CZZZZZ+'))).toEqual([]);
    // Built again on its own, the same subset carries the same tag.
    const again = tempDir('wp-print-again-');
    await buildInto({ locales: ['en'], cases: ['maryia-kalesnikava'], docs: ['story'], outDir: again });
    expect((await readPdf(path.join(again, 'maryia-kalesnikava', 'en', 'story.pdf'))).fonts.sort()).toEqual(story.fonts.sort());
  }, 60_000);
});

async function annotationsAndOutline(pdf: string) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0, isEvalSupported: false }).promise;
  const links: { page: number; url?: string; dest?: unknown }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    for (const a of await page.getAnnotations()) if (a.subtype === 'Link') links.push({ page: n, url: a.url, dest: a.dest });
  }
  const resolve = async (dest: unknown) => (typeof dest === 'string' ? await doc.getDestination(dest) : dest) as unknown[] | null;
  const outline: { title: string; dest: unknown[] | null; page: number; height: number }[] = [];
  const walk = async (items: Awaited<ReturnType<typeof doc.getOutline>>) => {
    for (const item of items ?? []) {
      const dest = await resolve(item.dest);
      const index = dest?.[0] ? await doc.getPageIndex(dest[0] as never) : -1;
      const height = index >= 0 ? (await doc.getPage(index + 1)).view[3] : 0;
      outline.push({ title: item.title, dest, page: index + 1, height });
      await walk(item.items);
    }
  };
  await walk(await doc.getOutline());
  const targets = await Promise.all(links.filter((l) => l.dest).map(async (l) => ({ ...l, resolved: await resolve(l.dest) })));
  const pageOf = async (d: unknown[] | null) => (d?.[0] ? (await doc.getPageIndex(d[0] as never)) + 1 : -1);
  const linkPages = await Promise.all(targets.map(async (t) => ({ from: t.page, to: await pageOf(t.resolved), dest: t.resolved })));
  await doc.destroy();
  return { links, outline, linkPages };
}

describe('links and bookmarks', () => {
  it('makes every contents entry of the pack a link to the page it names, at its top-left', async () => {
    const { linkPages } = await annotationsAndOutline(file('en', 'pack'));
    const pack = await readPdf(file('en', 'pack'));
    const contentsPage = pack.pages.findIndex((p) => p.text.includes('Contents')) + 1;
    const fromContents = linkPages.filter((l) => l.from === contentsPage);
    // Each entry: its title and its page number, both links.
    expect(fromContents.length).toBeGreaterThanOrEqual(2 * 5);
    for (const l of fromContents) {
      expect(l.to).toBeGreaterThan(contentsPage);
      const [, kind, left, top] = l.dest as [unknown, { name: string }, number, number];
      expect(kind.name).toBe('XYZ');
      expect(left).toBe(0);
      expect(top).toBeCloseTo(pack.pages[l.to - 1].height, 1);
    }
    // The page each entry names is the page its link opens: its number is printed at that page's foot.
    const entries = pack.pages[contentsPage - 1].items.filter((i) => /^\d+$/.test(i.str.trim()));
    const targets = new Set(fromContents.map((l) => l.to));
    for (const e of entries) if (Number(e.str) > contentsPage) expect(targets.has(Number(e.str)), `page ${e.str}`).toBe(true);
  }, 60_000);

  it('makes the guide’s references to handouts links to the page each names', async () => {
    const { linkPages } = await annotationsAndOutline(file('en', 'pack'));
    const pack = await readPdf(file('en', 'pack'));
    // “Maryia Kalesnikava’s story” (page N): from a guide page, a link that opens page N.
    const refs = pack.pages.flatMap((p, i) => [...p.text.matchAll(/”\s*\(page (\d+)\)/g)].map((m) => ({ from: i + 1, to: Number(m[1]) })));
    expect(refs.length).toBeGreaterThanOrEqual(5);
    for (const r of refs) expect(linkPages.some((l) => l.from === r.from && l.to === r.to), `page ${r.from} → ${r.to}`).toBe(true);
  }, 60_000);

  it('turns bare web and e-mail addresses into links', async () => {
    const { links } = await annotationsAndOutline(file('en', 'pack'));
    const urls = links.map((l) => l.url).filter(Boolean) as string[];
    expect(urls.some((u) => u.startsWith('mailto:'))).toBe(true);
    expect(urls.some((u) => /amnesty\.org/.test(u))).toBe(true);
    expect(urls.every((u) => /^(https?|mailto|tel):/.test(u))).toBe(true);
  }, 60_000);

  it.each(['en', 'ar'])('opens every bookmark of the %s pack at the top-left of its target', async (locale) => {
    const { outline } = await annotationsAndOutline(file(locale, 'pack'));
    expect(outline.length).toBeGreaterThan(5);
    for (const b of outline) {
      const [, kind, left, top] = b.dest as [unknown, { name: string }, number, number];
      expect(kind.name, b.title).toBe('XYZ');
      expect(left, `${b.title} opens at x ${left}`).toBe(0);
      expect(top, b.title).toBeGreaterThan(0);
      expect(top, b.title).toBeLessThanOrEqual(b.height + 0.01);
    }
  }, 60_000);
});

describe('cross-references between documents', () => {
  it('links #doc=<id> to the first page of that document where the PDF holds it, and leaves it plain text where not', async () => {
    const { loadFontBook } = await import('../../src/layout/fonts.js');
    const { paintPdf } = await import('../../src/paint/pdf.js');
    const { writeFileSync } = await import('node:fs');
    const book = loadFontBook(path.join(import.meta.dirname, '..', '..', 'fonts', 'fonts.json'));
    const face = book.face(book.defaultFamily, { bold: false, italic: false }).key;
    const ref = (text: string, link: string, y: number) => ({ type: 'text' as const, x: 50, y, width: 100, text, face, size: 10, color: '#000000', link });
    const page = (items: ReturnType<typeof ref>[]) => ({ width: 595.28, height: 841.89, items });
    const bytes = await paintPdf(
      { title: 't', lang: 'en', rtl: false, bookmarks: [], anchors: { guide: 1, story: 3 }, pages: [page([ref('the story', '#doc=story', 100), ref('the petition', '#doc=petition', 120)]), page([]), page([])] },
      { book, author: 'a', subject: 's', creationDate: new Date(0) },
    );
    const pdf = path.join(tempDir('wp-xref-'), 'x.pdf');
    writeFileSync(pdf, bytes);
    const { linkPages, links } = await annotationsAndOutline(pdf);
    expect(links).toHaveLength(1);
    expect(linkPages).toEqual([{ from: 1, to: 3, dest: expect.anything() }]);
    expect((linkPages[0].dest as unknown[])[2]).toBe(0);
  });
});
