// Print production read back from the PDFs: page boxes and crop marks (print shop), imposition
// order (booklet), mirrored backs (card backs), gray colour operators (grayscale) and the PDF/A
// identification, each with --locale, --doc and --paper, and together. Tools other than pdf.js
// (poppler, qpdf, ghostscript) are used where installed; .ci/run installs them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, cli, tempDir } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';
import { hasTool, pdfObjects, pdfPages, segments, xmp } from '../helpers/pdf-objects.js';
import { printerSpreads } from '../../src/print/booklet.js';
import type { PrintOptions } from '../../src/print/options.js';

const CASE = 'maryia-kalesnikava';
const MM3 = (3 * 72) / 25.4;
const hasPdfinfo = hasTool('pdfinfo', ['-v']);
const hasQpdf = hasTool('qpdf');
const hasGs = hasTool('gs');
const hasMutool = hasTool('mutool', ['-v']);

const dirs: Record<string, string> = {};
async function run(name: string, locales: string[], docs: string[], print: PrintOptions, paper?: 'a4' | 'letter') {
  const outDir = tempDir(`wp-print-${name}-`);
  const result = await buildInto({ cases: [CASE], locales, docs, outDir, print, paper });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  dirs[name] = outDir;
}
/** A PDF of a run; a paper other than the locale's own is in the file name (pack.letter.pdf). */
const file = (name: string, locale: string, doc: string) => path.join(dirs[name], CASE, locale, `${doc}${OTHER_PAPER[name] ?? ''}.pdf`);
const OTHER_PAPER: Record<string, string> = { all: '.a4', allBooklet: '.letter' };

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1733788800';
  await run('office', ['en'], ['matching-cards', 'udhr', 'pack'], {});
  await run('shop', ['en'], ['matching-cards', 'udhr'], { bleed: MM3, marks: true });
  await run('booklet', ['en', 'ar', 'fr-CA'], ['pack'], { booklet: true });
  await run('backs', ['en', 'ar'], ['matching-cards', 'solidarity'], { cardBacks: true });
  await run('gray', ['en', 'ar'], ['udhr', 'matching-cards'], { grayscale: true });
  await run('pdfa', ['en', 'ar'], ['story', 'udhr'], { pdfa: true });
  // Everything at once, on the other paper.
  await run('all', ['fr-CA'], ['matching-cards'], { pdfa: true, bleed: MM3, marks: true, cardBacks: true, grayscale: true }, 'a4');
  await run('allBooklet', ['ar'], ['pack'], { pdfa: true, booklet: true, grayscale: true, bleed: MM3, marks: true }, 'letter');
}, 240_000);

describe('office output (the default)', () => {
  it('has no print boxes and pages of plain A4', () => {
    for (const p of pdfPages(file('office', 'en', 'matching-cards'))) {
      expect(p.trim).toBeUndefined();
      expect(p.bleed).toBeUndefined();
      expect(p.media[2]).toBeCloseTo(595.28, 1);
    }
  });
});

describe('print shop (--print-shop: 3 mm bleed and crop marks)', () => {
  it('enlarges pages by the bleed and sets TrimBox and BleedBox to the A4 page and its bleed', () => {
    for (const p of pdfPages(file('shop', 'en', 'udhr'))) {
      const [tx1, ty1, tx2, ty2] = p.trim!;
      const [bx1, by1, bx2, by2] = p.bleed!;
      expect(tx2 - tx1).toBeCloseTo(595.28, 1);
      expect(ty2 - ty1).toBeCloseTo(841.89, 1);
      expect(tx1 - bx1).toBeCloseTo(MM3, 2);
      expect(bx2 - tx2).toBeCloseTo(MM3, 2);
      expect(ty1 - by1).toBeCloseTo(MM3, 2);
      expect(by2 - ty2).toBeCloseTo(MM3, 2);
      expect(bx1).toBeGreaterThan(0); // room for the marks
      expect(p.media[2]).toBeGreaterThan(bx2);
    }
  });
  it.runIf(hasPdfinfo)('poppler reads the same boxes (pdfinfo -box)', () => {
    const info = execFileSync('pdfinfo', ['-box', file('shop', 'en', 'udhr')], { encoding: 'utf8' });
    const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(info)!.slice(1).map(Number);
    expect(trim[2] - trim[0]).toBeCloseTo(595.28, 1);
    expect(/BleedBox:/.test(info)).toBe(true);
  });
  it('draws crop marks outside the bleed: at the corners, and at every card edge of a cut sheet', () => {
    const pages = pdfPages(file('shop', 'en', 'matching-cards'));
    const markXs = (p: (typeof pages)[number]) => {
      const h = p.media[3];
      // Marks are drawn outside any group (depth 1); the page itself is flipped (y from the top).
      const bleed = { x1: p.bleed![0], x2: p.bleed![2], y1: h - p.bleed![3], y2: h - p.bleed![1] };
      const marks = segments(p.content).filter((s) => s.depth === 1);
      for (const s of marks)
        for (const [x, y] of [[s.x1, s.y1], [s.x2, s.y2]]) expect(x < bleed.x1 + 0.01 || x > bleed.x2 - 0.01 || y < bleed.y1 + 0.01 || y > bleed.y2 - 0.01).toBe(true);
      return new Set(marks.filter((s) => Math.abs(s.x1 - s.x2) < 0.01).map((s) => s.x1.toFixed(1)));
    };
    // A cut sheet: the trim's two edges and each vertical cut line; a page with no cards: the trim only.
    const sheet = markXs(pages[0]);
    expect(sheet.size).toBeGreaterThan(2);
    expect(markXs(pdfPages(file('shop', 'en', 'udhr'))[0]).size).toBe(2);
  });
  it('keeps the text where it was, moved by the bleed and the slug', async () => {
    const office = await readPdf(file('office', 'en', 'udhr'));
    const shop = await readPdf(file('shop', 'en', 'udhr'));
    const offset = pdfPages(file('shop', 'en', 'udhr'))[0].trim![0];
    expect(shop.text).toBe(office.text);
    expect(shop.pages[0].items[0].x - office.pages[0].items[0].x).toBeCloseTo(offset, 1);
  });
  it('refuses a bleed that is not a length (exit 2)', async () => {
    const r = await cli(['build', '--case', CASE, '--locale', 'en', '--doc', 'udhr', '--bleed', '3', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--bleed 3: expected a length/);
  });
});

describe('booklet (--booklet)', () => {
  /** The page number in the footer ("Page 3 of 18") on each half of each sheet side. */
  const halves = async (pdf: string) => {
    const read = await readPdf(pdf);
    return read.pages.map((p) => [0, 1].map((half) => p.items.filter((i) => (half ? i.x > p.width / 2 : i.x < p.width / 2)).map((i) => i.str).join(' ')));
  };
  it('puts two pages on each landscape A4 side, in printer spreads, padded to a multiple of four', async () => {
    const pdf = file('booklet', 'en', 'pack');
    const pages = pdfPages(pdf);
    expect(pages[0].media[2]).toBeCloseTo(841.89, 1);
    expect(pages[0].media[3]).toBeCloseTo(595.28, 1);
    const sides = await halves(pdf);
    const total = Number(/Page \d+ of (\d+)/.exec(sides.flat().join(' '))![1]);
    expect(sides.length).toBe(Math.ceil(total / 4) * 2);
    printerSpreads(total).forEach((pair, s) =>
      pair.forEach((page, half) => {
        const text = sides[s][half];
        if (page === undefined) expect(text).toBe('');
        else if (page === 0) expect(text).toMatch(/Workshop pack/i); // the cover has no footer
        else if (/intentionally left blank/.test(text)) expect(text.trim()).toBe('This page is intentionally left blank.'); // a blank left-hand page before an odd start
        else expect(text).toMatch(new RegExp(`Page ${page + 1} of ${total}\\b`));
      }),
    );
  });
  it('leaves out the cut sheets and the petition, and the contents page says so', async () => {
    const office = await readPdf(file('office', 'en', 'pack'));
    const booklet = await readPdf(file('booklet', 'en', 'pack'));
    expect(office.text).toMatch(/Human rights cards/);
    expect(booklet.text).not.toMatch(/Human rights cards/);
    expect(booklet.text).toMatch(/Printed separately, not in this booklet: Matching rights cards and Solidarity cards/);
  });
  it('binds an Arabic booklet on the right: the cover on the left half of the first side', async () => {
    const read = await readPdf(file('booklet', 'ar', 'pack'));
    const p = read.pages[0];
    const left = p.items.filter((i) => i.x < p.width / 2).map((i) => i.str).join(' ');
    const right = p.items.filter((i) => i.x > p.width / 2).map((i) => i.str).join(' ');
    expect(left).toMatch(/حزمة ورشة العمل/);
    expect(right).toBe('');
  });
  it('imposes half-Letter pages on Letter for fr-CA', () => {
    const [first] = pdfPages(file('booklet', 'fr-CA', 'pack'));
    expect(first.media[2]).toBeCloseTo(792, 1);
    expect(first.media[3]).toBeCloseTo(612, 1);
  });
});

describe('card backs (--card-backs)', () => {
  it('follows every cut sheet with a back, the card kind and campaign on each card, mirrored for long-edge flip', async () => {
    const office = await readPdf(file('office', 'en', 'matching-cards'));
    const backs = await readPdf(file('backs', 'en', 'matching-cards'));
    const sheets = office.pages.filter((p) => /Cut along/.test(p.text)).length;
    expect(sheets).toBeGreaterThan(0);
    expect(backs.pages.length).toBe(office.pages.length + sheets);
    for (let i = 0; i < backs.pages.length; i++) {
      if (!/Cut along/.test(backs.pages[i].text)) continue;
      const front = backs.pages[i];
      const back = backs.pages[i + 1];
      const labels = front.items.filter((t) => /^MARYIA.S EXPERIENCE|^HUMAN RIGHTS CARD/.test(t.str));
      expect(labels.length).toBeGreaterThan(0);
      expect(back.text.match(/Write for Rights/g)?.length).toBe(labels.length);
      // Flipped on the long edge, a card in the left column has its back in the right one: each label
      // is on the other side of the middle, at the same offset from its mirrored card's start.
      const side = (x: number) => Math.sign(x - front.width / 2);
      for (const l of labels) {
        const twin = back.items.find((t) => t.str === l.str && side(t.x + t.width / 2) === -side(l.x + l.width / 2));
        expect(twin, `the back of "${l.str}" on the other side of the sheet from x=${l.x.toFixed(1)}`).toBeDefined();
      }
    }
  });
  it('gives Arabic solidarity cards their backs too', async () => {
    const read = await readPdf(file('backs', 'ar', 'solidarity'));
    expect(read.pages.length % 2).toBe(0);
  });
});

describe('grayscale (--grayscale)', () => {
  const colourOps = (pdf: string) => [...pdfObjects(pdf).values()].map((o) => o.stream ?? '').join('\n');
  it('writes every colour in DeviceGray, where office output uses DeviceRGB', () => {
    expect(colourOps(file('office', 'en', 'udhr'))).toMatch(/\/DeviceRGB (cs|CS)/);
    for (const [locale, doc] of [['en', 'udhr'], ['ar', 'udhr'], ['en', 'matching-cards']]) {
      const ops = colourOps(file('gray', locale, doc));
      expect(ops).toMatch(/\/DeviceGray cs/);
      expect(ops).not.toMatch(/\/Device(RGB|CMYK) (cs|CS)|\s(rg|RG|k|K)\s/);
    }
  });
  it('keeps the six UDHR groups apart: six different gray fills', () => {
    const fills = new Set([...colourOps(file('gray', 'en', 'udhr')).matchAll(/\/DeviceGray cs\s+([\d.]+) scn/g)].map((m) => Number(m[1]).toFixed(2)));
    const tints = [...fills].map(Number).filter((v) => v > 0.55 && v < 0.97);
    expect(tints.length).toBeGreaterThanOrEqual(6);
  });
});

describe('PDF/A-2b (--pdfa)', () => {
  for (const locale of ['en', 'ar']) {
    it(`${locale}: identifies itself as PDF/A-2b in XMP, with an sRGB output intent and every font embedded`, async () => {
      const pdf = file('pdfa', locale, 'story');
      const meta = xmp(pdf);
      expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
      expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
      expect(meta).toMatch(/<xmp:ModifyDate>/);
      const objects = [...pdfObjects(pdf).values()];
      const catalog = objects.find((o) => /\/Type \/Catalog/.test(o.dict))!;
      const intentRef = /\/OutputIntents \[\s*(\d+) 0 R/.exec(catalog.dict)![1];
      const intent = pdfObjects(pdf).get(Number(intentRef))!.dict;
      expect(intent).toMatch(/\/S \/GTS_PDFA1/);
      expect(intent).toMatch(/sRGB IEC61966-2.1/);
      expect(intent).toMatch(/\/DestOutputProfile \d+ 0 R/);
      const read = await readPdf(pdf);
      expect(read.allFontsEmbedded).toBe(true);
      expect(readFileSync(pdf, 'latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
      // The office output has no such identification (the test can fail).
      expect(xmp(file('office', 'en', 'udhr'))).not.toMatch(/pdfaid/);
    });
  }
  it.runIf(hasQpdf)('passes qpdf --check', () => {
    for (const f of [file('pdfa', 'ar', 'story'), file('all', 'fr-CA', 'matching-cards'), file('allBooklet', 'ar', 'pack')]) {
      const out = execFileSync('qpdf', ['--check', f], { encoding: 'utf8' });
      expect(out).toMatch(/No syntax or stream encoding errors/);
    }
  });
  it.runIf(hasMutool)('mupdf finds the output intent and the print boxes (mutool show)', () => {
    const pdf = file('all', 'fr-CA', 'matching-cards');
    expect(execFileSync('mutool', ['show', pdf, 'trailer/Root/OutputIntents/1'], { encoding: 'utf8' })).toMatch(/\/S \/GTS_PDFA1[\s\S]*\/DestOutputProfile \d+ 0 R/);
    const firstPage = /page 1 = (\d+) 0 R/.exec(execFileSync('mutool', ['show', pdf, 'pages'], { encoding: 'utf8' }))![1];
    expect(execFileSync('mutool', ['show', pdf, firstPage], { encoding: 'utf8' })).toMatch(/\/BleedBox \[[\s\S]*\/TrimBox \[/);
  });
  it.runIf(hasGs)('renders in ghostscript without a warning', () => {
    const out = execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=nullpage', file('pdfa', 'en', 'udhr')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });
});

describe('all together, with --locale, --doc and --paper', () => {
  it('fr-CA cards on A4: PDF/A, bleed and marks, gray, backs', async () => {
    const pdf = file('all', 'fr-CA', 'matching-cards');
    const pages = pdfPages(pdf);
    expect(pages.every((p) => p.trim && p.bleed)).toBe(true);
    expect(pages[0].trim![2] - pages[0].trim![0]).toBeCloseTo(595.28, 1);
    expect(xmp(pdf)).toMatch(/<pdfaid:part>2/);
    expect(pages.map((p) => p.content).join('\n')).not.toMatch(/\/DeviceRGB (cs|CS)/);
    const office = await readPdf(file('office', 'en', 'matching-cards'));
    expect(pages.length).toBeGreaterThan(office.pages.length);
  });
  it('an Arabic booklet on Letter: imposed, gray, PDF/A, with a trim box of the Letter sheet', () => {
    const pdf = file('allBooklet', 'ar', 'pack');
    const pages = pdfPages(pdf);
    expect(pages[0].trim![2] - pages[0].trim![0]).toBeCloseTo(792, 1);
    expect(pages.length % 2).toBe(0);
    expect(xmp(pdf)).toMatch(/<pdfaid:conformance>B/);
  });
});
