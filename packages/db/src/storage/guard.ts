/**
 * The guard between Kysely and better-sqlite3: every statement first checks the files under the
 * database (files.ts): the `-shm` before every statement, reads included, since touching a
 * truncated one kills the process; everything before a write, since a write to a deleted or replaced
 * file is lost. SQLite's storage errors become one StorageFailure with a reason, and a ROLLBACK
 * after SQLite has already rolled back is skipped.
 *
 * Why the last: after SQLITE_FULL or an I/O error SQLite may roll the transaction back itself;
 * Kysely then sends ROLLBACK, which fails with "cannot rollback - no transaction is active" and
 * hides the real error from the caller and the log.
 */

import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { storageFailureOf } from './failure.js';
import type { StorageFiles } from './files.js';

export { StorageFiles } from './files.js';

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
const SCHEMA_CHANGE = /^\s*(create|drop|alter)\b/i;

/**
 * Prepared statements kept by their SQL, at most this many (the oldest used goes first). Kysely
 * prepares every query it runs; a kept screen answer still costs its permission and version reads,
 * and preparing them again each time was a tenth of a kept overview's time.
 */
export const KEPT_STATEMENTS = 500;

/** The better-sqlite3 database as Kysely's SqliteDialect sees it, with the guard in front. */
export class GuardedDatabase implements SqliteDatabase {
  #closed = false;
  readonly #statements = new Map<string, SQLite.Statement>();
  /** Rows being stepped through (scan, iterate) and not yet ended. */
  readonly #reading = new Set<Iterator<unknown>>();

  /**
   * Ends every read still stepping through rows (a generator its reader never finished nor
   * returned), which resets its statement: a transaction with one running cannot end, nor can the
   * connection close. Its reader then finds no more rows.
   */
  endReads(): void {
    const reading = [...this.#reading];
    this.#reading.clear();
    if (this.files?.mappingFailed) return;
    for (const rows of reading) rows.return?.();
  }
  constructor(
    readonly sqlite: SQLite.Database,
    readonly files: StorageFiles | null,
  ) {}

  /**
   * Closes the connection, except one whose `-shm` was truncated: closing the last connection
   * checkpoints through the mapping and would crash the process. That connection is left to the
   * operating system at exit (the server stops with process.exit, which closes nothing), and the
   * next start recovers every committed transaction from the `-wal`. Reopening in this process is
   * no way out either: a new connection would share the same broken mapping.
   */
  close(): void {
    if (this.#closed) return;
    // A statement still stepping would make closing throw (better-sqlite3: "busy") and leave the
    // connection open with its read transaction after it was counted closed.
    this.endReads();
    this.#closed = true;
    if (this.files?.closed() === false) return;
    this.sqlite.close();
  }

  prepare(sql: string): SqliteStatement {
    if (ROLLBACK.test(sql) && !this.sqlite.inTransaction) return NOTHING_TO_ROLL_BACK;
    const files = this.files;
    const statement = this.#statement(sql);
    // The files are checked when a transaction begins and again before it commits, and before any
    // write outside one; the -shm before every statement.
    const bounds = BEGIN.test(sql) || TRANSACTION_END.test(sql);
    const before = () => {
      if (bounds || (!statement.readonly && !this.sqlite.inTransaction)) files?.check();
      else files?.checkMapping();
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
      iterate: (parameters) => {
        before();
        return iterateGuarded(statement, parameters, files, this.#reading);
      },
    };
  }

  /**
   * The statement for this SQL: a kept one unless it is busy (an export's rows still being iterated
   * through it, which a second use would break), else a new one, kept in its place.
   */
  #statement(sql: string): SQLite.Statement {
    // A change of the schema (a migration in this process) lets go of every kept statement: SQLite
    // would prepare them again itself, but a kept `select *` should not outlive the columns it had.
    if (SCHEMA_CHANGE.test(sql)) this.#statements.clear();
    const kept = this.#statements.get(sql);
    if (kept && !kept.busy) {
      // Most recently used last: the first in the map is the one to let go.
      this.#statements.delete(sql);
      this.#statements.set(sql, kept);
      return kept;
    }
    // Preparing may read the schema, through the -shm (a kept statement is taken without SQLite).
    this.files?.checkMapping();
    const statement = guarded(() => this.sqlite.prepare(sql));
    this.#statements.delete(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > KEPT_STATEMENTS) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }

  /**
   * A long read's rows (an export's hundreds of thousands) as arrays, in the order the query selects
   * its columns: better-sqlite3's raw rows, read synchronously, without the object Kysely makes of
   * each row or the promise its stream awaits for each, which together cost more than the reading.
   * The -shm is checked before the first row and every ROWS_PER_MAPPING_CHECK rows after it, rather
   * than before each step (a truncation is then seen within about 0.2 ms of stepping, not 6 µs).
   * Returning early (a `for…of` that breaks) resets the statement.
   */
  *scan(sql: string, parameters: readonly unknown[]): Generator<unknown[]> {
    const files = this.files;
    files?.checkMapping();
    const statement = guarded(() => this.sqlite.prepare(sql).raw(true));
    const rows = guarded(() => statement.iterate(parameters) as IterableIterator<unknown[]>);
    this.#reading.add(rows);
    let finished = false;
    try {
      for (let step = 0; ; step++) {
        if (step % ROWS_PER_MAPPING_CHECK === 0) files?.checkMapping();
        const next = guarded(() => rows.next());
        if (next.done) {
          finished = true;
          return;
        }
        yield next.value;
      }
    } finally {
      this.#reading.delete(rows);
      if (!finished && !files?.mappingFailed) rows.return?.();
    }
  }
}

/**
 * Rows a long read (scan) steps through between two checks of the -shm. A check is a stat of the
 * file, which costs about 2.5 µs: as much as SQLite takes to read an export's row (6 µs), so checking
 * before each row made exports 1.3 to 1.4 times slower. 32 rows are about 0.2 ms of stepping.
 */
export const ROWS_PER_MAPPING_CHECK = 32;

/** Each row is a step that may read pages through the -shm: checked before each. */
function* iterateGuarded(
  statement: SQLite.Statement,
  parameters: readonly unknown[],
  files: StorageFiles | null,
  reading: Set<Iterator<unknown>>,
) {
  const rows = guarded(() => statement.iterate(parameters));
  reading.add(rows);
  let finished = false;
  try {
    for (;;) {
      files?.checkMapping();
      const next = guarded(() => rows.next());
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    reading.delete(rows);
    // Ending the statement early resets it; not on a mapping nobody may touch.
    if (!finished && !files?.mappingFailed) rows.return?.();
  }
}
