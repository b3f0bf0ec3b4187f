/**
 * The data version: one number the database raises in every transaction that writes what a screen
 * shows, so that answers computed once can be kept until the data they were computed from changes
 * (packages/api/src/memo.ts). It is raised by triggers, not by the application: no write path can
 * forget it, and every server process (and the command line) sharing the database sees the same
 * number.
 *
 * PostgreSQL raises it once per transaction, at its commit (deferred constraint triggers that look
 * whether this transaction has already raised it); SQLite has row triggers only, so there it rises once per row written,
 * which costs about 0.7 µs a row (a number that only ever grows is all a reader needs). The tables left out are listed
 * with their reasons in packages/db/src/queries/data-version.ts; a test holds every table of the
 * schema to one side or the other. Frozen once applied.
 */

import { type Kysely, sql } from 'kysely';
import { onPostgres, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/** The tables whose writes change an answer, as they stood at this migration. */
const VERSIONED = [
  'organisations',
  'plans',
  'plan_goals',
  'departments',
  'sectors',
  'strategies',
  'projects',
  'indicators',
  'targets',
  'measurements',
  'milestones',
  'users',
  'import_layouts',
  'audit_log',
  'indicator_figures',
  'plan_figures',
  'rollup_figures',
  'track_figures',
] as const;

const EVENTS = ['insert', 'update', 'delete'] as const;

const triggerName = (table: string, event: string) => `${table}_raises_version_${event}`;

export async function up(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema
      .createTable('data_version')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await trx.insertInto('data_version').values({ id: 1, version: 1 }).execute();
    const postgres = onPostgres(trx);
    if (postgres) {
      // Once per transaction, marked in a setting that ends with it (and is undone with a rolled-back
      // savepoint): updating one row again and again in one transaction makes each update slower on
      // PostgreSQL (every one adds a row version the next must step over), which made an import of
      // 2,000 values, 4,000 statements, take 8–12 s instead of 2–3 s.
      await sql`create function raise_data_version() returns trigger language plpgsql as ${sql.raw(`$$ begin
          if current_setting('tangible.data_version_raised', true) is distinct from 'yes' then
            perform set_config('tangible.data_version_raised', 'yes', true);
            update data_version set version = version + 1;
          end if;
          return null;
        end $$`)}`.execute(trx);
    }
    await raiseVersionOn(trx, VERSIONED);
  });
}

/**
 * The triggers that raise the data version on writes to these tables; a later migration that adds a
 * table whose writes change an answer calls it for that table (data-version.test.ts holds every table
 * to it or to the list of those left out).
 */
export async function raiseVersionOn(trx: AnyDb, tables: readonly string[]): Promise<void> {
  const postgres = onPostgres(trx);
  for (const table of tables) {
    for (const event of EVENTS) {
      const name = sql.id(triggerName(table, event));
      // PostgreSQL: deferred to the commit, so the one row of data_version is locked only for the
      // instant between a writer's commit starting and ending. Raised at the first write, it was held
      // from then to the commit, so every writer waited for the one before it, and a writer that had
      // locked rows first (an entry holding its indicators, FOR NO KEY UPDATE) deadlocked with one
      // that had raised the version first and then needed those rows (an approval and a return of
      // one value at once: 500, "deadlock detected"). Constraint triggers fire per row; the setting
      // keeps it to one raise per transaction.
      await (postgres
        ? sql`create constraint trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
            deferrable initially deferred for each row execute function raise_data_version()`
        : sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
            begin update data_version set version = version + 1; end`
      ).execute(trx);
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    const postgres = onPostgres(trx);
    for (const table of VERSIONED) {
      for (const event of EVENTS) {
        const on = postgres ? sql` on ${sql.table(table)}` : sql``;
        await sql`drop trigger ${sql.id(triggerName(table, event))}${on}`.execute(trx);
      }
    }
    if (postgres) await sql`drop function raise_data_version()`.execute(trx);
    await trx.schema.dropTable('data_version').execute();
  });
}
