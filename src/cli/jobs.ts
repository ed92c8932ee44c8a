// `build --jobs <n>`: how many cases × locales are built side by side (pipeline/parallel.ts).
import { InvalidArgumentError } from 'commander';

/**
 * One process unless asked for more. Measured on a 2-core machine (full bundled build, 182 PDFs,
 * bench/parallel.js, 3 runs each in turns, 2026-12-03): --jobs 1 13.5 / 14.7 / 14.8 s, 231–241 MB
 * peak; --jobs 2 15.3 / 16.5 / 21.3 s, 425–463 MB. Each worker parses the fonts and shapes the same
 * words again, and one process already keeps the second core busy collecting garbage: two workers
 * are not faster. A machine with more cores may differ: --jobs `availableParallelism()` there.
 */
export function defaultJobs(): number {
  return 1;
}

export function jobsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number of workers from 1 to 64 (1: no workers)');
  return n;
}
