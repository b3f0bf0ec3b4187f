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
 * `indicator_figures` gains where each indicator sits (plan, sector, department, its place in plan
 * order as a sortable key, headline), so that a page of a list is an index range read of this one
 * table, cut before any other table is joined.
 * All of it is derived data: the application builds it (a migration never runs app code), and a
 * database migrated here has it built at its next start (the plans' stamps are cleared). The columns
 * are added in place, with defaults, and the stamps cleared rather than deleted: a newer release's
 * CLI migrates a database an older server has open, and that server goes on reading its figures and
 * writing them (rows it knows) until it is restarted.
 */

import { type Kysely, sql } from 'kysely';
import { double, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await wholly(db, async (trx) => {
    await placeIndicatorFigures(trx);
    await trx.schema
      .createTable('rollup_figures')
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('sector_id', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('score_weighted', double(trx), (c) => c.notNull())
      .addColumn('score_weights', double(trx), (c) => c.notNull())
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
      // Where a list of tracks shows it: the sector (and its position: plan order is sector, then
      // project id), and the department of its first milestone.
      .addColumn('sector_id', 'integer', (c) => c.notNull())
      .addColumn('sector_position', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('milestone_count', 'integer', (c) => c.notNull())
      .addColumn('done_count', 'integer', (c) => c.notNull())
      .addColumn('overdue_count', 'integer', (c) => c.notNull())
      .addColumn('slipping_count', 'integer', (c) => c.notNull())
      .addColumn('progress', double(trx))
      .addColumn('planned_progress', double(trx))
      .addColumn('attainment', double(trx))
      .addColumn('max_slippage_days', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('track_figures_month', ['project_id', 'month'])
      .execute();
    // Plan order, and attention first (more overdue, more slipping, further behind, then plan order):
    // a page of tracks is an index range read either way.
    await sql`create index track_figures_plan on track_figures
      (plan_id, month, sector_id, sector_position, project_id)`.execute(trx);
    await sql`create index track_figures_attention on track_figures
      (plan_id, month, overdue_count desc, slipping_count desc, max_slippage_days desc, sector_position, project_id)`.execute(
      trx,
    );

    // Stored figures without roll-ups beside them are incomplete: the next start rebuilds every plan
    // (0 is the stamp of no release's rules).
    await trx.updateTable('plan_figures').set({ rules_version: 0 }).execute();
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema.dropTable('track_figures').execute();
    await trx.schema.dropTable('rollup_figures').execute();
    for (const name of Object.keys(INDEXES)) await trx.schema.dropIndex(name).execute();
    for (const column of Object.keys(PLACE_COLUMNS))
      await trx.schema.alterTable('indicator_figures').dropColumn(column).execute();
    await trx.updateTable('plan_figures').set({ rules_version: 0 }).execute();
  });
}

/** Where each indicator sits, added to indicator_figures as 0005 made it; 0 and '' until a rebuild. */
const PLACE_COLUMNS = {
  plan_id: 'integer',
  sector_id: 'integer',
  department_id: 'integer',
  headline: 'integer',
  // Sector, strategy, project and indicator positions and the id, zero-padded: plan order as text.
  place: 'text',
} as const;

const INDEXES: Record<string, string[]> = {
  indicator_figures_place: ['plan_id', 'month', 'place'],
  indicator_figures_sector: ['plan_id', 'month', 'sector_id', 'place'],
  indicator_figures_department: ['plan_id', 'month', 'department_id', 'place'],
  indicator_figures_status: ['plan_id', 'month', 'status', 'attainment'],
  indicator_figures_headline: ['plan_id', 'month', 'headline', 'sector_id', 'place'],
};

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function placeIndicatorFigures(trx: Kysely<any>): Promise<void> {
  for (const [column, type] of Object.entries(PLACE_COLUMNS))
    await trx.schema
      .alterTable('indicator_figures')
      .addColumn(column, type, (c) => c.notNull().defaultTo(type === 'text' ? '' : 0))
      .execute();
  for (const [name, columns] of Object.entries(INDEXES))
    await trx.schema.createIndex(name).on('indicator_figures').columns(columns).execute();
}
