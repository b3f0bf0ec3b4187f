/**
 * Exports read through a snapshot of their own: a read-only connection for the one request, inside
 * one read transaction (packages/db `snapshotPool`: the connections are kept open between exports,
 * each export beginning a transaction of its own). A slow reader of a large export then holds
 * nothing another export or request needs, and every table one export reads belongs to the
 * same moment. At most `maxConcurrent` exports run at once; beyond that an export is refused at
 * once (503 with Retry-After) rather than queued, since a queue behind slow readers is exactly the
 * starvation this prevents.
 *
 * An in-memory database (`:memory:`: tests, demonstrations) cannot be opened a second time: its
 * exports read through the main connection, and read their rows in full before sending, so that a
 * slow reader never holds the only connection while it waits.
 */

import type { ExportTable } from '@tangible/api';
import { type Db, engineOf, readAll, type SnapshotPool, snapshotsBeside } from '@tangible/db';

export interface ExportSlot {
  /** Where this export reads (its snapshot; the main connection for an in-memory database). */
  db: Db;
  /** True when `db` is the shared main connection: read the rows in full before sending them. */
  shared: boolean;
  /** The table, ready to send without holding the shared connection: rows read in full when shared. */
  sendable(table: ExportTable): Promise<ExportTable>;
  release(): Promise<void>;
}

export interface ExportSlots {
  /** A slot with its snapshot, or null when `maxConcurrent` exports are already running. */
  take(options?: { read: boolean }): Promise<ExportSlot | null>;
  readonly running: number;
}

export function exportSlots(db: Db, maxConcurrent: number): ExportSlots {
  let running = 0;
  // Snapshots are kept between exports (packages/db snapshotPool), as many as run at once.
  let pool: Promise<SnapshotPool | null> | undefined;
  return {
    get running() {
      return running;
    },
    async take({ read } = { read: true }) {
      if (running >= maxConcurrent) return null;
      running += 1;
      let released = false;
      const free = () => {
        if (!released) running -= 1;
        released = true;
      };
      try {
        if (read && engineOf(db) === 'postgres') return await postgresSlot(db, free);
        if (read)
          pool ??= snapshotsBeside(db, maxConcurrent).catch((error: unknown) => {
            pool = undefined;
            throw error;
          });
        const snapshots = read ? await pool : null;
        const snapshot = snapshots ? snapshots.take() : null;
        const shared = read && !snapshot;
        return {
          db: snapshot ?? db,
          shared,
          sendable: (table) => (shared ? inFull(db, table) : Promise.resolve(table)),
          async release() {
            free();
            if (snapshot) await snapshots?.give(snapshot);
          },
        };
      } catch (error) {
        free();
        throw error;
      }
    },
  };
}

/**
 * The rows read to the end at once, holding the shared connection meanwhile: they are read from it
 * directly (packages/db export-rows.ts), and must not see another request's transaction half done.
 */
async function inFull(db: Db, table: ExportTable): Promise<ExportTable> {
  if (Array.isArray(table.rows)) return table;
  const rows = await db.connection().execute(() => readAll(table.rows));
  return { ...table, rows };
}

/**
 * On PostgreSQL an export reads inside a REPEATABLE READ transaction of its own on one pooled
 * connection: one moment for every table it reads, while other requests go on writing on others.
 * Its rows come through a cursor in that transaction, a batch at a time as they are sent (packages/db
 * export-rows.ts); the connection is the export's until it ends.
 */
async function postgresSlot(db: Db, free: () => void): Promise<ExportSlot> {
  const snapshot = await db.startTransaction().setIsolationLevel('repeatable read').execute();
  return {
    db: snapshot,
    shared: false,
    sendable: (table) => Promise.resolve(table),
    async release() {
      free();
      await snapshot.rollback().execute();
    },
  };
}
