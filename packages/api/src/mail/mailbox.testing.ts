/** Test support for the mail tests: one account with an address, so that messages can be counted. */

import type { Db } from '@tangible/db';

/**
 * Leaves fin.head the only account with an address (the demo seed gives every account one), in
 * English; its user id.
 */
export async function onlyFinHeadMailed(db: Db): Promise<number> {
  await db.updateTable('users').set({ email: null }).where('username', '!=', 'fin.head').execute();
  const { id } = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'fin.head')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('users')
    .set({ email: 'fin@busan.example', language: 'en' })
    .where('id', '=', id)
    .execute();
  return id;
}
