/**
 * Follow-through after the report meetings (issue 13): the commentary a bureau head writes with a
 * value (원인 분석, 향후 대책), kept on the value itself so that it is approved, returned or
 * superseded with it; corrective actions for a slipping indicator; the mayor's directives
 * (지시사항) with the departments they are assigned to; and the progress notes written on either.
 * Frozen once applied.
 */

import { type Kysely, sql } from 'kysely';
import { raiseVersionOn } from './2024-01-08-0008-data-version.js';
import { numbered, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

const COMMENTARY = ['analysis', 'next_steps'] as const;

export async function up(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    for (const column of COMMENTARY) {
      await trx.schema.alterTable('measurements').addColumn(column, 'text').execute();
    }
    // Shown on the public view only once approved and when its writer chose so.
    await trx.schema
      .alterTable('measurements')
      .addColumn('commentary_public', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await trx.schema
      .createTable('corrective_actions')
      .addColumn('id', 'integer', numbered(trx))
      .addColumn('indicator_id', 'integer', (c) =>
        c.notNull().references('indicators.id').onDelete('cascade'),
      )
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().defaultTo('planned').check(sql`state in ('planned', 'in_progress', 'done', 'dropped')`),
      )
      .addColumn('drop_reason', 'text')
      .addColumn('created_by_user_id', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await trx.schema
      .createIndex('corrective_actions_indicator')
      .on('corrective_actions')
      .columns(['indicator_id', 'state'])
      .execute();
    await trx.schema
      .createIndex('corrective_actions_department')
      .on('corrective_actions')
      .columns(['department_id', 'state', 'due_date'])
      .execute();

    await trx.schema
      .createTable('directives')
      .addColumn('id', 'integer', numbered(trx))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('sector_id', 'integer', (c) => c.notNull().references('sectors.id'))
      .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
      .addColumn('indicator_id', 'integer', (c) => c.references('indicators.id'))
      .addColumn('meeting_date', 'text', (c) => c.notNull())
      .addColumn('meeting_name', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      // Only the planning office moves a directive from `proposed` to `done` (api follow-through).
      .addColumn('state', 'text', (c) =>
        c.notNull().defaultTo('open').check(sql`state in ('open', 'in_progress', 'proposed', 'done')`),
      )
      .addColumn('recorded_by_user_id', 'integer', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text')
      .addColumn('completed_at', 'text')
      .execute();
    await trx.schema
      .createIndex('directives_plan')
      .on('directives')
      .columns(['plan_id', 'state', 'due_date'])
      .execute();

    await trx.schema
      .createTable('directive_departments')
      .addColumn('directive_id', 'integer', (c) =>
        c.notNull().references('directives.id').onDelete('cascade'),
      )
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addPrimaryKeyConstraint('directive_departments_pk', ['directive_id', 'department_id'])
      .execute();
    await trx.schema
      .createIndex('directive_departments_department')
      .on('directive_departments')
      .columns(['department_id', 'directive_id'])
      .execute();

    await trx.schema
      .createTable('progress_notes')
      .addColumn('id', 'integer', numbered(trx))
      .addColumn('directive_id', 'integer', (c) => c.references('directives.id').onDelete('cascade'))
      .addColumn('action_id', 'integer', (c) => c.references('corrective_actions.id').onDelete('cascade'))
      .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('written_by_user_id', 'integer', (c) => c.notNull())
      .addColumn('written_by', 'text', (c) => c.notNull())
      .addColumn('written_at', 'text', (c) => c.notNull())
      .addCheckConstraint('progress_notes_one_subject', sql`(directive_id is null) <> (action_id is null)`)
      .execute();
    await trx.schema
      .createIndex('progress_notes_subject')
      .on('progress_notes')
      .columns(['directive_id', 'action_id'])
      .execute();
    // Every one of them shows on a screen (the indicator page, the overview, the directives page).
    await raiseVersionOn(trx, [
      'corrective_actions',
      'directives',
      'directive_departments',
      'progress_notes',
    ]);
  });
}

export async function down(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema.dropTable('progress_notes').execute();
    await trx.schema.dropTable('directive_departments').execute();
    await trx.schema.dropTable('directives').execute();
    await trx.schema.dropTable('corrective_actions').execute();
    for (const column of ['commentary_public', ...COMMENTARY]) {
      await trx.schema.alterTable('measurements').dropColumn(column).execute();
    }
  });
}
