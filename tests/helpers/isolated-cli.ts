// Running the CLI on hostile content without risking the test run: each run happens in a worker
// thread with a time limit and a heap limit, so a build that loops forever or decodes a
// 10,000×10,000 image is reported as a failed case instead of hanging or killing vitest.
//
// Workers cannot load TypeScript, so the current src/ is compiled once per test file into a private
// copy of the package (templates and fonts copied, node_modules linked): the code under test is the
// working tree's, and dist/ is left alone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO } from './build.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** Set when the run was stopped: it took longer than the limit, or exhausted its heap. */
  stopped?: 'timeout' | 'out of memory' | 'worker crashed';
  ms: number;
}

// What the package needs at run time besides its compiled code.
const SKIP = new Set(['.git', 'node_modules', 'dist', 'src', 'tests', 'out', 'bench', 'content']);

/** Compile src/ into a fresh package copy; returns the path of its dist/cli/main.js. */
export function compileCli(): { main: string; dispose: () => void } {
  const pkg = mkdtempSync(path.join(tmpdir(), 'wp-pkg-'));
  for (const entry of readdirSync(REPO)) {
    if (SKIP.has(entry)) continue;
    cpSync(path.join(REPO, entry), path.join(pkg, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(REPO, 'tsconfig.json'), '--outDir', path.join(pkg, 'dist')], { stdio: 'pipe' });
  } catch {
    // Type errors still emit JavaScript; only a missing output is fatal (checked below).
  }
  const main = path.join(pkg, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`compiling src/ into ${pkg} produced no ${main}`);
  return { main, dispose: () => rmSync(pkg, { recursive: true, force: true }) };
}

interface Job {
  args: string[];
  cwd: string;
  timeoutMs: number;
  resolve: (r: CliRun) => void;
}

const WORKER = path.join(import.meta.dirname, 'cli-worker.mjs');

/** A few long-lived workers running CLI commands one at a time each; a stopped worker is replaced. */
export class CliPool {
  private idle: Worker[] = [];
  private all = new Set<Worker>();
  private queue: Job[] = [];
  private starting = 0;
  private nextId = 1;
  private freshQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly main: string,
    private readonly size = 2,
    private readonly heapMb = 512,
  ) {}

  /**
   * Run in a worker of its own, started for this run and stopped after it: nothing cached by an
   * earlier run (fonts, glyphs, layouts) can change the result, as with a fresh `workshop-pack`.
   */
  async runFresh(args: string[], cwd: string, timeoutMs = 30_000): Promise<CliRun> {
    // One fresh run at a time: with the pool's workers that is at most one worker more than cores.
    const previous = this.freshQueue;
    let release = () => {};
    this.freshQueue = new Promise((r) => (release = r));
    await previous;
    try {
      return await new Promise<CliRun>((resolve) => {
        const worker = this.start();
        worker.once('message', () => this.dispatch(worker, { args, cwd, timeoutMs, resolve }, false));
        worker.once('error', (e) => resolve({ code: -1, out: '', err: `the CLI worker did not start: ${e}`, stopped: 'worker crashed', ms: 0 }));
      });
    } finally {
      release();
    }
  }
  run(args: string[], cwd: string, timeoutMs = 30_000): Promise<CliRun> {
    return new Promise((resolve) => {
      this.queue.push({ args, cwd, timeoutMs, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle = [];
  }

  private pump(): void {
    while (this.queue.length && this.idle.length) this.dispatch(this.idle.pop()!, this.queue.shift()!);
    if (this.queue.length && this.all.size + this.starting < this.size) this.spawn();
  }

  private start(): Worker {
    return new Worker(WORKER, { workerData: { main: this.main }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb }, stdout: true, stderr: true });
  }

  private spawn(): void {
    this.starting++;
    const worker = this.start();
    worker.once('message', () => {
      this.starting--;
      this.all.add(worker);
      this.idle.push(worker);
      this.pump();
    });
    worker.once('error', () => {
      // Failing to start at all is a broken setup, not a broken case: fail every waiting job loudly.
      if (!this.all.has(worker)) {
        this.starting--;
        for (const job of this.queue.splice(0)) job.resolve({ code: -1, out: '', err: 'the CLI worker did not start', stopped: 'worker crashed', ms: 0 });
      }
    });
  }

  /** Send one job to a started worker; a pooled worker goes back to the pool after a clean run. */
  private dispatch(worker: Worker, job: Job, pooled = true): void {
    const id = this.nextId++;
    const started = performance.now();
    let done = false;
    const finish = (r: Omit<CliRun, 'ms'>, reusable: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && pooled) this.idle.push(worker);
      else {
        this.all.delete(worker);
        void worker.terminate();
      }
      job.resolve({ ...r, ms: performance.now() - started });
      if (pooled) this.pump();
    };
    const onMessage = (m: { id: number; code: number; out: string; err: string }) => {
      if (m.id === id) finish({ code: m.code, out: m.out, err: m.err }, true);
    };
    const onError = (e: Error & { code?: string }) =>
      finish({ code: -1, out: '', err: String(e?.message ?? e), stopped: e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : 'worker crashed' }, false);
    const onExit = () => finish({ code: -1, out: '', err: 'the worker exited', stopped: 'worker crashed' }, false);
    const timer = setTimeout(() => finish({ code: -1, out: '', err: `still running after ${job.timeoutMs} ms`, stopped: 'timeout' }, false), job.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, args: job.args, cwd: job.cwd });
  }
}
