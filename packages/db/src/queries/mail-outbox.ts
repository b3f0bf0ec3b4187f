/**
 * The mail outbox (migration 0011): messages enqueued with the event that causes them, claimed by a
 * sender under a lease, marked sent or put back for later. Times are ISO instants the caller passes,
 * so that tests can move the clock and several processes agree within their clocks' skew.
 */

import { type Kysely, sql } from 'kysely';
import type { Db } from '../connection.js';
import { engineOf } from '../engine.js';
import type { Database, Language } from '../schema.js';

type Writer = Kysely<Database>;

export interface MailToEnqueue {
  key: string;
  kind: string;
  userId: number;
  to: string;
  subject: string;
  body: string;
}

/** Stores a message unless one with its key is stored already; its id, or null when it was there. */
export async function enqueueMail(db: Writer, message: MailToEnqueue, now: Date): Promise<number | null> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      key: message.key,
      kind: message.kind,
      user_id: message.userId,
      to_address: message.to,
      subject: message.subject,
      body: message.body,
      created_at: now.toISOString(),
      next_attempt_at: now.toISOString(),
    })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface ClaimedMail {
  id: number;
  key: string;
  kind: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
  created_at: string;
}

/**
 * Claims up to `limit` messages that are due and not leased by a live sender, leasing them to
 * `owner` until `leaseUntil`, oldest first. Two senders never claim the same row while its lease
 * runs: on PostgreSQL the rows are locked as they are chosen and rows another sender is choosing are
 * skipped (FOR UPDATE SKIP LOCKED); SQLite runs one writing statement at a time, so the choice and
 * the lease are one step there already.
 */
export async function claimMail(
  db: Db,
  { owner, now, leaseUntil, limit }: { owner: string; now: Date; leaseUntil: Date; limit: number },
): Promise<ClaimedMail[]> {
  const at = now.toISOString();
  const locking = engineOf(db) === 'postgres' ? sql`for update skip locked` : sql``;
  const { rows } = await sql<ClaimedMail>`
    update mail_outbox set lease_owner = ${owner}, lease_until = ${leaseUntil.toISOString()}
    where id in (
      select id from mail_outbox
      where sent_at is null and failed_at is null and next_attempt_at <= ${at}
        and (lease_until is null or lease_until <= ${at})
      order by next_attempt_at, id
      limit ${limit}
      ${locking}
    )
    returning id, key, kind, to_address, subject, body, attempts, created_at`.execute(db);
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Renews `owner`'s lease on one message just before it is sent; false when the lease is no longer
 * its own (it ran out and another sender took the message, or sent it): then it must not be sent.
 * Leasing each message as its turn comes keeps a slow batch from outliving the leases it took.
 */
export async function holdMail(db: Db, id: number, owner: string, leaseUntil: Date): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ lease_until: leaseUntil.toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a message sent: no sender claims it again. */
export async function markMailSent(db: Db, id: number, now: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: now.toISOString(), lease_owner: null, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

/** Puts a message back for a later attempt, counting this one. */
export async function deferMail(db: Db, id: number, nextAttemptAt: Date, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: nextAttemptAt.toISOString(),
      lease_owner: null,
      lease_until: null,
      last_error: error.slice(0, 1000),
    }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

/** Gives a message its lease back untried (the batch stopped before it): due again at once. */
export async function releaseMail(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ lease_owner: null, lease_until: null })
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute();
}

/** Gives a message up: the mail server refused it for good, or it waited past being worth sending. */
export async function failMail(db: Db, id: number, now: Date, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      failed_at: now.toISOString(),
      lease_owner: null,
      lease_until: null,
      last_error: error.slice(0, 1000),
    }))
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();
}

/** How many messages wait, were sent and failed: for the log and the tests. */
export async function countMail(db: Db): Promise<{ waiting: number; sent: number; failed: number }> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.count<number | string>('sent_at').as('sent'),
      eb.fn.count<number | string>('failed_at').as('failed'),
    ])
    .executeTakeFirstOrThrow();
  const sent = Number(row.sent);
  const failed = Number(row.failed);
  return { waiting: Number(row.total) - sent - failed, sent, failed };
}

export interface MailRecipient {
  id: number;
  email: string;
  language: Language;
  display_name: string;
}

/** A user's address and language, when the user has an address, wants email and is not disabled. */
export async function findMailRecipient(db: Writer, userId: number): Promise<MailRecipient | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'language', 'display_name'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .where('email', 'is not', null)
    .where('mail_wanted', '=', 1)
    .executeTakeFirst();
  return row?.email ? { ...row, email: row.email } : null;
}
