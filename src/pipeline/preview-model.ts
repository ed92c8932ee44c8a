// The model a draft preview is made from: every text that fell back to another locale carries
// fallback marks (see i18n/fallback-marks.ts), from strings and from whole fallen-back files.
import type { PackModel, Prose } from '../content/load.js';
import { markFallback, markMarkdown } from '../i18n/fallback-marks.js';

// Front matter fields that are data, not printed text: marks would break them.
const NOT_TEXT = new Set(['src', 'activity', 'code', 'kind', 'status', 'date', 'reviewed', 'detainedOn', 'steps', 'background', 'translation', 'sourceHashes']);

function markValue(value: unknown, locale: string, key?: string): unknown {
  if (key && NOT_TEXT.has(key)) return value;
  if (typeof value === 'string') return markFallback(value, locale);
  if (Array.isArray(value)) return value.map((v) => markValue(v, locale));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markValue(v, locale, k)]));
  return value;
}

function markProse<P extends Prose<unknown>>(prose: P, locale: string): P {
  if (prose.locale === locale) return prose;
  return { ...prose, front: markValue(prose.front, prose.locale), body: markMarkdown(prose.body, prose.locale) };
}

export function markFallbacks(model: PackModel): PackModel {
  model.strings.markFallbacks = true;
  const loc = model.locale;
  const activity = markProse(model.activity, loc);
  return {
    ...model,
    case: markProse(model.case, loc),
    petition: model.petition && markProse(model.petition, loc),
    activity: { ...activity, steps: model.activity.steps.map((s) => markProse(s, loc)), background: markProse(model.activity.background, loc) },
    udhr: markProse(model.udhr, loc),
    campaign: markProse(model.campaign, loc),
  };
}
