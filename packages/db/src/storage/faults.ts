/**
 * For tests: break an open database's storage the way each real failure does, without root or a
 * special file system. Tests often run as root, where `chmod 0444` stops no write, so read-only is
 * SQLite's `query_only` (the same SQLITE_READONLY a read-only mount gives) and a full disk is the
 * page limit (`max_page_count`, the same SQLITE_FULL an exhausted disk gives).
 */

import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { connectionOf, type Db } from '../connection.js';

export type StorageFault =
  /** Writes fail with SQLITE_READONLY. */
  | 'read_only'
  /** The file may not grow: a write that needs a new page fails with SQLITE_FULL. */
  | 'disk_full'
  /** The database file is unlinked while open (`rm data/tangible.sqlite`). */
  | 'file_missing'
  /** Another file is renamed onto the database's path (`mv other.sqlite data/tangible.sqlite`). */
  | 'file_replaced'
  /** The `-shm` is deleted and a new one created, as the next process to open the database does. */
  | 'shm_replaced'
  /** The `-wal` is deleted while open. */
  | 'wal_missing';

export function injectStorageFault(db: Db, fault: StorageFault): void {
  const { sqlite, files } = connectionOf(db);
  const path = files?.path;
  if (!path) throw new Error('Storage faults need a database file, not :memory:.');
  switch (fault) {
    case 'read_only':
      sqlite.pragma('query_only = ON');
      return;
    case 'disk_full':
      sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
      return;
    case 'file_missing':
      unlinkSync(path);
      return;
    case 'file_replaced':
      writeFileSync(`${path}.other`, '');
      renameSync(`${path}.other`, path);
      return;
    case 'shm_replaced':
      unlinkSync(`${path}-shm`);
      writeFileSync(`${path}-shm`, Buffer.alloc(32_768));
      return;
    case 'wal_missing':
      unlinkSync(`${path}-wal`);
      return;
  }
}
