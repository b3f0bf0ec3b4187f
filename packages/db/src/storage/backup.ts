/**
 * A backup: a consistent copy of the database taken while the server keeps writing, through
 * SQLite's online backup API (copying the file itself would miss what is still in the `-wal`, or
 * catch a write half-done). The copy is a single self-contained file, checked before it is kept.
 */

import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  DatabaseFileProblem,
  type DatabaseSummary,
  inspectDatabaseFile,
  requireSqliteFile,
} from './check.js';

/**
 * Pages per backup step. The first step only measures; the second copies everything in one read
 * transaction, so a writer elsewhere cannot make it start over again and again (SQLite restarts a
 * backup whose source another connection changed between steps), and the copy is one snapshot.
 */
const ALL_PAGES = 0x7fffffff;

/** Removes a file and its journal companions, if there. */
export function removeDatabaseFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function sameFile(a: string, b: string): boolean {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  return real(a) === real(b);
}

/**
 * Copies `source` into `copy` (a new file; under another name first, renamed when whole) as one
 * snapshot, in rollback-journal mode so that it is one file, then checks it (inspectDatabaseFile).
 */
export async function snapshotDatabase(source: string, copy: string): Promise<DatabaseSummary> {
  removeDatabaseFile(copy);
  const from = new SQLite(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    await from.backup(copy, { progress: () => ALL_PAGES });
  } finally {
    from.close();
  }
  const written = new SQLite(copy, { fileMustExist: true });
  try {
    written.pragma('journal_mode = DELETE');
  } finally {
    written.close();
  }
  return inspectDatabaseFile(copy);
}

/**
 * `db backup FILE`: a checked, consistent copy of the database at `target`. Refuses to overwrite a
 * file unless `force`; the target appears only once the copy is whole and sound.
 */
export async function backupDatabase(
  database: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<DatabaseSummary> {
  requireSqliteFile(database);
  if (sameFile(database, target)) throw new DatabaseFileProblem('same_file', { file: target });
  if (existsSync(target) && !options.force) throw new DatabaseFileProblem('target_exists', { file: target });
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    const summary = await snapshotDatabase(database, partial);
    renameSync(partial, target);
    return summary;
  } finally {
    removeDatabaseFile(partial);
  }
}
