/**
 * Opening the embedded SQLite database: foreign keys on, WAL mode, the storage guard in front of
 * the driver (storage/guard.ts), and migrations by Kysely's Migrator.
 */

import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, SqliteDialect, sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { collateTextAsBytes } from './collation.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { DatabaseFileProblem } from './storage/check.js';
import { GuardedDatabase, StorageFiles } from './storage/guard.js';
import { lostDatabase, lostPlan } from './storage/presence.js';

export type Db = Kysely<Database>;

const connections = new WeakMap<Db, GuardedDatabase>();

/**
 * What an opener may find at the path, and do about it:
 * - `existing`: the database must be there (every command that reads or changes what it holds);
 * - `new`: a database is created when none ever was (the server's first start, `db migrate`,
 *   `db seed`, tests);
 * - `replace`: whatever was there is replaced (`db reset`, once it has set the old files aside).
 * Except with `replace`, a path where a database was and is gone (storage/presence.ts) is refused
 * with a DatabaseFileProblem before SQLite touches it, and so is a database there without a plan
 * beside the marker of one that had a plan.
 */
export type Opening = 'existing' | 'new' | 'replace';

/** Opens the database at a path (creating it and its folder, unless `existing`) or `:memory:`. */
export function openDatabase(path: string, opening: Opening = 'new'): Db {
  const file = path === ':memory:' ? null : path;
  if (file && opening !== 'replace') {
    const lost = lostDatabase(file);
    if (lost) throw lost;
  }
  if (file && opening !== 'existing') mkdirSync(dirname(file), { recursive: true });
  if (file && opening === 'existing' && !((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 0))
    throw new DatabaseFileProblem('missing', { file });
  // fileMustExist: should the file vanish between the check above and here, SQLite must not make one.
  const sqlite = new SQLite(path, { fileMustExist: opening === 'existing' });
  const files = file ? new StorageFiles(file) : null;
  admitOpening(sqlite, files);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit is on disk before the caller hears "saved". NORMAL would be faster, but in WAL
  // mode SQLite documents that it may roll back the last commits after a power cut or an OS crash,
  // which would turn an approved value the user saw confirmed into one that never was.
  sqlite.pragma('synchronous = FULL');
  admitOpened(sqlite, files, opening);
  const connection = new GuardedDatabase(sqlite, files);
  const db = new ClosingKysely(connection);
  connections.set(db, connection);
  return db;
}

/** Records the file as opened, before anything reads (storage/files.ts); closes the connection on refusal. */
function admitOpening(sqlite: SQLite.Database, files: StorageFiles | null): void {
  try {
    files?.opened();
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Records the -wal and -shm after a first read (which creates them) and refuses a database without
 * a plan beside the marker of one that had a plan; closes the connection on refusal.
 */
function admitOpened(sqlite: SQLite.Database, files: StorageFiles | null, opening: Opening): void {
  try {
    const planned = holdsPlan(sqlite);
    files?.read();
    const lost = files && opening !== 'replace' ? lostPlan(files.path, () => planned) : null;
    if (lost) throw lost;
  } catch (error) {
    if (files?.closed() !== false) sqlite.close();
    throw error;
  }
}

function holdsPlan(sqlite: SQLite.Database): boolean {
  const plans = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'plans'");
  return plans.get() !== undefined && sqlite.prepare('select 1 from plans limit 1').get() !== undefined;
}

/**
 * Kysely's destroy() closes nothing when the instance never ran a query, but the file is open from
 * the start; a connection left open at exit (an export connection nobody used) leaves its `-wal`
 * and `-shm` behind after a clean stop.
 */
class ClosingKysely extends Kysely<Database> {
  readonly #connection: GuardedDatabase;
  constructor(connection: GuardedDatabase) {
    super({ dialect: new SqliteDialect({ database: connection }) });
    this.#connection = connection;
  }
  override async destroy(): Promise<void> {
    // The pool of snapshots of its file (snapshotsBeside) closes with it.
    await poolsBeside.get(this)?.close();
    await super.destroy();
    this.#connection.close();
  }
}

/**
 * Each database's pool of snapshots of its file, kept beside the Kysely instance rather than on it.
 * openDatabase's databases close theirs when destroyed; others' kept snapshots close when idle.
 */
const poolsBeside = new WeakMap<Db, SnapshotPool>();

/**
 * The pool of snapshots of the file `db` has open (snapshotPool), one per database whoever asks
 * (each asker's `keep` is what it may hold at once: the pool keeps up to the most any asked),
 * closed when `db` is destroyed; null for an in-memory or a PostgreSQL database, which no other
 * connection can open as a file.
 */
export async function snapshotsBeside(db: Db, keep: number): Promise<SnapshotPool | null> {
  const found = poolsBeside.get(db);
  if (found) {
    found.keep = Math.max(found.keep, keep);
    return found;
  }
  const path = await databaseFileOf(db);
  if (!path) return null;
  // Asked twice at once: the first to come back makes it.
  if (poolsBeside.has(db)) return snapshotsBeside(db, keep);
  const pool = snapshotPool(path, keep);
  poolsBeside.set(db, pool);
  return pool;
}

/**
 * The better-sqlite3 connection under a database opened by openDatabase or openSnapshot, with its
 * file checks: for the health probe, the backup and exports' long reads, which need SQLite's own API. Use it inside
 * `db.connection().execute(...)` so that no Kysely transaction is open on it meanwhile.
 */
export function connectionOf(db: Db): GuardedDatabase {
  const found = connections.get(db);
  if (!found) throw new Error('This database was not opened by openDatabase.');
  return found;
}

/**
 * A read snapshot of the database file: a read-only connection of its own inside one read
 * transaction, so everything read through it belongs to one moment while the main connection goes
 * on writing (WAL mode). Destroying the Db ends the transaction and closes the connection.
 */
export function openSnapshot(path: string): Db {
  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  // Its reads go through the same -shm mapping as the main connection's: guarded the same way.
  const files = new StorageFiles(path);
  admitOpening(sqlite, files);
  try {
    sqlite.pragma('busy_timeout = 5000');
    files.read();
    // Deferred: the snapshot is taken by the first read and holds until the connection closes.
    sqlite.exec('BEGIN');
  } catch (error) {
    if (files.closed()) sqlite.close();
    throw error;
  }
  const connection = new GuardedDatabase(sqlite, files);
  const db = new ClosingKysely(connection);
  connections.set(db, connection);
  return db;
}

/**
 * Snapshots of one database file kept open between exports: a snapshot given back ends its read
 * transaction and waits, idle and holding no snapshot of the file, for the next export, which
 * begins a new one on it. The next export then reads through a connection whose pages and prepared
 * statements are already in memory (while nothing was written meanwhile: SQLite lets go of a
 * connection's pages when the file changed) instead of opening the file, reading its schema and
 * every page again: for the 2,000 indicators of a big city's year, 25 ms of a 45 ms export.
 *
 * At most `keep` wait at once (each holds a file descriptor and up to SQLite's page cache, 2 MB by
 * default); one idle for `idleMs` is closed. A kept snapshot whose file is not the one at the path
 * any more (replaced, deleted, its -wal or -shm gone) is closed, not reused. Rows a snapshot's
 * reader left unread are ended when it is given back. `close` closes the waiting ones; snapshots
 * given back after it are closed at once.
 */
export interface SnapshotPool {
  /** A snapshot in a read transaction of its own: a kept connection's, or a new one's. */
  take(): Db;
  /** Ends the snapshot's transaction and keeps it for the next take, or closes it. */
  give(snapshot: Db): Promise<void>;
  /** Snapshots waiting now (for tests and the log). */
  readonly waiting: number;
  /** How many may wait at once. */
  keep: number;
  close(): Promise<void>;
}

export function snapshotPool(path: string, keep: number, idleMs = 30_000): SnapshotPool {
  const waiting: { db: Db; timer: NodeJS.Timeout }[] = [];
  let closed = false;
  const letGo = (db: Db) => db.destroy().catch(() => undefined);
  const pool: SnapshotPool = {
    get waiting() {
      return waiting.length;
    },
    keep,
    take() {
      for (let kept = waiting.pop(); kept; kept = waiting.pop()) {
        clearTimeout(kept.timer);
        const connection = connections.get(kept.db);
        try {
          if (!connection) throw new Error('not a snapshot');
          // What a new connection would find at the path, or nothing: a replaced file is not read.
          connection.files?.check();
          connection.sqlite.exec('BEGIN');
          return kept.db;
        } catch {
          void letGo(kept.db);
        }
      }
      return openSnapshot(path);
    },
    async give(snapshot) {
      const connection = connections.get(snapshot);
      try {
        if (!connection || closed || waiting.length >= pool.keep) throw new Error('not kept');
        connection.files?.checkMapping();
        // Rows its export left unread end here (a transaction with a statement running cannot).
        connection.endReads();
        connection.sqlite.exec('ROLLBACK');
      } catch {
        await letGo(snapshot);
        return;
      }
      const kept = { db: snapshot, timer: setTimeout(() => forget(kept), idleMs) };
      kept.timer.unref();
      waiting.push(kept);
    },
    async close() {
      closed = true;
      const all = waiting.splice(0);
      for (const kept of all) clearTimeout(kept.timer);
      await Promise.all(all.map((kept) => letGo(kept.db)));
    },
  };
  return pool;
  function forget(kept: { db: Db; timer: NodeJS.Timeout }) {
    const at = waiting.indexOf(kept);
    if (at >= 0) waiting.splice(at, 1);
    void letGo(kept.db);
  }
}

/** The file a connection has open, or null for an in-memory or PostgreSQL database (which no other connection can open as a file). */
export async function databaseFileOf(db: Db): Promise<string | null> {
  // A PostgreSQL database has no file of its own (a server holds it); its adapter says which.
  if (db.getExecutor().adapter instanceof PostgresAdapter) return null;
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(db);
  return rows[0]?.file || null;
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name when one fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  await collateTextAsBytes(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Undoes every migration, leaving an empty database (for `db reset`). */
export async function migrateToEmpty(db: Db): Promise<void> {
  const { error } = await migrator(db).migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
