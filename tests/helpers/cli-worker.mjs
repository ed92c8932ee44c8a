// One CLI run inside a worker thread (see isolated-cli.ts): the worker can be stopped when content
// makes the build hang or eat the heap, which an in-process run cannot survive. It answers each
// request with the exit code and what was printed, and reports a thrown error the way
// bin/workshop-pack.js does (exit 70, "internal error" and the stack) so tests see what a user sees.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { run } = await import(pathToFileURL(workerData.main).href);

parentPort.on('message', async ({ id, args, cwd }) => {
  const out = [];
  const err = [];
  let code;
  try {
    code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd });
  } catch (error) {
    err.push(`workshop-pack: internal error: ${error?.stack ?? error}`);
    code = 70;
  }
  parentPort.postMessage({ id, code, out: out.join('\n'), err: err.join('\n') });
});
parentPort.postMessage({ ready: true });
