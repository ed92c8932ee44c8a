// A section's edition: `content/sections/<id>.yaml`, or `content/sections/<id>/section.yaml` beside
// its logo. The profile names the section (per locale), its logo, accent colour, contacts, return
// address, deadlines, online actions per case, privacy statement, locales and paper. It is checked
// here once per build (every problem at its file:line); `editionOf` then gives the plain, localized
// data the templates see as `section`. The neutral edition has no profile at all.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContentError, error, warning, type Diagnostic } from '../diagnostics.js';
import { fallbackChain, isValidTag } from '../i18n/locale.js';
import type { Paper } from '../layout/theme.js';
import { UsageError, nearest } from '../usage.js';
import { refusal, resolveInside } from './confine.js';
import type { ContentRoot } from './load.js';
import { readLogo, type Logo } from './logo.js';
import { readSourceFile, validate, type SourceFile } from './source-file.js';

/** The folder under content/ that holds section profiles (never a locale). */
export const SECTIONS_DIR = 'sections';

/** The logo's box on the cover: this many points high, at most LOGO_MAX_RATIO times as wide. */
export const LOGO_HEIGHT = 44;
export const LOGO_MAX_RATIO = 3.5;
/** WCAG's contrast for normal text: the accent colour prints the section's name. */
export const MIN_CONTRAST = 4.5;

const text = z.string().trim().min(1, 'must not be empty');
const https = z
  .string()
  .trim()
  .max(300, 'is longer than 300 characters: a QR code of it would be too dense to scan from paper')
  .refine((u) => /^https:\/\/[^\s/$.?#][^\s]*$/i.test(u) && URL.canParse(u), 'must be an https:// address (a QR code and a printed link must not lead to an unencrypted page)');
const isoDate = z.iso.date('expected a date written YYYY-MM-DD');
/** A text in one language for all, or one per locale: `{fr: …, en: …}`. */
const localized = z.union([
  text,
  z
    .record(z.string().refine(isValidTag, 'expected a locale code such as "fr" or "fr-CA"'), text)
    .refine((r) => Object.keys(r).length > 0, 'needs at least one locale'),
]);

/** One line of small type under the footer of every petition page holds about this much, with the name. */
const privacyText = text.max(180, 'is longer than 180 characters: it is printed on every petition sheet, so keep it short (give the address of the full policy instead)');

export const sectionSchema = z.strictObject({
  /** The section's name as printed: on the cover, in every footer. */
  name: localized,
  /** SVG (drawn as vectors) or PNG/JPEG, relative to the profile's folder. */
  logo: z.string().trim().min(1).optional(),
  /** Brand colour for the cover's band: #rrggbb, dark enough to read on white and in grayscale. */
  accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour written #rrggbb').optional(),
  /** The locales this section prints (each must have content); a build without --locale builds these. */
  locales: z.array(z.string()).min(1, 'needs at least one locale').max(20, 'has at most 20 entries'),
  paper: z.enum(['a4', 'letter']).optional(),
  contact: z.strictObject({ email: z.email('expected an e-mail address').optional(), web: https.optional() }).optional(),
  /** Where a class sends its completed petition sheets and letters. */
  returnAddress: z.array(text).min(1, 'needs at least one line').max(8, 'has at most 8 lines').optional(),
  /** The campaign's deadline and online action, for every case without its own. */
  deadline: isoDate.optional(),
  action: https.optional(),
  cases: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a case id (its folder name)'), z.strictObject({ action: https.optional(), deadline: isoDate.optional() })).optional(),
  /** What the section does with the names on a petition sheet: printed on every petition page. */
  privacy: z
    .union([privacyText, z.record(z.string().refine(isValidTag, 'expected a locale code such as "fr" or "fr-CA"'), privacyText)])
    .optional(),
});
export type SectionFront = z.infer<typeof sectionSchema>;

export interface SectionProfile {
  id: string;
  /** As messages show it. */
  file: string;
  front: SectionFront;
  logo?: Logo;
  lineOf(path: PropertyKey[]): number;
}

/** What templates see as `section` for one case and locale: every text chosen, nothing left to decide. */
export interface SectionEdition {
  id: string;
  name: string;
  /** "e-mail · web", for the cover band. */
  contactLine?: string;
  accent: string;
  /** Absolute path of the logo, when there is one (loaded and checked). */
  logo?: string;
  returnAddress?: string[];
  deadline?: string;
  action?: string;
  privacy?: string;
}

/** Where each section's profile is: the project's layer first, then the bundled one. */
function profiles(root: ContentRoot): Map<string, { file: string; layer: string }> {
  const found = new Map<string, { file: string; layer: string }>();
  for (const layer of root.layers) {
    const dir = path.join(layer.dir, SECTIONS_DIR);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const id = name.replace(/\.ya?ml$/, '');
      if (found.has(id) || !/^[a-z0-9][a-z0-9-]*$/.test(id)) continue;
      const rel = name === id ? path.join(name, 'section.yaml') : name;
      if (name === id && !existsSync(path.join(dir, rel))) continue;
      if (name !== id || existsSync(path.join(dir, rel))) found.set(id, { file: path.join(dir, rel), layer: layer.dir });
    }
  }
  return found;
}

export function listSections(root: ContentRoot): string[] {
  return [...profiles(root).keys()].sort();
}

/** A section chosen on the command line; an unknown id is wrong usage (exit 2) with the list. */
export function findSection(root: ContentRoot, id: string): { file: string; layer: string } {
  const all = profiles(root);
  const hit = all.get(id);
  if (hit) return hit;
  const ids = [...all.keys()].sort();
  const near = nearest(id, ids);
  throw new UsageError(`unknown section "${id}"${near ? ` (did you mean "${near}"?)` : ''}; known: ${ids.length ? ids.join(', ') : `none (add content/${SECTIONS_DIR}/${id}.yaml)`}`);
}

/** sRGB relative luminance (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast against white, as printed in colour and as a grayscale printer or copier renders it. */
export function contrastOnWhite(hex: string): { colour: number; gray: number } {
  const ratio = (l: number) => 1.05 / (l + 0.05);
  // A grayscale copy keeps the luma (Rec. 601), which may be far lighter than the colour's luminance.
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const luma = 0.299 * r + 0.587 * g + 0.114 * b;
  const grayLum = luma <= 0.04045 ? luma / 12.92 : ((luma + 0.055) / 1.055) ** 2.4;
  return { colour: ratio(luminance(hex)), gray: ratio(grayLum) };
}

export interface SectionCheck {
  today: Date;
  /** Locales with content, and cases there are. */
  locales: string[];
  cases: string[];
}

/** Load and check a section's profile: every problem at its line; errors stop the build (ContentError). */
export function loadSection(root: ContentRoot, id: string, check: SectionCheck): { profile: SectionProfile; diagnostics: Diagnostic[] } {
  const where = findSection(root, id);
  const file = root.display(where.file);
  // Inside its layer's content folder, as every file content names: a link out is refused.
  const inside = resolveInside(where.layer, where.layer, path.relative(where.layer, where.file));
  if (!inside.ok) throw new ContentError([error(file, 0, refusal(inside.reason, path.relative(where.layer, where.file)), 'put the profile itself in content/sections/, not a link to it')]);
  const source: SourceFile = readSourceFile(where.file, file);
  const front = validate(source, sectionSchema);
  const diagnostics: Diagnostic[] = [];
  const line = (p: PropertyKey[]) => source.lineOf(p);
  const fail = (p: PropertyKey[], message: string, hint?: string) => diagnostics.push(error(file, line(p), message, hint));

  let logo: Logo | undefined;
  if (front.logo) {
    const found = resolveInside(where.layer, path.dirname(where.file), front.logo);
    if (!found.ok) fail(['logo'], `logo: ${refusal(found.reason, front.logo)}`, found.reason === 'missing' ? `put the logo file beside ${path.basename(where.file)}, or correct its name` : undefined);
    else {
      try {
        logo = readLogo(found.absolute, root.display(found.absolute));
        const ratio = logo.width / logo.height;
        if (ratio > LOGO_MAX_RATIO)
          fail(['logo'], `logo: ${ratio.toFixed(1)} times as wide as it is high, wider than its box (${LOGO_MAX_RATIO} × ${LOGO_HEIGHT} pt by ${LOGO_HEIGHT} pt): it would print too small to read`, 'use a logo at most 3.5 times as wide as high (the emblem and name stacked, or the emblem alone)');
      } catch (e) {
        if (!(e instanceof ContentError)) throw e;
        for (const d of e.diagnostics) diagnostics.push(d.line ? d : { ...d, file, line: line(['logo']), message: `${root.display(found.absolute)}: ${d.message}` });
      }
    }
  }
  if (front.accent) {
    const c = contrastOnWhite(front.accent);
    if (c.colour < MIN_CONTRAST || c.gray < MIN_CONTRAST)
      fail(['accent'], `accent ${front.accent}: contrast on white is ${c.colour.toFixed(1)}:1 in colour and ${c.gray.toFixed(1)}:1 in grayscale; at least ${MIN_CONTRAST}:1 is needed for the section's name to be read`, 'choose a darker shade of the brand colour');
  }
  front.locales.forEach((locale, i) => {
    if (!isValidTag(locale)) fail(['locales', i], `locales: "${locale}" is not a locale code`, 'write codes such as fr or fr-CA');
    else if (!check.locales.includes(locale)) fail(['locales', i], `locales: "${locale}" has no content (known: ${check.locales.join(', ')})`, `add content/${locale}/, or remove it from the list`);
  });
  const dates: { date: string; at: PropertyKey[] }[] = [];
  if (front.deadline) dates.push({ date: front.deadline, at: ['deadline'] });
  for (const [caseId, c] of Object.entries(front.cases ?? {})) {
    if (!check.cases.includes(caseId)) diagnostics.push(warning(file, line(['cases', caseId]), `cases: "${caseId}" is not a case (known: ${check.cases.join(', ')})`, 'correct the case id: it is the case\'s folder name'));
    if (c.deadline) dates.push({ date: c.deadline, at: ['cases', caseId, 'deadline'] });
  }
  const today = check.today.toISOString().slice(0, 10);
  for (const d of dates)
    if (d.date < today) diagnostics.push(warning(file, line(d.at), `deadline ${d.date} is in the past (the build date is ${today}): the handouts would ask for something too late`, 'set the new deadline, or remove it'));
  if (diagnostics.some((d) => d.severity === 'error')) throw new ContentError(diagnostics);
  return { profile: { id, file, front, logo, lineOf: line }, diagnostics };
}

/** A localized text along the locale's fallback chain, else the first one given. */
function pick(value: string | Record<string, string> | undefined, locale: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  for (const l of fallbackChain(locale)) if (value[l]) return value[l];
  return Object.values(value)[0];
}

/** The paper a section prints on, when it says. */
export const sectionPaper = (profile: SectionProfile | undefined): Paper | undefined => profile?.front.paper;

export function editionOf(profile: SectionProfile, caseId: string, locale: string): SectionEdition {
  const f = profile.front;
  const own = f.cases?.[caseId];
  const contact = [f.contact?.email, f.contact?.web?.replace(/^https:\/\//, '').replace(/\/$/, '')].filter(Boolean).join(' · ');
  return {
    id: profile.id,
    name: pick(f.name, locale)!,
    ...(contact ? { contactLine: contact } : {}),
    accent: f.accent ?? '#1a1a1a',
    ...(profile.logo ? { logo: profile.logo.file } : {}),
    ...(f.returnAddress ? { returnAddress: f.returnAddress } : {}),
    ...(own?.deadline ?? f.deadline ? { deadline: own?.deadline ?? f.deadline } : {}),
    // Printed and encoded as the URL parser writes it: ASCII only, so every QR reader agrees.
    ...(own?.action ?? f.action ? { action: new URL((own?.action ?? f.action)!).href } : {}),
    ...(f.privacy ? { privacy: pick(f.privacy, locale) } : {}),
  };
}
