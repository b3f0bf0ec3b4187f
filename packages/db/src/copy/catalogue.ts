/**
 * What a database holds, read from the engine's own catalogue rather than from a list in the code:
 * its tables, their columns and primary keys, which tables each refers to, and how far each numbered
 * key has counted. The copy enumerates tables this way, so that a table a later migration adds is
 * copied (or refused) without anyone remembering to name it here.
 */

import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { engineOf } from '../engine.js';

export interface TableShape {
  name: string;
  /** Every column, in the table's own order. */
  columns: string[];
  /** The primary key's columns, in key order: the copy pages through a table by it. */
  primaryKey: string[];
  /** The tables its foreign keys refer to (itself left out). */
  parents: string[];
  /** The column the database numbers (SQLite AUTOINCREMENT, PostgreSQL identity), if any. */
  numbered: string | null;
}

async function rows<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** The migrator's own tables are not the installation's: each database keeps its own. */
const MIGRATOR = 'kysely_%';

export async function tableNames(db: Db): Promise<string[]> {
  const found =
    engineOf(db) === 'postgres'
      ? await rows<{ name: string }>(
          db,
          sql`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like ${MIGRATOR}`,
        )
      : await rows<{ name: string }>(
          db,
          sql`select name from sqlite_master
            where type = 'table' and name not like 'sqlite_%' and name not like ${MIGRATOR}`,
        );
  return found.map((t) => t.name).sort();
}

export async function tableShape(db: Db, name: string): Promise<TableShape> {
  return engineOf(db) === 'postgres' ? postgresShape(db, name) : sqliteShape(db, name);
}

async function sqliteShape(db: Db, name: string): Promise<TableShape> {
  const columns = await rows<{ name: string; pk: number }>(
    db,
    sql`select name, pk from pragma_table_info(${name}) order by cid`,
  );
  const keys = await rows<{ table: string }>(db, sql`select "table" from pragma_foreign_key_list(${name})`);
  const definition = await rows<{ sql: string }>(
    db,
    sql`select sql from sqlite_master where type = 'table' and name = ${name}`,
  );
  const primaryKey = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const autoincrement = /autoincrement/i.test(definition[0]?.sql ?? '');
  return {
    name,
    columns: columns.map((c) => c.name),
    primaryKey,
    parents: [...new Set(keys.map((k) => k.table))].filter((t) => t !== name).sort(),
    numbered: autoincrement && primaryKey.length === 1 ? (primaryKey[0] ?? null) : null,
  };
}

async function postgresShape(db: Db, name: string): Promise<TableShape> {
  const columns = await rows<{ name: string; identity: string }>(
    db,
    sql`select column_name as name, is_identity as identity from information_schema.columns
      where table_schema = current_schema() and table_name = ${name} order by ordinal_position`,
  );
  const key = await rows<{ name: string }>(
    db,
    sql`select a.attname as name
      from pg_index i, unnest(i.indkey) with ordinality k(attnum, n), pg_attribute a
      where i.indrelid = ${name}::regclass and i.indisprimary
        and a.attrelid = i.indrelid and a.attnum = k.attnum
      order by k.n`,
  );
  const parents = await rows<{ table: string }>(
    db,
    sql`select distinct t.relname as "table" from pg_constraint c join pg_class t on t.oid = c.confrelid
      where c.contype = 'f' and c.conrelid = ${name}::regclass`,
  );
  return {
    name,
    columns: columns.map((c) => c.name),
    primaryKey: key.map((c) => c.name),
    parents: parents
      .map((p) => p.table)
      .filter((t) => t !== name)
      .sort(),
    numbered: columns.find((c) => c.identity === 'YES')?.name ?? null,
  };
}

/** Parents before the tables that refer to them, so that every row inserted finds what it names. */
export function parentsFirst(shapes: TableShape[]): TableShape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (shape: TableShape) => {
    if (placed.has(shape.name)) return;
    if (visiting.has(shape.name))
      throw new Error(`The tables refer to each other in a cycle through ${shape.name}`);
    visiting.add(shape.name);
    for (const parent of shape.parents) {
      const found = byName.get(parent);
      if (found) visit(found);
    }
    visiting.delete(shape.name);
    placed.add(shape.name);
    ordered.push(shape);
  };
  for (const shape of shapes) visit(shape);
  return ordered;
}

/** The migrations applied to a database, in order; none when the migrator never ran there. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const present =
    engineOf(db) === 'postgres'
      ? await rows(
          db,
          sql`select 1 from information_schema.tables
            where table_schema = current_schema() and table_name = 'kysely_migration'`,
        )
      : await rows(db, sql`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`);
  if (present.length === 0) return [];
  const applied = await rows<{ name: string }>(db, sql`select name from kysely_migration order by name`);
  return applied.map((m) => m.name);
}

/**
 * How far a table's numbered key has counted: the last number handed out, which may be past the
 * largest id still there (a deleted row's number is not given again). 0 when it never counted.
 */
export async function counted(db: Db, table: TableShape): Promise<number> {
  if (!table.numbered) return 0;
  if (engineOf(db) === 'postgres') {
    // Null when the sequence never handed a number out.
    const [found] = await rows<{ last: number | null }>(
      db,
      sql`select pg_sequence_last_value(pg_get_serial_sequence(${table.name}, ${table.numbered})::regclass) as last`,
    );
    return Number(found?.last ?? 0);
  }
  const [found] = await rows<{ seq: number }>(
    db,
    sql`select seq from sqlite_sequence where name = ${table.name}`,
  );
  return Number(found?.seq ?? 0);
}

/** Sets a table's numbered key to go on after `last` (the next row gets last + 1). */
export async function countFrom(db: Db, table: TableShape, last: number): Promise<void> {
  if (!table.numbered) return;
  if (engineOf(db) === 'postgres') {
    // setval(…, 1, false): the next is 1, as in a table that never counted.
    await sql`select setval(pg_get_serial_sequence(${table.name}, ${table.numbered}),
      ${Math.max(last, 1)}, ${last > 0})`.execute(db);
    return;
  }
  await sql`delete from sqlite_sequence where name = ${table.name}`.execute(db);
  if (last > 0)
    await sql`insert into sqlite_sequence (name, seq) values (${table.name}, ${last})`.execute(db);
}
