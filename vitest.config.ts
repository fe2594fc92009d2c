import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native bridge crashes under worker threads; each file runs in its own forked process.
    pool: 'forks',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-runtime.ts'],
    // Bundling workflows and starting workers take seconds, not milliseconds.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
});
