/** Whether anyone else has the database open: the question `db restore` and `figures rebuild` ask. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.js';
import { seededSqliteDatabase } from '../testing.js';
import { databaseInUse } from './in-use.js';

describe('databaseInUse', () => {
  it('is true while another connection has the database open, idle or not, and false once it is closed', async () => {
    const { db, path } = await seededSqliteDatabase();
    expect(databaseInUse(path)).toBe(true);
    await db.destroy();
    expect(databaseInUse(path)).toBe(false);
    // Asking leaves the database as it was: it opens, and opens again.
    const reopened = openDatabase(path, 'existing');
    expect(await reopened.selectFrom('plans').select('year').distinct().orderBy('year').execute()).toEqual([
      { year: 2024 },
      { year: 2025 },
    ]);
    await reopened.destroy();
  });

  it('is false where there is no database to open (the opener says what is wrong), creating nothing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tangible-in-use-'));
    expect(databaseInUse(join(folder, 'missing.sqlite'))).toBe(false);
    writeFileSync(join(folder, 'empty.sqlite'), '');
    expect(databaseInUse(join(folder, 'empty.sqlite'))).toBe(false);
    expect(() => openDatabase(join(folder, 'missing.sqlite'), 'existing')).toThrow();
  });
});
