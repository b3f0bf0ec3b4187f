/**
 * Sign-in attempts (counted per key: an account from an address, an address, an account, a device)
 * and the devices users have signed in from. The rules that read them: packages/api/src/auth/.
 */

import type { Db } from '../connection.js';

export async function recordSignInAttempt(
  db: Db,
  key: string,
  at: string,
  succeeded: boolean,
): Promise<number> {
  const { id } = await db
    .insertInto('sign_in_attempts')
    .values({ key, at, succeeded: succeeded ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function markSignInSucceeded(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return;
  await db.updateTable('sign_in_attempts').set({ succeeded: 1 }).where('id', 'in', ids).execute();
}

/** Forgets attempts that were not made after all (their password was never checked). */
export async function deleteSignInAttempts(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return;
  await db.deleteFrom('sign_in_attempts').where('id', 'in', ids).execute();
}

/** Forgets attempts older than `before`: they no longer count towards any limit. */
export async function pruneSignInAttempts(db: Db, before: string) {
  await db.deleteFrom('sign_in_attempts').where('at', '<', before).execute();
}

export interface FailedSignIns {
  count: number;
  /** When the latest of them was made (ISO), null when there is none. */
  lastAt: string | null;
}

/**
 * The failed attempts under `key` made after `since`; with `sinceSuccess`, only those after the
 * key's latest successful attempt (a success forgives the mistakes before it).
 */
export async function findFailedSignIns(
  db: Db,
  key: string,
  since: string,
  sinceSuccess: boolean,
): Promise<FailedSignIns> {
  let query = db
    .selectFrom('sign_in_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('key', '=', key)
    .where('at', '>', since)
    .where('succeeded', '=', 0);
  if (sinceSuccess) {
    query = query.where((eb) =>
      eb(
        'id',
        '>',
        eb
          .selectFrom('sign_in_attempts as success')
          .select((s) => s.fn.coalesce(s.fn.max('success.id'), s.lit(0)).as('id'))
          .where('success.key', '=', key)
          .where('success.succeeded', '=', 1),
      ),
    );
  }
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.n), lastAt: row.last ?? null };
}

/** A device that has not expired at `now`, with the user it belongs to. */
export async function findLiveDevice(db: Db, id: string, now: string) {
  return db
    .selectFrom('sign_in_devices')
    .select(['id', 'user_id'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Remembers a device (a new one), or keeps a known one for longer. */
export async function saveDevice(
  db: Db,
  device: { id: string; userId: number; createdAt: string; expiresAt: string },
) {
  await db
    .insertInto('sign_in_devices')
    .values({
      id: device.id,
      user_id: device.userId,
      created_at: device.createdAt,
      expires_at: device.expiresAt,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ expires_at: device.expiresAt }))
    .execute();
}

export async function deleteExpiredDevices(db: Db, now: string) {
  await db.deleteFrom('sign_in_devices').where('expires_at', '<=', now).execute();
}
