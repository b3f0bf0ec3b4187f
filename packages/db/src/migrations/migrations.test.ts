/**
 * The same migrations build the same schema on both engines: every table's columns (name, kind of
 * type, nullability), primary key, unique sets (partial ones marked), foreign keys and triggers,
 * read from the engine's own catalogue and compared with one snapshot, which the SQLite run and the
 * PostgreSQL run (TEST_DATABASE=postgres) both must match. Then down to nothing and up again.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Db, migrateToEmpty, migrateToLatest, openDatabase } from '../connection.js';
import { TEST_ENGINE } from '../testing.js';
import { emptyPostgresTestDatabase } from '../testing-postgres.js';
import { NOTICE_TRIGGERS } from './2024-01-13-0013-change-notices.js';

interface TableShape {
  columns: string[];
  primaryKey: string[];
  unique: string[];
  foreignKeys: string[];
  triggers: string[];
}

const KIND: Record<string, string> = {
  integer: 'integer',
  // The data version (0008): SQLite's integers are all 64-bit.
  bigint: 'integer',
  text: 'text',
  real: 'double',
  'double precision': 'double',
};
const kind = (type: string) => KIND[type.toLowerCase()] ?? `other:${type}`;

async function rows<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/**
 * Columns by name, not position: a column added to a table lands last on PostgreSQL (ALTER TABLE)
 * and where the migration put it on SQLite (which rebuilds the table); queries name their columns.
 */
function inAnyColumnOrder(schema: Record<string, TableShape>): Record<string, TableShape> {
  return Object.fromEntries(
    Object.entries(schema).map(([name, shape]) => [name, { ...shape, columns: [...shape.columns].sort() }]),
  );
}

async function sqliteSchema(db: Db): Promise<Record<string, TableShape>> {
  const shapes: Record<string, TableShape> = {};
  const tables = await rows<{ name: string }>(
    db,
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`,
  );
  for (const { name } of tables) {
    const columns = await rows<{ name: string; type: string; notnull: number; pk: number }>(
      db,
      sql`select name, type, "notnull", pk from pragma_table_info(${name}) order by cid`,
    );
    const indexes = await rows<{ name: string; unique: number; origin: string; partial: number }>(
      db,
      sql`select name, "unique", origin, partial from pragma_index_list(${name})`,
    );
    const unique: string[] = [];
    for (const index of indexes.filter((i) => i.unique && i.origin !== 'pk')) {
      const parts = await rows<{ name: string }>(
        db,
        sql`select name from pragma_index_info(${index.name}) order by seqno`,
      );
      unique.push(`${parts.map((p) => p.name).join(',')}${index.partial ? ' (partial)' : ''}`);
    }
    const keys = await rows<{ from: string; table: string; to: string; on_delete: string }>(
      db,
      sql`select "from", "table", "to", on_delete from pragma_foreign_key_list(${name})`,
    );
    const triggers = await rows<{ name: string }>(
      db,
      sql`select name from sqlite_master where type = 'trigger' and tbl_name = ${name}`,
    );
    shapes[name] = {
      columns: columns.map((c) => `${c.name} ${kind(c.type)}${c.notnull || c.pk ? ' not null' : ''}`),
      primaryKey: columns.filter((c) => c.pk).map((c) => c.name),
      unique: unique.sort(),
      foreignKeys: keys
        .map((k) => `${k.from} → ${k.table}.${k.to ?? 'id'} on delete ${k.on_delete.toLowerCase()}`)
        .sort(),
      triggers: triggers.map((t) => t.name).sort(),
    };
  }
  return shapes;
}

async function postgresSchema(db: Db): Promise<Record<string, TableShape>> {
  const shapes: Record<string, TableShape> = {};
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%' order by table_name collate "C"`,
  );
  for (const { name } of tables) {
    const columns = await rows<{ name: string; type: string; nullable: string }>(
      db,
      sql`select column_name as name, data_type as type, is_nullable as nullable from information_schema.columns
        where table_schema = 'public' and table_name = ${name} order by ordinal_position`,
    );
    const indexes = await rows<{ columns: string; primary: boolean; partial: boolean }>(
      db,
      sql`select (select string_agg(a.attname, ',' order by k.n) from unnest(i.indkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum) as columns,
        i.indisprimary as primary, i.indpred is not null as partial
        from pg_index i where i.indrelid = ${name}::regclass and i.indisunique`,
    );
    const keys = await rows<{ key: string }>(
      db,
      sql`select a.attname || ' → ' || t.relname || '.' || fa.attname || ' on delete ' ||
          case c.confdeltype when 'c' then 'cascade' when 'n' then 'set null' else 'no action' end as key
        from pg_constraint c join pg_class t on t.oid = c.confrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
        where c.contype = 'f' and c.conrelid = ${name}::regclass`,
    );
    const triggers = await rows<{ name: string }>(
      db,
      sql`select tgname as name from pg_trigger where tgrelid = ${name}::regclass and not tgisinternal`,
    );
    // Change notices are PostgreSQL's alone (0013): SQLite's one process reads its own file.
    const shared = triggers.filter((t) => !NOTICE_TRIGGERS.includes(t.name));
    const primaryKey = indexes.find((i) => i.primary)?.columns.split(',') ?? [];
    shapes[name] = {
      columns: columns.map((c) => `${c.name} ${kind(c.type)}${c.nullable === 'NO' ? ' not null' : ''}`),
      primaryKey,
      unique: indexes
        .filter((i) => !i.primary)
        .map((i) => `${i.columns}${i.partial ? ' (partial)' : ''}`)
        .sort(),
      foreignKeys: keys.map((k) => k.key).sort(),
      triggers: shared.map((t) => t.name).sort(),
    };
  }
  return shapes;
}

async function emptyDatabase(): Promise<Db> {
  if (TEST_ENGINE === 'postgres') return (await emptyPostgresTestDatabase()).db;
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-migrations-')), 'db.sqlite'));
}

const schemaOf = (db: Db) => (TEST_ENGINE === 'postgres' ? postgresSchema(db) : sqliteSchema(db));

describe('the migrations, on the engine the tests run on', () => {
  it('build the schema both engines share, and undo it to nothing and build it again', async () => {
    const db = await emptyDatabase();
    try {
      await migrateToLatest(db);
      const built = await schemaOf(db);
      expect(inAnyColumnOrder(built)).toMatchSnapshot();
      await migrateToEmpty(db);
      expect(await schemaOf(db)).toEqual({});
      await migrateToLatest(db);
      expect(await schemaOf(db)).toEqual(built);
    } finally {
      await db.destroy();
    }
  });

  it('keep the audit log append-only in the database itself', async () => {
    const db = await emptyDatabase();
    try {
      await migrateToLatest(db);
      await sql`insert into audit_log (at, actor, action, entity_type, entity_id) values ('2025-01-01', 'test', 'x', 'y', '1')`.execute(
        db,
      );
      await expect(sql`update audit_log set actor = 'someone else'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
  });
});
