// Templates: Handlebars layouts + the view of a pack model → Markdown with directives. Templates are
// compiled once per process; translations are resolved before templating and reach the helpers
// through the view, so a template never decides a language.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { currentStatus, displayName, latestUpdate, shortName } from '../content/case-status.js';
import type { PackModel } from '../content/load.js';
import type { SourceRef } from '../diagnostics.js';
import { applies } from '../documents/applicable.js';
import { DOCUMENTS } from '../documents/registry.js';
import type { StepHandout } from '../content/schemas.js';
import type { Strings } from '../i18n/strings.js';
import { upperText } from '../i18n/fallback-marks.js';
import { formatList, formatLongDate, formatNumber, languageName } from '../i18n/formats.js';
import { encodeAttr } from './directives.js';
import { fenceSafe } from './fences.js';

export interface View {
  /** Where texts the layout may report on (cards) are written, by the key the template passes on. */
  sourceRefs: Map<string, SourceRef>;
  locale: string;
  dateLocale?: string;
  rtl: boolean;
  strings: Strings;
  [key: string]: unknown;
}

type HelperOptions = Handlebars.HelperOptions & { data: { root: View } };

function rootOf(options: HelperOptions): View {
  return options.data.root;
}

function formatDate(iso: string, root: View): string {
  return formatLongDate(root.dateLocale ?? root.locale, iso);
}

function createEngine(templatesDir: string): typeof Handlebars {
  const hb = Handlebars.create();
  // Strings are content too: they may not open a template's directives.
  hb.registerHelper('t', function (key: string, options: HelperOptions) {
    return fenceSafe(rootOf(options).strings.text(key, options.hash ?? {}));
  });
  hb.registerHelper('plural', function (key: string, count: number, options: HelperOptions) {
    return fenceSafe(rootOf(options).strings.text(key, { ...(options.hash ?? {}), count }));
  });
  hb.registerHelper('attr', (value: unknown) => encodeAttr(String(value ?? '')));
  hb.registerHelper('date', function (iso: string, options: HelperOptions) {
    return formatDate(iso, rootOf(options));
  });
  // "Released on 13 December 2025", "Acquitted", or the case's own label.
  hb.registerHelper('status', function (status: { kind: string; date?: string; label?: string }, options: HelperOptions) {
    const root = rootOf(options);
    if (status.label) return status.label;
    return fenceSafe(status.date ? root.strings.text(`status.${status.kind}`, { date: formatDate(status.date, root) }) : root.strings.text(`status.${status.kind}.undated`));
  });
  hb.registerHelper('languages', function (langs: { code: string; some?: boolean }[], options: HelperOptions) {
    const root = rootOf(options);
    const list = langs.map((l) => {
      const name = languageName(root.locale, l.code);
      return l.some ? root.strings.text('solidarity.some', { language: name }) : name;
    });
    // Lists follow the locale's print conventions (en-GB for English: no serial comma, as the booklet).
    return formatList(root.dateLocale ?? root.locale, list);
  });
  // A handout named as printed, with its page when the guide is laid out inside the pack.
  hb.registerHelper('handout', function (h: { id: string; title: string }, options: HelperOptions) {
    const root = rootOf(options);
    const page = (root.packPages as Record<string, number> | undefined)?.[h.id];
    if (!page) return fenceSafe(root.strings.text('guide.handoutTitle', { title: h.title }));
    // In the pack the reference is a link to the handout's first page (see paint: #doc=<id>).
    const text = root.strings.text('guide.handoutOnPage', { title: h.title, page: formatNumber(root.locale, page) });
    return fenceSafe(`[${text.replace(/[[\]\\]/g, '\\$&')}](#doc=${h.id})`);
  });
  hb.registerHelper('formatNumber', function (n: number, options: HelperOptions) {
    return formatNumber(rootOf(options).locale, n);
  });
  // A year in the locale's digits, without a thousands separator; none when content gives none.
  hb.registerHelper('year', function (y: number | undefined, options: HelperOptions) {
    return y === undefined ? '' : formatNumber(rootOf(options).locale, y, false);
  });
  hb.registerHelper('inc', (n: number) => n + 1);
  hb.registerHelper('upper', function (s: string, options: HelperOptions) {
    return upperText(String(s), rootOf(options).locale);
  });
  hb.registerHelper('join', (list: unknown[], sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (a: unknown, b: unknown) => a || b);
  hb.registerHelper('indent', (text: string) => String(text ?? '').trim());

  const partials = path.join(templatesDir, 'partials');
  if (existsSync(partials))
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')))
      hb.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partials, file), 'utf8'));
  return hb;
}

/** A template that cannot be compiled or rendered: `line` in `templates/<name>.hbs` where Handlebars says. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function templateError(e: unknown, name: string): TemplateError {
  const message = e instanceof Error ? e.message : String(e);
  // Handlebars ends its messages with "- line:column" (runtime) or says "on line N" (syntax).
  const line = Number(/ - (\d+):\d+\s*$/.exec(message)?.[1] ?? /on line (\d+)/.exec(message)?.[1] ?? 0);
  const first = message.split('\n')[0].replace(/ - \d+:\d+\s*$/, '').replace(/ in \[object Object\]/, '');
  return new TemplateError(first, name, line);
}

const engines = new Map<string, { hb: typeof Handlebars; templates: Map<string, HandlebarsTemplateDelegate> }>();

function engineFor(templatesDir: string) {
  let engine = engines.get(templatesDir);
  if (!engine) {
    engine = { hb: createEngine(templatesDir), templates: new Map() };
    engines.set(templatesDir, engine);
  }
  return engine;
}

/** Forget compiled templates (preview --watch after a template was saved). */
export function resetTemplates(): void {
  engines.clear();
}

export function renderTemplate(templatesDir: string, name: string, view: View): string {
  const engine = engineFor(templatesDir);
  let template = engine.templates.get(name);
  if (!template) {
    const file = path.join(templatesDir, `${name}.hbs`);
    try {
      const source = readFileSync(file, 'utf8');
      // Parsed now, since Handlebars compiles lazily: syntax errors are found here, with their
      // line. The tree is what compile works from, not the text again (it parsed each template a
      // second time); unprocessed, as compile strips the whitespace around block tags itself.
      const ast = engine.hb.parseWithoutProcessing(source);
      // Strict: a misspelled field is an error at its line, not a blank on the page.
      template = engine.hb.compile(ast, { noEscape: true, strict: true });
    } catch (e) {
      throw templateError(e, name);
    }
    engine.templates.set(name, template);
  }
  try {
    return template(view);
  } catch (e) {
    throw templateError(e, name);
  }
}

/**
 * Content as it enters a template: every string made fence-safe (see compose/fences.ts), so text a
 * volunteer wrote can only use the directives meant for content.
 */
function safe<T>(value: T): T {
  if (typeof value === 'string') return fenceSafe(value) as T;
  if (Array.isArray(value)) return value.map(safe) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safe(v)])) as T;
  return value;
}

/** The plain data every template sees: the model's fields flattened for easy reading in templates. */
export function viewOf(model: PackModel): View {
  const articleTitles = new Map(model.udhr.front.groups.flatMap((g) => g.articles.map((a) => [a.number, a.title] as const)));
  const c = model.case.front;
  // Card letters come from the locale (A, B, C… or А, Б, В… or أ، ب، ج…).
  const letters = model.strings.peek('cards.letters').split(/\s+/);
  // Where each card's text is written, so a card that does not fit is reported at its source line.
  const articleLines = new Map(
    model.udhr.front.groups.flatMap((g, gi) => g.articles.map((a, ai) => [a.number, model.udhr.lineOf(['groups', gi, 'articles', ai, 'title'])] as const)),
  );
  const sourceRefs = new Map<string, SourceRef>();
  const ref = (r: SourceRef) => {
    const key = `ref${sourceRefs.size + 1}`;
    sourceRefs.set(key, r);
    return key;
  };
  const experienceCards = c.cards.map((card, i) => ({
    ...card,
    letter: letters[i] ?? String(i + 1),
    articleTitle: articleTitles.get(card.matches),
    source: ref({ file: model.case.file, line: model.case.lineOf(['cards', i, 'text']) }),
  }));
  const rightsCards = [...new Set(c.cards.map((card) => card.matches))]
    .sort((a, b) => a - b)
    .map((number) => ({ number, title: articleTitles.get(number), source: ref({ file: model.udhr.file, line: articleLines.get(number) ?? 0 }) }));
  const status = currentStatus(c);
  // Detained, charged and sentenced show in the facts (detained since, charges, sentence); other
  // statuses, a dated or labelled one, and every resolved one are printed as a phrase too.
  const printStatus = status.resolved || !!status.label || !!status.date || !['detained', 'charged', 'sentenced'].includes(status.kind);
  const people = c.people.map((p, i) => ({ ...p, shortName: p.shortName ?? p.name, photoPath: model.case.peoplePhotoPaths[i] }));
  const solidarity = status.resolved
    ? // Never the old address: it may be a prison the person has left.
      c.resolved?.solidarity && { ...c.solidarity, ...c.resolved.solidarity, address: c.resolved.solidarity.address }
    : c.solidarity;
  const followUp = status.resolved ? c.resolved?.followUp : undefined;
  const petition = model.petition && { ...model.petition.front, letter: model.petition.body };
  const letter = followUp
    ? { followUp: true, title: followUp.title, intro: followUp.intro, guidance: followUp.guidance, model: followUp.letter, closing: followUp.closing }
    : { followUp: false, intro: c.letterIntro, guidance: c.letterGuidance, model: petition?.letter, closing: petition?.closing };
  const prompts = solidarity?.prompts ?? [];
  // Every handout by the title printed on it, so the guide names it as the facilitator will see it.
  const handoutTitles: Record<StepHandout, string | undefined> = {
    udhr: model.udhr.front.title,
    story: c.storyTitle,
    'matching-cards': model.strings.peek('doc.matching-cards'),
    'answer-key': model.strings.peek('cards.answerKey'),
    letter: letter.title ?? model.strings.peek('letter.title'),
    solidarity: model.strings.peek('solidarity.title'),
    petition: petition?.title,
  };
  const handoutsOf = (ids: readonly StepHandout[] = []) =>
    ids
      .filter((id) => (id === 'answer-key' || applies(c, id)) && handoutTitles[id] !== undefined)
      .map((id) => ({ id, title: handoutTitles[id]!, cutSheets: id !== 'answer-key' && DOCUMENTS[id].cutSheets }));
  const steps = model.activity.steps.map((s, i) => ({ ...s.front, number: i + 1, body: s.body, handouts: handoutsOf(s.front.handouts) }));
  // What to print before the workshop: the handouts the steps use (the answer key is in the guide).
  const guideHandouts = [...new Map(steps.flatMap((s) => s.handouts).filter((h) => h.id !== 'answer-key').map((h) => [h.id, h])).values()];
  return {
    sourceRefs,
    locale: model.locale,
    dateLocale: model.dateLocale,
    rtl: model.rtl,
    strings: model.strings,
    ...safe({
    case: {
      ...c,
      resolved: c.resolved ?? {},
      name: displayName(c, model.dateLocale ?? model.locale),
      names: formatList(model.dateLocale ?? model.locale, people.map((p) => p.name)),
      shortName: shortName(c, model.dateLocale ?? model.locale),
      group: people.length > 1,
      count: people.length,
      people,
      // The photos shown: the group photo, else each person's own.
      photos: model.case.photoPath ? [{ ...c.photo, photoPath: model.case.photoPath, name: displayName(c, model.dateLocale ?? model.locale) }] : people.filter((p) => p.photoPath).map((p) => ({ ...p.photo, photoPath: p.photoPath, name: p.name })),
      story: model.case.body,
      status: { ...status, printed: printStatus },
      update: latestUpdate(c),
      facts: c.facts ?? {},
      hashtags: c.hashtags ?? [],
      solidarity,
      letter,
      // Which documents this case gets (the guide and the cover say what is left out).
      has: { petition: applies(c, 'petition'), letter: applies(c, 'letter'), solidarity: applies(c, 'solidarity') },
    },
    petition,
    activity: {
      ...model.activity.front,
      intro: model.activity.body,
      steps,
      background: { ...model.activity.background.front, body: model.activity.background.body },
    },
    udhr: { ...model.udhr.front, about: model.udhr.body },
    campaign: { ...model.campaign.front, body: model.campaign.body },
    guideHandouts,
    experienceCards,
    rightsCards,
    // Solidarity cards come four to a sheet: one card a prompt, never repeated; the cells left on
    // the last sheet are cards without a prompt, for a message of one's own.
    solidarityCards: Array.from({ length: Math.ceil(prompts.length / 4) * 4 }, (_, i) => {
      const p = prompts[i];
      if (p === undefined) return { prompt: '', draw: false };
      return typeof p === 'string' ? { prompt: p, draw: false } : { prompt: p.draw, draw: true };
    }),
    }),
  };
}
