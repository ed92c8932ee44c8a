// Loading: content/<locale>/… files → one validated, typed pack model per case and locale, with
// every file and string resolved along the fallback chain (fr-CA → fr → en) and every fallback
// recorded. Cross-file rules (article numbers, step times, images) are checked here too.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../usage.js';
import { ContentError, error, type Diagnostic, type SourceRef } from '../diagnostics.js';
import { BUNDLED_CONTENT } from '../package-dir.js';
import { fallbackChain, isRtl, isValidTag, SOURCE_LOCALE } from '../i18n/locale.js';
import { isPlainRelative, refusal, resolveInside, type Resolved } from './confine.js';
import { probeImage, type ImageInfo } from './image-probe.js';
import { readTextLoosely } from './read-text.js';
import { Strings, type ResolvedString } from '../i18n/strings.js';
import type { StringValue } from './schemas.js';
import {
  activitySchema,
  campaignSchema,
  caseSchema,
  petitionSchema,
  proseSchema,
  stepSchema,
  stringsSchema,
  udhrSchema,
  type ActivityFront,
  type CampaignFront,
  type CaseFront,
  type PetitionFront,
  type StepFront,
  type UdhrFront,
} from './schemas.js';
import { readSourceFile, validate, type SourceFile } from './source-file.js';
import { currentStatus } from './case-status.js';
import { alignWithSource } from './case-source.js';
import { isUntranslated } from './translation.js';

export interface Prose<F> {
  front: F;
  body: string;
  file: string;
  bodyLine: number;
  /** The line of a front matter field, for messages that point into the file. */
  lineOf(path: PropertyKey[]): number;
  /** The locale the file was read from (another one than the model's means a fallback). */
  locale: string;
}

export interface Fallback {
  /** What was asked for: a content path relative to the locale folder, or a string key. */
  item: string;
  kind: 'file' | 'string';
  /** The locale it came from instead. */
  from: string;
}

export interface PackModel {
  locale: string;
  chain: string[];
  rtl: boolean;
  caseId: string;
  /** Image files found for the group photo and for each person's photo (absolute paths). */
  case: Prose<CaseFront> & { photoPath?: string; peoplePhotoPaths: (string | undefined)[] };
  /** The paper petition: required while the case is unresolved; a resolved case may have none. */
  petition?: Prose<PetitionFront>;
  activity: Prose<ActivityFront> & { id: string; steps: Prose<StepFront>[]; background: Prose<{ title: string }> };
  udhr: Prose<UdhrFront>;
  campaign: Prose<CampaignFront>;
  strings: Strings;
  /** Paper named in the locale's strings.yaml (or along its chain), overriding the region's default. */
  paper?: 'a4' | 'letter';
  /** The locale whose date format to use (strings.yaml `dateLocale`), along the chain. */
  dateLocale?: string;
  fallbacks: Fallback[];
  /** Every file the model was read from, for preview --watch. */
  files: string[];
  /** Problems found while loading that did not stop it (warnings; errors in strings are reported per document). */
  diagnostics: Diagnostic[];
}

/** One content folder: the project's own, or the content bundled with the package. */
export interface ContentLayer {
  name: 'project' | 'bundled';
  dir: string;
}

export interface ContentRoot {
  /** Absolute path of the project's content folder: the one the tools write into. */
  dir: string;
  /**
   * The content folders, most specific first: the project's, then the package's bundled content
   * (one layer when they are the same folder, as in the tool's own repository). A section keeps
   * only its own files and gets the package's English, UDHR and translations from below.
   */
  layers: ContentLayer[];
  /** How paths are shown in messages: relative to the working directory. */
  display(absolute: string): string;
}

export interface ContentRootOptions {
  /** Layer the package's bundled content under the project's (default true). */
  bundled?: boolean;
  /** The folder was named on the command line (--content), rather than the default content/. */
  named?: boolean;
}

export function contentRoot(dir: string, cwd = process.cwd(), options: ContentRootOptions = {}): ContentRoot {
  const abs = path.resolve(cwd, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new UsageError(
      options.named || dir !== 'content'
        ? `content folder ${dir} not found`
        : 'no content/ here; run it in a folder made by `workshop-pack init`, or pass --content DIR',
    );
  }
  const layers: ContentLayer[] = [{ name: 'project', dir: abs }];
  if (options.bundled !== false && existsSync(BUNDLED_CONTENT) && realpathSync(BUNDLED_CONTENT) !== realpathSync(abs))
    layers.push({ name: 'bundled', dir: BUNDLED_CONTENT });
  return { dir: abs, layers, display: (p) => path.relative(cwd, p) || p };
}

/** The layer a content file was read from. */
export function layerOf(root: ContentRoot, absolute: string): ContentLayer['name'] {
  return root.layers.find((l) => !path.relative(l.dir, absolute).startsWith('..'))?.name ?? 'project';
}

/**
 * Every existing copy of a content path in a locale, in the order a lookup takes them (the
 * project's first, then the bundled one), each confined to its own layer.
 */
export function layeredPaths(root: ContentRoot, locale: string, rel: string): string[] {
  return root.layers.flatMap((l) => {
    const found = resolveInside(l.dir, path.join(l.dir, locale), rel);
    return found.ok ? [found.absolute] : [];
  });
}

/** Locale folders under the content root, and what is there that is not one. */
// A folder of content, not one of fonts or images a section keeps beside the locales (fonts.yaml
// names files in content/fonts/).
const isLocaleFolder = (dir: string) => readdirSync(dir).some((f) => /\.(md|ya?ml)$/.test(f) || f === 'cases' || f === 'activities');

export function scanLocales(root: ContentRoot): { locales: string[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const locales: string[] = [];
  for (const layer of root.layers) for (const name of existsSync(layer.dir) ? readdirSync(layer.dir).sort() : []) {
    // content/sections/ holds the sections' profiles (content/section.ts), never a locale.
    if (name.startsWith('.') || locales.includes(name) || name === 'sections') continue;
    const full = path.join(layer.dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      problems.push(error(root.display(full), 0, refusal('broken-link', name), 'remove the link or point it at a folder inside content/'));
      continue;
    }
    if (!isDir) continue;
    if (!isValidTag(name) || Intl.getCanonicalLocales(name)[0] !== name) {
      problems.push(error(root.display(full), 0, `"${name}" is not a language tag, so this folder is not a locale; it was skipped`, 'name locale folders by their BCP 47 tag (fr, fr-CA, pt-BR), or move other files out of content/'));
      continue;
    }
    // A folder with no content in it (fonts.yaml's fonts/, images) is not a locale.
    if (!isLocaleFolder(full)) continue;
    locales.push(name);
  }
  // By code unit, the same everywhere: a collator (localeCompare) loads ICU's collation data, ~10 ms
  // of a one-handout build, to order a few ASCII tags.
  locales.sort((a, b) => (a === SOURCE_LOCALE ? -1 : b === SOURCE_LOCALE ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { locales, problems };
}

export function listLocales(root: ContentRoot): string[] {
  return scanLocales(root).locales;
}

export function listCases(root: ContentRoot): string[] {
  const ids = root.layers.flatMap((l) => {
    const dir = path.join(l.dir, SOURCE_LOCALE, 'cases');
    return existsSync(dir) ? readdirSync(dir).filter((d) => !d.startsWith('.') && resolveInside(l.dir, dir, path.join(d, 'case.md')).ok) : [];
  });
  return [...new Set(ids)].sort();
}

class Loader {
  readonly fallbacks: Fallback[] = [];
  readonly files: string[] = [];
  readonly diagnostics: Diagnostic[] = [];
  paper?: 'a4' | 'letter';
  dateLocale?: string;

  constructor(
    readonly root: ContentRoot,
    readonly locale: string,
    readonly chain: string[],
  ) {}

  /**
   * The first file along the chain, recording a fallback when it is not the requested locale's.
   * Every path content names goes through here, and so through `resolveInside`: nothing outside
   * the content root of its layer is ever read. Order: locale by locale along the chain (fr-CA,
   * fr, en), and within a locale the project's layer before the bundled one: a more specific
   * language always wins over a layer.
   */
  find(rel: string): Resolved & { locale?: string } {
    for (const loc of this.chain) {
      for (const layer of this.root.layers) {
        const found = resolveInside(layer.dir, path.join(layer.dir, loc), rel);
        // A refused file (outside, a broken link) is an error, never a silent fallback past it.
        if (!found.ok && found.reason !== 'missing') return found;
        if (!found.ok) continue;
        // A scaffolded file still marked untranslated is skipped: the build falls back past it.
        if (loc !== SOURCE_LOCALE && /\.(md|ya?ml)$/.test(rel) && isUntranslated(readTextLoosely(found.absolute))) continue;
        // Photos are the same in every language: taking one from en is not a missing translation.
        if (loc !== this.locale && /\.(md|ya?ml)$/.test(rel)) this.fallbacks.push({ item: rel, kind: 'file', from: loc });
        this.files.push(found.absolute);
        return { ...found, locale: loc };
      }
    }
    return { ok: false, reason: 'missing' };
  }

  /** Whether a file exists along the chain, without reading or recording it. */
  exists(rel: string): boolean {
    return this.chain.some((loc) => resolveInside(this.root.dir, path.join(this.root.dir, loc), rel).ok);
  }

  read(rel: string, from?: SourceFile, fromPath: PropertyKey[] = []): SourceFile & { locale: string } {
    const found = this.find(rel);
    if (!found.ok) {
      const file = from ? from.file : this.root.display(path.join(this.root.dir, this.locale, rel));
      const line = from ? from.lineOf(fromPath) : 0;
      const message = found.reason === 'missing' ? `${rel}: file not found in ${this.chain.map((l) => `content/${l}/`).join(', ')}` : refusal(found.reason, rel);
      const hint = found.reason !== 'missing' ? 'name a file inside this locale\'s folder, by a path relative to it' : from ? 'check the file name in this field' : `create ${path.join('content', SOURCE_LOCALE, rel)}`;
      throw new ContentError([error(file, line, message, hint)]);
    }
    return { ...readSourceFile(found.absolute, this.root.display(found.absolute)), locale: found.locale! };
  }

  prose<F>(rel: string, schema: Parameters<typeof validate<F>>[1], from?: SourceFile, fromPath?: PropertyKey[]): Prose<F> & { source: SourceFile } {
    const source = this.read(rel, from, fromPath);
    return { front: validate(source, schema), body: source.body, file: source.file, bodyLine: source.bodyLine, lineOf: source.lineOf, locale: source.locale, source };
  }

  /**
   * An image that content names (`name`, written at `ref` in field `field`), found along the chain
   * and checked from its header before anything decodes it. Problems go to `problems`.
   */
  image(rel: string, name: string, ref: SourceRef, field: string, problems: Diagnostic[]): { absolute: string; info: ImageInfo } | undefined {
    const found = this.find(rel);
    if (!found.ok) {
      const hint = found.reason === 'missing' ? `put the JPEG or PNG file in content/${SOURCE_LOCALE}/${path.dirname(rel)}/` : 'name a file beside the case file, by a path relative to it';
      problems.push(error(ref.file, ref.line, `${field}: ${found.reason === 'missing' ? `image "${name}" not found` : refusal(found.reason, name)}`, hint));
      return undefined;
    }
    const probed = probeImage(found.absolute);
    if (!probed.ok) {
      problems.push(error(ref.file, ref.line, `${field}: "${name}" ${probed.problem}`, probed.hint));
      return undefined;
    }
    return { absolute: found.absolute, info: probed.image };
  }

  strings(): Strings {
    const values = new Map<string, ResolvedString>();
    const problems: Diagnostic[] = [];
    const english = new Map<string, StringValue>();
    // Strings merge key by key: per locale along the chain, the bundled layer first, the project's over it.
    for (const loc of [...this.chain].reverse()) {
      for (const layer of [...this.root.layers].reverse()) {
        const absolute = path.join(layer.dir, loc, 'strings.yaml');
        const found = resolveInside(layer.dir, layer.dir, path.join(loc, 'strings.yaml'));
        if (!found.ok && found.reason !== 'missing') throw new ContentError([error(this.root.display(absolute), 0, refusal(found.reason, 'strings.yaml'))]);
        if (!found.ok) continue;
        if (loc !== SOURCE_LOCALE && isUntranslated(readTextLoosely(absolute))) continue;
        this.files.push(absolute);
        const source = readSourceFile(absolute, this.root.display(absolute));
        const front = validate(source, stringsSchema);
        if (front.paper) this.paper = front.paper;
        // A date format is a choice within a language, made for one locale: en's en-GB must not
        // reach French, nor a locale with a region of its own (en-US prints "September 7, 2020").
        if (front.dateLocale && new Intl.Locale(front.dateLocale).language === new Intl.Locale(this.locale).language && (loc === this.locale || !new Intl.Locale(this.locale).region))
          this.dateLocale = front.dateLocale;
        for (const [key, value] of Object.entries(front.strings)) {
          const line = source.lineOf(['strings', key]);
          if (loc === SOURCE_LOCALE) english.set(key, value);
          else if (english.has(key)) problems.push(...placeholderProblems(key, value, english.get(key)!, source.file, line, this.locale));
          values.set(key, { value, locale: loc, file: source.file, line });
        }
      }
    }
    if (problems.length) throw new ContentError(problems);
    for (const [key, v] of values) if (v.locale !== this.locale) this.fallbacks.push({ item: key, kind: 'string', from: v.locale });
    return new Strings(this.locale, values, this.root.display(path.join(this.root.dir, SOURCE_LOCALE, 'strings.yaml')));
  }
}

const placeholders = (text: string) => [...new Set(text.match(/\{[^{}\s]+\}/g) ?? [])].sort();

/**
 * A translated string must carry exactly the English string's placeholders: a renamed `{página}`
 * would be printed as written, a missing `{name}` would drop the person's name. A plural form other
 * than `other` may leave out `{count}` where the word itself says the number (Arabic "سنتان").
 */
function placeholderProblems(key: string, value: StringValue, english: StringValue, file: string, line: number, locale: string): Diagnostic[] {
  const forms = typeof value === 'string' ? { other: value } : (value as Record<string, string | undefined>);
  const englishOf = (form: string) => (typeof english === 'string' ? english : ((english as Record<string, string | undefined>)[form] ?? english.other));
  const out: Diagnostic[] = [];
  for (const [form, text] of Object.entries(forms)) {
    if (text === undefined) continue;
    const want = placeholders(englishOf(form));
    const have = placeholders(text);
    const missing = want.filter((p) => !have.includes(p) && !(form !== 'other' && p === '{count}'));
    const extra = have.filter((p) => !want.includes(p));
    if (!missing.length && !extra.length) continue;
    const where = typeof value === 'string' ? key : `${key}.${form}`;
    const said = [missing.length ? `missing ${missing.join(' ')}` : '', extra.length ? `unknown ${extra.join(' ')}` : ''].filter(Boolean).join(', ');
    out.push({
      ...error(file, line, `strings.${where}: placeholders must be the English ones (${want.join(' ') || 'none'}): ${said}`, 'keep each {placeholder} exactly as in English (you may move it); only the text around it is translated'),
      rule: 'placeholders',
      locale,
      key,
    });
  }
  return out;
}

function checkUdhr(udhr: Prose<UdhrFront> & { source: SourceFile }): void {
  const seen = new Map<number, number>();
  const problems: Diagnostic[] = [];
  udhr.front.groups.forEach((g, gi) =>
    g.articles.forEach((a, ai) => {
      if (seen.has(a.number))
        problems.push(error(udhr.file, udhr.source.lineOf(['groups', gi, 'articles', ai, 'number']), `groups[${gi}].articles[${ai}].number: article ${a.number} is listed twice`));
      seen.set(a.number, gi);
    }),
  );
  const missing = Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => !seen.has(n));
  if (missing.length) problems.push(error(udhr.file, udhr.source.lineOf(['groups']), `groups: article${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`, 'the simplified UDHR lists all 30 articles'));
  if (problems.length) throw new ContentError(problems);
}

/** A path content names, below `dir`; one written absolute (or with a drive) stays so, to be refused. */
const under = (dir: string, name: string) => (isPlainRelative(name) ? path.join(dir, name) : name);

/** Rules across a case's fields that a schema cannot say. */
function checkCase(kase: Prose<CaseFront> & { source: SourceFile }): Diagnostic[] {
  const c = kase.front;
  const problems: Diagnostic[] = [];
  const dated = (c.updates ?? []).map((u, i) => ({ date: u.date, i })).filter((u) => u.date);
  for (let k = 1; k < dated.length; k++)
    if (dated[k].date! < dated[k - 1].date!)
      problems.push(error(kase.file, kase.source.lineOf(['updates', dated[k].i, 'date']), `updates[${dated[k].i}].date: ${dated[k].date} is older than the update before it`, 'list updates oldest first: the last one is the newest'));
  if (c.resolved?.followUp && !c.authority)
    problems.push(error(kase.file, kase.source.lineOf(['resolved', 'followUp']), 'resolved.followUp: a follow-up letter needs an authority to write to', 'add authority: (title, address, email, handles, salutation)'));
  if (c.authority && !currentStatus(c).resolved && !(c.letterIntro && c.letterGuidance))
    problems.push(error(kase.file, kase.source.lineOf(['authority']), 'authority: the letter handout also needs letterIntro and letterGuidance', 'add them, or remove authority if there is no one to write to'));
  return problems;
}

export function loadPack(root: ContentRoot, caseId: string, locale: string): PackModel {
  const chain = fallbackChain(locale);
  const loader = new Loader(root, locale, chain);
  const caseDir = path.join('cases', caseId);
  const strings = loader.strings();

  const udhr = loader.prose(path.join('udhr.md'), udhrSchema);
  checkUdhr(udhr);
  const articles = new Set(udhr.front.groups.flatMap((g) => g.articles.map((a) => a.number)));

  const kase = loader.prose(path.join(caseDir, 'case.md'), caseSchema);
  if (kase.locale !== SOURCE_LOCALE) {
    // The case's data (status, dates, numbers) always comes from the English source file.
    const source = resolveInside(root.dir, path.join(root.dir, SOURCE_LOCALE), path.join(caseDir, 'case.md'));
    if (source.ok) {
      loader.files.push(source.absolute);
      const aligned = alignWithSource(kase.front, validate(readSourceFile(source.absolute, root.display(source.absolute)), caseSchema));
      kase.front = aligned.front;
      for (const field of aligned.fellBack) loader.fallbacks.push({ item: `${caseDir}/case.md: ${field}`, kind: 'file', from: SOURCE_LOCALE });
    }
  }
  const problems: Diagnostic[] = [];
  kase.front.cards.forEach((c, i) => {
    if (!articles.has(c.matches))
      problems.push(error(kase.file, kase.source.lineOf(['cards', i, 'matches']), `cards[${i}].matches: article ${c.matches} is not in the UDHR list`));
  });
  // Photos live beside the case file of any locale along the chain (usually only in en).
  const photoAt = (src: string, at: PropertyKey[]): string | undefined => {
    const field = at.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
    return loader.image(under(caseDir, src), src, { file: kase.file, line: kase.source.lineOf(at) }, field, problems)?.absolute;
  };
  const photoPath = kase.front.photo ? photoAt(kase.front.photo.src, ['photo', 'src']) : undefined;
  const peoplePhotoPaths = kase.front.people.map((p, i) => (p.photo ? photoAt(p.photo.src, ['people', i, 'photo', 'src']) : undefined));
  problems.push(...checkCase(kase));
  if (problems.length) throw new ContentError(problems);

  // A resolved case needs no petition; one that exists is still read (and checked).
  const petitionRel = path.join(caseDir, 'petition.md');
  const petition = currentStatus(kase.front).resolved && !loader.exists(petitionRel) ? undefined : loader.prose(petitionRel, petitionSchema);
  const activityDir = under('activities', kase.front.activity);
  const activity = loader.prose(path.join(activityDir, 'activity.md'), activitySchema, kase.source, ['activity']);
  const steps = activity.front.steps.map((s, i) => loader.prose(under(activityDir, s), stepSchema, activity.source, ['steps', i]));
  const total = steps.reduce((n, s) => n + s.front.minutes, 0);
  if (total !== activity.front.totalMinutes)
    throw new ContentError([
      error(
        activity.file,
        activity.source.lineOf(['totalMinutes']),
        `totalMinutes: the steps take ${total} minutes (${steps.map((s) => s.front.minutes).join(' + ')}) but the activity says ${activity.front.totalMinutes}`,
        'change the minutes of a step or the total',
      ),
    ]);
  const background = loader.prose(under(activityDir, activity.front.background), proseSchema, activity.source, ['background']);
  const campaign = loader.prose('campaign.md', campaignSchema);

  return {
    locale,
    chain,
    rtl: isRtl(locale),
    caseId,
    case: { ...kase, photoPath, peoplePhotoPaths },
    petition,
    activity: { ...activity, id: kase.front.activity, steps, background },
    udhr,
    campaign,
    strings,
    paper: loader.paper,
    dateLocale: loader.dateLocale,
    fallbacks: loader.fallbacks,
    files: loader.files,
    diagnostics: loader.diagnostics,
  };
}
