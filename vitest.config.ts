import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Tests about SQLite itself, left out of the PostgreSQL run (TEST_DATABASE=postgres,
 * scripts/test-postgres.sh): they open SQLite by name (seededSqliteDatabase, a file path) whatever
 * the engine, so a second run would repeat the first. Every other test file runs on both engines.
 */
const SQLITE_ONLY = [
  // The storage guard: SQLite's I/O, lock and corruption codes, and the probe it writes.
  'packages/db/src/storage/guard.test.ts',
  'apps/server/src/storage.test.ts',
  // File backup and restore (PostgreSQL's is pg_dump).
  'packages/db/src/storage/backup.test.ts',
  'apps/cli/src/backup.test.ts',
  // A database file that vanished, its -wal and -shm left behind or truncated, and who has it open.
  'packages/db/src/storage/presence.test.ts',
  'packages/db/src/storage/in-use.test.ts',
  'apps/cli/src/vanished.test.ts',
  'apps/server/src/shm-truncated.test.ts',
  // SQLite's read-only snapshot connection and the ways a file is opened (new, existing, replace).
  'packages/db/src/connection.test.ts',
  // EXPLAIN QUERY PLAN: the plan text is SQLite's own.
  'packages/db/src/figures/rollups.test.ts',
  // Migration 0007 in place on 0006-era SQLite files (SQLite rebuilds the tables); its PostgreSQL
  // path (ALTER in place) is organisations-postgres.test.ts.
  'packages/db/src/migrations/organisations.test.ts',
];

/** Tests of PostgreSQL itself, left out of the SQLite run: they need TEST_POSTGRES_URL. */
const POSTGRES_ONLY = [
  // Migration 0007 in place on a 0006-era PostgreSQL database (PostgreSQL alters the tables).
  'packages/db/src/migrations/organisations-postgres.test.ts',
  // LISTEN/NOTIFY between two processes (db change-watch.ts): SQLite has no notices, and one process.
  'apps/server/src/change-watch.test.ts',
  'apps/server/src/change-watch-review.test.ts',
  // Kept answers sent before Express: only a process that hears of changes knows enough to.
  'apps/server/src/kept-at-once.test.ts',
  // Reads of a caller shared by concurrent requests: only a process that hears of changes shares them.
  'apps/server/src/shared-caller-reads.test.ts',
];

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
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.TEST_DATABASE === 'postgres' ? SQLITE_ONLY : POSTGRES_ONLY),
    ],
    // Browser and CLI tests start servers and processes: on a 2-core CI machine running two test
    // files at once one took 36 s. A timeout here is the machine, not the product.
    // On SQLite most of a test's time is spent waiting on a server process or Chromium, so two files
    // run at once even on two cores (vitest's default there is one; the half took 35 min so, 29 min
    // with two). On PostgreSQL the database server is a third party on the same cores: with two files
    // at once four timing-bound tests failed (a browser wait, a poll, the kill test's refused reads,
    // a freed export slot), one at a time none did, so that half keeps vitest's default.
    maxWorkers:
      process.env.TEST_DATABASE === 'postgres'
        ? Math.max(availableParallelism() - 1, 1)
        : Math.max(2, availableParallelism() - 1),
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // Browser tests wait for the screen to settle; a slower CI machine gets more time, not a failure.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
