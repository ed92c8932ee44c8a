// The command line: parse, run the matched command, and map errors to exit codes in one place:
// 0 success, 1 content errors (printed as file:line: message), 2 wrong usage.
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../usage.js';
import { ContentError, formatDiagnostic, printable, type Diagnostic } from '../diagnostics.js';
import { EnvironmentError, machineFailure } from '../pipeline/write.js';
import { DOCUMENT_IDS } from '../documents/registry.js';
import { packageVersion } from '../package-dir.js';
import { collect } from './options.js';
import { parseLength, PRINT_SHOP_BLEED, type PrintOptions } from '../print/options.js';
import path from 'node:path';
import { addTranslatorCommands } from './translate-commands.js';
import { buildReporter } from '../commands/progress.js';
import { defaultJobs, jobsOption } from './jobs.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  /** When stdout is a terminal: raw writes, for build's live progress line (commands/progress.ts). */
  terminal?: { write: (text: string) => void; columns?: number };
}


function printDiagnostics(io: Io, diagnostics: Diagnostic[]): number {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  return errors.length;
}

/** The print options of the command line; a bleed that is not a length is wrong usage. */
function printOptions(opts: Record<string, unknown>): PrintOptions {
  const asked = (opts.bleed as string | undefined) ?? (opts.printShop ? PRINT_SHOP_BLEED : undefined);
  const bleed = asked === undefined ? undefined : parseLength(asked);
  if (asked !== undefined && bleed === undefined) throw new UsageError(`--bleed ${asked}: expected a length up to 20 mm, such as 3mm, 0.125in or 9pt`);
  return { pdfa: !!opts.pdfa, bleed, marks: !!(opts.marks || opts.printShop), booklet: !!opts.booklet, cardBacks: !!opts.cardBacks, grayscale: !!opts.grayscale };
}

export async function run(argv: string[], given: Io): Promise<number> {
  // Whatever a message quotes (a file name, a field value) reaches the terminal with its control characters escaped.
  const io: Io = { cwd: given.cwd, out: (line) => given.out(printable(line)), err: (line) => given.err(printable(line)), terminal: given.terminal };
  let exitCode = 0;
  const program = new Command()
    .name('workshop-pack')
    .description('Turns Markdown case files and activity definitions into localized, print-ready PDF workshop packs.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);

  program
    .command('build')
    .description('build PDFs into <out>/<case>/<locale>/<document>.pdf (by default: every case, every locale, every document)')
    .option('--case <id...>', 'case id(s), the folder names under content/en/cases/', collect)
    .option('--locale <code...>', 'locale code(s), the folder names under content/ (e.g. en, fr-CA)', collect)
    .option('--doc <id...>', `document id(s): ${DOCUMENT_IDS.join(', ')}`, collect)
    .addOption(new Option('--paper <size>', 'paper size for every document (default: from the locale: Letter for US, CA, MX, …; A4 elsewhere)').choices(['a4', 'letter']))
    .option('--out <dir>', 'output folder', 'out')
    .option('--content <dir>', 'content folder', 'content')
    .option('--verbose', 'list every file read (and its layer) and every fallback to another locale')
    .option('--no-bundled', 'only the project\'s content folder, without the content bundled with workshop-pack')
    .option('--section <id>', 'a section\'s edition (content/sections/<id>): its name, logo, contacts and QR codes, into <out>/<id>/<case>/<locale>/ (default: the neutral edition)')
    .option('--pdfa', 'archival PDF/A-2b (sRGB output intent, XMP identification, every font embedded)')
    .option('--print-shop', `for a print shop: the same as --bleed ${PRINT_SHOP_BLEED} --marks`)
    .option('--bleed <length>', 'bleed on every side of the page, e.g. 3mm or 0.125in (TrimBox and BleedBox are set)')
    .option('--marks', 'crop marks outside the bleed, and at every card edge of the cut sheets')
    .option('--booklet', 'the pack imposed for a folded, saddle-stitched booklet: two pages per sheet side, cut sheets and petition left out')
    .option('--card-backs', 'a back page after every cut sheet (campaign mark and card kind), mirrored for long-edge duplex')
    .option('--grayscale', 'every colour as a gray level (DeviceGray), for black-and-white printers')
    .option('--force', 'build every document again, even those whose inputs have not changed since the last build (see <out>/.cache/)')
    .option('--jobs <n>', `cases × locales built side by side in n worker threads (default ${defaultJobs()}: all in this process, measured as fast on 2 cores and lighter)`, jobsOption)
    .option('--json', 'one JSON object per document on stdout, then a summary object (notes and diagnostics on stderr)')
    .action(async (opts) => {
      // A command's own modules are loaded when it runs, not by every start of the CLI (the
      // translators' commands still load theirs eagerly through translate-commands.ts).
      const { build } = await import('../commands/build.js');
      const reporter = buildReporter(io, opts.json ? 'json' : io.terminal ? 'live' : 'plain');
      const result = await build({
        section: opts.section,
        cwd: io.cwd,
        cases: opts.case,
        locales: opts.locale,
        docs: opts.doc,
        paper: opts.paper,
        outDir: opts.out,
        contentDir: opts.content,
        verbose: opts.verbose,
        bundled: opts.bundled,
        print: printOptions(opts),
        force: opts.force,
        jobs: opts.jobs ?? defaultJobs(),
        log: reporter.log,
        onProgress: reporter.onProgress,
      });
      reporter.end();
      const errors = printDiagnostics(io, result.diagnostics);
      reporter.finish(result, errors);
      exitCode = errors ? 1 : 0;
    });

  program
    .command('init')
    .description('make a folder for a section\'s own content, laid over the content bundled with workshop-pack')
    .argument('<dir>', 'the folder to make')
    .option('--locale <code>', 'also start a translation into this language (as new-locale does)')
    .action(async (dir: string, opts) => {
      const { initProject } = await import('./init.js');
      const { newLocale } = await import('../translate/new-locale.js');
      const { contentRoot } = await import('../content/load.js');
      for (const f of initProject(io.cwd, dir)) io.out(`created ${f}`);
      if (opts.locale) {
        const result = newLocale(contentRoot('content', path.resolve(io.cwd, dir)), opts.locale);
        io.out(`created ${path.join(dir, 'content', opts.locale)}${path.sep} (${result.files.length} files, marked untranslated)`);
      }
      io.out(`next: cd ${dir} && npx workshop-pack build --locale ${opts.locale ?? 'en'} --doc story (README.md says more)`);
      exitCode = 0;
    });

  addTranslatorCommands(program, io, (code) => (exitCode = code));

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      io.err(`workshop-pack: ${e.message}`);
      return 2;
    }
    if (e instanceof ContentError) {
      printDiagnostics(io, e.diagnostics);
      return 1;
    }
    if (e instanceof EnvironmentError) {
      io.err(`${e.file}: ${e.reason}`);
      return 1;
    }
    // A failure of the machine any command can meet (a read-only folder, a file where a folder
    // should be, a full disk): one line naming the path, as for a build's own writes.
    const failure = machineFailure(e, io.cwd);
    if (failure) {
      io.err(failure);
      return 1;
    }
    throw e;
  }
}
