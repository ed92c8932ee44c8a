// The translators' commands: check, status, new-locale, mark-translated, preview. Each is a
// function that returns an exit code; printing goes through the Io of cli/main.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { check } from '../build/check.js';
import { preview } from '../build/preview.js';
import { UsageError } from '../build/usage.js';
import { contentRoot, listLocales } from '../content/load.js';
import { recordSource } from '../content/translation.js';
import { formatDiagnostic } from '../diagnostics.js';
import { DOCUMENT_IDS } from '../documents/registry.js';
import { SOURCE_LOCALE } from '../i18n/locale.js';
import { newLocale } from '../translate/new-locale.js';
import { formatStatus, localeStatus, sourceFiles } from '../translate/status.js';
import { collect } from './options.js';
import type { Io } from './main.js';


export function addTranslatorCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('validate all content without writing PDFs: schemas, references, step times, fonts, and that every text fits in every document')
    .option('--case <id...>', 'case id(s)', collect)
    .option('--locale <code...>', 'locale code(s) (default: all)', collect)
    .option('--content <dir>', 'content folder', 'content')
    .option('--json', 'print the problems as a JSON array (for CI)')
    .option('--strict', 'fail on warnings too (fallbacks, outdated translations, cards at their minimum size, placeholder photos, facts not checked for six months)')
    .action((opts) => {
      const result = check({ cwd: io.cwd, cases: opts.case, locales: opts.locale, contentDir: opts.content });
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
    .action((opts) => {
      const root = contentRoot(opts.content, io.cwd);
      const known = listLocales(root);
      for (const l of opts.locale ?? []) if (!known.includes(l)) throw new UsageError(`unknown locale "${l}"; known: ${known.join(', ')}`);
      const statuses = (opts.locale ?? known.filter((l) => l !== SOURCE_LOCALE)).map((l: string) => localeStatus(root, l));
      io.out(opts.json ? JSON.stringify(statuses, null, 2) : formatStatus(statuses));
      setExit(0);
    });

  program
    .command('new-locale')
    .description('start a translation: copy every content file into content/<CODE>/, marked untranslated (the build falls back until you translate)')
    .argument('<code>', 'BCP 47 language tag, e.g. pt-BR')
    .option('--from <code>', 'locale to copy the text from', SOURCE_LOCALE)
    .option('--content <dir>', 'content folder', 'content')
    .action((code: string, opts) => {
      const result = newLocale(contentRoot(opts.content, io.cwd), code, opts.from);
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
    .action((files: string[], opts) => {
      if (!files.length && !opts.all) throw new UsageError('name the files you translated, or pass --all to mark every file of the locale');
      const root = contentRoot(opts.content, io.cwd);
      const locale: string = opts.locale;
      if (locale === SOURCE_LOCALE) throw new UsageError(`${SOURCE_LOCALE} is the source locale: there is nothing to mark`);
      if (!listLocales(root).includes(locale)) throw new UsageError(`unknown locale "${locale}"; known: ${listLocales(root).join(', ')}`);
      const base = path.join(root.dir, locale);
      const rels = files.length
        ? files.map((f) => path.relative(base, existsSync(path.resolve(io.cwd, f)) ? path.resolve(io.cwd, f) : path.join(base, f)))
        : sourceFiles(root).filter((rel) => existsSync(path.join(base, rel)));
      for (const rel of rels) {
        const own = path.join(base, rel);
        const source = path.join(root.dir, SOURCE_LOCALE, rel);
        if (rel.startsWith('..') || !existsSync(own)) throw new UsageError(`${root.display(own)}: no such file in content/${locale}/`);
        if (!existsSync(source)) throw new UsageError(`${root.display(own)}: has no English source ${root.display(source)}`);
        recordSource(own, source);
        io.out(`marked ${root.display(own)} as translated from the current English`);
      }
      setExit(0);
    });

  program
    .command('preview')
    .description('draft PDFs for translators: DRAFT on every page, fallback text tinted, shrunk cards outlined; --watch rebuilds on save')
    .option('--case <id>', 'case id (default: the first)')
    .requiredOption('--locale <code>', 'the locale you are translating')
    .option('--doc <id...>', `document id(s): ${DOCUMENT_IDS.join(', ')}`, collect)
    .option('--watch', 'stay running and rebuild what a saved file affects')
    .option('--out <dir>', 'output folder', path.join('out', 'preview'))
    .option('--content <dir>', 'content folder', 'content')
    .action(async (opts) => {
      const result = await preview({
        cwd: io.cwd,
        cases: opts.case ? [opts.case] : undefined,
        locales: [opts.locale],
        docs: opts.doc,
        outDir: opts.out,
        contentDir: opts.content,
        watch: opts.watch,
        log: io.out,
      });
      setExit(result.diagnostics.some((d) => d.severity === 'error') && !result.written.length ? 1 : 0);
    });
}
