// Where one case × locale of a build puts what it did: log lines, diagnostics, documents written
// or skipped. In one process the Collector takes it straight away. A worker (pipeline/parallel.ts)
// records it as events instead, and the main thread replays them into the Collector in the order
// of the build, so diagnostics, lines and results come out the same whatever the number of workers.
// Some warnings are said once per case, locale or file: a worker cannot know whether another one
// said them already, so it records them with their key and the Collector keeps the first.
import type { Diagnostic } from '../diagnostics.js';
import type { BuildRequest, SkippedDocument, WrittenDocument } from '../commands/build.js';
import { EnvironmentError } from './write.js';

export interface UnitSink {
  log(line: string): void;
  report(list: Diagnostic[]): void;
  onceForCase(caseId: string, make: () => Diagnostic[]): void;
  onceForFiles(files: string[], make: (file: string) => Diagnostic[]): void;
  onceForLocale(locale: string, make: (log: (line: string) => void) => Diagnostic[]): void;
  wrote(entry: WrittenDocument, line: string): void;
  /** A document the build cache says is unchanged since the last build; its line only with --verbose. */
  reused(entry: WrittenDocument, line?: string): void;
  notBuilt(entry: SkippedDocument, line: string): void;
}

/** After each document of a build: how far it is, and the document (written, or not built with the reason). */
export interface BuildProgress {
  done: number;
  total: number;
  written?: WrittenDocument;
  unchanged?: WrittenDocument;
  skipped?: SkippedDocument;
  /** The line a plain log shows for it ("wrote …", "not built: …"), if any. */
  line?: string;
}

/** The build's results, gathered in the order of the build. */
export class Collector implements UnitSink {
  readonly written: WrittenDocument[] = [];
  readonly unchanged: WrittenDocument[] = [];
  readonly skipped: SkippedDocument[] = [];
  readonly diagnostics: Diagnostic[];
  private saidForCase = new Set<string>();
  private saidForLocale = new Set<string>();
  private saidForFile = new Set<string>();
  private done = 0;
  private units = 0;
  private readonly print: (line: string) => void;

  constructor(
    private request: BuildRequest,
    private unitCount: number,
    private docsPerUnit: number,
    diagnostics: Diagnostic[],
  ) {
    this.diagnostics = diagnostics;
    this.print = request.log ?? (() => {});
  }

  log(line: string): void {
    this.print(line);
  }
  report(list: Diagnostic[]): void {
    this.diagnostics.push(...list);
  }
  onceForCase(caseId: string, make: () => Diagnostic[]): void {
    if (this.saidForCase.has(caseId)) return;
    this.saidForCase.add(caseId);
    this.diagnostics.push(...make());
  }
  onceForFiles(files: string[], make: (file: string) => Diagnostic[]): void {
    for (const file of files) {
      if (this.saidForFile.has(file)) continue;
      this.saidForFile.add(file);
      this.diagnostics.push(...make(file));
    }
  }
  onceForLocale(locale: string, make: (log: (line: string) => void) => Diagnostic[]): void {
    if (this.saidForLocale.has(locale)) return;
    this.saidForLocale.add(locale);
    this.diagnostics.push(...make((line) => this.print(line)));
  }
  wrote(entry: WrittenDocument, line: string): void {
    this.written.push(entry);
    this.progress(line, { written: entry });
  }
  reused(entry: WrittenDocument, line?: string): void {
    this.unchanged.push(entry);
    this.progress(line, { unchanged: entry });
  }
  notBuilt(entry: SkippedDocument, line: string): void {
    this.skipped.push(entry);
    this.progress(line, { skipped: entry });
  }
  /** A case × locale is over: its documents that failed count as done too. */
  unitDone(): void {
    this.units++;
    this.done = this.units * this.docsPerUnit;
  }

  private progress(line: string | undefined, what: { written?: WrittenDocument; unchanged?: WrittenDocument; skipped?: SkippedDocument }): void {
    this.done++;
    if (this.request.onProgress) this.request.onProgress({ done: this.done, total: this.unitCount * this.docsPerUnit, ...(line !== undefined ? { line } : {}), ...what });
    else if (line !== undefined) this.print(line);
  }
}

/** What a worker did for one case × locale, to replay into the Collector. */
export type UnitEvent =
  | { kind: 'log'; line: string }
  | { kind: 'diagnostics'; list: Diagnostic[] }
  | { kind: 'case'; caseId: string; list: Diagnostic[] }
  | { kind: 'files'; files: string[]; lists: Diagnostic[][] }
  | { kind: 'locale'; locale: string; list: Diagnostic[]; lines: string[] }
  | { kind: 'written'; entry: WrittenDocument; line: string }
  | { kind: 'unchanged'; entry: WrittenDocument; line?: string }
  | { kind: 'skipped'; entry: SkippedDocument; line: string }
  | { kind: 'environment'; file: string; reason: string };

/** A worker's sink: every once-only warning worked out (remembered across its units), all recorded. */
export class Recorder implements UnitSink {
  events: UnitEvent[] = [];
  private forFile = new Map<string, Diagnostic[]>();
  private forLocale = new Map<string, { list: Diagnostic[]; lines: string[] }>();

  log(line: string): void {
    this.events.push({ kind: 'log', line });
  }
  report(list: Diagnostic[]): void {
    if (list.length) this.events.push({ kind: 'diagnostics', list });
  }
  onceForCase(caseId: string, make: () => Diagnostic[]): void {
    this.events.push({ kind: 'case', caseId, list: make() });
  }
  onceForFiles(files: string[], make: (file: string) => Diagnostic[]): void {
    const lists = files.map((f) => {
      let list = this.forFile.get(f);
      if (!list) this.forFile.set(f, (list = make(f)));
      return list;
    });
    this.events.push({ kind: 'files', files, lists });
  }
  onceForLocale(locale: string, make: (log: (line: string) => void) => Diagnostic[]): void {
    let notes = this.forLocale.get(locale);
    if (!notes) {
      const lines: string[] = [];
      notes = { list: make((line) => lines.push(line)), lines };
      this.forLocale.set(locale, notes);
    }
    this.events.push({ kind: 'locale', locale, ...notes });
  }
  wrote(entry: WrittenDocument, line: string): void {
    this.events.push({ kind: 'written', entry, line });
  }
  reused(entry: WrittenDocument, line?: string): void {
    this.events.push({ kind: 'unchanged', entry, line });
  }
  notBuilt(entry: SkippedDocument, line: string): void {
    this.events.push({ kind: 'skipped', entry, line });
  }
  /** The events so far, and a fresh list for the next unit. */
  take(): UnitEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

/** A worker's events for one unit, given to the Collector as if the unit had run here. */
export function replay(events: UnitEvent[], into: Collector): void {
  for (const e of events) {
    if (e.kind === 'log') into.log(e.line);
    else if (e.kind === 'diagnostics') into.report(e.list);
    else if (e.kind === 'case') into.onceForCase(e.caseId, () => e.list);
    else if (e.kind === 'files') into.onceForFiles(e.files, (f) => e.lists[e.files.indexOf(f)]);
    else if (e.kind === 'locale') into.onceForLocale(e.locale, (log) => (e.lines.forEach(log), e.list));
    else if (e.kind === 'written') into.wrote(e.entry, e.line);
    else if (e.kind === 'unchanged') into.reused(e.entry, e.line);
    else if (e.kind === 'skipped') into.notBuilt(e.entry, e.line);
    else throw new EnvironmentError(e.file, e.reason);
  }
  into.unitDone();
}
