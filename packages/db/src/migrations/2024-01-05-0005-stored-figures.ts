/**
 * Stored figures: every indicator's computed figures at every as-of month of its plan year, kept by
 * packages/db/src/figures/ in the same transaction as each change that moves them, so that requests
 * read them instead of recomputing the plan. `plan_figures` holds, per plan, which version of the
 * indicator rules built them and the latest month with an approved value (the default as-of month).
 * Frozen once applied; the figures themselves are built by the application after migrating (a
 * migration never runs app code).
 */

import { type Kysely, sql } from 'kysely';
import { double, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // Both engines roll back schema changes: all of this migration happens, or none of it.
  await wholly(db, async (trx) => {
    await trx.schema
      .createTable('indicator_figures')
      .addColumn('indicator_id', 'integer', (c) =>
        c.notNull().references('indicators.id').onDelete('cascade'),
      )
      // The as-of month of the plan year (1–12): the figures as they stood at the end of it.
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('actual_to_date', double(trx))
      .addColumn('target_to_date', double(trx), (c) => c.notNull())
      .addColumn('attainment', double(trx))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('on_track', 'at_risk', 'off_track', 'no_data')`),
      )
      .addColumn('forecast_year_end', double(trx))
      .addColumn('forecast_meets_target', 'integer')
      .addColumn('run_rate_needed', double(trx))
      .addColumn('last_period', 'text')
      .addColumn('periods_due', 'integer', (c) => c.notNull())
      .addColumn('periods_reported', 'integer', (c) => c.notNull())
      .addColumn('annual_target', double(trx), (c) => c.notNull())
      // The year period by period as seen at that month (JSON), for the screens that draw it.
      .addColumn('series', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('indicator_figures_month', ['indicator_id', 'month'])
      .execute();

    await trx.schema
      .createTable('plan_figures')
      .addColumn('plan_id', 'integer', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
      .addColumn('rules_version', 'integer', (c) => c.notNull())
      .addColumn('built_at', 'text', (c) => c.notNull())
      // The last month (1–12) of the latest period of the plan year with an approved value; null: none.
      .addColumn('latest_month', 'integer', (c) => c.check(sql`latest_month between 1 and 12`))
      .execute();
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema.dropTable('plan_figures').execute();
    await trx.schema.dropTable('indicator_figures').execute();
  });
}
