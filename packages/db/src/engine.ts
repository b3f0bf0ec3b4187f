/** Which engine a database runs on, and opening whichever one a `DATABASE_URL` names. */

import { type Kysely, PostgresAdapter } from 'kysely';
import { type Db, type Opening, openDatabase } from './connection.js';
import { type DatabaseLocation, DatabaseUrlProblem, type Engine } from './location.js';
import { openPostgres } from './postgres.js';

/** The engine under a database, a transaction or a migration's Kysely alike. */
// biome-ignore lint/suspicious/noExplicitAny: migrations hold a Kysely<any>.
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Opens the database a location names. `opening` is SQLite's (connection.ts): a PostgreSQL database
 * is made by its administrator (`createdb`), never by Tangible, so it must exist either way.
 */
export function openLocation(location: DatabaseLocation, opening: Opening = 'new'): Db {
  return location.engine === 'sqlite' ? openDatabase(location.file, opening) : openPostgres(location.url);
}

/** Refuses, by its code, what only an SQLite file can do (`what`: the command or check asked for). */
export function requireSqlite(db: Kysely<unknown>, what: string): void {
  const engine = engineOf(db);
  if (engine !== 'sqlite') throw new DatabaseUrlProblem('database_sqlite_only', { what, engine });
}
