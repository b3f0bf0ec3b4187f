/**
 * `pnpm cli db …`: migrate, seed, reset, backup and restore the database DATABASE_URL names
 * (default data/tangible.sqlite). What they print comes from messages.ts and usage.ts, in Korean or
 * English.
 */

import {
  backupDatabase,
  type CopyProgress,
  copyInstallation,
  type Db,
  databaseFile,
  databaseInUse,
  databaseLocation,
  describeLocation,
  ensureFigures,
  loadSeedSet,
  migrateToEmpty,
  migrateToLatest,
  type Opening,
  openLocation,
  plansNeedingFigures,
  readSeedSet,
  recordDatabase,
  restoreDatabase,
  SEED_DIR,
  setAsideOrphans,
} from '@tangible/db';
import { Command } from 'commander';
import { Declined, fileSize, holdings, say } from './messages.js';
import { describe } from './usage.js';

/**
 * Opens the database DATABASE_URL names, brought up to the latest migration first, with the stored
 * figures it lacks built (said on standard error, so that an export's output stays CSV). It must be
 * there unless `opening` says otherwise; a database that vanished is refused either way, before
 * SQLite touches its path (what it left, a `-wal` above all, stays as it is).
 *
 * Figures are never built behind a server (or any command) that has the database open: building a
 * plan holds the write lock until it is done (23 s at 100,000 indicators), and the server would
 * wait, then fail, every change meanwhile. Such a command refuses rather than read figures it knows
 * are stale; the server builds them itself when it starts.
 */
export async function withDatabase(
  work: (db: Db) => Promise<void>,
  options: { migrate?: boolean; opening?: Opening; figures?: boolean } = {},
): Promise<void> {
  const location = databaseLocation(process.env.DATABASE_URL);
  const file = location.engine === 'sqlite' ? location.file : null;
  const migrate = options.migrate ?? true;
  const figures = migrate && (options.figures ?? true);
  // Asked before this command opens the database: its own connection would count. PostgreSQL
  // lets a build run beside a server's writes, so only an SQLite file is asked.
  const shared = figures && file !== null && databaseInUse(file);
  const db = openLocation(location, options.opening ?? 'existing');
  try {
    if (migrate) {
      await migrateToLatest(db);
      if (figures) {
        if (shared && (await plansNeedingFigures(db)).length > 0)
          throw new Declined('figures_behind_server', { file });
        for (const built of await ensureFigures(db)) console.error(say('figures_caught_up', { ...built }));
      }
    }
    await work(db);
  } finally {
    await db.destroy();
  }
}

export function databaseCommand(): Command {
  const db = new Command('db').description(describe('db'));

  db.command('migrate')
    .description(describe('db.migrate'))
    .action(() =>
      withDatabase(
        async (database) => {
          const applied = await migrateToLatest(database);
          console.log(applied.length ? say('migrated', { names: applied.join(', ') }) : say('up_to_date'));
        },
        { migrate: false, opening: 'new' },
      ),
    );

  db.command('seed')
    .description(describe('db.seed'))
    .option('--dir <folder>', describe('db.seed.dir'), SEED_DIR)
    .action((options: { dir: string }) =>
      withDatabase(
        async (database) => {
          await migrateToLatest(database);
          // The city's plan, then its districts' (districts/<code>/), each all or nothing.
          const summaries = await loadSeedSet(database, readSeedSet(options.dir), {
            enteredAt: new Date().toISOString(),
          });
          const location = databaseLocation(process.env.DATABASE_URL);
          if (location.engine === 'sqlite') recordDatabase(location.file, new Date());
          for (const { nextYears = [], ...summary } of summaries) {
            console.log(say('seeded', { ...summary, values: summary.measurements }));
            for (const next of nextYears)
              console.log(say('seeded_next_year', { from: summary.year, ...next }));
          }
        },
        { opening: 'new' },
      ),
    );

  db.command('reset')
    .description(describe('db.reset'))
    .requiredOption('--yes', describe('db.reset.yes'))
    .action(async () => {
      const location = databaseLocation(process.env.DATABASE_URL);
      const file = location.engine === 'sqlite' ? location.file : null;
      // Before opening: a -wal left by a lost database would be replayed into the new one.
      const setAside = file ? setAsideOrphans(file, new Date()) : [];
      if (setAside.length) console.log(say('set_aside', { files: setAside.join(', ') }));
      await withDatabase(
        async (database) => {
          await migrateToEmpty(database);
          await migrateToLatest(database);
          const [summary] = await loadSeedSet(database, readSeedSet(SEED_DIR), {
            enteredAt: new Date().toISOString(),
          });
          if (file) recordDatabase(file, new Date(), { replace: true });
          if (summary) {
            const { nextYears = [], ...plan } = summary;
            console.log(say('reset', { ...plan }));
            for (const next of nextYears) console.log(say('seeded_next_year', { from: plan.year, ...next }));
          }
        },
        // What is there is dropped: its figures are not worth building first.
        { opening: 'replace', figures: false },
      );
    });

  db.command('backup <file>')
    .description(describe('db.backup'))
    .option('--force', describe('db.backup.force'))
    .action(async (file: string, options: { force?: boolean }) => {
      const database = databaseFile(process.env.DATABASE_URL, 'db backup');
      const summary = await backupDatabase(database, file, { force: options.force });
      console.log(say('backed_up', { database, file, size: fileSize(summary.bytes) }));
      console.log(holdings(summary));
    });

  db.command('restore <file>')
    .description(describe('db.restore'))
    .requiredOption('--yes', describe('db.restore.yes'))
    .action(async (file: string) => {
      const database = databaseFile(process.env.DATABASE_URL, 'db restore');
      const restored = await restoreDatabase(file, database, new Date());
      console.log(say('restored', { file, database }));
      console.log(holdings(restored.summary));
      if (restored.previous) console.log(say('previous_kept', { previous: restored.previous }));
      if (restored.setAside.length) console.log(say('set_aside', { files: restored.setAside.join(', ') }));
      console.log(say('start_again'));
    });

  db.command('copy')
    .description(describe('db.copy'))
    .requiredOption('--from <url>', describe('db.copy.from'))
    .requiredOption('--to <url>', describe('db.copy.to'))
    .action(async (options: { from: string; to: string }) => {
      const from = databaseLocation(options.from);
      const to = databaseLocation(options.to);
      const names = { from: describeLocation(from).database, to: describeLocation(to).database };
      console.log(say('copy_start', names));
      const started = performance.now();
      const summary = await copyInstallation(from, to, {
        onMigrated: (applied) =>
          console.log(say('copy_migrated', { to: names.to, names: applied.join(', ') })),
        onProgress: copyProgress(),
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        say('copied', {
          rows: summary.rows,
          tables: summary.tables.length,
          seconds: seconds.toFixed(1),
          perSecond: Math.round(summary.rows / Math.max(seconds, 0.001)),
          migration: summary.migration,
        }),
      );
    });

  return db;
}

/** Rows a progress line is said after, within a table. */
const PROGRESS_EVERY = 100_000;

/**
 * A line per table once it is copied (on standard output: the summary), and for a large table a line
 * every PROGRESS_EVERY rows while it is (on standard error), so a long copy is seen to move.
 */
function copyProgress(): (progress: CopyProgress) => void {
  let said = 0;
  return ({ table, copied, total }) => {
    if (copied === 0) said = 0;
    if (copied === total) {
      console.log(say('copy_table', { table, rows: total }));
    } else if (copied - said >= PROGRESS_EVERY) {
      said = copied;
      console.error(say('copy_progress', { table, copied, total }));
    }
  };
}
