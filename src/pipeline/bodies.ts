// Everything content writes in Markdown is checked on its own before templating, in content mode
// (only the boxes content may use, links only to http(s), mailto and tel, bounded nesting), so a
// problem is reported at its file and line: bodies at their line, front matter fields and strings
// at the field's line, never at a template.
import type { PackModel, Prose } from '../content/load.js';
import { keptCheck } from '../content/kept-checks.js';
import { ComposeError, parseDocument } from '../compose/parse.js';
import { error, type Diagnostic } from '../diagnostics.js';

const HINT = 'content may use paragraphs, lists, **bold**, *italic*, links, ### headings, > quotes and :::read-aloud, :::tip and :::note blocks; do not indent lines by four spaces';

/** Why a text cannot be parsed in content mode, and the line of the text it is about; null when it can. */
type Problem = { message: string; line: number } | null;
const isProblem = (v: unknown): v is Problem => v === null || (typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string' && Number.isInteger((v as { line?: unknown }).line));

function parseProblem(text: string): Problem {
  return keptCheck(
    'markdown',
    text,
    () => {
      try {
        parseDocument(text, { content: true });
        return null;
      } catch (e) {
        if (e instanceof ComposeError) return { message: e.message, line: e.lineIn(text) };
        throw e;
      }
    },
    isProblem,
  );
}

/** Every string inside a front matter value, with its path. */
function* fields(value: unknown, path: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* fields(v, [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'translation') yield* fields(v, [...path, k]);
}

function check(prose: Prose<unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const body = parseProblem(prose.body);
  if (body) out.push(error(prose.file, prose.bodyLine + body.line - 1, body.message, HINT));
  for (const [path, text] of fields(prose.front)) {
    const problem = parseProblem(text);
    if (problem) out.push(error(prose.file, prose.lineOf(path), `${path.join('.').replace(/\.(\d+)/g, '[$1]')}: ${problem.message}`, HINT));
  }
  return out;
}

export function checkBodies(model: PackModel): Diagnostic[] {
  const all: Prose<unknown>[] = [model.case, ...(model.petition ? [model.petition] : []), model.activity, ...model.activity.steps, model.activity.background, model.udhr, model.campaign];
  const strings = model.strings.keys().flatMap((key) => {
    const entry = model.strings.resolved(key)!;
    const texts = typeof entry.value === 'string' ? [entry.value] : Object.values(entry.value).filter((v): v is string => typeof v === 'string');
    return texts.flatMap((text) => {
      const problem = parseProblem(text);
      return problem ? [error(entry.file, entry.line, `string "${key}": ${problem.message}`, HINT)] : [];
    });
  });
  return [...all.flatMap(check), ...strings];
}
