/**
 * A generated workload moved from its SQLite file into a new PostgreSQL database, for
 * `ENGINE=postgres pnpm bench:scale`: the real migrations on PostgreSQL, then every table's rows
 * as they are (ids, stored figures and all), so both engines serve the same installation.
 *
 * A stop-gap for the bench only, until `pnpm cli db copy` (issue 11.5) lands: no checks beyond
 * the row counts, and it relies on an administrator's connection (triggers and foreign keys are
 * switched off while loading, as pg_restore does).
 */

import { type Db, migrateToLatest, openPostgres } from '@tangible/db';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const PARAMETERS_PER_INSERT = 30_000;

function adminUrl(): string {
  const url = process.env.POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  if (!url)
    throw new Error(
      'ENGINE=postgres needs POSTGRES_URL (an administrator’s URL; scripts/postgres.sh start prints one)',
    );
  return url;
}

/** Creates database `name` on the administrator's server (dropping one of that name) and returns its URL. */
async function freshDatabase(name: string): Promise<string> {
  const admin = openPostgres(adminUrl(), { max: 1 });
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
  await sql.raw(`create database ${name}`).execute(admin);
  await admin.destroy();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The tables to copy, as SQLite lists them (Kysely's own migration tables are PostgreSQL's already). */
function tablesOf(sqlite: SQLite.Database): string[] {
  return (
    sqlite
      .prepare(
        `select name from sqlite_master where type = 'table'
         and name not like 'sqlite_%' and name not like 'kysely_%' order by name`,
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
}

async function copyTable(sqlite: SQLite.Database, db: Db, table: string): Promise<number> {
  const columns = (sqlite.prepare(`select * from "${table}" limit 0`).columns() as { name: string }[]).map(
    (c) => c.name,
  );
  const booleans = new Set(
    (
      await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_name = ${table} and data_type = 'boolean'`.execute(db)
    ).rows.map((r) => r.column_name),
  );
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // Every table of the schema, by name: typed by none of them.
    await db
      .insertInto(table as never)
      .values(batch as never)
      .execute();
    copied += batch.length;
    batch = [];
  };
  for (const row of sqlite.prepare(`select * from "${table}"`).iterate() as Iterable<
    Record<string, unknown>
  >) {
    for (const column of booleans) row[column] = row[column] === null ? null : Boolean(row[column]);
    batch.push(row);
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  // Identity columns go on from the largest id copied (a text id, e.g. a session's, has none).
  if (!columns.includes('id')) return copied;
  const found = await sql<{
    sequence: string | null;
  }>`select pg_get_serial_sequence(${`"${table}"`}, 'id') as sequence`.execute(db);
  const sequence = found.rows[0]?.sequence;
  if (sequence)
    await sql`select setval(${sequence}, coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(db);
  return copied;
}

/** Copies the SQLite file into a new PostgreSQL database `name`; returns its URL and the seconds it took. */
export async function copyToPostgres(file: string, name: string): Promise<{ url: string; seconds: number }> {
  const started = performance.now();
  const url = await freshDatabase(name);
  const db = openPostgres(url, { max: 1 });
  await migrateToLatest(db);
  const sqlite = new SQLite(file, { readonly: true });
  await db.connection().execute(async (one) => {
    await one.transaction().execute(async (trx) => {
      // Foreign keys and the append-only triggers are switched off for the load, as pg_restore does.
      await sql`set local session_replication_role = replica`.execute(trx);
      // What the migrations wrote themselves (the first organisation) comes again from the file.
      const tables = tablesOf(sqlite);
      await sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')}`).execute(trx);
      for (const table of tables) {
        const copied = await copyTable(sqlite, trx, table);
        const expected = (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
        if (copied !== expected) throw new Error(`${table}: copied ${copied} of ${expected} rows`);
      }
    });
  });
  await sql`analyze`.execute(db);
  sqlite.close();
  await db.destroy();
  return { url, seconds: (performance.now() - started) / 1000 };
}
