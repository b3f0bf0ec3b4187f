/**
 * The health check's question: can the database be written right now? Answered by doing what a
 * write does, short of committing it.
 */

import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { connectionOf, type Db } from '../connection.js';
import { engineOf } from '../engine.js';
import { StorageFailure, storageFailureOf } from './failure.js';

/**
 * Below this much free space on the database's disk the check fails as `disk_full`. A rolled-back
 * write never reaches the disk, so only the free space can tell that a commit would fail with
 * ENOSPC; 8 MiB leaves room for the largest import (10 MB of CSV is far fewer pages) and the WAL.
 */
export const MIN_FREE_BYTES = 8 * 1024 * 1024;

/** The most pages the probe asks for: past this many free pages inside the file, growth is not needed. */
const MAX_PROBE_PAGES = 256;

/**
 * What a write does, rolled back: take the write lock (BEGIN IMMEDIATE), change the schema page and
 * allocate pages beyond those free inside the file, so that a read-only file, a full page limit, a
 * lock held elsewhere or an unreadable journal fail here as they would in a real write.
 */
function rolledBackWrite(sqlite: SQLite.Database): void {
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const free = Number(sqlite.pragma('freelist_count', { simple: true }));
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    sqlite.exec('CREATE TABLE tangible_storage_probe (filler BLOB)');
    sqlite
      .prepare('INSERT INTO tangible_storage_probe VALUES (zeroblob(?))')
      .run(Math.min(free + 1, MAX_PROBE_PAGES) * pageSize);
  } finally {
    // SQLite may have rolled back already (SQLITE_FULL, I/O errors); a second ROLLBACK would fail.
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
}

function checkFreeSpace(path: string, minFreeBytes: number): void {
  const disk = statfsSync(dirname(path));
  const free = disk.bavail * disk.bsize;
  if (free < minFreeBytes)
    throw new StorageFailure(
      'disk_full',
      `${free} bytes free on the disk holding ${path}; at least ${minFreeBytes} are needed`,
    );
}

/**
 * Null when the database can be written; otherwise the failure, with its reason and SQLite's code.
 * Checks, in order: the files at the path are still the ones open, a write rolled back succeeds,
 * and the disk has room. Runs on the connection's turn, never inside another request's transaction.
 */
export async function probeStorage(
  db: Db,
  options: { minFreeBytes?: number } = {},
): Promise<StorageFailure | null> {
  if (engineOf(db) === 'postgres') return probePostgres(db);
  const connection = connectionOf(db);
  return db.connection().execute(async () => {
    try {
      connection.files?.check();
      rolledBackWrite(connection.sqlite);
      if (connection.files) checkFreeSpace(connection.files.path, options.minFreeBytes ?? MIN_FREE_BYTES);
      return null;
    } catch (error) {
      const failure = storageFailureOf(error);
      if (!failure) throw error;
      return failure;
    }
  });
}

/** PostgreSQL's classes of error (SQLSTATE) that say it cannot take a write now. */
const POSTGRES_REASONS: [prefix: string, reason: StorageFailure['reason']][] = [
  ['25006', 'read_only'],
  ['53100', 'disk_full'],
  ['53', 'io_error'],
  ['58', 'io_error'],
  ['57P0', 'cannot_open'],
  ['08', 'cannot_open'],
];

/**
 * PostgreSQL's server keeps its own files: the question is whether it answers and would take a
 * write. Asking for a transaction id does what a write's start does (a standby or a read-only
 * server refuses it) and writes nothing.
 */
async function probePostgres(db: Db): Promise<StorageFailure | null> {
  try {
    await db.transaction().execute((trx) => sql`select txid_current()`.execute(trx));
    return null;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    const reason = POSTGRES_REASONS.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'cannot_open';
    return new StorageFailure(reason, (error as Error).message, code || null, error);
  }
}
