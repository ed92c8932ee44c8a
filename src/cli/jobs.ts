// `build --jobs <n>`: how many cases × locales are built side by side (pipeline/parallel.ts).
import { InvalidArgumentError } from 'commander';

/**
 * One process unless asked for more. Measured on an idle 2-core machine (full bundled build, 182
 * PDFs, twice each in turns): --jobs 1 24.4 / 24.8 s, 29 s CPU, 670–700 MB peak; --jobs 2 22.8 /
 * 29.3 s, 39–51 s CPU, 880–950 MB. Each worker parses the fonts and shapes the same words again, and
 * one process already keeps the second core busy collecting garbage: two workers are not faster.
 * A machine with more cores may differ: --jobs `availableParallelism()` there.
 */
export function defaultJobs(): number {
  return 1;
}

export function jobsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number of workers from 1 to 64 (1: no workers)');
  return n;
}
