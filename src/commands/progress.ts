// How `build` reports its progress, for whoever reads it:
// - a terminal: one line rewritten in place (documents done of all, the latest one, time left),
//   with notes printed above it; a long build no longer scrolls 200 lines past;
// - a pipe or a log file: one plain line per document, as before;
// - `--json`: one JSON object per document written or not built, then a summary object, and nothing
//   else on stdout (notes go to stderr with the diagnostics), for scripts and CI.
import path from 'node:path';
import { printable } from '../diagnostics.js';
import type { BuildResult } from './build.js';
import type { BuildProgress } from '../pipeline/unit-sink.js';

export type ProgressMode = 'live' | 'plain' | 'json';

export interface ProgressOutput {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  /** A terminal: raw writes (no newline added), for the live line. */
  terminal?: { write: (text: string) => void; columns?: number };
}

export interface BuildReporter {
  /** A note of the build (not about one document). */
  log: (line: string) => void;
  onProgress: (progress: BuildProgress) => void;
  /** The build is over: the live line goes, before the diagnostics are printed. */
  end: () => void;
  /** The closing summary; `errors` is the number of error diagnostics printed. */
  finish: (result: BuildResult, errors: number) => void;
}

export function buildReporter(io: ProgressOutput, mode: ProgressMode, now: () => number = () => performance.now()): BuildReporter {
  if (mode === 'json') return jsonReporter(io);
  if (mode === 'live' && io.terminal) return liveReporter(io, io.terminal, now);
  return { log: io.out, onProgress: (p) => p.line !== undefined && io.out(p.line), end: () => {}, finish: (result, errors) => io.out(summaryLine(result, errors)) };
}

export function summaryLine(result: BuildResult, errors: number): string {
  const pages = result.written.reduce((n, w) => n + w.pages, 0);
  const n = result.skipped.length;
  const unchanged = result.unchanged.length ? `; ${result.unchanged.length} unchanged since the last build (--force builds them again)` : '';
  const skipped = n ? `; ${n} not built (the case does not call for ${n === 1 ? 'it' : 'them'}, see above)` : '';
  return `${result.written.length} document${result.written.length === 1 ? '' : 's'}, ${pages} page${pages === 1 ? '' : 's'} in ${result.seconds.toFixed(2)} s${unchanged}${skipped}${errors ? `; ${errors} error${errors > 1 ? 's' : ''}` : ''}`;
}

function jsonReporter(io: ProgressOutput): BuildReporter {
  const relative = (file: string) => path.relative(io.cwd, file) || file;
  return {
    log: io.err,
    onProgress: ({ written, unchanged, skipped: s }) => {
      const w = written ?? unchanged;
      if (w) io.out(JSON.stringify({ type: 'document', status: written ? 'built' : 'unchanged', file: relative(w.file), case: w.caseId, locale: w.locale, doc: w.doc, pages: w.pages, paper: w.paper, fallbacks: w.fallbacks.length }));
      else if (s) io.out(JSON.stringify({ type: 'document', status: 'skipped', case: s.caseId, locale: s.locale, doc: s.doc, reason: s.reason }));
    },
    end: () => {},
    finish: (result, errors) =>
      io.out(
        JSON.stringify({
          type: 'summary',
          built: result.written.length,
          unchanged: result.unchanged.length,
          skipped: result.skipped.length,
          pages: result.written.reduce((n, w) => n + w.pages, 0),
          errors,
          warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
          seconds: Number(result.seconds.toFixed(2)),
        }),
      ),
  };
}

function liveReporter(io: ProgressOutput, terminal: NonNullable<ProgressOutput['terminal']>, now: () => number): BuildReporter {
  const started = now();
  let shown = '';
  const clear = () => {
    if (shown) terminal.write('\r\x1b[K');
    shown = '';
  };
  const show = (text: string) => {
    // Cut to the width of the terminal: a line that wraps cannot be rewritten in place.
    shown = printable(text).slice(0, Math.max(20, (terminal.columns ?? 80) - 1));
    terminal.write(`\r\x1b[K${shown}`);
  };
  const log = (line: string) => {
    const again = shown;
    clear();
    io.out(line);
    if (again) show(again);
  };
  return {
    log,
    onProgress: ({ done, total, written, unchanged, skipped, line }) => {
      // Why a case gets no such document stays on screen; the documents written are counted.
      if (skipped && line) log(line);
      const elapsed = (now() - started) / 1000;
      const left = done > 0 && done < total ? ` · about ${clock((elapsed / done) * (total - done))} left` : '';
      const doc = written ?? unchanged ?? skipped;
      const what = doc ? ` · ${doc.caseId}/${doc.locale}/${doc.doc}` : '';
      show(`building ${done}/${total}${what}${left}`);
    },
    end: clear,
    finish: (result, errors) => io.out(summaryLine(result, errors)),
  };
}

/** Seconds as m:ss. */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
