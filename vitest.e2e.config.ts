import { defineConfig } from 'vitest/config';

// End-to-end specs: the production build in headless Chromium. One file at a time: 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
