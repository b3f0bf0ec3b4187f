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
    await super.destroy();
    this.#connection.close();
  }
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
