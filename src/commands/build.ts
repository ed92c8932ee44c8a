// The build command's work, callable from tests: choose cases × locales × documents, load and
// check content, lay out, paint and write each PDF atomically. Returns what it did as data.
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentRoot, layerOf, listCases, scanLocales, type ContentRoot, type Fallback } from '../content/load.js';
import { localeStatus } from '../translate/status.js';
import { error, hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { displayName } from '../content/case-status.js';
import { caseWarnings } from '../content/case-warnings.js';
import { straightQuoteWarnings } from '../content/typography.js';
import { whyNotBuilt } from '../documents/applicable.js';
import { DOCUMENT_IDS, type DocumentId } from '../documents/registry.js';
import { fallbackChain, isValidTag, paperFor, SOURCE_LOCALE } from '../i18n/locale.js';
import { fontBookFor } from '../content/font-config.js';
import type { Paper } from '../layout/theme.js';
import { paintPdf } from '../paint/pdf.js';
import type { PrintOptions } from '../print/options.js';
import { producePrint } from '../print/produce.js';
import type { PartCache } from '../pipeline/document.js';
import { layoutChecked, loadChecked } from '../pipeline/pipeline.js';
import { UsageError, nearest } from '../usage.js';
import { EnvironmentError, removeStaleTemporaries, writeAtomically } from '../pipeline/write.js';
import { PACKAGE_DIR } from '../package-dir.js';
import { editionOf, sectionPaper } from '../content/section.js';
import { chooseSection } from './section-option.js';
import { Collector, type BuildProgress, type UnitSink } from '../pipeline/unit-sink.js';
import { buildInWorkers, workersFor } from '../pipeline/parallel.js';

export interface BuildRequest {
  cwd?: string;
  contentDir?: string;
  templatesDir?: string;
  fontsConfig?: string;
  outDir?: string;
  cases?: string[];
  locales?: string[];
  docs?: string[];
  paper?: Paper;
  /** Called with each line of progress. */
  log?: (line: string) => void;
  verbose?: boolean;
  /** The build date, for the freshness of cases (default: SOURCE_DATE_EPOCH, else now). */
  today?: Date;
  /** Layer the package's bundled content under the project's content folder (default true). */
  bundled?: boolean;
  /** A section's edition (content/sections/<id>): output under <out>/<id>/, its locales by default. */
  section?: string;
  /** Print production (--pdfa, --bleed, --marks, --booklet, --card-backs, --grayscale); none: office PDFs. */
  print?: PrintOptions;
  /** Workers building cases × locales side by side (pipeline/parallel.ts); 1 (the default): in this process. */
  jobs?: number;
  /** Called after each document, instead of logging its line (commands/progress.ts shows it). */
  onProgress?: (progress: BuildProgress) => void;
}

export interface WrittenDocument {
  file: string;
  caseId: string;
  locale: string;
  doc: DocumentId;
  pages: number;
  paper: Paper;
  fallbacks: Fallback[];
}

export interface SkippedDocument {
  caseId: string;
  locale: string;
  doc: DocumentId;
  /** Why this case gets no such document (documents/applicable.ts). */
  reason: string;
}

export interface BuildResult {
  written: WrittenDocument[];
  skipped: SkippedDocument[];
  diagnostics: Diagnostic[];
  seconds: number;
}

export { PACKAGE_DIR } from '../package-dir.js';

export interface Selection {
  cases: string[];
  /** Content locales (folder names), each once. */
  locales: string[];
  /** What to build: a content locale, with the paper of the region asked for (en-US → en on Letter). */
  targets: { locale: string; paper?: Paper }[];
  docs: DocumentId[];
  /** Folders under content/ that are not locales (reported, skipped). */
  problems: Diagnostic[];
}

/** The project's content folder, with the package's bundled content layered under it. */
export function rootOf(request: BuildRequest): ContentRoot {
  const dir = request.contentDir ?? 'content';
  return contentRoot(dir, request.cwd ?? process.cwd(), { bundled: request.bundled, named: dir !== 'content' });
}

/**
 * The fonts configuration: the request's own if it names one (tests), else a `fonts.json` in the project folder (the
 * folder that holds content/), else the package's own fonts/fonts.json.
 */
export function fontsConfigOf(request: BuildRequest): string {
  const cwd = request.cwd ?? process.cwd();
  if (request.fontsConfig) return path.resolve(cwd, request.fontsConfig);
  const own = path.join(path.dirname(path.resolve(cwd, request.contentDir ?? 'content')), 'fonts.json');
  return existsSync(own) ? own : path.join(PACKAGE_DIR, 'fonts', 'fonts.json');
}

/**
 * A locale asked for that has no folder of its own takes the nearest content locale of the same
 * language along its fallback chain (de-DE → de, en-US → en) and the paper of its region.
 */
function resolveLocale(asked: string, known: string[]): { locale: string; paper?: Paper } | undefined {
  if (known.includes(asked)) return { locale: asked };
  if (!isValidTag(asked)) return undefined;
  const tag = Intl.getCanonicalLocales(asked)[0];
  const language = new Intl.Locale(tag).language;
  const locale = fallbackChain(tag).find((l) => known.includes(l) && new Intl.Locale(l).language === language);
  if (!locale) return undefined;
  return new Intl.Locale(tag).region ? { locale, paper: paperFor(tag) } : { locale };
}

export function select(request: BuildRequest): Selection {
  const root = rootOf(request);
  const allCases = listCases(root);
  const { locales: allLocales, problems } = scanLocales(root);
  if (allCases.length === 0) throw new UsageError(`no cases found in ${root.display(path.join(root.dir, 'en', 'cases'))}/`);
  const pick = (wanted: string[] | undefined, all: readonly string[], what: string) => {
    for (const w of wanted ?? []) {
      if (!all.includes(w)) {
        const near = nearest(w, all);
        throw new UsageError(`unknown ${what} "${w}"${near ? ` (did you mean "${near}"?)` : ''}; known: ${all.join(', ')}`);
      }
    }
    return wanted?.length ? [...new Set(wanted)] : [...all];
  };
  const targets = (request.locales?.length ? [...new Set(request.locales)] : allLocales).map((asked) => {
    const found = resolveLocale(asked, allLocales);
    if (!found) pick([asked], allLocales, 'locale');
    return found!;
  });
  return {
    cases: pick(request.cases, allCases, 'case'),
    locales: [...new Set(targets.map((t) => t.locale))],
    targets,
    docs: pick(request.docs, DOCUMENT_IDS, 'document id') as DocumentId[],
    problems,
  };
}

export function creationDate(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

/** The output folder, checked before any work: a file in its place is wrong usage (exit 2). */
export function outputFolder(cwd: string, outDir: string): string {
  const dir = path.resolve(cwd, outDir);
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return dir; // created on the first write
  }
  if (!stat.isDirectory()) throw new UsageError(`--out ${outDir}: not a folder (a file of that name is in the way)`);
  return dir;
}

/** What every case × locale of a build shares, worked out once (and again in each worker, from the same request). */
export interface BuildContext {
  request: BuildRequest;
  cwd: string;
  root: ContentRoot;
  date: Date;
  today: Date;
  chosen: ReturnType<typeof chooseSection<BuildRequest>>;
  sel: Selection;
  templatesDir: string;
  fonts: ReturnType<typeof fontBookFor>;
  outDir: string;
}

export function buildContext(request: BuildRequest, date = creationDate()): BuildContext {
  const cwd = request.cwd ?? process.cwd();
  const root = rootOf(request);
  const today = request.today ?? date;
  const chosen = chooseSection(root, request, today);
  const sel = select(chosen.request);
  const templatesDir = path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates'));
  const fonts = fontBookFor(root, fontsConfigOf(request));
  const outDir = path.join(outputFolder(cwd, request.outDir ?? 'out'), chosen.profile?.id ?? '');
  return { request, cwd, root, date, today, chosen, sel, templatesDir, fonts, outDir };
}

export async function build(request: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  const log = request.log ?? (() => {});
  const ctx = buildContext(request);
  const { chosen, sel, fonts, outDir } = ctx;
  const removed = removeStaleTemporaries(outDir);
  if (removed) log(`removed ${removed} temporary file${removed > 1 ? 's' : ''} left by an interrupted build`);
  const collected = new Collector(request, sel.cases.length * sel.targets.length, sel.docs.length, [...chosen.diagnostics, ...sel.problems, ...fonts.diagnostics]);
  const result = () => ({ written: collected.written, skipped: collected.skipped, diagnostics: collected.diagnostics, seconds: (performance.now() - started) / 1000 });
  // A section whose profile has errors builds nothing: its edition would print wrong contacts.
  if (hasErrors(chosen.diagnostics)) return result();
  // A broken font configuration leaves nothing to measure with.
  if (hasErrors(fonts.diagnostics)) return result();

  if (request.print?.booklet && !sel.docs.includes('pack')) log('--booklet imposes the pack only: add --doc pack');
  if (request.print?.cardBacks && sel.docs.length === 1 && sel.docs[0] === 'pack') log('--card-backs adds backs to the cut-sheet documents (matching-cards, solidarity), not to the pack');
  const units = sel.cases.flatMap((caseId) => sel.targets.map((target) => ({ caseId, target })));
  try {
    // Several workers when asked for and there is more than one case × locale (pipeline/parallel.ts);
    // their results are taken in the same order as here, so the output is the same either way.
    const workers = workersFor(request.jobs ?? 1, units.length);
    if (workers) await buildInWorkers(request, ctx.date, units.length, workers, collected);
    else for (const unit of units) await buildUnit(ctx, unit.caseId, unit.target, collected), collected.unitDone();
  } catch (e) {
    // The machine, not the content: a full disk or a read-only folder fails every later write too.
    if (!(e instanceof EnvironmentError)) throw e;
    collected.diagnostics.push(error(e.file, 0, `${e.reason}; the build stopped here`, 'check the folder (permissions, free space), or choose another one with --out'));
  }
  return result();
}

/** One case in one locale: load and check, then lay out, paint and write each document (the pack reuses the handouts' layouts). */
export async function buildUnit(ctx: BuildContext, caseId: string, target: Selection['targets'][number], sink: UnitSink): Promise<void> {
  const { request, cwd, root, date, today, chosen, sel, templatesDir, outDir } = ctx;
  const book = ctx.fonts.book;
  const locale = target.locale;
  const { model, diagnostics: contentProblems, ok } = loadChecked(root, caseId, locale, book);
  sink.report(contentProblems);
  if (!model || !ok) return;
  // Stale facts and placeholder photos: said once per case, not once per locale.
  sink.onceForCase(caseId, () => caseWarnings(model, today));
  sink.onceForFiles(model.files, (f) => straightQuoteWarnings([f], new Set(), (f) => root.display(f)));
  if (locale !== SOURCE_LOCALE) sink.onceForLocale(locale, (log) => translationNotes(root, locale, request.verbose ? log : undefined));
  const ownPaper = sectionPaper(chosen.profile) ?? model.paper ?? paperFor(locale);
  const section = chosen.profile && editionOf(chosen.profile, caseId, locale);
  const paper = request.paper ?? target.paper ?? ownPaper;
  if (request.verbose) for (const f of model.files) sink.log(`  read ${root.display(f)}${root.layers.length > 1 ? ` (${layerOf(root, f)} layer)` : ''}`);
  const parts: PartCache = new Map(); // the pack reuses the handouts' layouts
  for (const doc of sel.docs) {
    const reason = whyNotBuilt(model.case.front, doc);
    if (reason) {
      const file = path.join(outDir, caseId, locale, `${doc}.pdf`);
      // A PDF left from before the case changed must not be printed by mistake.
      const removedOld = existsSync(file) ? (rmSync(file), ' (removed the old PDF)') : '';
      sink.notBuilt({ caseId, locale, doc, reason }, `not built: ${path.relative(cwd, file)}: ${reason}${removedOld}`);
      continue;
    }
    const print = request.print ?? {};
    const laid = layoutChecked(model, doc, { templatesDir, book, paper, section, booklet: print.booklet }, parts);
    sink.report(laid.diagnostics);
    if (!laid.frames || hasErrors(laid.diagnostics)) continue;
    const frames = producePrint(laid.frames, print, { book, mark: model.campaign.front.title, isPack: doc === 'pack' });
    const pdf = await paintPdf(frames, {
      book,
      author: 'workshop-pack',
      subject: `${model.activity.front.title} · ${displayName(model.case.front, model.dateLocale ?? locale)}`,
      keywords: (model.case.front.hashtags ?? []).join(' '),
      creationDate: date,
      pdfa: print.pdfa,
    });
    // Another paper than the locale's own gets its own file name: A4 and Letter never overwrite each other.
    const file = path.join(outDir, caseId, locale, paper === ownPaper ? `${doc}.pdf` : `${doc}.${paper}.pdf`);
    writeAtomically(file, pdf, (p) => path.relative(cwd, p) || p);
    const fallbacks = laid.fallbacks;
    const entry = { file, caseId, locale, doc, pages: frames.pages.length, paper, fallbacks };
    const fb = fallbacks.length ? `, ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''}` : '';
    sink.wrote(entry, `wrote ${path.relative(cwd, file)} (${entry.pages} page${entry.pages > 1 ? 's' : ''}, ${paper}${fb})`);
    if (request.verbose) for (const f of fallbacks) sink.log(`  fallback: ${f.kind} ${f.item} from ${f.from}`);
  }
}

/**
 * Once per locale: a warning when the build prints outdated translations, and with --verbose the
 * texts left in English (no fallback, but printed in English all the same).
 */
function translationNotes(root: ContentRoot, locale: string, log?: (line: string) => void): Diagnostic[] {
  const rows = localeStatus(root, locale).rows;
  const name = (r: (typeof rows)[number]) => (r.kind === 'string' ? `string "${r.item}"` : r.item);
  if (log)
    for (const r of rows) {
      if (r.state === 'english') log(`  same as English: ${name(r)}`);
      for (const u of r.sameAsEnglish ?? []) log(`  same as English: ${r.item} ${u.id} (line ${u.line})`);
    }
  const outdated = rows.filter((r) => r.state === 'outdated').map(name);
  if (!outdated.length) return [];
  return [
    warning(
      root.display(path.join(root.dir, locale)),
      0,
      `prints outdated translations (the English changed since): ${outdated.slice(0, 3).join(', ')}${outdated.length > 3 ? ` and ${outdated.length - 3} more` : ''}`,
      `workshop-pack status --locale ${locale} shows what changed in the English`,
    ),
  ];
}
