/**
 * What the migrations write differently on PostgreSQL, in one place, so that the same migration
 * files build the same tables on both engines (migrations.test.ts compares them). Frozen with the
 * migrations that use it: change nothing here that an applied migration relies on.
 */

import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations hold a Kysely<any>.
type AnyDb = Kysely<any>;

export function onPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Runs the work in one transaction. On PostgreSQL the migrator already holds one around every
 * pending migration (its DDL is transactional), and Kysely cannot nest them.
 */
export function wholly(db: AnyDb, work: (trx: AnyDb) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** An integer key the database numbers: SQLite's AUTOINCREMENT, PostgreSQL's identity column. */
export function numbered(db: AnyDb) {
  return (column: ColumnDefinitionBuilder) =>
    onPostgres(db) ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey().autoIncrement();
}

/** A floating-point number: SQLite's REAL is 8 bytes, PostgreSQL's `real` only 4. */
export function double(db: AnyDb): 'real' | 'double precision' {
  return onPostgres(db) ? 'double precision' : 'real';
}

/** Refuses every UPDATE and DELETE of a table, in the database itself (SQLite triggers or plpgsql). */
export async function appendOnly(db: AnyDb, table: string, message: string): Promise<void> {
  if (onPostgres(db)) {
    await sql`create function ${sql.id(`${table}_append_only`)}() returns trigger language plpgsql as ${sql.raw(
      `$$ begin raise exception '${message}'; end $$`,
    )}`.execute(db);
    for (const event of ['update', 'delete'])
      await sql`create trigger ${sql.id(`${table}_no_${event}`)} before ${sql.raw(event)} on ${sql.table(table)}
        for each row execute function ${sql.id(`${table}_append_only`)}()`.execute(db);
    return;
  }
  for (const event of ['update', 'delete'])
    await sql`create trigger ${sql.id(`${table}_no_${event}`)} before ${sql.raw(event)} on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
}

/** Undoes appendOnly. */
export async function notAppendOnly(db: AnyDb, table: string): Promise<void> {
  const on = onPostgres(db) ? sql` on ${sql.table(table)}` : sql``;
  for (const event of ['update', 'delete'])
    await sql`drop trigger ${sql.id(`${table}_no_${event}`)}${on}`.execute(db);
  if (onPostgres(db)) await sql`drop function ${sql.id(`${table}_append_only`)}()`.execute(db);
}
