/**
 * The data version (migration 0008) covers every table: each either raises it on insert, update and
 * delete, or is listed with its reason in UNVERSIONED_TABLES. A table added later without either
 * fails here. And the number moves as promised: by every committed write of a versioned table, not
 * by a rolled-back one, nor by the tables left out.
 */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { engineOf } from '../engine.js';
import { seededTestDatabase } from '../testing.js';
import { readDataVersion, UNVERSIONED_TABLES } from './data-version.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

async function tables(): Promise<string[]> {
  const query =
    engineOf(db) === 'postgres'
      ? sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`
      : sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`;
  return (await query.execute(db)).rows.map((r) => r.name).sort();
}

/** Each table's triggers that raise the version, as `event` words (both engines name them alike). */
async function raising(): Promise<Map<string, string[]>> {
  const query =
    engineOf(db) === 'postgres'
      ? sql<{ table: string; name: string }>`select c.relname as "table", t.tgname as name
          from pg_trigger t join pg_class c on c.oid = t.tgrelid
          join pg_proc p on p.oid = t.tgfoid
          where not t.tgisinternal and p.proname = 'raise_data_version'`
      : sql<{ table: string; name: string }>`select tbl_name as "table", name from sqlite_master
          where type = 'trigger' and sql like '%update data_version set version = version + 1%'`;
  const found = new Map<string, string[]>();
  for (const { table, name } of (await query.execute(db)).rows) {
    const event = name.slice(name.lastIndexOf('_') + 1);
    found.set(table, [...(found.get(table) ?? []), event].sort());
  }
  return found;
}

describe('the data version', () => {
  it('is raised by every table of the schema on insert, update and delete, or the table is listed with its reason', async () => {
    const raisedBy = await raising();
    const uncovered = (await tables()).filter(
      (table) =>
        !(table in UNVERSIONED_TABLES) &&
        JSON.stringify(raisedBy.get(table)) !== JSON.stringify(['delete', 'insert', 'update']),
    );
    expect(uncovered).toEqual([]);
    // A table listed must exist and raise nothing (a list that names what is gone hides nothing).
    const all = await tables();
    for (const table of Object.keys(UNVERSIONED_TABLES)) {
      expect(all, table).toContain(table);
      expect(raisedBy.get(table), table).toBeUndefined();
    }
  });

  it('is raised by the follow-through tables of migration 0012', async () => {
    const raisedBy = await raising();
    for (const table of ['corrective_actions', 'directives', 'directive_departments', 'progress_notes'])
      expect(raisedBy.get(table), table).toEqual(['delete', 'insert', 'update']);
  });

  it('rises with every committed write of a versioned table and with no write of a table left out', async () => {
    const start = BigInt(await readDataVersion(db));
    await db.updateTable('departments').set({ name_en: 'Renamed' }).where('code', '=', 'FIN').execute();
    const renamed = BigInt(await readDataVersion(db));
    expect(renamed).toBeGreaterThan(start);

    await db.transaction().execute(async (trx) => {
      const { id } = await trx.selectFrom('plans').select('id').orderBy('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('plan_goals')
        .values({ plan_id: id, position: 99, name_ko: '가', name_en: 'A' })
        .execute();
      await trx.deleteFrom('plan_goals').where('position', '=', 99).execute();
    });
    const goals = BigInt(await readDataVersion(db));
    expect(goals).toBeGreaterThan(renamed);

    await db
      .insertInto('sign_in_attempts')
      .values({ key: 'test', at: '2025-01-15T09:00:00.000Z', succeeded: 0 })
      .execute();
    expect(BigInt(await readDataVersion(db))).toBe(goals);
  });

  it('rises once per transaction on PostgreSQL (once per row on SQLite), a write undone by a savepoint not counting', async () => {
    const before = BigInt(await readDataVersion(db));
    await db.transaction().execute(async (trx) => {
      await sql`savepoint undone`.execute(trx);
      await trx.updateTable('departments').set({ name_en: 'Undone' }).where('code', '=', 'FIN').execute();
      await sql`rollback to savepoint undone`.execute(trx);
      for (const name of ['One', 'Two', 'Three'])
        await trx.updateTable('departments').set({ name_en: name }).where('code', '=', 'FIN').execute();
    });
    const after = BigInt(await readDataVersion(db));
    expect(after - before).toBe(engineOf(db) === 'postgres' ? 1n : 3n);
  });

  it('does not move when the write is rolled back', async () => {
    const before = await readDataVersion(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('measurements').set({ note: 'not kept' }).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await readDataVersion(db)).toBe(before);
  });
});
