/**
 * Whether anyone else has the database open. Every connection in WAL mode holds a shared lock on
 * the database (through its `-shm`) for as long as it is open, idle or not. Asking SQLite for an
 * exclusive lock without waiting fails at once while a server or any other command holds the
 * database. The operating system drops a process's locks when it dies, so a server killed with
 * `kill -9` never counts (a pid file would: it outlives its process, and a reused pid points at
 * someone else). Asked before the asker opens the database itself: its own connection would count.
 */

import { statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { DatabaseFileProblem } from './check.js';
import { storageFailureOf } from './failure.js';

/**
 * A connection holding the database's exclusive lock for good (until it is closed); `in_use` when
 * another connection has the database open.
 */
export function lockAlone(file: string): SQLite.Database {
  const sqlite = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    // In exclusive locking mode SQLite keeps the lock once taken, and keeps the WAL index in its
    // own memory rather than the shared `-shm`.
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.exec('COMMIT');
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (storageFailureOf(error)?.reason === 'locked') throw new DatabaseFileProblem('in_use', { file });
    throw error;
  }
}

/**
 * True while another connection (another process's, or another of this one's) has the database
 * open. False where there is no database to open, or one SQLite cannot lock for another reason:
 * opening it says what is wrong.
 */
export function databaseInUse(file: string): boolean {
  if (!((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0)) return false;
  try {
    lockAlone(file).close();
    return false;
  } catch (error) {
    return error instanceof DatabaseFileProblem && error.code === 'in_use';
  }
}
