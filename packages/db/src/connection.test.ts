import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, databaseFileOf, openDatabase, openSnapshot } from './connection.js';
import { seededTestDatabase } from './testing.js';

let db: Db;
let path: string;
beforeAll(async () => {
  ({ db, path } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const departments = async (from: Db) =>
  Number((await sql<{ n: number }>`select count(*) as n from departments`.execute(from)).rows[0]?.n);

describe('a read snapshot', () => {
  it('keeps reading the moment it began while the main connection writes, and cannot write', async () => {
    const snapshot = openSnapshot(path);
    try {
      const before = await departments(snapshot);
      await db
        .insertInto('departments')
        .values({ code: 'SNAP', name_ko: '스냅샷', name_en: 'Snapshot' })
        .execute();
      expect(await departments(snapshot)).toBe(before);
      expect(await departments(db)).toBe(before + 1);
      await expect(
        snapshot.insertInto('departments').values({ code: 'NO', name_ko: '안됨', name_en: 'No' }).execute(),
      ).rejects.toThrow(/readonly/);
    } finally {
      await snapshot.destroy();
    }
    const later = openSnapshot(path);
    expect(await departments(later)).toBe(await departments(db));
    await later.destroy();
  });

  it('knows the file a connection has open, and that an in-memory database has none', async () => {
    expect(await databaseFileOf(db)).toBe(path);
    const memory = openDatabase(':memory:');
    expect(await databaseFileOf(memory)).toBeNull();
    await memory.destroy();
  });
});
