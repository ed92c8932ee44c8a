import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // End-to-end tests build real PDFs; two cores are better used by two files at a time.
    maxWorkers: 2,
  },
});
