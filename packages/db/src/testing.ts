/**
 * A real database for tests, built the way production builds one: the migrations, then the seed
 * files from data/seed/. Each call gets its own file in a temporary folder.
 */

import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Db, migrateToLatest, openDatabase } from './connection.js';
import { openLocation } from './engine.js';
import { databaseLocation, type Engine, SEED_DIR } from './location.js';
import { readSeedFiles } from './seed/files.js';
import { loadSeed } from './seed/load.js';
import { type Scale, scaledSeed } from './seed/scaled.js';
import { prepareDatabase } from './setup.js';
import {
  copyPostgresTestDatabase,
  emptyPostgresTestDatabase,
  postgresTestDatabase,
} from './testing-postgres.js';

/** The engine the tests run on: `TEST_DATABASE=postgres` (with TEST_POSTGRES_URL) for PostgreSQL. */
export const TEST_ENGINE: Engine = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

const SEEDED_AT = new Date('2025-01-15T09:00:00Z');

/**
 * Busan's plan in a database of its own, on the engine the tests run on (TEST_ENGINE); `path` is the
 * SQLite file, or the PostgreSQL database's URL.
 */
export async function seededTestDatabase(): Promise<{ db: Db; path: string }> {
  if (TEST_ENGINE === 'postgres')
    return postgresTestDatabase('seeded', async (db) => {
      await prepareDatabase(db, SEED_DIR, SEEDED_AT);
    });
  return seededSqliteDatabase();
}

/** The same in an SQLite file whatever TEST_ENGINE says: for what only a file has (backups, -wal, the storage guard). */
export async function seededSqliteDatabase(): Promise<{ db: Db; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'tangible-test-')), 'tangible.sqlite');
  const db = openDatabase(path);
  await prepareDatabase(db, SEED_DIR, SEEDED_AT);
  return { db, path };
}

/**
 * Adds `count` indicators shaped like the `model` indicator (its project, department, unit,
 * frequency…), coded `prefix-0`, `prefix-1`…, in one INSERT over a recursive CTE, so that a plan of
 * tens of thousands of indicators is made in a second (tests of large plans, import and scale benches).
 * Their stored figures are not built: call rebuildFigures when a test reads figures.
 */
export async function addIndicatorsLike(
  db: Db,
  model: string,
  count: number,
  prefix: string,
  names: { ko: string; en: string },
): Promise<void> {
  await sql`
    insert into indicators (project_id, department_id, code, position, name_ko, name_en, unit, direction,
      aggregation, frequency, baseline_value, baseline_year, weight, headline, source)
    with recursive n(i) as (select 0 union all select i + 1 from n where i < ${count - 1})
    select model.project_id, model.department_id, ${prefix} || '-' || n.i, 1000 + n.i,
      ${names.ko} || ' ' || n.i, ${names.en} || ' ' || n.i, model.unit, model.direction,
      model.aggregation, model.frequency, model.baseline_value, model.baseline_year, model.weight, 0, 'test'
    from n, (select * from indicators where code = ${model}) as model`.execute(db);
}

/** A database holding the seed's plan at a larger scale (seed/scaled.ts), loaded as the seed is. */
export async function scaledTestDatabase(scale: Scale): Promise<{ db: Db; path: string }> {
  if (TEST_ENGINE === 'postgres') {
    const kind = `scaled${createHash('sha256').update(JSON.stringify(scale)).digest('hex').slice(0, 8)}`;
    return postgresTestDatabase(kind, async (db) => {
      await migrateToLatest(db);
      await loadSeed(db, scaledSeed(readSeedFiles(SEED_DIR), scale), {
        enteredAt: '2025-01-15T09:00:00.000Z',
      });
    });
  }
  const path = join(mkdtempSync(join(tmpdir(), 'tangible-test-')), 'tangible.sqlite');
  const db = openDatabase(path);
  await migrateToLatest(db);
  await loadSeed(db, scaledSeed(readSeedFiles(SEED_DIR), scale), { enteredAt: '2025-01-15T09:00:00.000Z' });
  return { db, path };
}

/**
 * A copy of a test database as it stands, on the engine the tests run on: its own database to spoil
 * and throw away, made in milliseconds instead of seeding again. `from.db` must be open (SQLite
 * copies through it with VACUUM INTO, which needs no checkpoint first).
 */
export async function copyTestDatabase(from: { db: Db; path: string }): Promise<{ db: Db; path: string }> {
  if (TEST_ENGINE === 'postgres') return copyPostgresTestDatabase(from.path);
  const path = join(mkdtempSync(join(tmpdir(), 'tangible-test-')), 'tangible.sqlite');
  await sql`vacuum into ${path}`.execute(from.db);
  return { db: openDatabase(path, 'existing'), path };
}

/**
 * A `DATABASE_URL` for a process a test starts (the CLI, the built server), on the engine the tests
 * run on: an SQLite file not made yet, or an empty PostgreSQL database. `drop` throws it away.
 */
export async function emptyTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_ENGINE === 'postgres') {
    const { db, path } = await emptyPostgresTestDatabase();
    return { url: path, drop: () => db.destroy() };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'tangible-test-')), 'tangible.sqlite');
  return { url: `file:${file}`, drop: async () => {} };
}

/** The `DATABASE_URL` of a test database by its `path` (a file, or already a PostgreSQL URL). */
export function testDatabaseUrl(path: string): string {
  return /^postgres(ql)?:\/\//.test(path) ? path : `file:${path}`;
}

/** Another connection to a test database, by the `path` its maker gave (a file or a PostgreSQL URL). */
export function openTestDatabase(path: string): Db {
  return openLocation(databaseLocation(path), 'existing');
}
