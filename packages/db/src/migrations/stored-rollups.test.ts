/**
 * Migration 0006 under a running older release: a newer release's CLI migrates a database a server
 * has open (and then declines to build figures behind it). The older server must go on reading and
 * writing what it knows until it is restarted, and the newer release's next start rebuilds.
 */

import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { SEED_DIR } from '../location.js';
import { prepareDatabase } from '../setup.js';
import { seededTestDatabase } from '../testing.js';
import { migrations } from './index.js';

/** indicator_figures as migration 0005 made it: what an older release reads and writes. */
const COLUMNS_0005 = [
  'indicator_id',
  'month',
  'actual_to_date',
  'target_to_date',
  'attainment',
  'status',
  'forecast_year_end',
  'forecast_meets_target',
  'run_rate_needed',
  'last_period',
  'periods_due',
  'periods_reported',
  'annual_target',
  'series',
] as const;

/** The stored figures as 0005 holds them, in key order (an engine returns rows in no order of its own). */
function readStored(db: Db) {
  return db
    .selectFrom('indicator_figures')
    .select(COLUMNS_0005)
    .orderBy('indicator_id')
    .orderBy('month')
    .execute();
}

describe('migration 0006 on a database an older release is serving', () => {
  it('keeps the stored figures it reads and lets it write them; the next start rebuilds', async () => {
    const { db } = await seededTestDatabase();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    // The database as the older release (rules version 1) left it at 0005 (Busan's plan alone:
    // going below 0007 leaves the first organisation's data).
    expect((await migrator.migrateTo('2024-01-05-0005-stored-figures')).error).toBeUndefined();
    const served = await readStored(db);
    await db.deleteFrom('indicator_figures').execute();
    await db.deleteFrom('plan_figures').execute();
    for (let start = 0; start < served.length; start += 100)
      await db
        .insertInto('indicator_figures')
        .values(served.slice(start, start + 100) as never) // the 0005 shape, unknown to today's types
        .execute();
    // Busan's plans (2024, and 2025 made from it), each as the older release stamped it.
    const plans = await db.selectFrom('plans').select('id').orderBy('id').execute();
    for (const { id: planId } of plans)
      await db
        .insertInto('plan_figures')
        .values({ plan_id: planId, rules_version: 1, built_at: '2025-01-15T09:00:00Z', latest_month: 12 })
        .execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    // What the older server reads is still there: its screens open at the latest month.
    expect(await readStored(db)).toEqual(served);
    expect(await db.selectFrom('plan_figures').select('latest_month').execute()).toEqual(
      plans.map(() => ({ latest_month: 12 })),
    );
    // And its refresh writes a row as it knows it.
    const [first] = served;
    await sql`insert into indicator_figures (${sql.join(COLUMNS_0005.map((c) => sql.ref(c)))})
      values (${sql.join(COLUMNS_0005.map((c) => first?.[c] ?? null))})
      on conflict (indicator_id, month) do update set status = excluded.status`.execute(db);

    expect((await prepareDatabase(db, SEED_DIR)).figuresBuilt).toHaveLength(plans.length);
    const unplaced = await db
      .selectFrom('indicator_figures')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('place', '=', '')
      .executeTakeFirstOrThrow();
    expect(Number(unplaced.count)).toBe(0);
    await db.destroy();
  });
});
