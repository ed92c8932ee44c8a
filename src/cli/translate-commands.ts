// The translators' commands: check, status, new-locale, mark-translated, preview. Each is a
// function that returns an exit code; printing goes through the Io of cli/main.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { exportXliff, importXliff } from '../translate/xliff.js';
import path from 'node:path';
import type { Command } from 'commander';
import { check } from '../commands/check.js';
import { preview } from '../commands/preview.js';
import { UsageError } from '../usage.js';
import { contentRoot, listLocales } from '../content/load.js';
import { editProblem, recordSource } from '../content/translation.js';
import { formatDiagnostic } from '../diagnostics.js';
import { DOCUMENT_IDS } from '../documents/registry.js';
import { isValidTag, SOURCE_LOCALE } from '../i18n/locale.js';
import { newLocale } from '../translate/new-locale.js';
import { formatStatus, localeStatus, ownFile, sourceFiles } from '../translate/status.js';
import { unitsOf } from '../translate/units.js';
import { nearest } from '../usage.js';
import { collect } from './options.js';
import type { Io } from './main.js';

export function unknownLocale(locale: string, known: string[]): string {
  const near = nearest(locale, known);
  return `unknown locale "${locale}"${near ? ` (did you mean "${near}"?)` : ''}; known: ${known.join(', ')}`;
}

/** A file whose every translatable text is still the English one (names and addresses aside). */
function sameAsEnglish(own: string, source: string, rel: string): boolean {
  const english = unitsOf(readFileSync(source, 'utf8'), rel).filter((u) => !u.mayMatchEnglish);
  const mine = new Map(unitsOf(readFileSync(own, 'utf8'), rel).map((u) => [u.id, u.text]));
  return english.length > 0 && english.every((u) => mine.get(u.id) === u.text);
}

export function addTranslatorCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('validate all content without writing PDFs: schemas, references, step times, fonts, and that every text fits in every document')
    .option('--case <id...>', 'case id(s)', collect)
    .option('--locale <code...>', 'locale code(s) (default: all)', collect)
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the problems as a JSON array (for CI)')
    .option('--strict', 'fail on warnings too (fallbacks, outdated translations, cards at their minimum size, placeholder photos, facts not checked for six months)')
    .option('--no-bundled', 'only the project\'s content folder, without the content bundled with workshop-pack')
    .option('--section <id>', 'check a section\'s edition (content/sections/<id>): its profile and its locales')
    .action((opts) => {
      const result = check({ cwd: io.cwd, cases: opts.case, locales: opts.locale, contentDir: opts.content, bundled: opts.bundled, section: opts.section });
      if (opts.json) io.out(JSON.stringify(result.diagnostics, null, 2));
      else {
        for (const d of result.diagnostics) io.err(formatDiagnostic(d));
        io.out(
          `checked ${result.checked.documents} documents (${result.checked.locales.join(', ')}): ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`,
        );
      }
      setExit(result.errors || (opts.strict && result.warnings) ? 1 : 0);
    });

  program
    .command('status')
    .description('what is translated, missing (falls back) or outdated, per locale, file and string')
    .option('--locale <code...>', 'locale code(s) (default: all but en)', collect)
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the table as JSON')
    .option('--summary', 'one line per locale')
    .option('--no-bundled', 'only the project\'s content folder, without the content bundled with workshop-pack')
    .action((opts) => {
      const root = contentRoot(opts.content, io.cwd, { bundled: opts.bundled, named: opts.content !== 'content' });
      const known = listLocales(root);
      for (const l of opts.locale ?? []) {
        if (l === SOURCE_LOCALE) throw new UsageError(`${SOURCE_LOCALE} is the source locale: status compares translations with it`);
        if (!known.includes(l)) throw new UsageError(unknownLocale(l, known));
      }
      const statuses = (opts.locale ?? known.filter((l) => l !== SOURCE_LOCALE)).map((l: string) => localeStatus(root, l));
      io.out(opts.json ? JSON.stringify(statuses, null, 2) : formatStatus(statuses, opts.summary));
      setExit(0);
    });

  program
    .command('new-locale')
    .description('start a translation: copy every content file into content/<CODE>/, marked untranslated (the build falls back until you translate)')
    .argument('<code>', 'BCP 47 language tag, e.g. pt-BR')
    .option('--from <code>', 'locale to copy the text from', SOURCE_LOCALE)
    .option('--content <dir>', 'content folder', 'content')
    .action((code: string, opts) => {
      const result = newLocale(contentRoot(opts.content, io.cwd, { named: opts.content !== 'content' }), code, opts.from);
      for (const f of result.files) io.out(`created ${f}`);
      io.out(`${result.files.length} files for ${code}, all marked untranslated: translate a file, set its status to draft, then run workshop-pack mark-translated --locale ${code} FILE`);
      setExit(0);
    });

  program
    .command('mark-translated')
    .description('record that files of a locale are translated from the current English (what status uses to find outdated translations)')
    .requiredOption('--locale <code>', 'the locale')
    .argument('[files...]', 'files of content/<code>/, as paths or relative to that folder')
    .option('--all', 'every file of the locale (only when all of them are translated: copies still in English would count as done)')
    .option('--content <dir>', 'content folder', 'content')
    .option('--force', 'mark files even where they are still the same as the English')
    .action((files: string[], opts) => {
      if (!files.length && !opts.all) throw new UsageError('name the files you translated, or pass --all to mark every file of the locale');
      const root = contentRoot(opts.content, io.cwd, { named: opts.content !== 'content' });
      const locale: string = opts.locale;
      if (locale === SOURCE_LOCALE) throw new UsageError(`${SOURCE_LOCALE} is the source locale: there is nothing to mark`);
      if (!listLocales(root).includes(locale)) throw new UsageError(unknownLocale(locale, listLocales(root)));
      const base = path.join(root.dir, locale);
      const rels = files.length
        ? files.map((f) => path.relative(base, existsSync(path.resolve(io.cwd, f)) ? path.resolve(io.cwd, f) : path.join(base, f)))
        : sourceFiles(root).filter((rel) => existsSync(path.join(base, rel)));
      // Every argument is checked before any file changes: one bad name leaves everything as it was.
      const problems: string[] = [];
      const marks: { own: string; source: string; rel: string }[] = [];
      for (const rel of rels) {
        const own = path.join(base, rel);
        const source = ownFile(root, SOURCE_LOCALE, rel);
        if (rel.startsWith('..') || !existsSync(own)) problems.push(`${root.display(own)}: no such file in ${root.display(base)}/`);
        else if (!source) problems.push(`${root.display(own)}: has no English source ${path.join('content', SOURCE_LOCALE, rel)}`);
        else {
          const problem = editProblem(own, root.display);
          if (problem) problems.push(problem);
          else if (!opts.force && sameAsEnglish(own, source, rel)) problems.push(`${root.display(own)}: still the same as the English; translate it first (or pass --force if it is right as it is)`);
          else marks.push({ own, source, rel });
        }
      }
      if (problems.length) throw new UsageError(`${problems.join('\n')}\nnothing was marked`);
      for (const m of marks) {
        recordSource(m.own, m.source, undefined, m.rel);
        io.out(`marked ${root.display(m.own)} as translated from the current English`);
      }
      setExit(0);
    });

  const xliff = program.command('xliff').description('XLIFF 1.2 files for translation tools (Trados, memoQ, OmegaT, Crowdin, Weblate)');
  xliff
    .command('export')
    .description('write every text of a locale (English source, current translation as target) as XLIFF 1.2')
    .requiredOption('--locale <code>', 'the locale to translate into')
    .option('--out <file>', 'the XLIFF file to write (default: <locale>.xlf)')
    .option('--content <dir>', 'content folder', 'content')
    .action((opts) => {
      const root = contentRoot(opts.content, io.cwd, { named: opts.content !== 'content' });
      const locale: string = opts.locale;
      if (!isValidTag(locale)) throw new UsageError(`"${locale}" is not a valid BCP 47 language tag (examples: fr, fr-CA, pt-BR, sr-Latn)`);
      const out = path.resolve(io.cwd, opts.out ?? `${locale}.xlf`);
      const xml = exportXliff(root, locale);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, xml);
      const units = (xml.match(/<trans-unit /g) ?? []).length;
      const translated = (xml.match(/<target /g) ?? []).length;
      io.out(`wrote ${path.relative(io.cwd, out) || out}: ${units} units, ${translated} with a translation`);
      setExit(0);
    });
  xliff
    .command('import')
    .description('write the translations of an XLIFF file into content/<locale>/ and record the English they translate')
    .argument('<file>', 'the XLIFF 1.2 file')
    .option('--content <dir>', 'content folder', 'content')
    .action((file: string, opts) => {
      const root = contentRoot(opts.content, io.cwd, { named: opts.content !== 'content' });
      const abs = path.resolve(io.cwd, file);
      if (!existsSync(abs)) throw new UsageError(`${file}: no such file`);
      const result = importXliff(root, abs, file);
      for (const w of result.written) io.out(`wrote ${root.display(w)}`);
      for (const s of result.stale) io.err(`${file}: warning: ${s.file} ${s.id}: the English changed since the export (or the text is gone); not imported`);
      for (const u of result.unplaced) io.err(`${file}: warning: ${u.file} ${u.id}: content/${result.locale}/${u.file} has no such text (its structure differs from the English, or it does not read); not imported`);
      io.out(`${result.locale}: ${result.written.length} file${result.written.length === 1 ? '' : 's'} written, ${result.unchanged} unchanged, ${result.stale.length} unit${result.stale.length === 1 ? '' : 's'} with a changed English source`);
      setExit(0);
    });

  program
    .command('preview')
    .description('draft PDFs for translators: DRAFT on every page, fallback text tinted, shrunk cards outlined; --watch rebuilds on save')
    .option('--case <id>', 'case id (default: the first)')
    .requiredOption('--locale <code>', 'the locale you are translating')
    .option('--doc <id...>', `document id(s): ${DOCUMENT_IDS.join(', ')}`, collect)
    .option('--watch', 'stay running and rebuild what a saved file affects')
    .option('--no-bundled', 'only the project\'s content folder, without the content bundled with workshop-pack')
    .option('--out <dir>', 'output folder', path.join('out', 'preview'))
    .option('--content <dir>', 'content folder', 'content')
    .option('--section <id>', 'preview a section\'s edition (content/sections/<id>)')
    .action(async (opts) => {
      const result = await preview({
        section: opts.section,
        cwd: io.cwd,
        cases: opts.case ? [opts.case] : undefined,
        locales: [opts.locale],
        docs: opts.doc,
        outDir: opts.out,
        contentDir: opts.content,
        watch: opts.watch,
        bundled: opts.bundled,
        log: io.out,
      });
      setExit(result.diagnostics.some((d) => d.severity === 'error') && !result.written.length ? 1 : 0);
    });
}
