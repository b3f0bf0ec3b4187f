/**
 * `db restore FILE`: puts a checked backup in the database's place, never under a running server,
 * and keeps the database it replaces. How it knows nobody has the database open: in-use.ts.
 */

import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { removeDatabaseFile, snapshotDatabase } from './backup.js';
import { DatabaseFileProblem, type DatabaseSummary, requireSqliteFile } from './check.js';
import { storageFailureOf } from './failure.js';
import { lockAlone } from './in-use.js';
import { recordDatabase, setAsideOrphans } from './presence.js';

export interface Restored {
  summary: DatabaseSummary;
  /** Where the database that was replaced now is (null when there was none). */
  previous: string | null;
  /** Stale `-wal`/`-shm` files moved or deleted on the way. */
  setAside: string[];
}

function syncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Locks the current database for good (nobody else may have it open), folds its `-wal` into it and
 * turns it into one self-contained file, ready to be moved aside. The returned connection holds the
 * lock until it is closed. A file SQLite cannot read as a database (what one restores over) is
 * moved aside as it is, with its `-wal`: null.
 */
function takeOver(file: string): SQLite.Database | null {
  let current: SQLite.Database | null = null;
  try {
    current = lockAlone(file);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.pragma('journal_mode = DELETE');
    return current;
  } catch (error) {
    current?.close();
    const reason = storageFailureOf(error)?.reason;
    if (reason === 'locked') throw new DatabaseFileProblem('in_use', { file });
    if (reason === 'corrupt') return null;
    throw error;
  }
}

export async function restoreDatabase(backup: string, target: string, now: Date): Promise<Restored> {
  requireSqliteFile(backup);
  const restoring = `${target}.restoring-${process.pid}`;
  try {
    const summary = await snapshotDatabase(backup, restoring).catch((error: unknown) => {
      // The copy is checked under its temporary name; the person restoring gave the backup's.
      if (error instanceof DatabaseFileProblem && error.params.file === restoring)
        throw new DatabaseFileProblem(error.code, { ...error.params, file: backup });
      throw error;
    });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    let previous: string | null = null;
    const setAside: string[] = [];
    const present = existsSync(target);
    const current = present ? takeOver(target) : null;
    try {
      if (present) {
        previous = `${target}.before-restore-${stamp}`;
        renameSync(target, previous);
        // A -wal still here after the checkpoint belongs with the old file; the -shm is stale.
        if (existsSync(`${target}-wal`)) {
          renameSync(`${target}-wal`, `${previous}-wal`);
          setAside.push(`${previous}-wal`);
        }
        if (existsSync(`${target}-shm`)) {
          rmSync(`${target}-shm`);
          setAside.push(`${target}-shm (deleted)`);
        }
      } else {
        setAside.push(...setAsideOrphans(target, now));
      }
      renameSync(restoring, target);
      syncFolder(target);
    } finally {
      current?.close();
    }
    recordDatabase(target, now, { replace: true });
    return { summary, previous, setAside };
  } finally {
    removeDatabaseFile(restoring);
  }
}
