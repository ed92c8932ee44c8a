// The build command's work, callable from tests: choose cases × locales × documents, load and
// check content, lay out, paint and write each PDF atomically. Returns what it did as data.
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentRoot, listCases, scanLocales, type Fallback } from '../content/load.js';
import { error, hasErrors, type Diagnostic } from '../diagnostics.js';
import { displayName } from '../content/case-status.js';
import { caseWarnings } from '../content/case-warnings.js';
import { whyNotBuilt } from '../documents/applicable.js';
import { DOCUMENT_IDS, type DocumentId } from '../documents/registry.js';
import { paperFor } from '../i18n/locale.js';
import { fontBookFor } from '../content/font-config.js';
import type { Paper } from '../layout/theme.js';
import { paintPdf } from '../paint/pdf.js';
import type { PartCache } from './document.js';
import { layoutChecked, loadChecked } from './pipeline.js';
import { UsageError, nearest } from './usage.js';
import { EnvironmentError, removeStaleTemporaries, writeAtomically } from './write.js';

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

/** The project's own files (templates, fonts) are found next to the installed package by default. */
export const PACKAGE_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export interface Selection {
  cases: string[];
  locales: string[];
  docs: DocumentId[];
  /** Folders under content/ that are not locales (reported, skipped). */
  problems: Diagnostic[];
}

export function select(request: BuildRequest): Selection {
  const cwd = request.cwd ?? process.cwd();
  const root = contentRoot(request.contentDir ?? 'content', cwd);
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
  return {
    cases: pick(request.cases, allCases, 'case'),
    locales: pick(request.locales, allLocales, 'locale'),
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

export async function build(request: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  const cwd = request.cwd ?? process.cwd();
  const log = request.log ?? (() => {});
  const sel = select(request);
  const root = contentRoot(request.contentDir ?? 'content', cwd);
  const templatesDir = path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates'));
  const fonts = fontBookFor(root, path.resolve(cwd, request.fontsConfig ?? path.join(PACKAGE_DIR, 'fonts', 'fonts.json')));
  const book = fonts.book;
  const outDir = outputFolder(cwd, request.outDir ?? 'out');
  const removed = removeStaleTemporaries(outDir);
  if (removed) log(`removed ${removed} temporary file${removed > 1 ? 's' : ''} left by an interrupted build`);
  const date = creationDate();
  const today = request.today ?? date;
  const written: WrittenDocument[] = [];
  const skipped: SkippedDocument[] = [];
  const diagnostics: Diagnostic[] = [...sel.problems, ...fonts.diagnostics];
  // A broken font configuration leaves nothing to measure with.
  if (hasErrors(fonts.diagnostics)) return { written, skipped, diagnostics, seconds: (performance.now() - started) / 1000 };

  const warnedCases = new Set<string>();
  try {
    for (const caseId of sel.cases) {
      for (const locale of sel.locales) {
        const { model, diagnostics: contentProblems, ok } = loadChecked(root, caseId, locale, book);
        diagnostics.push(...contentProblems);
        if (!model || !ok) continue;
        // Stale facts and placeholder photos: said once per case, not once per locale.
        if (!warnedCases.has(caseId)) diagnostics.push(...caseWarnings(model, today)), warnedCases.add(caseId);
        const paper = request.paper ?? model.paper ?? paperFor(locale);
        const parts: PartCache = new Map(); // the pack reuses the handouts' layouts
        for (const doc of sel.docs) {
          const reason = whyNotBuilt(model.case.front, doc);
          if (reason) {
            const file = path.join(outDir, caseId, locale, `${doc}.pdf`);
            skipped.push({ caseId, locale, doc, reason });
            // A PDF left from before the case changed must not be printed by mistake.
            const removedOld = existsSync(file) ? (rmSync(file), ' (removed the old PDF)') : '';
            log(`not built: ${path.relative(cwd, file)}: ${reason}${removedOld}`);
            continue;
          }
          const laid = layoutChecked(model, doc, { templatesDir, book, paper }, parts);
          diagnostics.push(...laid.diagnostics);
          if (!laid.frames || hasErrors(laid.diagnostics)) continue;
          const pdf = await paintPdf(laid.frames, {
            book,
            author: 'workshop-pack',
            subject: `${model.activity.front.title} · ${displayName(model.case.front, model.dateLocale ?? locale)}`,
            keywords: (model.case.front.hashtags ?? []).join(' '),
            creationDate: date,
          });
          const file = path.join(outDir, caseId, locale, `${doc}.pdf`);
          writeAtomically(file, pdf, (p) => path.relative(cwd, p) || p);
          const fallbacks = laid.fallbacks;
          const entry = { file, caseId, locale, doc, pages: laid.frames.pages.length, paper, fallbacks };
          written.push(entry);
          const fb = fallbacks.length ? `, ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''}` : '';
          log(`wrote ${path.relative(cwd, file)} (${entry.pages} page${entry.pages > 1 ? 's' : ''}, ${paper}${fb})`);
          if (request.verbose) for (const f of fallbacks) log(`  fallback: ${f.kind} ${f.item} from ${f.from}`);
        }
      }
    }
  } catch (e) {
    // The machine, not the content: a full disk or a read-only folder fails every later write too.
    if (!(e instanceof EnvironmentError)) throw e;
    diagnostics.push(error(e.file, 0, `${e.reason}; the build stopped here`, 'check the folder (permissions, free space), or choose another one with --out'));
  }
  return { written, skipped, diagnostics, seconds: (performance.now() - started) / 1000 };
}
