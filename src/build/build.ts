// The build command's work, callable from tests: choose cases × locales × documents, load and
// check content, lay out, paint and write each PDF atomically. Returns what it did as data.
import path from 'node:path';
import { contentRoot, listCases, listLocales, loadPack, type Fallback, type PackModel } from '../content/load.js';
import { ContentError, type Diagnostic } from '../diagnostics.js';
import { DOCUMENT_IDS, type DocumentId } from '../documents/registry.js';
import { paperFor } from '../i18n/locale.js';
import { loadFontBook } from '../layout/fonts.js';
import type { Paper } from '../layout/theme.js';
import { paintPdf } from '../paint/pdf.js';
import { layoutById, type PartCache } from './document.js';
import { checkBodies } from './bodies.js';
import { checkGlyphs } from './glyphs.js';
import { UsageError, nearest } from './usage.js';
import { writeAtomically } from './write.js';

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

export interface BuildResult {
  written: WrittenDocument[];
  diagnostics: Diagnostic[];
  seconds: number;
}

/** The project's own files (templates, fonts) are found next to the installed package by default. */
export const PACKAGE_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export interface Selection {
  cases: string[];
  locales: string[];
  docs: DocumentId[];
}

export function select(request: BuildRequest): Selection {
  const cwd = request.cwd ?? process.cwd();
  const root = contentRoot(request.contentDir ?? 'content', cwd);
  const allCases = listCases(root);
  const allLocales = listLocales(root);
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
  };
}

export function creationDate(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

export async function build(request: BuildRequest): Promise<BuildResult> {
  const started = performance.now();
  const cwd = request.cwd ?? process.cwd();
  const log = request.log ?? (() => {});
  const sel = select(request);
  const root = contentRoot(request.contentDir ?? 'content', cwd);
  const templatesDir = path.resolve(cwd, request.templatesDir ?? path.join(PACKAGE_DIR, 'templates'));
  const book = loadFontBook(path.resolve(cwd, request.fontsConfig ?? path.join(PACKAGE_DIR, 'fonts', 'fonts.json')));
  const outDir = path.resolve(cwd, request.outDir ?? 'out');
  const date = creationDate();
  const written: WrittenDocument[] = [];
  const diagnostics: Diagnostic[] = [];

  for (const caseId of sel.cases) {
    for (const locale of sel.locales) {
      let model: PackModel;
      try {
        model = loadPack(root, caseId, locale);
      } catch (e) {
        if (e instanceof ContentError) {
          diagnostics.push(...e.diagnostics);
          continue;
        }
        throw e;
      }
      const contentProblems = [...checkGlyphs(model.files, book, root.display), ...checkBodies(model)];
      diagnostics.push(...contentProblems);
      if (contentProblems.length) continue;
      const paper = request.paper ?? model.paper ?? paperFor(locale);
      const parts: PartCache = new Map(); // the pack reuses the handouts' layouts
      for (const doc of sel.docs) {
        const laid = layoutById(model, doc, { templatesDir, book, paper }, parts);
        diagnostics.push(...laid.diagnostics);
        if (laid.diagnostics.some((d) => d.severity === 'error')) continue;
        const pdf = await paintPdf(laid.frames, {
          book,
          author: 'workshop-pack',
          subject: `${model.activity.front.title} · ${model.case.front.name}`,
          keywords: model.case.front.hashtags.join(' '),
          creationDate: date,
        });
        const file = path.join(outDir, caseId, locale, `${doc}.pdf`);
        writeAtomically(file, pdf);
        const fallbacks = laid.fallbacks;
        const entry = { file, caseId, locale, doc, pages: laid.frames.pages.length, paper, fallbacks };
        written.push(entry);
        const fb = fallbacks.length ? `, ${fallbacks.length} fallback${fallbacks.length > 1 ? 's' : ''}` : '';
        log(`wrote ${path.relative(cwd, file)} (${entry.pages} page${entry.pages > 1 ? 's' : ''}, ${paper}${fb})`);
        if (request.verbose) for (const f of fallbacks) log(`  fallback: ${f.kind} ${f.item} from ${f.from}`);
      }
    }
  }
  return { written, diagnostics, seconds: (performance.now() - started) / 1000 };
}
