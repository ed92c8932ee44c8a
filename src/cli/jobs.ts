// `build --jobs <n>`: how many cases × locales are built side by side (pipeline/parallel.ts).
import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from 'commander';

/** One worker per core: measured fastest for a full build on an idle 2-core machine (bench/parallel.js). */
export function defaultJobs(): number {
  return availableParallelism();
}

export function jobsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64) throw new InvalidArgumentError('expected a whole number of workers from 1 to 64 (1: no workers)');
  return n;
}
