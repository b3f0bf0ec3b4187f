/**
 * Is this file a sound Tangible database, and what does it hold? Asked of every backup as it is
 * written and of every file before it is restored. Problems are values with a code and parameters
 * (the CLI says them in Korean or English).
 */

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { migrations } from '../migrations/index.js';

export type DatabaseFileProblemCode =
  /** There is no file there, or it is empty. */
  | 'missing'
  /** The file does not start with SQLite's header. */
  | 'not_sqlite'
  /** `PRAGMA integrity_check` found damage (`detail`: its first finding). */
  | 'damaged'
  /** `PRAGMA foreign_key_check` found rows pointing at nothing (`count`). */
  | 'broken_references'
  /** A SQLite database, but not one Tangible made (no migration table). */
  | 'not_tangible'
  /** Made by a newer Tangible: a migration this version does not know (`migration`). */
  | 'unknown_migration'
  /** A Tangible database without a plan: nothing to restore. */
  | 'no_plan'
  /** The backup would overwrite a file (`file`); `--force` allows it. */
  | 'target_exists'
  /** The backup and the database are the same file. */
  | 'same_file'
  /** A server or another command has the database open (`file`). */
  | 'in_use'
  /**
   * A database with a plan was created at `file` (on `createdAt`, as its `marker` records) and is
   * gone: `state` says what is there now (missing, empty, or a database without a plan).
   */
  | 'vanished'
  /** No database at `file` (`state`: missing or empty), but its write-ahead log `wal` holds `bytes`. */
  | 'orphaned_wal';

export class DatabaseFileProblem extends Error {
  constructor(
    readonly code: DatabaseFileProblemCode,
    readonly params: Record<string, string | number> = {},
    /** In English, for the server's log; the CLI says the code in the reader's language. */
    message = `${code}: ${JSON.stringify(params)}`,
  ) {
    super(message);
    this.name = 'DatabaseFileProblem';
  }
}

/** What a database holds, as the backup and restore commands print it. */
export interface DatabaseSummary {
  bytes: number;
  /** The latest migration applied. */
  migration: string;
  /** Organisations (a metropolitan city and its districts; 1 before migration 0007). */
  organisations: number;
  /** Plans of every organisation, and the distinct years they cover. */
  plans: number;
  planYears: number[];
  /** Indicators of every plan of every organisation. */
  indicators: number;
  /** Reported values in every state (approved, pending, returned, superseded). */
  values: number;
  pending: number;
  auditEntries: number;
  users: number;
  /** When the audit trail last recorded a change (null with an empty trail). */
  lastChange: string | null;
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function startsWithHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEADER.length);
    return readSync(fd, head, 0, HEADER.length, 0) === HEADER.length && head.equals(HEADER);
  } finally {
    closeSync(fd);
  }
}

/** The file must exist, have content and start with SQLite's header. */
export function requireSqliteFile(file: string): void {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    throw new DatabaseFileProblem('missing', { file });
  }
  if (size === 0) throw new DatabaseFileProblem('missing', { file });
  if (!startsWithHeader(file)) throw new DatabaseFileProblem('not_sqlite', { file });
}

function tableExists(sqlite: SQLite.Database, name: string): boolean {
  return (
    sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined
  );
}

function count(sqlite: SQLite.Database, table: string, where = ''): number {
  if (!tableExists(sqlite, table)) return 0;
  return Number(sqlite.prepare(`select count(*) as n from ${table} ${where}`).pluck().get());
}

/**
 * Checks a database file and says what it holds: SQLite's header, `integrity_check`,
 * `foreign_key_check`, every applied migration one this version knows, and a plan. Opens the file
 * read-only. Throws a DatabaseFileProblem.
 */
export function inspectDatabaseFile(file: string): DatabaseSummary {
  requireSqliteFile(file);
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new DatabaseFileProblem('not_sqlite', { file, detail: (error as Error).message });
  }
  try {
    let findings: string[];
    try {
      const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
      findings = rows.map((row) => row.integrity_check);
    } catch (error) {
      throw new DatabaseFileProblem('damaged', { file, detail: (error as Error).message });
    }
    if (findings.length !== 1 || findings[0] !== 'ok')
      throw new DatabaseFileProblem('damaged', { file, detail: findings[0] ?? 'no answer' });
    const orphans = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    if (orphans > 0) throw new DatabaseFileProblem('broken_references', { file, count: orphans });
    if (!tableExists(sqlite, 'kysely_migration')) throw new DatabaseFileProblem('not_tangible', { file });
    const applied = sqlite
      .prepare('select name from kysely_migration order by name')
      .pluck()
      .all() as string[];
    const unknown = applied.find((name) => !(name in migrations));
    if (unknown) throw new DatabaseFileProblem('unknown_migration', { file, migration: unknown });
    const planYears = tableExists(sqlite, 'plans')
      ? (sqlite.prepare('select distinct year from plans order by year').pluck().all() as number[])
      : [];
    const migration = applied.at(-1);
    if (!migration || planYears.length === 0) throw new DatabaseFileProblem('no_plan', { file });
    return {
      bytes: statSync(file).size,
      migration,
      organisations: tableExists(sqlite, 'organisations') ? count(sqlite, 'organisations') : 1,
      plans: count(sqlite, 'plans'),
      planYears,
      indicators: count(sqlite, 'indicators'),
      values: count(sqlite, 'measurements'),
      pending: count(sqlite, 'measurements', "where status = 'pending'"),
      auditEntries: count(sqlite, 'audit_log'),
      users: count(sqlite, 'users'),
      lastChange: tableExists(sqlite, 'audit_log')
        ? ((sqlite.prepare('select max(at) from audit_log').pluck().get() as string | null) ?? null)
        : null,
    };
  } finally {
    sqlite.close();
  }
}
