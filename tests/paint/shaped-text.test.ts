// Shaped text drawn as outlines (shaped-text.ts) puts every glyph where shaping put it: the first
// glyph of an item by a scaled, flipped transform, each next one by a move from the one before,
// marks lifted by their offset, justified space after each space character. The PDF's content is
// read back (every cm and Do, with q/Q) and each form's position compared with the shaped run's.
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { TextItem } from '../../src/layout/frame.js';
import { loadFontBook, wordsOf, type Face } from '../../src/layout/fonts.js';
import { drawOutlines, newShapedTextState } from '../../src/paint/shaped-text.js';
import { REPO } from '../helpers/build.js';

const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
const faceOf = (t: TextItem): Face => book.face(t.face.split('/')[0], { bold: t.face.endsWith('bold'), italic: false });

/** Each item on its own page, or all on one: the PDF, uncompressed. */
function paint(pages: TextItem[][]): Promise<string> {
  const date = new Date(Date.UTC(2025, 0, 1));
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: date, ModDate: date } });
  const chunks: Buffer[] = [];
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  const state = newShapedTextState();
  for (const items of pages) {
    doc.addPage({ size: 'A4', margin: 0 });
    for (const t of items) drawOutlines(doc, book, faceOf(t), [t], state);
  }
  doc.end();
  return done;
}

type Matrix = [number, number, number, number, number, number];
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];

/** Each page's forms as drawn: name and position in PDF space, and the forms its resources list. */
function placements(pdf: string): { drawn: { name: string; x: number; y: number }[]; listed: Set<string> }[] {
  const objects = new Map<string, string>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(m[1], m[2]);
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o));
  return pages.map((page) => {
    const content = objects.get(/\/Contents (\d+) 0 R/.exec(page)![1])!;
    const resources = objects.get(/\/Resources (\d+) 0 R/.exec(page)?.[1] ?? '') ?? page;
    const listed = new Set([.../\/XObject <<([^>]*)>>/.exec(resources)?.[1].matchAll(/\/(\w+) \d+ 0 R/g) ?? []].map((m) => m[1]));
    const stream = /stream\n([\s\S]*)\nendstream/.exec(content)![1];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    const drawn: { name: string; x: number; y: number }[] = [];
    let operands: string[] = [];
    for (const token of stream.split(/\s+/).filter(Boolean)) {
      if (token === 'q') stack.push(ctm);
      else if (token === 'Q') ctm = stack.pop()!;
      else if (token === 'cm') ctm = times(operands.map(Number) as Matrix, ctm);
      else if (token === 'Do') drawn.push({ name: operands[0].slice(1), x: ctm[4], y: ctm[5] });
      if (/^[a-zA-Z]+$/.test(token)) operands = [];
      else operands.push(token);
    }
    return { drawn, listed };
  });
}

/** Where shaping puts each outlined glyph of an item, in PDF space (pdfkit's pages are 841.89 high). */
function expected(t: TextItem): { x: number; y: number }[] {
  const face = faceOf(t);
  const scale = t.size / face.font.unitsPerEm;
  const runs = t.rtl ? [book.shape(face, t.text, 'rtl')] : wordsOf(t.text).map((w) => book.shape(face, w, 'ltr'));
  const out: { x: number; y: number }[] = [];
  let x = t.x;
  for (const run of runs)
    for (let i = 0; i < run.length; i++) {
      const glyph = run.glyph(i);
      if (glyph.path.commands.length) out.push({ x: x + run.xOffset(i) * scale, y: 841.89 - (t.y - run.yOffset(i) * scale) });
      x += run.xAdvance(i) * scale;
      if (t.wordSpacing && glyph.codePoints.includes(0x20)) x += t.wordSpacing;
    }
  return out;
}

const item = (text: string, y: number, extra: Partial<TextItem>): TextItem => ({
  type: 'text', x: 72.3, y, width: 400, text, face: 'noto-sans/regular', size: 10.5, color: '#000000', ...extra,
});

describe('drawOutlines', () => {
  // Arabic with its vowel marks (placed above and below by offset), drawn twice (the second time
  // from what the PDF kept of the first); Devanagari words with conjuncts and vowel signs, plain
  // and justified; two right-to-left words justified; a word on a second page, whose resources must list its forms too.
  const arabic = 'مُحَمَّدٌ';
  const items = [
    item(arabic, 100, { face: 'noto-sans-arabic/regular', rtl: true }),
    item('عَلِيٌّ', 120, { face: 'noto-sans-arabic/bold', rtl: true, size: 13.7 }),
    item(arabic, 140, { face: 'noto-sans-arabic/regular', rtl: true, x: 300.125 }),
    item('क्षत्रिय स्त्री कि', 160, { face: 'noto-sans-devanagari/regular' }),
    item('क्षत्रिय स्त्री कि', 180, { face: 'noto-sans-devanagari/regular', wordSpacing: 3.3 }),
    // Right to left, two words shaped as one run: the space between them is widened.
    item(`عَلِيٌّ ${arabic}`, 200, { face: 'noto-sans-arabic/regular', rtl: true, wordSpacing: 4.1 }),
  ];
  const second = [item(arabic, 200, { face: 'noto-sans-arabic/regular', rtl: true })];

  it('puts every glyph where shaping put it, marks included', async () => {
    const [first, next] = placements(await paint([items, second]));
    const want = items.flatMap(expected);
    expect(first.drawn).toHaveLength(want.length);
    // Marks are off the baseline: the test would not see a wrong vertical move otherwise.
    expect(new Set(expected(items[0]).map((p) => p.y.toFixed(2))).size).toBeGreaterThan(1);
    first.drawn.forEach((d, i) => {
      expect(d.x).toBeCloseTo(want[i].x, 2);
      expect(d.y).toBeCloseTo(want[i].y, 2);
    });
    // The same word draws the same forms wherever it is.
    const names = (from: number, n: number) => first.drawn.slice(from, from + n).map((d) => d.name);
    const n = expected(items[0]).length;
    const third = expected(items[0]).length + expected(items[1]).length;
    expect(names(third, n)).toEqual(names(0, n));
    expect(next.drawn.map((d) => d.name)).toEqual(names(0, n));
    next.drawn.forEach((d, i) => expect(d.y).toBeCloseTo(expected(second[0])[i].y, 2));
    // Every form drawn is in its page's resources.
    for (const page of [first, next]) for (const d of page.drawn) expect(page.listed).toContain(d.name);
  });
});
