/**
 * The guard between Kysely and better-sqlite3: every write first checks that the files the
 * connection writes are still the ones at the database's path, SQLite's storage errors become one
 * StorageFailure with a reason, and a ROLLBACK after SQLite has already rolled back is skipped.
 *
 * Why each matters:
 * - On Linux an unlinked or renamed database file still accepts writes through the open descriptor;
 *   they succeed and are lost when the process ends. Only comparing the path's device and inode
 *   with what was opened notices it.
 * - After SQLITE_FULL or an I/O error SQLite may roll the transaction back itself; Kysely then
 *   sends ROLLBACK, which fails with "cannot rollback - no transaction is active" and hides the real
 *   error from the caller and the log.
 * - A truncated `-shm` is memory-mapped: touching it kills the process with SIGBUS, so it is
 *   checked (by size) before a write touches it.
 */

import { statSync } from 'node:fs';
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { StorageFailure, storageFailureOf } from './failure.js';

interface Seen {
  dev: number;
  ino: number;
  size: number;
}

function identity(path: string): Seen | null {
  try {
    const stats = statSync(path);
    return { dev: stats.dev, ino: stats.ino, size: stats.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StorageFailure('io_error', `cannot stat ${path}: ${(error as Error).message}`, null, error);
  }
}

/**
 * The database file, its `-wal` and its `-shm` as this connection first saw them. The database
 * file is recorded when the connection opens; the other two when they first appear (SQLite creates
 * them on first use and, while any connection is open, never deletes or replaces them).
 */
export class StorageFiles {
  readonly #seen = new Map<string, Seen>();
  constructor(readonly path: string) {}

  /** Records the database file as opened; throws when it is not there. */
  opened(): void {
    const found = identity(this.path);
    if (!found) throw new StorageFailure('file_missing', `${this.path} does not exist after opening it`);
    this.#seen.set(this.path, found);
  }

  /** Throws a StorageFailure when a write would not reach the file at the database's path. */
  check(): void {
    const database = identity(this.path);
    const opened = this.#seen.get(this.path);
    if (!database) throw new StorageFailure('file_missing', `${this.path} was deleted while open`);
    if (opened && (database.dev !== opened.dev || database.ino !== opened.ino))
      throw new StorageFailure('file_replaced', `${this.path} is no longer the file that was opened`);
    this.#companion(`${this.path}-wal`, 'wal_failed');
    this.#companion(`${this.path}-shm`, 'shm_failed');
  }

  #companion(path: string, reason: 'wal_failed' | 'shm_failed'): void {
    const now = identity(path);
    const before = this.#seen.get(path);
    if (!before) {
      if (now) this.#seen.set(path, now);
      return;
    }
    if (!now) throw new StorageFailure(reason, `${path} was deleted while the database was open`);
    if (now.dev !== before.dev || now.ino !== before.ino)
      throw new StorageFailure(reason, `${path} was replaced while the database was open`);
    // The wal-index only grows while connections are open; a shorter one was truncated by someone.
    if (reason === 'shm_failed' && now.size < before.size)
      throw new StorageFailure(reason, `${path} was truncated (${before.size} → ${now.size} bytes)`);
    if (now.size > before.size) this.#seen.set(path, now);
  }
}

function translated(error: unknown): unknown {
  return storageFailureOf(error) ?? error;
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translated(error);
  }
}

const NOTHING_TO_ROLL_BACK: SqliteStatement = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

const TRANSACTION_END = /^\s*(commit|end)\b/i;
const ROLLBACK = /^\s*rollback\b/i;
const BEGIN = /^\s*begin\b/i;

/** The better-sqlite3 database as Kysely's SqliteDialect sees it, with the guard in front. */
export class GuardedDatabase implements SqliteDatabase {
  constructor(
    readonly sqlite: SQLite.Database,
    readonly files: StorageFiles | null,
  ) {}

  close(): void {
    this.sqlite.close();
  }

  prepare(sql: string): SqliteStatement {
    if (ROLLBACK.test(sql) && !this.sqlite.inTransaction) return NOTHING_TO_ROLL_BACK;
    const statement = guarded(() => this.sqlite.prepare(sql));
    // Checked when a transaction begins and again before it commits, and before any write outside one.
    const bounds = BEGIN.test(sql) || TRANSACTION_END.test(sql);
    const before = () => {
      if (bounds || (!statement.readonly && !this.sqlite.inTransaction)) this.files?.check();
    };
    return {
      reader: statement.reader,
      all: (parameters) => {
        before();
        return guarded(() => statement.all(parameters));
      },
      run: (parameters) => {
        before();
        return guarded(() => statement.run(parameters));
      },
      iterate: (parameters) => iterateGuarded(statement, parameters),
    };
  }
}

function* iterateGuarded(statement: SQLite.Statement, parameters: readonly unknown[]) {
  try {
    yield* statement.iterate(parameters);
  } catch (error) {
    throw translated(error);
  }
}
