/**
 * Text compares the same on both engines. SQLite compares text as bytes (its BINARY collation);
 * PostgreSQL compares it by the collation its administrator created the database with, and under
 * en_US.UTF-8 or ko_KR.UTF-8 `a-1` sorts before `B-1`, the other way round from SQLite. So on
 * PostgreSQL every text column of Tangible's tables is given the C collation (bytes: code point
 * order in UTF-8) after each migration run: codes, periods and names sort, and compare in ranges,
 * alike whatever the database was created with. Done after the migrations rather than in each,
 * so that a column a later migration adds is held to it too (collation.test.ts checks them all).
 */

import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Gives every text column of the current schema's tables the C collation; returns the ones changed. */
// biome-ignore lint/suspicious/noExplicitAny: run beside the migrations, which hold a Kysely<any>.
export async function collateTextAsBytes(db: Kysely<any>): Promise<string[]> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return [];
  const { rows } = await sql<{ table: string; column: string; type: string }>`
    select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type"
    from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)
      and a.attcollation <> 'pg_catalog."C"'::regcollation
    order by 1, 2`.execute(db);
  const tables = new Map<string, typeof rows>();
  for (const row of rows) tables.set(row.table, [...(tables.get(row.table) ?? []), row]);
  for (const [table, columns] of tables) {
    // One ALTER a table: its indexes are rebuilt once.
    const changes = columns.map(
      (column) => sql`alter column ${sql.id(column.column)} type ${sql.raw(column.type)} collate "C"`,
    );
    await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db);
  }
  return rows.map((row) => `${row.table}.${row.column}`);
}
