// Draft previews for translators, once or watching: DRAFT marks, fallback text tinted, shrunk or
// overflowing cards outlined; with --watch, a saved file rebuilds only the documents that read it,
// a broken file prints its error and the last good PDF stays.
import { readdirSync, watch as watchFiles, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { contentRoot, loadPack, type PackModel } from '../content/load.js';
import { resetTemplates } from '../compose/render.js';
import { ContentError, formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { DocumentId } from '../documents/registry.js';
import { fallbackChain, paperFor } from '../i18n/locale.js';
import { loadFontBook } from '../layout/fonts.js';
import { paintPdf } from '../paint/pdf.js';
import { creationDate, PACKAGE_DIR, select, type BuildRequest } from './build.js';
import { layoutById, sourceOf } from './document.js';
import { checkBodies } from './bodies.js';
import { checkGlyphs } from './glyphs.js';
import { markFallbacks } from './preview-model.js';
import { UsageError } from './usage.js';
import { writeAtomically } from './write.js';

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
  const locale = request.locales[0];
  if (request.cases && request.cases.length > 1) throw new UsageError('preview takes one --case at a time');
  // Without --case: the first case (the only one in most content folders).
  const sel = select(request);
  return {
    cwd,
    caseId: sel.cases[0],
    locale,
    docs: sel.docs,
    root: contentRoot(request.contentDir ?? 'content', cwd),
    templatesDir: path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates')),
    fontsConfig: path.resolve(cwd, request.fontsConfig ?? path.join(PACKAGE_DIR, 'fonts', 'fonts.json')),
    outDir: path.resolve(cwd, request.outDir ?? path.join('out', 'preview')),
  };
}

type Settings = ReturnType<typeof settings>;

/** Build the draft PDFs of some documents; a content error leaves the last good PDFs in place. */
async function run(s: Settings, docs: DocumentId[], request: PreviewRequest): Promise<PreviewRun> {
  const book = loadFontBook(s.fontsConfig);
  const result: PreviewRun = { written: [], diagnostics: [] };
  let model: PackModel;
  try {
    model = markFallbacks(loadPack(s.root, s.caseId, s.locale));
  } catch (e) {
    if (e instanceof ContentError) {
      result.diagnostics.push(...e.diagnostics);
      return result;
    }
    throw e;
  }
  result.diagnostics.push(...checkGlyphs(model.files, book, s.root.display));
  const bodies = checkBodies(model);
  result.diagnostics.push(...bodies);
  if (bodies.length) return result;
  const paper = request.paper ?? model.paper ?? paperFor(s.locale);
  for (const doc of docs) {
    const started = performance.now();
    const laid = layoutById(model, doc, { templatesDir: s.templatesDir, book, paper, preview: true });
    // A preview is written even when text overflows: seeing the red outline is the point.
    result.diagnostics.push(...laid.diagnostics);
    const pdf = await paintPdf(laid.frames, { book, author: 'workshop-pack preview', subject: `Draft preview (${s.locale})`, creationDate: creationDate() });
    const file = path.join(s.outDir, s.caseId, s.locale, `${doc}.pdf`);
    writeAtomically(file, pdf);
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
      const again = await run(s, docs, request);
      for (const w of again.written) readers.set(w.doc, w.sources);
      report(again, s, log);
    });
  };

  const watchers: FSWatcher[] = [];
  const onChange = (base: string) => (_event: string, name: string | Buffer | null) => {
    if (!name) return;
    for (const d of affected(path.join(base, name.toString()))) pending.add(d);
    if (!pending.size) return;
    clearTimeout(timer);
    timer = setTimeout(rebuild, 25); // editors save in bursts: wait for the last write
  };
  // One plain watcher per folder: Node 20's recursive watching on Linux loses files that editors
  // save by renaming a temporary file over them; a folder watcher sees every such save.
  const folders = (dir: string): string[] => [dir, ...readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => folders(path.join(dir, e.name)))];
  for (const dir of [...folders(s.root.dir), ...folders(s.templatesDir)]) watchers.push(watchFiles(dir, onChange(dir)));
  log(`watching ${s.root.display(s.root.dir)}/ and templates/ for ${s.locale}; Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const w of watchers) w.close();
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
