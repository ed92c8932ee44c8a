// The build command's work, callable from tests: choose cases × locales × documents, load and
// check content, lay out, paint and write each PDF atomically. Returns what it did as data.
// A document whose inputs and PDF are unchanged is not built again (pipeline/cache.ts); when that
// holds for every document of a case and locale, its content is not even loaded, and the warnings
// it gave are said again from the cache.
import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
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
import { saveShapeStores } from '../layout/shape-store.js';
import { keepChecksFor, keepValue, keptValue, saveKeptChecks } from '../content/kept-checks.js';
import { setFontsLocale } from '../layout/fonts.js';
import type { Paper } from '../layout/theme.js';
import { paintPdf } from '../paint/pdf.js';
import type { PrintOptions } from '../print/options.js';
import { producePrint } from '../print/produce.js';
import type { PartCache } from '../pipeline/document.js';
import { layoutChecked, loadChecked } from '../pipeline/pipeline.js';
import { UsageError, nearest } from '../usage.js';
import { EnvironmentError, removeStaleTemporaries, writeAtomically } from '../pipeline/write.js';
import { inside } from '../content/confine.js';
import { BuildCache, candidates, contentPaths, documentContent, documentTemplates, keyOf, walk } from '../pipeline/cache.js';
import { FONTS_FILE } from '../content/font-config.js';
import { PACKAGE_DIR } from '../package-dir.js';
import { editionOf, sectionPaper } from '../content/section.js';
import { chooseSection } from './section-option.js';
import { Collector, Recorder, replay, type BuildProgress, type UnitEvent, type UnitSink } from '../pipeline/unit-sink.js';
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
  /** Build every document, whatever the build cache says (--force). */
  force?: boolean;
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
  /** Documents whose inputs and PDF had not changed since the last build: not built again (pipeline/cache.ts). */
  unchanged: WrittenDocument[];
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
export function outputFolder(cwd: string, outDir: string, contentDirs: readonly string[] = []): string {
  const dir = path.resolve(cwd, outDir);
  // PDFs and the build's records inside content/ would be read as content: a case folder there is
  // "not a language tag", and every later build failed.
  // By real paths (links followed), from the nearest folder that exists: --out may not exist yet.
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      const parent = path.dirname(p);
      return parent === p ? p : path.join(real(parent), path.basename(p));
    }
  };
  for (const content of contentDirs)
    if (inside(real(content), real(dir))) throw new UsageError(`--out ${outDir}: inside the content folder; PDFs go in a folder of their own (the default is out/)`);
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
  outRoot: string;
  outDir: string;
  cache: BuildCache;
  /** The fonts, parsed the first time a document has to be built (a no-op build never parses them). */
  fonts: () => ReturnType<typeof fontBookFor>;
  /** The font configuration and font files: inputs of every document. */
  fontInputs: () => string[];
  fontsKey: string;
  /** Everything besides content that changes the bytes of a PDF. */
  runKey: unknown[];
}

export function buildContext(request: BuildRequest, date = creationDate()): BuildContext {
  const cwd = request.cwd ?? process.cwd();
  const root = rootOf(request);
  const today = request.today ?? date;
  const chosen = chooseSection(root, request, today);
  const sel = select(chosen.request);
  const templatesDir = path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates'));
  const outRoot = outputFolder(cwd, request.outDir ?? 'out', root.layers.map((l) => l.dir));
  const outDir = path.join(outRoot, chosen.profile?.id ?? '');
  const cache = new BuildCache(outRoot, request.force);
  // Checks of texts are kept between processes under the tool's version (content/kept-checks.ts).
  keepChecksFor(cache.tool);
  const fontsConfig = fontsConfigOf(request);
  let fonts: ReturnType<typeof fontBookFor> | undefined;
  const fontBook = () => (fonts ??= fontBookFor(root, fontsConfig));
  const fontConfigFiles = [fontsConfig, ...root.layers.map((l) => path.join(l.dir, FONTS_FILE))];
  const print = request.print ?? {};
  // Options at their defaults count as not given: the command line and a test's request agree.
  const printKey = Object.fromEntries(Object.entries(print).filter(([, v]) => v !== undefined && v !== false).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    request,
    cwd,
    root,
    date,
    today,
    chosen,
    sel,
    templatesDir,
    outRoot,
    outDir,
    cache,
    fonts: fontBook,
    fontInputs: () => [...fontConfigFiles, ...fontBook().book.files()],
    fontsKey: keyOf('fonts', cache.tool, root.layers, fontsConfig),
    runKey: [cache.tool, printKey, request.paper ?? null, templatesDir, fontsConfig, root.layers, process.env.SOURCE_DATE_EPOCH ?? null],
  };
}

export async function build(request: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  const log = request.log ?? (() => {});
  const ctx = buildContext(request);
  const { chosen, sel, outDir, cache } = ctx;
  const removed = removeStaleTemporaries(outDir);
  if (removed) log(`removed ${removed} temporary file${removed > 1 ? 's' : ''} left by an interrupted build`);
  const collected = new Collector(request, sel.cases.length * sel.targets.length, sel.docs.length, [...chosen.diagnostics, ...sel.problems]);
  const result = () => ({ written: collected.written, unchanged: collected.unchanged, skipped: collected.skipped, diagnostics: collected.diagnostics, seconds: (performance.now() - started) / 1000 });
  // A section whose profile has errors builds nothing: its edition would print wrong contacts.
  if (hasErrors(chosen.diagnostics)) return result();
  // The font configuration's warnings, remembered with the files they came from: a no-op build
  // does not parse the fonts.
  const fontsSeen = cache.lookup<{ diagnostics: Diagnostic[] }>('fonts', ctx.fontsKey);
  if (fontsSeen) collected.report(fontsSeen.diagnostics);
  else {
    const since = Date.now();
    const fonts = ctx.fonts();
    collected.report(fonts.diagnostics);
    // A broken font configuration leaves nothing to measure with.
    if (hasErrors(fonts.diagnostics)) return result();
    const inputs = cache.inputsNow(ctx.fontInputs(), since);
    if (inputs) cache.record('fonts', ctx.fontsKey, inputs, { diagnostics: fonts.diagnostics });
  }

  if (request.print?.booklet && !sel.docs.includes('pack')) log('--booklet imposes the pack only: add --doc pack');
  if (request.print?.cardBacks && sel.docs.length === 1 && sel.docs[0] === 'pack') log('--card-backs adds backs to the cut-sheet documents (matching-cards, solidarity), not to the pack');
  const units = unitsOf(sel);
  try {
    // Several workers when asked for and there is more than one case × locale (pipeline/parallel.ts);
    // their results are taken in the same order as here, so the output is the same either way.
    // Units the build cache answers for are said here, at once; only the rest go to workers.
    // One recorder for all of them: what is said once per locale is worked out once.
    const cached = new Map<number, UnitEvent[]>();
    const recorder = new Recorder();
    units.forEach((u, i) => {
      if (reuseUnit(ctx, u.caseId, u.target, recorder)) cached.set(i, recorder.take());
    });
    const pending = units.map((_, i) => i).filter((i) => !cached.has(i));
    const workers = workersFor(request.jobs ?? 1, pending.length);
    if (workers) await buildInWorkers(request, ctx.date, units.length, workers, collected, cached, pending);
    else
      for (const [i, unit] of units.entries()) {
        const events = cached.get(i);
        if (events) replay(events, collected);
        else await buildUnit(ctx, unit.caseId, unit.target, collected), collected.unitDone();
      }
  } catch (e) {
    // The machine, not the content: a full disk or a read-only folder fails every later write too.
    if (!(e instanceof EnvironmentError)) throw e;
    collected.diagnostics.push(error(e.file, 0, `${e.reason}; the build stopped here`, 'check the folder (permissions, free space), or choose another one with --out'));
  }
  cache.save();
  // The words shaped and the texts checked for the first time, for the next process
  // (layout/shape-store.ts, content/kept-checks.ts).
  saveShapeStores();
  saveKeptChecks();
  return result();
}

/**
 * The cases × locales of a build, in the order they are built: locale by locale, every case of a
 * locale together, so that what a locale needs (its fonts, its kept shapes) is loaded once and let
 * go when the build moves on (layout/fonts.ts, layout/shape-store.ts); memory does not grow with
 * the number of locales built.
 */
export function unitsOf(sel: Selection): { caseId: string; target: Selection['targets'][number] }[] {
  return sel.targets.flatMap((target) => sel.cases.map((caseId) => ({ caseId, target })));
}

/** What a case × locale's cache entry keeps, to say again without loading the content. */
interface UnitRecord {
  ownPaper: Paper;
  paper: Paper;
  notBuilt: Partial<Record<DocumentId, string>>;
  loadDiagnostics: Diagnostic[];
  caseWarnings: Diagnostic[];
  quotes: [string, Diagnostic[]][];
}

/** What one case × locale's cache entries are called and keyed by, and where its PDFs go. */
function unitNames(ctx: BuildContext, caseId: string, target: Selection['targets'][number]) {
  const { cwd, today, chosen, outRoot, outDir, runKey } = ctx;
  const locale = target.locale;
  const section = chosen.profile && editionOf(chosen.profile, caseId, locale);
  // Another paper than the locale's own gets its own file name: A4 and Letter never overwrite each other.
  const fileOf = (doc: DocumentId, paper: Paper, ownPaper: Paper) => path.join(outDir, caseId, locale, paper === ownPaper ? `${doc}.pdf` : `${doc}.${paper}.pdf`);
  return {
    locale,
    section,
    entryName: (file: string) => path.join('documents', path.relative(outRoot, file)),
    docKey: (doc: DocumentId, paper: Paper) => keyOf('document', runKey, caseId, locale, doc, paper, section ?? null),
    fileOf,
    // The warnings of a case depend on the day (facts reviewed too long ago, a petition's dates).
    unitKey: keyOf('unit', runKey, caseId, locale, target.paper ?? null, chosen.profile?.id ?? null, sectionPaper(chosen.profile) ?? null, today.toISOString().slice(0, 10)),
    unitName: path.join('units', chosen.profile?.id ?? '', caseId, `${locale}${target.paper ? `.${target.paper}` : ''}`),
    notBuilt: (sink: UnitSink, doc: DocumentId, reason: string, paper: Paper, ownPaper: Paper) => {
      const file = fileOf(doc, paper, ownPaper);
      // A PDF left from before the case changed must not be printed by mistake, on any paper: a
      // Letter petition or solidarity card (with the prison's address) stayed after an A4 build.
      const old = [`${doc}.pdf`, `${doc}.a4.pdf`, `${doc}.letter.pdf`].map((name) => path.join(outDir, caseId, locale, name)).filter((f) => existsSync(f));
      for (const f of old) rmSync(f);
      const removedOld = old.length === 0 ? '' : old.length === 1 && old[0] === file ? ' (removed the old PDF)' : ` (removed the old ${old.map((f) => path.basename(f)).join(', ')})`;
      sink.notBuilt({ caseId, locale, doc, reason }, `not built: ${path.relative(cwd, file)}: ${reason}${removedOld}`);
    },
    reuse: (sink: UnitSink, file: string, doc: DocumentId, entry: { pages: number; paper: string; fallbacks: unknown[]; diagnostics: Diagnostic[] }) => {
      sink.report(entry.diagnostics);
      sink.reused({ file, caseId, locale, doc, pages: entry.pages, paper: entry.paper as Paper, fallbacks: entry.fallbacks as Fallback[] }, ctx.request.verbose ? `unchanged: ${path.relative(cwd, file)}` : undefined);
    },
    notes: (sink: UnitSink) => {
      if (locale !== SOURCE_LOCALE) sink.onceForLocale(locale, (log) => localeNotes(ctx, locale, log));
    },
  };
}

/**
 * A case × locale none of whose documents changed since the last build: what it said is said
 * again and nothing is built (its content is not even loaded). False when something changed.
 */
export function reuseUnit(ctx: BuildContext, caseId: string, target: Selection['targets'][number], sink: UnitSink): boolean {
  const { request, sel, cache } = ctx;
  const n = unitNames(ctx, caseId, target);
  const seen = request.verbose ? undefined : cache.lookup<UnitRecord>(n.unitName, n.unitKey);
  if (!seen) return false;
  const entries = sel.docs.map((doc) => {
    const file = n.fileOf(doc, seen.paper, seen.ownPaper);
    return { doc, file, entry: seen.notBuilt[doc] ? undefined : cache.document(n.entryName(file), n.docKey(doc, seen.paper), file) };
  });
  if (!entries.every((e) => e.entry || seen.notBuilt[e.doc])) return false;
  sink.report(seen.loadDiagnostics);
  sink.onceForCase(caseId, () => seen.caseWarnings);
  const quoted = new Map(seen.quotes);
  sink.onceForFiles([...quoted.keys()], (f) => quoted.get(f) ?? []);
  n.notes(sink);
  for (const { doc, file, entry } of entries) entry ? n.reuse(sink, file, doc, entry) : n.notBuilt(sink, doc, seen.notBuilt[doc]!, seen.paper, seen.ownPaper);
  return true;
}

/**
 * One case in one locale that `reuseUnit` could not answer for: load and check, then lay out, paint
 * and write each document (the pack reuses the handouts' layouts). A document whose inputs and PDF
 * are unchanged is not built again.
 */
export async function buildUnit(ctx: BuildContext, caseId: string, target: Selection['targets'][number], sink: UnitSink): Promise<void> {
  const { request, cwd, root, date, today, chosen, sel, templatesDir, cache } = ctx;
  setFontsLocale(target.locale);
  const print = request.print ?? {};
  const n = unitNames(ctx, caseId, target);
  const { locale, section, entryName, docKey, fileOf, unitKey, unitName } = n;

  const since = Date.now();
  const book = ctx.fonts().book;
  const { model, diagnostics: contentProblems, ok } = loadChecked(root, caseId, locale, book);
  sink.report(contentProblems);
  if (!model || !ok) return;
  // Stale facts and placeholder photos: said once per case, not once per locale.
  const warnings = caseWarnings(model, today);
  sink.onceForCase(caseId, () => warnings);
  const quoted = new Map(model.files.map((f): [string, Diagnostic[]] => [f, straightQuoteWarnings([f], new Set(), (p) => root.display(p))]));
  sink.onceForFiles(model.files, (f) => quoted.get(f) ?? []);
  n.notes(sink);
  const ownPaper = sectionPaper(chosen.profile) ?? model.paper ?? paperFor(locale);
  const paper = request.paper ?? target.paper ?? ownPaper;
  if (request.verbose) for (const f of model.files) sink.log(`  read ${root.display(f)}${root.layers.length > 1 ? ` (${layerOf(root, f)} layer)` : ''}`);
  const common = [...ctx.fontInputs(), ...(section?.logo ? [section.logo] : [])];
  const unitInputs = cache.inputsNow([...candidates(root, model.chain, contentPaths(root, model)), ...common], since);
  const reasons = Object.fromEntries(DOCUMENT_IDS.map((doc) => [doc, whyNotBuilt(model.case.front, doc)]).filter(([, r]) => r));
  const parts: PartCache = new Map(); // the pack reuses the handouts' layouts
  let failed = false;
  for (const doc of sel.docs) {
    const reason = whyNotBuilt(model.case.front, doc);
    if (reason) {
      n.notBuilt(sink, doc, reason, paper, ownPaper);
      continue;
    }
    const file = fileOf(doc, paper, ownPaper);
    const inputs = cache.inputsNow([...documentContent(root, model, doc), ...documentTemplates(templatesDir, doc), ...common], since);
    const entry = inputs && cache.document(entryName(file), docKey(doc, paper), file);
    if (entry && sameInputs(entry.inputs, inputs)) {
      n.reuse(sink, file, doc, entry);
      continue;
    }
    const laid = layoutChecked(model, doc, { templatesDir, book, paper, section, booklet: print.booklet }, parts);
    sink.report(laid.diagnostics);
    if (!laid.frames || hasErrors(laid.diagnostics)) {
      failed = true;
      continue;
    }
    const frames = producePrint(laid.frames, print, { book, mark: model.campaign.front.title, isPack: doc === 'pack' });
    const pdf = await paintPdf(frames, {
      book,
      author: 'workshop-pack',
      subject: `${model.activity.front.title} · ${displayName(model.case.front, model.dateLocale ?? locale)}`,
      keywords: (model.case.front.hashtags ?? []).join(' '),
      creationDate: date,
      pdfa: print.pdfa,
    });
    writeAtomically(file, pdf, (p) => path.relative(cwd, p) || p);
    const fallbacks = laid.fallbacks;
    const built = { file, caseId, locale, doc, pages: frames.pages.length, paper, fallbacks };
    // A file changed while the document was built (modified after the unit started) is not
    // recorded as built: inputsNow checks every input's time again. (Its hashes are the run's,
    // taken once per file: comparing them with `inputs` could never differ.)
    if (inputs && cache.inputsNow(Object.keys(inputs), since)) cache.record(entryName(file), docKey(doc, paper), inputs, { pages: built.pages, paper, fallbacks, diagnostics: laid.diagnostics, output: cache.output(file) });
    const fb = fallbacks.length ? `, ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''}` : '';
    sink.wrote(built, `wrote ${path.relative(cwd, file)} (${built.pages} page${built.pages > 1 ? 's' : ''}, ${paper}${fb})`);
    if (request.verbose) for (const f of fallbacks) sink.log(`  fallback: ${f.kind} ${f.item} from ${f.from}`);
  }
  if (unitInputs && !failed)
    cache.record(unitName, unitKey, unitInputs, { ownPaper, paper, notBuilt: reasons, loadDiagnostics: contentProblems, caseWarnings: warnings, quotes: [...quoted].filter(([, d]) => d.length) } satisfies UnitRecord);
}

function sameInputs(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/**
 * Once per locale: outdated translations, remembered with every file they are worked out from: the
 * locale's, its parents' (fr for fr-CA: the text it inherits) and English's. In this output
 * folder's build cache, and for any output folder in the user's (content/kept-checks.ts): the
 * status of a locale read and compared every file of it and of English, ~170 ms of a cold build.
 */
function localeNotes(ctx: BuildContext, locale: string, log: (line: string) => void): Diagnostic[] {
  const { root, cache, request } = ctx;
  const locales = [...new Set([...fallbackChain(locale), SOURCE_LOCALE])];
  const files = root.layers.flatMap((l) => locales.flatMap((loc) => walk(path.join(l.dir, loc))));
  const key = keyOf('notes', cache.tool, locale, root.layers, files);
  // --verbose lists what it finds as it goes: worked out again each time.
  const seen = request.verbose ? undefined : cache.lookup<{ diagnostics: Diagnostic[] }>(path.join('notes', locale), key);
  if (seen) return seen.diagnostics;
  const since = Date.now();
  const before = request.verbose ? undefined : cache.inputsNow(files, since);
  // Files are named relative to where the build runs.
  const keptKey = before && JSON.stringify([key, ctx.cwd, before]);
  const kept = keptKey ? keptValue('locale notes', keptKey, isDiagnostics) : undefined;
  const notes = kept ?? translationNotes(root, locale, request.verbose ? log : undefined);
  // Looked at again after: notes worked out while a file changed are not remembered (the hashes
  // are this run's, the same as `before`; a file written since `since` makes this undefined).
  const inputs = cache.inputsNow(files, since);
  if (inputs) {
    cache.record(path.join('notes', locale), key, inputs, { diagnostics: notes });
    if (keptKey && !kept) keepValue('locale notes', keptKey, notes);
  }
  return notes;
}

const isDiagnostics = (v: unknown): v is Diagnostic[] =>
  Array.isArray(v) && v.every((d) => d && typeof d === 'object' && typeof d.file === 'string' && typeof d.line === 'number' && typeof d.message === 'string' && (d.severity === 'error' || d.severity === 'warning'));

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
