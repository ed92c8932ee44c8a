// A full build on several cores: worker threads each build whole cases × locales (a locale's pack
// reuses the layouts of its handouts, so a case × locale is the smallest piece that does no work
// twice), taking the next one as they finish. Output does not depend on which worker built what:
// a document's bytes depend only on its inputs (tests/e2e/determinism.test.ts), and the main thread
// replays each unit's lines and diagnostics in the order of the build (pipeline/unit-sink.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildRequest } from '../commands/build.js';
import { replay, type Collector, type UnitEvent } from './unit-sink.js';

/** What the main thread sends a worker to start with. */
export interface WorkerStart {
  /** The request without its callbacks (a worker cannot be given functions). */
  request: BuildRequest;
  /** The build's date, the same in every worker. */
  date: Date;
}

export type WorkerReply = { unit: number; events: UnitEvent[] } | { unit: number; failure: { message: string; stack?: string } };

// Beside this module in dist/pipeline/; from the one-file bundle (dist/workshop-pack.cjs, see
// scripts/bundle-cli.mjs), the compiled module under dist/pipeline/.
const here = fileURLToPath(import.meta.url);
const WORKER = here.endsWith('.cjs') ? path.join(path.dirname(here), 'pipeline', 'build-worker.js') : path.join(path.dirname(here), 'build-worker.js');

/**
 * How many workers to start for a build of `units` cases × locales when `jobs` are allowed: none (0)
 * when it would not pay, since each worker loads the program and the fonts again (about a second).
 * Workers run compiled JavaScript: from the TypeScript sources (the tests) the build stays in one process.
 */
export function workersFor(jobs: number, units: number): number {
  const workers = Math.min(jobs, Math.floor(units / 2));
  return workers > 1 && existsSync(WORKER) ? workers : 0;
}

/**
 * Builds the units numbered in `pending` on `jobs` workers; the others' events are in `done` already
 * (units the build cache answered for). Everything is replayed into `into` in unit order.
 */
export function buildInWorkers(request: BuildRequest, date: Date, unitCount: number, jobs: number, into: Collector, done = new Map<number, UnitEvent[]>(), pending = Array.from({ length: unitCount }, (_, i) => i)): Promise<void> {
  const { log: _log, onProgress: _progress, ...cloneable } = request;
  const start: WorkerStart = { request: { ...cloneable, jobs: 1 }, date };
  const workers = Array.from({ length: jobs }, () => new Worker(WORKER, { workerData: start }));
  const finished = new Map(done);
  let next = 0;
  let replayed = 0;
  let settled = false;
  return new Promise((resolve, reject) => {
    const finish = (failure?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (failure) reject(failure);
      else resolve();
    };
    const give = (worker: Worker) => {
      if (next < pending.length) worker.postMessage(pending[next++]);
    };
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => {
        if ('failure' in reply) return finish(Object.assign(new Error(reply.failure.message), { stack: reply.failure.stack }));
        finished.set(reply.unit, reply.events);
        give(worker);
        try {
          // In the build's order: a unit that finished early waits for the ones before it.
          for (let events; (events = finished.get(replayed)); replayed++) finished.delete(replayed), replay(events, into);
        } catch (e) {
          return finish(e); // a full disk: the build stops here, as in one process
        }
        if (replayed === unitCount) finish();
      });
      worker.on('error', finish);
      worker.on('exit', (code) => finish(new Error(`a build worker stopped unexpectedly (exit code ${code})`)));
      give(worker);
    }
  });
}
