/**
 * Codes and names sort the same on both engines: by their bytes (code points), as SQLite compares
 * text, even in a PostgreSQL database created with a collation that sorts otherwise (en-US puts
 * `a-1` before `B-1` and ignores the hyphen at first).
 */

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { collateTextAsBytes } from './collation.js';
import { type Db, migrateToLatest } from './connection.js';
import { findDepartments } from './queries/departments.js';
import { seededTestDatabase, TEST_ENGINE } from './testing.js';
import { emptyPostgresDatabaseCollatedAs } from './testing-postgres.js';

/** The first organisation (Busan): every department belongs to one. */
const BUSAN = 1;
const CODES = ['b-2', 'B-1', 'a-1', 'Z-9', '0-1', 'B1', 'a-10'];
const NAMES = ['가나다', 'Zeta', 'ㄱ', 'abc', '해운대구', '부산진구', 'Åland'];

/** JavaScript's default sort compares UTF-16 code units: code point order for these. */
const inCodePointOrder = (texts: string[]) => [...texts].sort();

async function departmentsInOrder(db: Db) {
  await db
    .insertInto('departments')
    .values(
      CODES.map((code, i) => ({
        organisation_id: BUSAN,
        code: `X${code}`,
        name_ko: NAMES[i] as string,
        name_en: code,
      })),
    )
    .execute();
  const byCode = (await findDepartments(db, BUSAN)).map((d) => d.code).filter((code) => code.startsWith('X'));
  const byName = await db
    .selectFrom('departments')
    .select('name_ko')
    .where('code', 'like', 'X%')
    .orderBy('name_ko')
    .execute();
  return { byCode, byName: byName.map((d) => d.name_ko) };
}

describe('text order', () => {
  it('is code point order for codes (mixed case) and Korean names, on the engine the tests run on', async () => {
    const { db } = await seededTestDatabase();
    try {
      expect(await departmentsInOrder(db)).toEqual({
        byCode: inCodePointOrder(CODES.map((code) => `X${code}`)),
        byName: inCodePointOrder(NAMES),
      });
    } finally {
      await db.destroy();
    }
  });

  // PostgreSQL's alone: an SQLite database has no collation of its own to be created with.
  if (TEST_ENGINE === 'postgres')
    it('is the same in a PostgreSQL database created with an en-US collation, every text column compared as bytes', async () => {
      const { db } = await emptyPostgresDatabaseCollatedAs('en-US');
      try {
        await migrateToLatest(db);
        const { rows } = await sql<{ column: string }>`
          select table_name || '.' || column_name as "column" from information_schema.columns
          where table_schema = current_schema() and data_type in ('text', 'character varying')
            and collation_name is distinct from 'C'`.execute(db);
        expect(rows).toEqual([]);
        expect(await collateTextAsBytes(db)).toEqual([]);
        expect(await departmentsInOrder(db)).toEqual({
          byCode: inCodePointOrder(CODES.map((code) => `X${code}`)),
          byName: inCodePointOrder(NAMES),
        });
      } finally {
        await db.destroy();
      }
    });
});
