/**
 * Opening the embedded SQLite database: foreign keys on, WAL mode, the storage guard in front of
 * the driver (storage/guard.ts), and migrations by Kysely's Migrator.
 */

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { GuardedDatabase, StorageFiles } from './storage/guard.js';

export type Db = Kysely<Database>;

const connections = new WeakMap<Db, GuardedDatabase>();

/** Opens (creating the file and its folder when missing) the database at a path or `:memory:`. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  const files = path === ':memory:' ? null : new StorageFiles(path);
  files?.opened();
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const connection = new GuardedDatabase(sqlite, files);
  const db = new ClosingKysely(connection);
  connections.set(db, connection);
  return db;
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
 * The better-sqlite3 connection under a database opened by openDatabase, with its file checks: for
 * the health probe and the backup, which need SQLite's own API. Use it inside
 * `db.connection().execute(...)` so that no Kysely transaction is open on it meanwhile.
 */
export function connectionOf(db: Db): GuardedDatabase {
  const found = connections.get(db);
  if (!found) throw new Error('This database was not opened by openDatabase.');
  return found;
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
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Undoes every migration, leaving an empty database (for `db reset`). */
export async function migrateToEmpty(db: Db): Promise<void> {
  const { error } = await migrator(db).migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
