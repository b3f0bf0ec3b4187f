import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of the workspace packages, not their build output.
    alias: {
      '@tangible/core': source('./packages/core/src/index.ts'),
      '@tangible/db': source('./packages/db/src/index.ts'),
      '@tangible/api/problem-sentences': source('./packages/api/src/problem-sentences.ts'),
      '@tangible/api': source('./packages/api/src/index.ts'),
      '@tangible/server': source('./apps/server/src/app.ts'),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/web/e2e/**/*.test.ts',
      'scripts/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests wait for the screen to settle; a slower CI machine gets more time, not a failure.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
