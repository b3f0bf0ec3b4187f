/**
 * The plan's shape: plans → sectors → strategies → projects → indicators and milestones, owned by
 * departments; targets and measurements per indicator. Frozen once applied: change the schema with a
 * new migration, never by editing this one.
 */

import { type Kysely, sql } from 'kysely';
import { double, numbered, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // Both engines roll back schema changes: all of this migration happens, or none of it.
  await wholly(db, upInTransaction);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
async function upInTransaction(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('core_goal_ko', 'text', (c) => c.notNull())
    .addColumn('core_goal_en', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_goals')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_goals_position', ['plan_id', 'position'])
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sectors')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('goal_ko', 'text', (c) => c.notNull())
    .addColumn('goal_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('sectors_code', ['plan_id', 'code'])
    .execute();

  await db.schema
    .createTable('strategies')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('sector_id', 'integer', (c) => c.notNull().references('sectors.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('strategies_code', ['sector_id', 'code'])
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('strategy_id', 'integer', (c) => c.notNull().references('strategies.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addUniqueConstraint('projects_code', ['strategy_id', 'code'])
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('increase', 'decrease')`))
    .addColumn('aggregation', 'text', (c) =>
      c.notNull().check(sql`aggregation in ('sum', 'last', 'average', 'milestones')`),
    )
    .addColumn('frequency', 'text', (c) =>
      c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'annual')`),
    )
    .addColumn('baseline_value', double(db))
    .addColumn('baseline_year', 'integer')
    .addColumn('weight', double(db), (c) => c.notNull().defaultTo(1).check(sql`weight > 0`))
    .addColumn('on_track_threshold', double(db))
    .addColumn('at_risk_threshold', double(db))
    .addColumn('headline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  // Codes are unique within a plan; the plan is reached through the project, so uniqueness is
  // enforced by the seed loader and the code index serves lookups.
  await db.schema.createIndex('indicators_project').on('indicators').column('project_id').execute();
  await db.schema.createIndex('indicators_department').on('indicators').column('department_id').execute();
  await db.schema.createIndex('indicators_code').on('indicators').column('code').execute();

  await db.schema
    .createTable('targets')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('annual', 'interim')`))
    .addColumn('value', double(db), (c) => c.notNull())
    .addUniqueConstraint('targets_period', ['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('measurements')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', double(db), (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measurements_period', ['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'integer', numbered(db))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ko', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'text', (c) => c.notNull())
    .addColumn('forecast_date', 'text')
    .addColumn('actual_date', 'text')
    .addColumn('weight', double(db), (c) => c.notNull().defaultTo(1).check(sql`weight > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'cancelled')`),
    )
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestones_project').on('milestones').column('project_id').execute();
  await db.schema.createIndex('milestones_department').on('milestones').column('department_id').execute();
  await db.schema.createIndex('strategies_sector').on('strategies').column('sector_id').execute();
  await db.schema.createIndex('projects_strategy').on('projects').column('strategy_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  // Both engines roll back schema changes: all of this migration happens, or none of it.
  await wholly(db, downInTransaction);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
async function downInTransaction(db: Kysely<any>): Promise<void> {
  for (const table of [
    'milestones',
    'measurements',
    'targets',
    'indicators',
    'projects',
    'strategies',
    'sectors',
    'departments',
    'plan_goals',
    'plans',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
