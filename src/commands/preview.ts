// Draft previews for translators, once or watching: DRAFT marks, fallback text tinted, shrunk or
// overflowing cards outlined; with --watch, a saved file rebuilds only the documents that read it,
// a broken file prints its error and the last good PDF stays.
import { readdirSync, watch as watchFiles, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { resetTemplates } from '../compose/render.js';
import { ContentError, error, formatDiagnostic, hasErrors, warning, type Diagnostic } from '../diagnostics.js';
import { caseWarnings } from '../content/case-warnings.js';
import { straightQuoteWarnings } from '../content/typography.js';
import { whyNotBuilt } from '../documents/applicable.js';
import type { DocumentId } from '../documents/registry.js';
import { fallbackChain, paperFor } from '../i18n/locale.js';
import { fontBookFor } from '../content/font-config.js';
import { paintPdf } from '../paint/pdf.js';
import { creationDate, fontsConfigOf, PACKAGE_DIR, rootOf, select, type BuildRequest } from './build.js';
import { sourceOf } from '../documents/registry.js';
import { layoutChecked, loadChecked } from '../pipeline/pipeline.js';
import { markFallbacks } from '../pipeline/preview-model.js';
import { UsageError } from '../usage.js';
import { editionOf, sectionPaper } from '../content/section.js';
import { chooseSection } from './section-option.js';
import { EnvironmentError, writeAtomically } from '../pipeline/write.js';

export interface PreviewRequest extends BuildRequest {
  watch?: boolean;
  /** Called once the watcher runs (tests use it to know when to save a file). */
  onReady?: (stop: () => void) => void;
}

export interface PreviewRun {
  written: { doc: DocumentId; file: string; pages: number; ms: number; sources: string[] }[];
  diagnostics: Diagnostic[];
}

function settings(request: PreviewRequest) {
  const cwd = request.cwd ?? process.cwd();
  if (!request.locales?.length) throw new UsageError('preview needs --locale CODE (the locale you are translating)');
  if (request.locales.length > 1) throw new UsageError('preview takes one --locale at a time');
  if (request.cases && request.cases.length > 1) throw new UsageError('preview takes one --case at a time');
  // Without --case: the first case (the only one in most content folders).
  const sel = select(request);
  const root = rootOf(request);
  const chosen = chooseSection(root, request, request.today ?? creationDate());
  if (hasErrors(chosen.diagnostics)) throw new ContentError(chosen.diagnostics);
  return {
    section: chosen,
    cwd,
    caseId: sel.cases[0],
    locale: sel.targets[0].locale,
    regionPaper: sel.targets[0].paper,
    docs: sel.docs,
    root,
    templatesDir: path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates')),
    fontsConfig: fontsConfigOf(request),
    outDir: path.join(path.resolve(cwd, request.outDir ?? path.join('out', 'preview')), chosen.profile?.id ?? ''),
  };
}

type Settings = ReturnType<typeof settings>;

/** Build the draft PDFs of some documents; a content error leaves the last good PDFs in place. */
async function run(s: Settings, docs: DocumentId[], request: PreviewRequest): Promise<PreviewRun> {
  const fonts = fontBookFor(s.root, s.fontsConfig);
  const book = fonts.book;
  const result: PreviewRun = { written: [], diagnostics: [...fonts.diagnostics] };
  if (hasErrors(fonts.diagnostics)) return result;
  const { model, diagnostics } = loadChecked(s.root, s.caseId, s.locale, book, markFallbacks);
  result.diagnostics.push(...diagnostics);
  if (!model) return result;
  const ownPaper = sectionPaper(s.section.profile) ?? model.paper ?? paperFor(s.locale);
  const section = s.section.profile && editionOf(s.section.profile, s.caseId, s.locale);
  result.diagnostics.push(...s.section.diagnostics);
  const paper = request.paper ?? s.regionPaper ?? ownPaper;
  result.diagnostics.push(...caseWarnings(model, request.today ?? creationDate()), ...straightQuoteWarnings(model.files, new Set(), (f) => s.root.display(f)));
  for (const doc of docs) {
    const reason = whyNotBuilt(model.case.front, doc);
    if (reason) {
      result.diagnostics.push(warning(model.case.file, 0, `${doc}: not built: ${reason}`));
      continue;
    }
    const started = performance.now();
    const laid = layoutChecked(model, doc, { templatesDir: s.templatesDir, book, paper, preview: true, section });
    // A preview is written even when text overflows: seeing the red outline is the point.
    result.diagnostics.push(...laid.diagnostics);
    if (!laid.frames) continue;
    const pdf = await paintPdf(laid.frames, { book, author: 'workshop-pack preview', subject: `Draft preview (${s.locale})`, creationDate: creationDate() });
    const file = path.join(s.outDir, s.caseId, s.locale, paper === ownPaper ? `${doc}.pdf` : `${doc}.${paper}.pdf`);
    try {
      writeAtomically(file, pdf, (p) => path.relative(s.cwd, p) || p);
    } catch (e) {
      if (!(e instanceof EnvironmentError)) throw e;
      result.diagnostics.push(error(e.file, 0, e.reason, 'check the folder (permissions, free space), or choose another one with --out'));
      return result;
    }
    result.written.push({ doc, file, pages: laid.frames.pages.length, ms: performance.now() - started, sources: laid.sources });
  }
  return result;
}

export async function preview(request: PreviewRequest): Promise<PreviewRun> {
  const s = settings(request);
  const log = request.log ?? (() => {});
  const first = await run(s, s.docs, request);
  report(first, s, log);
  if (!request.watch) return first;

  // Which documents read which content (case, udhr, strings, …), from the last good build.
  const readers = new Map<DocumentId, string[]>(first.written.map((w) => [w.doc, w.sources]));
  const chain = new Set(fallbackChain(s.locale));
  let pending = new Set<DocumentId>();
  let timer: NodeJS.Timeout | undefined;
  let busy = Promise.resolve();

  const affected = (file: string): DocumentId[] => {
    const abs = path.resolve(file);
    if (abs.startsWith(s.templatesDir + path.sep)) {
      resetTemplates();
      const name = path.basename(abs, '.hbs');
      const direct = s.docs.filter((d) => d === name);
      return direct.length ? direct : s.docs; // a partial, cover or contents: everything
    }
    if (abs === s.fontsConfig) return s.docs;
    const rel = path.relative(s.root.dir, abs);
    const [locale, ...rest] = rel.split(path.sep);
    if (!chain.has(locale) || !rest.length) return [];
    const source = sourceOf(rest.join('/'));
    return s.docs.filter((d) => source === 'strings' || (readers.get(d) ?? [source]).includes(source));
  };

  const rebuild = () => {
    const docs = [...pending];
    pending = new Set();
    busy = busy.then(async () => {
      try {
        const again = await run(s, docs, request);
        for (const w of again.written) readers.set(w.doc, w.sources);
        report(again, s, log);
      } catch (e) {
        // Whatever happened to this save, the watch goes on and the last good PDFs stay.
        log(`preview: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}; the last good PDFs stay, waiting for the next save`);
      }
    });
  };

  const watchers = new Map<string, FSWatcher>();
  // One plain watcher per folder: Node 20's recursive watching on Linux loses files that editors
  // save by renaming a temporary file over them; a folder watcher sees every such save. A folder
  // created while watching (a translator starting a new case) is watched from then on, with
  // everything already in it.
  const folders = (dir: string): string[] => {
    try {
      return [dir, ...readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).flatMap((e) => folders(path.join(dir, e.name)))];
    } catch {
      return [];
    }
  };
  const files = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(dir, e.name));
    } catch {
      return [];
    }
  };
  const touched = (file: string) => {
    for (const d of affected(file)) pending.add(d);
  };
  const watch = (dir: string) => {
    if (watchers.has(dir)) return;
    try {
      watchers.set(dir, watchFiles(dir, onChange(dir)));
    } catch {
      /* gone again before we could watch it */
    }
  };
  function onChange(base: string) {
    return (_event: string, name: string | Buffer | null) => {
      if (!name) return;
      const changed = path.join(base, name.toString());
      for (const dir of folders(changed).filter((d) => !watchers.has(d))) {
        watch(dir);
        files(dir).forEach(touched);
      }
      touched(changed);
      if (!pending.size) return;
      clearTimeout(timer);
      timer = setTimeout(rebuild, 25); // editors save in bursts: wait for the last write
    };
  }
  for (const dir of [...folders(s.root.dir), ...folders(s.templatesDir)]) watch(dir);
  log(`watching ${s.root.display(s.root.dir)}/ and templates/ for ${s.locale}; Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const w of watchers.values()) w.close();
      clearTimeout(timer);
      void busy.then(() => resolve());
    };
    process.once('SIGINT', stop);
    request.onReady?.(stop);
  });
  return first;
}

function report(r: PreviewRun, s: Settings, log: (line: string) => void) {
  for (const w of r.written) log(`preview ${path.relative(s.cwd, w.file)} (${w.pages} page${w.pages > 1 ? 's' : ''}) in ${Math.round(w.ms)} ms`);
  for (const d of r.diagnostics) log(formatDiagnostic(d));
}
