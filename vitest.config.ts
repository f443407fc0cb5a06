import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'sim/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 30_000,
    // A routing error in the background fails the test file that caused it.
    setupFiles: ['tests/support/routingErrorsCheck.ts'],
    hookTimeout: 60_000,
    // Each integration file holds one embedded database (300–900 MB); two at a time fit any CI box.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
