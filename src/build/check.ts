// `check`: everything a build verifies, without writing a PDF: schemas, references, step times,
// glyph coverage, every text fitting its box in every document of every locale checked, plus
// warnings for fallbacks, outdated translations and cards shrunk to their minimum size.
import path from 'node:path';
import { contentRoot } from '../content/load.js';
import { hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { DOCUMENT_IDS } from '../documents/registry.js';
import { paperFor } from '../i18n/locale.js';
import { fontBookFor } from '../content/font-config.js';
import { localeStatus } from '../translate/status.js';
import { creationDate, PACKAGE_DIR, select, type BuildRequest } from './build.js';
import { caseWarnings } from '../content/case-warnings.js';
import { applies } from '../documents/applicable.js';
import { layoutChecked, loadChecked } from './pipeline.js';

export interface CheckResult {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  checked: { cases: string[]; locales: string[]; documents: number };
}

export function check(request: BuildRequest): CheckResult {
  const cwd = request.cwd ?? process.cwd();
  const sel = select(request);
  const root = contentRoot(request.contentDir ?? 'content', cwd);
  const templatesDir = path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates'));
  const fonts = fontBookFor(root, path.resolve(cwd, request.fontsConfig ?? path.join(PACKAGE_DIR, 'fonts', 'fonts.json')));
  const book = fonts.book;
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = `${d.file}:${d.line}:${d.message}`;
    if (!seen.has(key)) found.push(d), seen.add(key);
  };
  sel.problems.forEach(add);
  let documents = 0;
  const warnedCases = new Set<string>();
  fonts.diagnostics.forEach(add);
  // `pack` repeats every other document's layout: checking the seven covers it.
  const docs = DOCUMENT_IDS.filter((d) => d !== 'pack');

  for (const locale of sel.locales) {
    for (const row of localeStatus(root, locale).rows) {
      const file = root.display(path.join(root.dir, locale, row.kind === 'string' ? 'strings.yaml' : row.item));
      const what = row.kind === 'string' ? `string "${row.item}"` : 'this file';
      if (row.state === 'outdated')
        add(warning(file, 0, `${what} is outdated: the English source changed since it was translated`, `update the translation, then run: workshop-pack mark-translated --locale ${locale} ${row.kind === 'file' ? file : file}`));
      else if (row.state === 'missing' || row.state === 'untranslated')
        add(
          warning(
            file,
            0,
            `${what} is ${row.state === 'missing' ? 'not translated' : 'still marked untranslated'}: it falls back to ${row.from}`,
            row.state === 'missing'
              ? `translate it into ${file}${row.kind === 'file' ? ` (copy ${root.display(path.join(root.dir, 'en', row.item))} to start)` : ''}`
              : `translate it, then run: workshop-pack mark-translated --locale ${locale} ${file}`,
          ),
        );
    }
    // With the font configuration broken, nothing can be measured.
    for (const caseId of hasErrors(fonts.diagnostics) ? [] : sel.cases) {
      const { model, diagnostics } = loadChecked(root, caseId, locale, book);
      diagnostics.forEach(add);
      if (!model) continue;
      // Stale facts and placeholder photos: said once per case, not once per locale.
      if (!warnedCases.has(caseId)) caseWarnings(model, request.today ?? creationDate()).forEach(add), warnedCases.add(caseId);
      const paper = request.paper ?? model.paper ?? paperFor(locale);
      for (const doc of docs) {
        if (!sel.docs.includes(doc) && !sel.docs.includes('pack')) continue;
        if (!applies(model.case.front, doc)) continue;
        layoutChecked(model, doc, { templatesDir, book, paper }).diagnostics.forEach(add);
        documents++;
      }
    }
  }
  const errors = found.filter((d) => d.severity === 'error').length;
  return { diagnostics: found, errors, warnings: found.length - errors, checked: { cases: sel.cases, locales: sel.locales, documents } };
}
