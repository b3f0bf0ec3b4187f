/** Writes that must stand or fall together, whether or not the caller already holds a transaction. */

import type { Db } from './connection.js';
import { engineOf } from './engine.js';

/** Runs the work in the caller's transaction when there is one, else in a transaction of its own. */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Runs reads that must all see one moment in one transaction (or the caller's). SQLite's
 * transaction is a snapshot from its first read; PostgreSQL's default (READ COMMITTED) takes a new
 * snapshot per statement, so there it is REPEATABLE READ.
 */
export async function readAtOneMoment<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const transaction = db.transaction();
  return (
    engineOf(db) === 'postgres' ? transaction.setIsolationLevel('repeatable read') : transaction
  ).execute(work);
}
