// A section's profile: each problem at its file:line (missing logo, a logo wider than its box, an
// SVG the painter cannot draw, a URL that is not https, a past deadline, a colour without contrast,
// a locale without content), and the edition templates see.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, type Diagnostic } from '../../src/diagnostics.js';
import { contentRoot, scanLocales } from '../../src/content/load.js';
import { contrastOnWhite, editionOf, listSections, loadSection } from '../../src/content/section.js';
import { REPO, tempDir } from '../helpers/build.js';

const TODAY = new Date('2026-12-01T00:00:00Z');
const CHECK = { today: TODAY, locales: ['en', 'fr'], cases: ['maryia-kalesnikava'] };
const SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#123456"/></svg>\n';

const BASE = [
  'name: {fr: Section test, en: Test section}', // 1
  'logo: logo.svg', // 2
  'accent: "#1d4f91"', // 3
  'locales: [fr]', // 4
  'contact: {email: a@b.example.org, web: https://b.example.org}', // 5
  'returnAddress: [Rue 1, 1000 Ville]', // 6
  'deadline: 2027-03-31', // 7
  'action: https://b.example.org/act', // 8
  'cases:', // 9
  '  maryia-kalesnikava: {action: https://b.example.org/maryia, deadline: 2027-02-01}', // 10
  'privacy: {fr: Seuls votre nom et votre pays sont transmis.}', // 11
];

/** A content folder with one section profile (lines replaced by number) and its logo. */
function project(lines: Record<number, string> = {}, logo: string | Buffer = SQUARE, logoName = 'logo.svg') {
  const dir = tempDir('wp-section-');
  const content = path.join(dir, 'content');
  mkdirSync(path.join(content, 'sections', 'test'), { recursive: true });
  cpSync(path.join(REPO, 'content', 'en', 'strings.yaml'), path.join(content, 'en', 'strings.yaml'));
  const text = BASE.map((l, i) => lines[i + 1] ?? l).join('\n') + '\n';
  writeFileSync(path.join(content, 'sections', 'test', 'section.yaml'), text);
  writeFileSync(path.join(content, 'sections', 'test', logoName), logo);
  return { dir, root: contentRoot('content', dir, { bundled: false }) };
}

function problems(lines: Record<number, string> = {}, logo?: string | Buffer, logoName?: string, today = TODAY): Diagnostic[] {
  const { root } = project(lines, logo, logoName);
  try {
    return loadSection(root, 'test', { ...CHECK, today }).diagnostics;
  } catch (e) {
    if (e instanceof ContentError) return e.diagnostics;
    throw e;
  }
}

const at = (d: Diagnostic) => `${d.severity} ${path.basename(d.file)}:${d.line}: ${d.message}`;

describe('section profiles', () => {
  it('a correct profile loads without a problem, and its edition is localized for a case', () => {
    const { root } = project();
    const { profile, diagnostics } = loadSection(root, 'test', CHECK);
    expect(diagnostics).toEqual([]);
    expect(editionOf(profile, 'maryia-kalesnikava', 'fr')).toMatchObject({ name: 'Section test', action: 'https://b.example.org/maryia', deadline: '2027-02-01', privacy: 'Seuls votre nom et votre pays sont transmis.', returnAddress: ['Rue 1', '1000 Ville'] });
    // Another case takes the campaign's; another locale its own name, or the first one given.
    expect(editionOf(profile, 'other', 'en')).toMatchObject({ name: 'Test section', action: 'https://b.example.org/act', deadline: '2027-03-31', privacy: 'Seuls votre nom et votre pays sont transmis.' });
  });

  it('content/sections/ is not a locale folder', () => {
    const { root } = project();
    expect(scanLocales(root)).toEqual({ locales: ['en'], problems: [] });
    expect(listSections(root)).toEqual(['test']);
  });

  it('a missing logo file is an error at the logo line', () => {
    expect(problems({ 2: 'logo: nowhere.svg' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:2: logo: "nowhere\.svg" not found/)]);
  });

  it('a logo path outside the content folder is refused at its line', () => {
    expect(problems({ 2: 'logo: ../../../../etc/hostname' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:2: logo: .* is outside the content folder/)]);
  });

  it('a logo wider than its box is an error at the logo line', () => {
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 40"><rect width="400" height="40"/></svg>';
    expect(problems({}, wide).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:2: logo: 10\.0 times as wide as it is high, wider than its box/)]);
  });

  it('an SVG with what the painter cannot draw is an error at the line in the SVG', () => {
    const svg = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">', '  <rect width="40" height="40"/>', '  <!-- a comment -->', '  <text x="2" y="20">Logo</text>', '</svg>'].join('\n');
    expect(problems({}, svg).map(at)).toEqual([expect.stringMatching(/^error logo\.svg:4: <text> is not supported in a logo/)]);
    const transformed = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">\n<g transform="scale(2)">\n<rect width="4" height="4"/>\n</g>\n</svg>';
    expect(problems({}, transformed).map(at)).toEqual([expect.stringMatching(/^error logo\.svg:2: <g transform="…"> is not supported/)]);
    expect(problems({}, '<svg viewBox="0 0 4 4"><rect width="4" height="4" fill="url(#g)"/></svg>').map(at)).toEqual([expect.stringMatching(/not a plain colour/)]);
    expect(problems({}, '<!DOCTYPE svg [<!ENTITY a "b">]>\n<svg viewBox="0 0 4 4"/>').map(at)).toEqual([expect.stringMatching(/^error logo\.svg:1: the logo declares a DOCTYPE/)]);
    expect(problems({}, '<svg viewBox="0 0 4 4"><rect width="4" height="4"></svg>').map(at)).toEqual([expect.stringMatching(/^error logo\.svg:1: the logo is not well-formed SVG/)]);
    // Groups inside groups past the XML parser's limit: a problem of the logo, not a crash.
    const deep = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">${'<g>'.repeat(150)}<rect width="4" height="4"/>${'</g>'.repeat(150)}</svg>`;
    expect(problems({}, deep).map(at)).toEqual([expect.stringMatching(/^error logo\.svg:1: the logo cannot be read: /)]);
  });

  it('a PNG logo is probed like a photo: a damaged one is an error', () => {
    expect(problems({ 2: 'logo: logo.png' }, Buffer.from('not a png'), 'logo.png').map(at)).toEqual([expect.stringMatching(/^error section\.yaml:2: .*logo\.png: the logo is not a PNG or JPEG image/)]);
  });

  it('a URL that is not https is an error at its line', () => {
    expect(problems({ 8: 'action: http://b.example.org/act' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:8: action: must be an https:\/\/ address/)]);
    expect(problems({ 10: '  maryia-kalesnikava: {action: "javascript:alert(1)"}' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:10: cases\.maryia-kalesnikava\.action: must be an https/)]);
    expect(problems({ 5: 'contact: {web: ftp://b.example.org}' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:5: contact\.web: must be an https/)]);
  });

  it('a deadline before the build date is a warning at its line', () => {
    const late = new Date('2027-03-01T00:00:00Z');
    expect(problems({}, undefined, undefined, late).map(at)).toEqual([expect.stringMatching(/^warning section\.yaml:10: deadline 2027-02-01 is in the past \(the build date is 2027-03-01\)/)]);
    expect(problems({}, undefined, undefined, new Date('2027-04-02T00:00:00Z')).map(at)).toEqual([
      expect.stringMatching(/^warning section\.yaml:7: deadline 2027-03-31 is in the past/),
      expect.stringMatching(/^warning section\.yaml:10: deadline 2027-02-01 is in the past/),
    ]);
  });

  it('an accent colour without contrast on white, in colour or in grayscale, is an error at its line', () => {
    expect(problems({ 3: 'accent: "#ffd400"' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:3: accent #ffd400: contrast on white is 1\.\d:1 in colour and \d\.\d:1 in grayscale; at least 4\.5:1/)]);
    // Grayscale keeps the luma: a colour can pass in colour and fail as a gray copy, or the other way.
    const c = contrastOnWhite('#1d4f91');
    expect(c.colour).toBeGreaterThan(4.5);
    expect(c.gray).toBeGreaterThan(4.5);
    expect(contrastOnWhite('#777777').colour).toBeLessThan(4.5);
  });

  it('a locale with no content is an error at its line in the list', () => {
    expect(problems({ 4: 'locales:\n  - fr\n  - pt-BR' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:6: locales: "pt-BR" has no content \(known: en, fr\)/)]);
  });

  it('a case the profile names that does not exist is a warning; an unknown field an error at its line', () => {
    expect(problems({ 10: '  nobody: {deadline: 2027-02-01}' }).map(at)).toEqual([expect.stringMatching(/^warning section\.yaml:10: cases: "nobody" is not a case/)]);
    expect(problems({ 11: 'privcy: {fr: x}' }).map(at)).toEqual([expect.stringMatching(/^error section\.yaml:11: .*privcy/)]);
  });
});
