import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // End-to-end tests build real PDFs; two cores are better used by two files at a time.
    maxWorkers: 2,
    // The bin keeps traces of no-op builds in the user's cache folder (src/cli/run-trace.ts): the
    // builds the tests run keep theirs in a folder of this run instead.
    env: { XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'wp-test-cache-')) },
  },
});
