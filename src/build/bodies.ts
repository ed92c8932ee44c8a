// Markdown bodies are checked on their own before templating, so a mistyped directive or an
// indented line (a code block in Markdown) is reported at its file and line, not as a template error.
import type { PackModel, Prose } from '../content/load.js';
import { ComposeError, parseDocument } from '../compose/parse.js';
import { error, type Diagnostic } from '../diagnostics.js';

function check(prose: Prose<unknown>): Diagnostic[] {
  try {
    parseDocument(prose.body);
    return [];
  } catch (e) {
    if (!(e instanceof ComposeError)) throw e;
    const at = e.raw ? prose.body.indexOf(e.raw.trimEnd()) : -1;
    const line = at >= 0 ? prose.bodyLine + prose.body.slice(0, at).split('\n').length - 1 : prose.bodyLine;
    return [error(prose.file, line, e.message, 'bodies may use paragraphs, lists, **bold**, *italic*, ### headings, > quotes and :::read-aloud blocks; do not indent lines by four spaces')];
  }
}

export function checkBodies(model: PackModel): Diagnostic[] {
  const all: Prose<unknown>[] = [model.case, model.petition, model.activity, ...model.activity.steps, model.activity.background, model.udhr, model.campaign];
  return all.flatMap(check);
}
