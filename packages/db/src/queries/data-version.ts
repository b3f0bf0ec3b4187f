/**
 * The data version (migration 0008): a number the database raises, by triggers, in every
 * transaction that writes a table an answer is computed from. Equal numbers mean equal data, in
 * every process sharing the database; that is what lets an answer be kept until it changes
 * (packages/api/src/memo.ts), never for a time.
 */

import { sql } from 'kysely';
import type { Db } from '../connection.js';

/** The current data version, as text (PostgreSQL's bigint arrives as a string). One small read. */
export async function readDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: number | string | bigint }>`select version from data_version`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new Error('data_version holds no row: the database was not migrated to 0008.');
  return String(row.version);
}

/**
 * The tables whose writes do not raise the version, each with why no answer depends on them.
 * Every other table must raise it: data-version.test.ts fails for a table on neither side.
 */
export const UNVERSIONED_TABLES: Readonly<Record<string, string>> = {
  data_version: 'it is the version',
  sessions:
    'written at every sign-in and sign-out; who is asking is settled for each request before any answer is kept, and no answer shows a session',
  api_tokens:
    "written at every call made with a token (its last use); a token's holder is settled for each request before any answer is kept, and no answer shows a token",
  sign_in_attempts: 'written at every sign-in attempt; read only by the sign-in throttle',
  sign_in_devices: 'written at every sign-in; read only by the sign-in throttle',
  mail_outbox:
    'written at every send attempt of the mail scheduler; no screen answer reads it (the inbox is built from the reports and values themselves)',
  mail_reminders: 'written when a reminder is enqueued; read only by the scheduler that enqueues them',
};
