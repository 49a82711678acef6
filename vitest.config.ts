import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A browser test that loses a race with the machine (a toast outlasted, a click while the page re-renders,
          // on two cores shared with the server tests) is run once more; a real fault fails both times.
          retry: 1,
          // The role crawl runs its accounts side by side: three at a time keeps each within its time on two cores.
          maxConcurrency: 3,
        },
      },
    ],
  },
});
