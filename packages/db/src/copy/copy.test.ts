/**
 * Copying an installation: from an SQLite file into a database of the engine the tests run on (on
 * the PostgreSQL half, SQLite → PostgreSQL → SQLite), every table row for row; and what it refuses.
 * The screens' answers on both sides are compared in apps/cli/src/copy.test.ts.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDatabase } from '../connection.js';
import { engineOf } from '../engine.js';
import { migrations } from '../migrations/index.js';
import { appendAudit } from '../queries/audit.js';
import { addIndicatorsLike, seededSqliteDatabase, TEST_ENGINE } from '../testing.js';
import { emptyPostgresTestDatabase } from '../testing-postgres.js';
import { tableShape } from './catalogue.js';
import { type CopyProgress, CopyRefused, copyDatabase, ROWS_PER_PAGE } from './copy.js';

const opened: Db[] = [];
afterAll(async () => {
  for (const db of opened) await db.destroy();
});

function sqliteFile(): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-copy-')), 'copy.sqlite'));
  opened.push(db);
  return db;
}

/** A database nobody migrated yet, on the engine the tests run on. */
async function emptyTarget(): Promise<Db> {
  if (TEST_ENGINE === 'sqlite') return sqliteFile();
  const { db } = await emptyPostgresTestDatabase();
  opened.push(db);
  return db;
}

/**
 * Every table of the database, asked of the engine here rather than through the copy's own
 * catalogue: a table the copy left out would be left out of the comparison too.
 */
async function everyTable(db: Db): Promise<string[]> {
  const query =
    engineOf(db) === 'postgres'
      ? sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`
      : sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`;
  return (await query.execute(db)).rows
    .map((t) => t.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

/** Every table's rows in primary-key order, by table. */
async function contents(db: Db): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const name of await everyTable(db)) {
    const { primaryKey } = await tableShape(db, name);
    const order = sql.join(primaryKey.map((c) => sql.ref(c)));
    found[name] = (await sql`select * from ${sql.table(name)} order by ${order}`.execute(db)).rows;
  }
  return found;
}

const LATEST = Object.keys(migrations).sort().at(-1) as string;
const MIGRATION_0006 = Object.keys(migrations).sort().at(-2) as string;

/** Busan and its districts, with what a running installation gathers: audit, sessions, tokens, a deleted value. */
async function busyInstallation(): Promise<Db> {
  const { db } = await seededSqliteDatabase();
  opened.push(db);
  const mayor = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'mayor')
    .executeTakeFirstOrThrow();
  for (const [i, action] of ['measurement.submit', 'measurement.approve', 'user.password'].entries())
    await appendAudit(db, {
      organisationId: 1,
      at: `2025-01-1${i}T00:00:00.000Z`,
      actorUserId: mayor.id,
      actor: 'mayor',
      action,
      entityType: 'measurement',
      entityId: String(i),
      after: { value: i + 0.25 },
    });
  await db
    .insertInto('sessions')
    .values({ id: 'hash', user_id: mayor.id, csrf_token: 'c', created_at: 'a', expires_at: 'b' })
    .execute();
  await db
    .insertInto('sign_in_devices')
    .values({ id: 'device', user_id: mayor.id, created_at: 'a', expires_at: 'b' })
    .execute();
  await db
    .insertInto('api_tokens')
    .values({ user_id: mayor.id, name: 'nightly', token_hash: 'h', prefix: 'tgb_x', created_at: 'a' })
    .execute();
  await db
    .insertInto('import_layouts')
    .values({
      owner: 'user:1',
      fingerprint: 'f',
      header_row: 1,
      mapping: '{}',
      chosen_by: mayor.id,
      chosen_at: 'a',
    })
    .execute();
  // A value entered and withdrawn: its number is not given again, on either side of a copy.
  const { id } = await db
    .insertInto('measurements')
    .values({
      indicator_id: 1,
      period: '2024-12',
      value: 1,
      source: 'typed',
      entered_by: 'mayor',
      entered_at: 'a',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('measurements').where('id', '=', id).execute();
  return db;
}

async function nextIds(db: Db): Promise<number[]> {
  const entry = await db
    .insertInto('audit_log')
    .values({ at: 'z', actor: 'test', action: 'x', entity_type: 'y', entity_id: '1', organisation_id: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const value = await db
    .insertInto('measurements')
    .values({
      indicator_id: 1,
      period: '2024-12',
      value: 2,
      source: 'typed',
      entered_by: 'test',
      entered_at: 'z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return [entry.id, value.id];
}

describe(`db copy, SQLite → ${TEST_ENGINE} → SQLite`, () => {
  it('copies every table row for row with its ids, and both go on numbering alike', {
    timeout: 60_000,
  }, async () => {
    const source = await busyInstallation();
    const before = await contents(source);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(22);
    // The seed's two (2025 copied forward from 2024, then confirmed) and this test's own.
    expect(before.audit_log).toHaveLength(5);

    const target = await emptyTarget();
    const summary = await copyDatabase(source, target);
    expect(summary.migration).toBe(LATEST);
    expect(summary.migrated).toEqual(Object.keys(migrations).sort());
    expect(Object.fromEntries(summary.tables.map((t) => [t.name, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([name, rows]) => [name, rows.length])),
    );
    expect(await contents(target)).toEqual(before);
    if (engineOf(target) === 'postgres') {
      // Its planner has statistics for the rows copied, not those of the empty tables it was made with.
      const { rows } = await sql<{ analysed: string }>`
        select count(*) as analysed from pg_stat_user_tables
        where relname = 'measurements' and last_analyze is not null`.execute(target);
      expect(Number(rows[0]?.analysed)).toBe(1);
    }

    const back = sqliteFile();
    await copyDatabase(target, back);
    expect(await contents(back)).toEqual(before);

    // The audit log is append-only on the copies too, and every copy numbers on from the source.
    await expect(sql`update audit_log set actor = 'x'`.execute(target)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(back)).rejects.toThrow(/append-only/);
    const next = await nextIds(source);
    expect(await nextIds(target)).toEqual(next);
    expect(await nextIds(back)).toEqual(next);
  });

  it('reads a large table a page at a time', { timeout: 60_000 }, async () => {
    const source = await busyInstallation();
    await addIndicatorsLike(source, 'CUL-01', 16_000, 'BULK', { ko: '대량', en: 'Bulk' });
    const pages: CopyProgress[] = [];
    const target = await emptyTarget();
    await copyDatabase(source, target, { onProgress: (p) => p.table === 'indicators' && pages.push(p) });
    const total = pages[0]?.total ?? 0;
    expect(total).toBeGreaterThan(3 * ROWS_PER_PAGE);
    // Never more rows in hand than a page holds.
    const steps = pages.slice(1).map((p, i) => p.copied - (pages[i]?.copied ?? 0));
    expect(steps.length).toBeGreaterThan(3);
    for (const step of steps) expect(step).toBeLessThanOrEqual(ROWS_PER_PAGE);
    expect(pages.at(-1)?.copied).toBe(total);
    expect((await contents(target)).indicators).toEqual((await contents(source)).indicators);
  });

  it('writes nothing when it fails half way, and can be run again', { timeout: 60_000 }, async () => {
    const source = await busyInstallation();
    const target = await emptyTarget();
    const failing = copyDatabase(source, target, {
      onProgress: (p) => {
        if (p.table === 'indicators' && p.copied > 0) throw new Error('the network went away');
      },
    });
    await expect(failing).rejects.toThrow(/network went away/);
    // What the migrations themselves write (Busan's row, the data version's) and nothing else.
    for (const [table, rows] of Object.entries(await contents(target)))
      expect(rows.length, table).toBe(table === 'organisations' || table === 'data_version' ? 1 : 0);
    await copyDatabase(source, target);
    expect(await contents(target)).toEqual(await contents(source));
  });
});

describe('db copy refuses', () => {
  const refusal = (code: string, params: object) =>
    expect.objectContaining({ name: 'CopyRefused', code, params: expect.objectContaining(params) });

  it('a target that holds data, and writes nothing to it', async () => {
    const source = await busyInstallation();
    const target = await emptyTarget();
    await copyDatabase(source, target);
    const held = await contents(target);
    await expect(copyDatabase(source, target, { names: { from: 'a', to: 'b' } })).rejects.toEqual(
      refusal('copy_target_not_empty', { database: 'b', table: 'organisations' }),
    );
    const measurementsOnly = await emptyTarget();
    await migrateToLatest(measurementsOnly);
    await sql`insert into sign_in_attempts (key, at, succeeded) values ('k', 'a', 0)`.execute(
      measurementsOnly,
    );
    await expect(copyDatabase(source, measurementsOnly)).rejects.toEqual(
      refusal('copy_target_not_empty', { table: 'sign_in_attempts' }),
    );
    expect(await contents(target)).toEqual(held);
  });

  it('a target migrated to another version than the source', async () => {
    const source = await busyInstallation();
    const target = await emptyTarget();
    await new Migrator({ db: target, provider: { getMigrations: async () => migrations } }).migrateTo(
      MIGRATION_0006,
    );
    await expect(copyDatabase(source, target)).rejects.toEqual(
      refusal('copy_version_mismatch', { source: LATEST, target: MIGRATION_0006 }),
    );
  });

  it('a source with nothing in it, or migrated by a newer Tangible', async () => {
    await expect(copyDatabase(sqliteFile(), await emptyTarget())).rejects.toEqual(
      refusal('copy_source_empty', {}),
    );
    const source = await busyInstallation();
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01-0099-future', 'x')`.execute(
      source,
    );
    await expect(copyDatabase(source, await emptyTarget())).rejects.toEqual(
      refusal('copy_source_unknown_migration', { migration: '2099-01-01-0099-future' }),
    );
  });

  it('a table the target does not have: no table is skipped for being unknown', async () => {
    const source = await busyInstallation();
    await sql`create table added_later (id integer primary key, note text)`.execute(source);
    await sql`insert into added_later (id, note) values (1, 'x')`.execute(source);
    await expect(copyDatabase(source, await emptyTarget())).rejects.toEqual(
      refusal('copy_schema_mismatch', { table: 'added_later' }),
    );
  });

  it('as a coded refusal', () => {
    expect(new CopyRefused('copy_same_database', { database: 'x' })).toMatchObject({
      code: 'copy_same_database',
      params: { database: 'x' },
    });
  });
});
