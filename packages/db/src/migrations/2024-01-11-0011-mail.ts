/**
 * Email: each user's address and language; each plan's reporting calendar (working days after a
 * period ends until its report is due); a durable outbox of messages written in the transaction of
 * the event that causes them and sent later by every server process's scheduler, each once (a
 * lease taken with the claim); and the reminders already sent, one row per user, indicator, period
 * and kind, so that a reminder is enqueued once whichever process, and however late, finds it due.
 * Frozen once applied.
 */

import { type Kysely, sql } from 'kysely';
import { numbered, wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    // users and plans raise the data version already (0008): these columns need nothing more.
    await trx.schema.alterTable('users').addColumn('email', 'text').execute();
    await trx.schema
      .alterTable('users')
      .addColumn('language', 'text', (c) => c.notNull().defaultTo('ko').check(sql`language in ('ko', 'en')`))
      .execute();
    await trx.schema
      .alterTable('plans')
      .addColumn('report_due_working_days', 'integer', (c) =>
        c.notNull().defaultTo(7).check(sql`report_due_working_days between 0 and 60`),
      )
      .execute();

    await trx.schema
      .createTable('mail_outbox')
      .addColumn('id', 'integer', numbered(trx))
      // What makes a message the same message: enqueued twice, it is stored once.
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('failed_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    // The scheduler's one question, "what is due", reads only the messages still waiting.
    await trx.schema
      .createIndex('mail_outbox_waiting')
      .on('mail_outbox')
      .columns(['next_attempt_at', 'id'])
      .where(sql.ref('sent_at'), 'is', null)
      .execute();

    await trx.schema
      .createTable('mail_reminders')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('indicator_id', 'integer', (c) =>
        c.notNull().references('indicators.id').onDelete('cascade'),
      )
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('due_soon', 'overdue')`))
      .addColumn('outbox_id', 'integer', (c) => c.notNull().references('mail_outbox.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('mail_reminders_once', ['user_id', 'indicator_id', 'period', 'kind'])
      .execute();
  });
}

export async function down(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema.dropTable('mail_reminders').execute();
    await trx.schema.dropTable('mail_outbox').execute();
    await trx.schema.alterTable('plans').dropColumn('report_due_working_days').execute();
    await trx.schema.alterTable('users').dropColumn('language').execute();
    await trx.schema.alterTable('users').dropColumn('email').execute();
  });
}
