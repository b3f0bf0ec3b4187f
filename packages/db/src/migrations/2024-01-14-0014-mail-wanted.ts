/**
 * Whether a user wants email at all (reminders, returned values, the weekly digest): set by the user
 * on the account screen, on by default so that an address given is an address used. Frozen once
 * applied.
 */

import { type Kysely, sql } from 'kysely';
import { wholly } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    // users raise the data version already (0008): the column needs nothing more.
    await trx.schema
      .alterTable('users')
      .addColumn('mail_wanted', 'integer', (c) => c.notNull().defaultTo(1).check(sql`mail_wanted in (0, 1)`))
      .execute();
  });
}

export async function down(db: AnyDb): Promise<void> {
  await wholly(db, async (trx) => {
    await trx.schema.alterTable('users').dropColumn('mail_wanted').execute();
  });
}
