/**
 * Stored roll-ups and milestone tracks, kept beside the stored figures (0005) by
 * packages/db/src/figures/ in the same transaction as each change, so that the overview, the sector
 * and department comparisons and the milestone timeline read a few rows instead of adding up every
 * indicator and milestone of the plan on each request.
 *
 * `rollup_figures`: per plan and as-of month, what a group of indicators adds up to (core's
 * rollupParts): one row per sector × department that owns indicators in it (a cell), one per sector
 * (department_id 0), one per department (sector_id 0) and one for the plan (both 0). 0 stands for
 * "every", so the key is four plain columns on every engine (no NULL in a key).
 * `track_figures`: per project with active milestones and as-of month, its track's figures.
 * Both are derived data: the application builds them (a migration never runs app code), and a
 * database migrated here has them built at its next start (the plans' stamps are cleared).
 */

import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('rollup_figures')
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('sector_id', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('score_weighted', 'real', (c) => c.notNull())
      .addColumn('score_weights', 'real', (c) => c.notNull())
      .addColumn('on_track', 'integer', (c) => c.notNull())
      .addColumn('at_risk', 'integer', (c) => c.notNull())
      .addColumn('off_track', 'integer', (c) => c.notNull())
      .addColumn('no_data', 'integer', (c) => c.notNull())
      .addColumn('indicator_count', 'integer', (c) => c.notNull())
      .addColumn('unreported_count', 'integer', (c) => c.notNull())
      .addColumn('last_period', 'text')
      .addPrimaryKeyConstraint('rollup_figures_scope', ['plan_id', 'month', 'sector_id', 'department_id'])
      .execute();

    await trx.schema
      .createTable('track_figures')
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      // Where a list of tracks shows it: the sector, and the department of its first milestone.
      .addColumn('sector_id', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('milestone_count', 'integer', (c) => c.notNull())
      .addColumn('done_count', 'integer', (c) => c.notNull())
      .addColumn('overdue_count', 'integer', (c) => c.notNull())
      .addColumn('slipping_count', 'integer', (c) => c.notNull())
      .addColumn('progress', 'real')
      .addColumn('planned_progress', 'real')
      .addColumn('attainment', 'real')
      .addColumn('max_slippage_days', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('track_figures_month', ['project_id', 'month'])
      .execute();
    await trx.schema
      .createIndex('track_figures_plan')
      .on('track_figures')
      .columns(['plan_id', 'month', 'sector_id'])
      .execute();

    // Stored figures without roll-ups beside them are incomplete: the next start rebuilds every plan.
    await trx.deleteFrom('plan_figures').execute();
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('track_figures').execute();
    await trx.schema.dropTable('rollup_figures').execute();
  });
}
