import { defineConfig } from 'vitest/config';

// Two groups, both in `npm test`: fast unit tests (`npm run test:unit`, under a minute on 2 cores) and
// slow scientific regressions (`*.slow.test.ts`: training runs that check a paper's claim;
// `npm run test:slow`).
const slow = ['src/**/*.slow.test.ts', 'tests/unit/**/*.slow.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60000,
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], exclude: slow },
      },
      { extends: true, test: { name: 'slow', include: slow, testTimeout: 180000 } },
    ],
  },
});
