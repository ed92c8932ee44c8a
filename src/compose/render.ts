// Templates: Handlebars layouts + the view of a pack model → Markdown with directives. Templates are
// compiled once per process; translations are resolved before templating and reach the helpers
// through the view, so a template never decides a language.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { PackModel } from '../content/load.js';
import type { Strings } from '../i18n/strings.js';
import { upperText } from '../i18n/fallback-marks.js';
import { encodeAttr } from './directives.js';

export interface View {
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

function createEngine(templatesDir: string): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('t', function (key: string, options: HelperOptions) {
    return rootOf(options).strings.text(key, options.hash ?? {});
  });
  hb.registerHelper('plural', function (key: string, count: number, options: HelperOptions) {
    return rootOf(options).strings.text(key, { ...(options.hash ?? {}), count });
  });
  hb.registerHelper('attr', (value: unknown) => encodeAttr(String(value ?? '')));
  hb.registerHelper('date', function (iso: string, options: HelperOptions) {
    const date = new Date(`${iso}T00:00:00Z`);
    const root = rootOf(options);
    return new Intl.DateTimeFormat(root.dateLocale ?? root.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  });
  hb.registerHelper('languages', function (langs: { code: string; some?: boolean }[], options: HelperOptions) {
    const root = rootOf(options);
    const names = new Intl.DisplayNames([root.locale], { type: 'language' });
    const list = langs.map((l) => {
      const name = names.of(l.code) ?? l.code;
      return l.some ? root.strings.text('solidarity.some', { language: name }) : name;
    });
    return new Intl.ListFormat(root.locale, { type: 'conjunction' }).format(list);
  });
  hb.registerHelper('formatNumber', function (n: number, options: HelperOptions) {
    return new Intl.NumberFormat(rootOf(options).locale).format(n);
  });
  hb.registerHelper('inc', (n: number) => n + 1);
  hb.registerHelper('upper', function (s: string, options: HelperOptions) {
    return upperText(String(s), rootOf(options).locale);
  });
  hb.registerHelper('join', (list: unknown[], sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('indent', (text: string) => String(text ?? '').trim());

  const partials = path.join(templatesDir, 'partials');
  if (existsSync(partials))
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')))
      hb.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partials, file), 'utf8'));
  return hb;
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
    template = engine.hb.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: false });
    engine.templates.set(name, template);
  }
  return template(view);
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
  const experienceCards = c.cards.map((card, i) => ({
    ...card,
    letter: letters[i] ?? String(i + 1),
    articleTitle: articleTitles.get(card.matches),
    source: `${model.case.file}:${model.case.lineOf(['cards', i, 'text'])}`,
  }));
  const rightsCards = [...new Set(c.cards.map((card) => card.matches))]
    .sort((a, b) => a - b)
    .map((number) => ({ number, title: articleTitles.get(number), source: `${model.udhr.file}:${articleLines.get(number)}` }));
  return {
    locale: model.locale,
    dateLocale: model.dateLocale,
    rtl: model.rtl,
    strings: model.strings,
    case: { ...c, story: model.case.body, photoPath: model.case.photoPath },
    petition: { ...model.petition.front, letter: model.petition.body },
    activity: {
      ...model.activity.front,
      intro: model.activity.body,
      steps: model.activity.steps.map((s, i) => ({ ...s.front, number: i + 1, body: s.body })),
      background: { ...model.activity.background.front, body: model.activity.background.body },
    },
    udhr: { ...model.udhr.front, about: model.udhr.body },
    campaign: { ...model.campaign.front, body: model.campaign.body },
    experienceCards,
    rightsCards,
    // Solidarity cards come four to a sheet: repeat the prompts to fill the last sheet.
    solidarityCards: Array.from({ length: Math.ceil(c.solidarity.prompts.length / 4) * 4 }, (_, i) => c.solidarity.prompts[i % c.solidarity.prompts.length]),
  };
}
