/**
 * The database work of a start (migrate, first seed, building stale figures) done by one process at
 * a time. Several processes started at once on one PostgreSQL database would otherwise each see
 * the same stale plans and rebuild them all (seen: two processes, three plans built by each), one
 * waiting on the other's row locks and then writing every figure again; two first starts would both
 * seed. The second process waits here, then finds nothing left to do.
 *
 * On PostgreSQL the turn is a transaction-scoped advisory lock, held on a connection of its own while
 * the work runs on the pool's others; a process that dies holding it loses its connection, and the
 * lock with it. SQLite has no such lock between processes, and a file is served by one process
 * (README "Deployment": several processes need PostgreSQL), so there the work just runs.
 */

import { type Db, engineOf } from '@tangible/db';
import { sql } from 'kysely';

/** Any number, the same in every release: whoever holds it is preparing the database. */
export const STARTUP_LOCK = 7_261_211;

export async function asOnlyStarter<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'postgres') return work();
  return db.transaction().execute(async (turn) => {
    await sql`select pg_advisory_xact_lock(${STARTUP_LOCK})`.execute(turn);
    return work();
  });
}
