// A worker thread of a parallel build (pipeline/parallel.ts): builds the cases × locales it is
// given by number and sends back what happened, recorded (pipeline/unit-sink.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { buildContext, buildUnit, unitsOf } from '../commands/build.js';
import { saveShapeStores } from '../layout/shape-store.js';
import { saveKeptChecks } from '../content/kept-checks.js';
import { Recorder } from './unit-sink.js';
import { EnvironmentError } from './write.js';
import type { WorkerReply, WorkerStart } from './parallel.js';

const start = workerData as WorkerStart;
const ctx = buildContext(start.request, start.date);
const units = unitsOf(ctx.sel);
const recorder = new Recorder();
const reply = (message: WorkerReply) => parentPort!.postMessage(message);

parentPort!.on('message', async (unit: number) => {
  try {
    await buildUnit(ctx, units[unit].caseId, units[unit].target, recorder);
    // The worker may be stopped as soon as it replies: what it hashed is kept now.
    ctx.cache.save();
    saveShapeStores();
    saveKeptChecks();
  } catch (e) {
    if (e instanceof EnvironmentError) recorder.events.push({ kind: 'environment', file: e.file, reason: e.reason });
    else return reply({ unit, failure: { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } });
  }
  reply({ unit, events: recorder.take() });
});
