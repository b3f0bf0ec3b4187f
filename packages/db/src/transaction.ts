/** Writes that must stand or fall together, whether or not the caller already holds a transaction. */

import type { Db } from './connection.js';

/** Runs the work in the caller's transaction when there is one, else in a transaction of its own. */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
