// `check`: everything a build verifies, without writing a PDF: schemas, references, step times,
// glyph coverage, every text fitting its box in every document of every locale checked, plus
// warnings for fallbacks, outdated translations and cards shrunk to their minimum size.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { DOCUMENT_IDS } from '../documents/registry.js';
import { paperFor, SOURCE_LOCALE } from '../i18n/locale.js';
import { fontBookFor } from '../content/font-config.js';
import { localeStatus, ownFile } from '../translate/status.js';
import { unitsOf } from '../translate/units.js';
import { creationDate, fontsConfigOf, PACKAGE_DIR, rootOf, select, type BuildRequest } from './build.js';
import { caseWarnings } from '../content/case-warnings.js';
import { straightQuoteWarnings } from '../content/typography.js';
import { applies } from '../documents/applicable.js';
import { layoutChecked, loadChecked } from '../pipeline/pipeline.js';
import { editionOf, sectionPaper } from '../content/section.js';
import { chooseSection } from './section-option.js';

export interface CheckResult {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  checked: { cases: string[]; locales: string[]; documents: number };
}

export function check(request: BuildRequest): CheckResult {
  const cwd = request.cwd ?? process.cwd();
  const root = rootOf(request);
  const chosen = chooseSection(root, request, request.today ?? creationDate());
  const sel = select(chosen.request);
  const templatesDir = path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates'));
  const fonts = fontBookFor(root, fontsConfigOf(request));
  const book = fonts.book;
  const found: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = `${d.file}:${d.line}:${d.message}`;
    if (!seen.has(key)) found.push(d), seen.add(key);
  };
  // Every item of `check --json` names its rule and locale: a default by the stage that found it.
  const tagged = (rule: string, locale?: string) => (d: Diagnostic) => add({ ...d, rule: d.rule ?? rule, ...(locale ? { locale: d.locale ?? locale } : {}) });
  sel.problems.forEach(tagged('locale-folder'));
  chosen.diagnostics.forEach(tagged('section'));
  let documents = 0;
  const warnedCases = new Set<string>();
  const quotedFiles = new Set<string>();
  fonts.diagnostics.forEach(add);
  // `pack` repeats every other document's layout: checking the seven covers it.
  const docs = DOCUMENT_IDS.filter((d) => d !== 'pack');

  for (const locale of sel.locales) {
    const ownStrings = ownFile(root, locale, 'strings.yaml');
    const stringLines = new Map(ownStrings ? unitsOf(readFileSync(ownStrings, 'utf8'), 'strings.yaml').map((u) => [u.id.split('#')[0], u.line]) : []);
    for (const row of locale === SOURCE_LOCALE ? [] : localeStatus(root, locale).rows) {
      const own = ownFile(root, locale, row.kind === 'string' ? 'strings.yaml' : row.item);
      const file = root.display(own ?? path.join(root.dir, locale, row.kind === 'string' ? 'strings.yaml' : row.item));
      const line = row.kind === 'string' ? (stringLines.get(row.item) ?? 0) : 0;
      const what = row.kind === 'string' ? `string "${row.item}"` : 'this file';
      const rule = (code: string, d: Diagnostic): Diagnostic => ({ ...d, rule: code, locale, ...(row.kind === 'string' ? { key: row.item } : {}) });
      if (row.state === 'outdated')
        add(rule('outdated', warning(file, line, `${what} is outdated: the English source changed since it was translated`, `update the translation (workshop-pack status --locale ${locale} shows what changed), then run: workshop-pack mark-translated --locale ${locale} ${file}`)));
      else if (row.state === 'english')
        add(rule('same-as-english', warning(file, line, `${what} is the same as the English: it counts as untranslated`, `translate it, or list the text under sameAsEnglish: in content/${locale}/strings.yaml if it is right as it is (a name, an address)`)));
      else if (row.state === 'missing' || row.state === 'untranslated')
        add(
          rule(row.state === 'missing' ? 'missing' : 'untranslated', warning(
            file,
            line,
            `${what} is ${row.state === 'missing' ? 'not translated' : 'still marked untranslated'}: it falls back to ${row.from}`,
            row.state === 'missing'
              ? `translate it into ${file}${row.kind === 'file' ? ` (copy ${root.display(path.join(root.dir, 'en', row.item))} to start)` : ''}`
              : `translate it, then run: workshop-pack mark-translated --locale ${locale} ${file}`,
          )),
        );
      for (const u of row.sameAsEnglish ?? [])
        add(rule('same-as-english', warning(file, u.line, `${u.id} is the same as the English: it counts as untranslated`, `translate it, or list the text under sameAsEnglish: in content/${locale}/strings.yaml if it is right as it is`)));
    }
    // With the font configuration broken, nothing can be measured.
    for (const caseId of hasErrors(fonts.diagnostics) ? [] : sel.cases) {
      const { model, diagnostics } = loadChecked(root, caseId, locale, book);
      diagnostics.forEach(tagged('content', locale));
      if (!model) continue;
      // Stale facts and placeholder photos: said once per case, not once per locale.
      if (!warnedCases.has(caseId)) caseWarnings(model, request.today ?? creationDate()).forEach(tagged('case', locale)), warnedCases.add(caseId);
      straightQuoteWarnings(model.files, quotedFiles, (f) => root.display(f)).forEach(tagged('content', locale));
      const paper = request.paper ?? sectionPaper(chosen.profile) ?? model.paper ?? paperFor(locale);
      const section = chosen.profile && editionOf(chosen.profile, caseId, locale);
      for (const doc of docs) {
        if (!sel.docs.includes(doc) && !sel.docs.includes('pack')) continue;
        if (!applies(model.case.front, doc)) continue;
        layoutChecked(model, doc, { templatesDir, book, paper, section }).diagnostics.forEach(tagged('fit', locale));
        documents++;
      }
    }
  }
  const errors = found.filter((d) => d.severity === 'error').length;
  return { diagnostics: found, errors, warnings: found.length - errors, checked: { cases: sel.cases, locales: sel.locales, documents } };
}
