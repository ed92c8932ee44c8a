// A section's edition, read back from the PDFs: its name on the cover and under every page's footer,
// the return address and deadline where classes need them, the privacy statement on every petition
// page, QR codes that scan to the section's online action, its logo (SVG as vectors, PNG as an
// image), its paper and locales, and its own output folder. The neutral edition shows none of it.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build, type BuildResult } from '../../src/commands/build.js';
import { DOCUMENT_IDS } from '../../src/documents/registry.js';
import { cli, copyContent, REPO, tempDir } from '../helpers/build.js';
import { hasPdftotext, readPdf, squash, type ReadPdf } from '../helpers/pdf.js';
import { scanPage } from '../helpers/qr.js';

const TODAY = new Date('2026-12-01T00:00:00Z');
const CASE = 'maryia-kalesnikava';
let dir: string;
let out: string;
const results: Record<string, BuildResult> = {};
const pdf = (section: string, locale: string, doc: string) => path.join(out, section, CASE, locale, `${doc}.pdf`);
const read = new Map<string, ReadPdf>();
async function text(file: string): Promise<ReadPdf> {
  if (!read.has(file)) read.set(file, await readPdf(file));
  return read.get(file)!;
}

beforeAll(async () => {
  // The case as it stood before the release: it calls for a petition (a resolved case gets none).
  dir = copyContent(['en', 'fr', 'fr-CA']);
  cpSync(path.join(REPO, 'content', 'sections'), path.join(dir, 'content', 'sections'), { recursive: true });
  for (const locale of ['en', 'fr']) {
    const file = path.join(dir, 'content', locale, 'cases', CASE, 'case.md');
    const before = readFileSync(file, 'utf8');
    const after = before.replace(/^updates:\n(?: {2}.*\n|\n)+/m, '');
    expect(after).not.toBe(before);
    writeFileSync(file, after);
  }
  out = tempDir('wp-sections-');
  for (const section of ['demo-be', 'demo-ca']) results[section] = await build({ cwd: dir, bundled: false, section, cases: [CASE], outDir: out, today: TODAY });
  results.neutral = await build({ cwd: dir, bundled: false, cases: [CASE], locales: ['en'], docs: ['story', 'petition', 'pack'], outDir: out, today: TODAY });
}, 240_000);

describe('a section builds its own edition', () => {
  it('writes every document in the section\'s locales to out/<section>/<case>/<locale>/, without errors', () => {
    for (const r of Object.values(results)) expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const [section, locales] of [['demo-be', ['fr']], ['demo-ca', ['fr-CA', 'en']]] as const)
      for (const locale of locales) for (const doc of DOCUMENT_IDS) expect(existsSync(pdf(section, locale, doc)), `${section}/${locale}/${doc}`).toBe(true);
    // Only the section's locales: demo-be prints French alone.
    expect(existsSync(path.join(out, 'demo-be', CASE, 'en'))).toBe(false);
    // The neutral edition keeps its own place.
    expect(existsSync(path.join(out, CASE, 'en', 'story.pdf'))).toBe(true);
  });

  it('prints on the section\'s paper: Letter for demo-ca (en too), A4 for demo-be', async () => {
    expect((await text(pdf('demo-ca', 'en', 'story'))).pages[0]).toMatchObject({ width: 612, height: 792 });
    expect((await text(pdf('demo-ca', 'fr-CA', 'petition'))).pages[0]).toMatchObject({ width: 612, height: 792 });
    const a4 = (await text(pdf('demo-be', 'fr', 'story'))).pages[0];
    expect(a4.width).toBeCloseTo(595.28, 1);
  });

  it('the cover carries the section\'s name in the reader\'s language and its contacts', async () => {
    const en = (await text(pdf('demo-ca', 'en', 'pack'))).pages[0].text;
    expect(en).toContain('Demo Section Canada (fictional)');
    expect(en).toContain('ecoles@demo-ca.example.org');
    expect((await text(pdf('demo-ca', 'fr-CA', 'pack'))).pages[0].text).toContain('Section démo du Canada (fictive)');
    expect((await text(pdf('demo-be', 'fr', 'pack'))).pages[0].text).toContain('Section démo · Belgique francophone (fictive)');
  });

  it('every page of every handout names the section under its footer; every petition page carries the privacy statement', async () => {
    for (const doc of DOCUMENT_IDS) {
      const read = await text(pdf('demo-ca', 'en', doc));
      read.pages.forEach((p, i) => {
        if (doc === 'pack' && i === 0) return; // the cover has its band instead
        if (p.text.trim() === 'This page is intentionally left blank.') return; // a blank back prints nothing else
        expect(p.text, `${doc} page ${i + 1}`).toContain('Demo Section Canada (fictional)');
        // In the bottom margin, under the footer.
        const line = p.items.find((it) => it.str.includes('Demo Section Canada (fictional)') && it.y > p.height - 30);
        expect(line, `${doc} page ${i + 1}`).toBeDefined();
        // On the type scale, like the footer above it: nothing under 8 pt.
        expect(line!.height, `${doc} page ${i + 1}: size`).toBeGreaterThanOrEqual(7.99);
      });
    }
    const petition = await text(pdf('demo-ca', 'en', 'petition'));
    expect(petition.pages.length).toBeGreaterThan(1);
    for (const p of petition.pages) expect(squash(p.text)).toContain(squash('Only your name and country will be shared; we never add you to a mailing list.'));
    for (const p of (await text(pdf('demo-be', 'fr', 'petition'))).pages) expect(squash(p.text)).toContain(squash('Seuls le nom et le pays de chaque signataire'));
  });

  it('the return address and the deadline are on the petition, the letter handout and the guide\'s Preparation', async () => {
    for (const doc of ['petition', 'letter', 'guide']) {
      const en = squash((await text(pdf('demo-ca', 'en', doc))).text);
      const has = (s: string, t: string) => expect(s, doc).toContain(squash(t));
      has(en, '123, rue Exemple, bureau 4');
      has(en, 'Ottawa (Ontario) K1A 0A1');
      has(en, 'Please send them by 15 April 2027.');
      has(squash((await text(pdf('demo-ca', 'fr-CA', doc))).text), 'Merci de les envoyer avant le 15 avril 2027.');
      // demo-be's deadline for this case is its own, not the campaign's.
      has(squash((await text(pdf('demo-be', 'fr', doc))).text), 'Merci de les envoyer avant le 28 février 2027.');
    }
    const guide = squash((await text(pdf('demo-ca', 'en', 'guide'))).text);
    const [prep, address, materials] = ['Preparation', '123, rue Exemple', 'Materials'].map((s) => guide.indexOf(squash(s)));
    expect(prep).toBeGreaterThan(-1);
    expect(address).toBeGreaterThan(prep);
    expect(materials).toBeGreaterThan(address);
  });

  // Scanning renders pages with poppler's pdftoppm, installed with pdftotext (.ci/run).
  it.skipIf(!hasPdftotext)('the story, petition and solidarity handouts carry a QR code that scans to the online action, its URL printed beneath', async () => {
    for (const [section, locale, url] of [
      ['demo-ca', 'en', 'https://demo-ca.example.org/act'],
      ['demo-ca', 'fr-CA', 'https://demo-ca.example.org/act'],
      ['demo-be', 'fr', 'https://demo-be.example.org/agir/maryia-kalesnikava'],
    ]) {
      for (const doc of ['story', 'petition', 'solidarity']) {
        const read = await text(pdf(section, locale, doc));
        const pages = read.pages.map((p, i) => i + 1).filter((n) => read.pages[n - 1].text.includes(url));
        // Once a handout; on the petition, on every signature sheet (each travels alone), not the letter's sheet.
        if (doc === 'petition') expect(pages, `${section}/${locale}/${doc}: URL printed`).toEqual(read.pages.map((_, i) => i + 1).slice(1));
        else expect(pages.length, `${section}/${locale}/${doc}: URL printed`).toBe(1);
        for (const page of pages) expect(scanPage(pdf(section, locale, doc), page), `${section}/${locale}/${doc} page ${page}`).toBe(url);
      }
    }
  });

  it.skipIf(!hasPdftotext)('draws an SVG logo as vectors and a PNG logo as an image, in the band at the top of the cover', async () => {
    const images = async (file: string) => {
      const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
      const ops = await (await doc.getPage(1)).getOperatorList();
      return ops.fnArray.filter((f) => f === OPS.paintImageXObject).length;
    };
    // The cover shows the case's photo; demo-ca adds its PNG logo, demo-be's SVG is no image at all.
    expect(await images(pdf('demo-be', 'fr', 'pack'))).toBe(1);
    expect(await images(pdf('demo-ca', 'en', 'pack'))).toBe(2);
    // The SVG's square is painted in the section's colour (#1d4f91) where the logo's box is.
    const ppm = execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-x', '42', '-y', '42', '-W', '60', '-H', '44', pdf('demo-be', 'fr', 'pack')]);
    const header = ppm.subarray(0, 20).toString('latin1').split(/\s+/);
    expect(header[0]).toBe('P6');
    const at = (x: number, y: number) => {
      const offset = ppm.length - 60 * 44 * 3 + (y * 60 + x) * 3;
      return [...ppm.subarray(offset, offset + 3)];
    };
    const [r, g, b] = at(4, 20);
    expect(Math.abs(r - 0x1d) + Math.abs(g - 0x4f) + Math.abs(b - 0x91)).toBeLessThan(30);
    // …and its white circle, a shape inside it.
    expect(at(22, 10)).toEqual([255, 255, 255]);
  });
});

describe('the neutral edition', () => {
  it.skipIf(!hasPdftotext)('shows no section: no band, no section line, no QR code', async () => {
    for (const doc of ['story', 'petition', 'pack']) {
      const file = path.join(out, CASE, 'en', `${doc}.pdf`);
      const read = await text(file);
      expect(read.text).not.toMatch(/Demo Section|demo-ca|Send completed sheets and letters/);
      if (doc !== 'pack') for (let p = 1; p <= read.pages.length; p++) expect(scanPage(file, p)).toBeUndefined();
    }
  });
});

describe('--section on the command line', () => {
  it('an unknown section is wrong usage (exit 2) with the list of known ones', async () => {
    const r = await cli(['build', '--section', 'demo-bee', '--content', path.join(dir, 'content'), '--no-bundled', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown section "demo-bee" \(did you mean "demo-be"\?\); known: demo-be, demo-ca/);
  });

  it('check --section checks the profile and the section\'s locales', async () => {
    const r = await cli(['check', '--section', 'demo-be', '--case', CASE, '--content', path.join(dir, 'content'), '--no-bundled']);
    expect(r.out).toMatch(/checked \d+ documents \(fr\)/);
  }, 120_000);
});
