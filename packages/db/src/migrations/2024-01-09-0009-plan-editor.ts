/**
 * The plan as the product's data: a plan is a draft until the planning office confirms it (plans
 * made before this migration were confirmed by being loaded, so they become confirmed in place);
 * an indicator carries its definition, formula and data source; anything in a plan can be retired
 * (kept with its history, out of the figures) instead of deleted; a confirmed target is changed by a
 * revision that keeps the original and waits for approval; a bureau head's change to the plan waits
 * for the planning office as a proposal. Frozen once applied.
 */

import { type Kysely, sql } from 'kysely';
import { raiseVersionOn } from './2024-01-08-0008-data-version.js';
import { double, numbered, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

/** Everything in a plan that can be retired. */
const RETIRABLE = ['sectors', 'strategies', 'projects', 'indicators', 'milestones'] as const;

/** An indicator's definition, formula and data source, each in Korean and English. */
const DEFINITION = [
  'definition_ko',
  'definition_en',
  'formula_ko',
  'formula_en',
  'data_source_ko',
  'data_source_en',
] as const;

export async function up(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema
      .alterTable('plans')
      .addColumn('status', 'text', (c) =>
        c.notNull().defaultTo('confirmed').check(sql`status in ('draft', 'confirmed')`),
      )
      .execute();
    await trx.schema.alterTable('plans').addColumn('confirmed_at', 'text').execute();
    // Not a reference: who confirmed stays said (as `actor` in the log) whatever becomes of the user.
    await trx.schema.alterTable('plans').addColumn('confirmed_by_user_id', 'integer').execute();
    for (const column of DEFINITION) {
      await trx.schema.alterTable('indicators').addColumn(column, 'text').execute();
    }
    for (const table of RETIRABLE) {
      await trx.schema.alterTable(table).addColumn('retired_at', 'text').execute();
    }

    await trx.schema
      .createTable('target_revisions')
      .addColumn('id', 'integer', numbered(trx))
      .addColumn('indicator_id', 'integer', (c) =>
        c.notNull().references('indicators.id').onDelete('cascade'),
      )
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('annual', 'interim')`))
      .addColumn('original_value', double(trx), (c) => c.notNull())
      .addColumn('revised_value', double(trx), (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().defaultTo('pending').check(sql`state in ('pending', 'approved', 'rejected')`),
      )
      .addColumn('proposed_by_user_id', 'integer', (c) => c.notNull())
      .addColumn('proposed_by', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text', (c) => c.notNull())
      .addColumn('decided_by_user_id', 'integer')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_reason', 'text')
      .execute();
    await trx.schema
      .createIndex('target_revisions_indicator')
      .on('target_revisions')
      .columns(['indicator_id', 'period', 'state'])
      .execute();

    await trx.schema
      .createTable('plan_changes')
      .addColumn('id', 'integer', numbered(trx))
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      /** The plan editor's operation the change would carry out, and its input (JSON). */
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().defaultTo('pending').check(sql`state in ('pending', 'approved', 'rejected')`),
      )
      .addColumn('proposed_by_user_id', 'integer', (c) => c.notNull())
      .addColumn('proposed_by', 'text', (c) => c.notNull())
      .addColumn('proposed_at', 'text', (c) => c.notNull())
      .addColumn('decided_by_user_id', 'integer')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_reason', 'text')
      .execute();
    await trx.schema
      .createIndex('plan_changes_plan')
      .on('plan_changes')
      .columns(['plan_id', 'state'])
      .execute();
    // A decided revision moves figures, a proposal shows on screens: both change answers.
    await raiseVersionOn(trx, ['target_revisions', 'plan_changes']);
  });
}

export async function down(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema.dropTable('plan_changes').execute();
    await trx.schema.dropTable('target_revisions').execute();
    for (const table of RETIRABLE) {
      await trx.schema.alterTable(table).dropColumn('retired_at').execute();
    }
    for (const column of DEFINITION) {
      await trx.schema.alterTable('indicators').dropColumn(column).execute();
    }
    // Drafts do not survive going back: before this migration every plan was a confirmed one.
    await trx.deleteFrom('plans').where('status', '=', 'draft').execute();
    for (const column of ['confirmed_by_user_id', 'confirmed_at', 'status']) {
      await trx.schema.alterTable('plans').dropColumn(column).execute();
    }
  });
}
