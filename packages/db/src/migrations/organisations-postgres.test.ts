/**
 * Migration 0007 in place on PostgreSQL (which alters the tables where SQLite rebuilds them): a
 * database built by the migrations before it, holding a city's plan, accounts and their activity,
 * becomes Busan Metropolitan City's with every row kept. The SQLite path: organisations.test.ts.
 * PostgreSQL only (vitest.config.ts): it needs TEST_POSTGRES_URL.
 */

import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest } from '../connection.js';
import { countFrom, parentsFirst, tableNames, tableShape } from '../copy/catalogue.js';
import { SEED_DIR } from '../location.js';
import { appendAudit } from '../queries/audit.js';
import { readSeedFiles } from '../seed/files.js';
import { loadSeed } from '../seed/load.js';
import { emptyPostgresTestDatabase } from '../testing-postgres.js';
import { migrations } from './index.js';

const ORGANISATIONS = '2024-01-07-0007-organisations';
/** The migration just before organisations, whatever it is called. */
const BEFORE = (() => {
  const names = Object.keys(migrations).sort();
  return names[names.indexOf(ORGANISATIONS) - 1] as string;
})();

const opened: Db[] = [];
afterAll(async () => {
  for (const db of opened) await db.destroy();
});

async function fresh(): Promise<Db> {
  const { db } = await emptyPostgresTestDatabase();
  opened.push(db);
  return db;
}

// biome-ignore lint/suspicious/noExplicitAny: the tables as they stood before 0007 have no types today.
const loose = (db: Db) => db as unknown as Kysely<any>;

/** A table's rows (these columns), in primary-key order: text order changes when 0007's run collates text as bytes. */
async function rowsOf(db: Db, table: string, columns: string[]): Promise<unknown[]> {
  const key = (await tableShape(db, table)).primaryKey;
  const { rows } = await sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
    order by ${sql.join(key.map((c) => sql.ref(c)))}`.execute(db);
  return rows;
}

/** A city's database as a release before organisations left it on PostgreSQL: the plan, accounts and what they did. */
async function cityBeforeOrganisations(): Promise<{ old: Db; source: Db }> {
  const source = await fresh();
  await migrateToLatest(source);
  await loadSeed(source, readSeedFiles(SEED_DIR), { enteredAt: '2025-01-15T09:00:00.000Z' });
  const tourism = await source
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'tourism.head')
    .executeTakeFirstOrThrow();
  const cul01 = await source
    .selectFrom('indicators')
    .select('id')
    .where('code', '=', 'CUL-01')
    .executeTakeFirstOrThrow();
  await source
    .insertInto('measurements')
    .values({
      indicator_id: cul01.id,
      period: '2024-12',
      value: 250_000,
      source: 'typed',
      status: 'pending',
      entered_by: 'tourism.head',
      entered_by_user_id: tourism.id,
      entered_at: '2025-01-10T00:00:00.000Z',
    })
    .execute();
  await source
    .insertInto('sessions')
    .values({ id: 'hash', user_id: tourism.id, csrf_token: 'c', created_at: 'a', expires_at: 'b' })
    .execute();
  await source
    .insertInto('api_tokens')
    .values({ user_id: tourism.id, name: 'nightly', token_hash: 'h', prefix: 'tgb_x', created_at: 'a' })
    .execute();
  await source
    .insertInto('import_layouts')
    .values({
      owner: 'user:1',
      fingerprint: 'f',
      header_row: 1,
      mapping: '{}',
      chosen_by: tourism.id,
      chosen_at: 'a',
    })
    .execute();
  await appendAudit(source, {
    organisationId: 1,
    at: '2025-01-10T00:00:00.000Z',
    actorUserId: tourism.id,
    actor: 'tourism.head',
    action: 'measurement.submit',
    entityType: 'measurement',
    entityId: '1',
    indicatorId: cul01.id,
  });

  // The old database holds the same rows in the columns its tables had then, numbered on past them.
  const old = await fresh();
  const migrated = await new Migrator({
    db: old,
    provider: { getMigrations: async () => migrations },
  }).migrateTo(BEFORE);
  expect(migrated.error).toBeUndefined();
  const shapes = parentsFirst(
    await Promise.all((await tableNames(old)).map((name) => tableShape(old, name))),
  );
  for (const shape of shapes) {
    const rows = (await rowsOf(source, shape.name, shape.columns)) as Record<string, unknown>[];
    for (let at = 0; at < rows.length; at += 1_000)
      await loose(old)
        .insertInto(shape.name)
        .values(rows.slice(at, at + 1_000))
        .execute();
    const last = rows.at(-1);
    if (shape.numbered && last) await countFrom(old, shape, Number(last[shape.numbered]));
  }
  return { old, source };
}

describe('migration 0007 (organisations) on a PostgreSQL database made before it', () => {
  it('makes everything Busan Metropolitan City’s in place and keeps every row', {
    timeout: 60_000,
  }, async () => {
    const { old, source } = await cityBeforeOrganisations();
    const before = new Map<string, { names: string[]; rows: unknown[] }>();
    for (const table of await tableNames(old)) {
      const names = (await tableShape(old, table)).columns;
      before.set(table, { names, rows: await rowsOf(old, table, names) });
    }
    expect(before.get('measurements')?.rows.length).toBeGreaterThan(270);
    expect(before.get('indicator_figures')?.rows.length).toBeGreaterThan(600);
    expect(before.get('audit_log')?.rows).toHaveLength(1);
    expect(before.has('organisations')).toBe(false);

    // 0007 first, then whatever came after it.
    expect((await migrateToLatest(old))[0]).toBe(ORGANISATIONS);

    for (const [table, { names, rows }] of before) {
      expect(await rowsOf(old, table, names), table).toEqual(rows);
      // The same rows as the database they came from (which never lacked an organisation).
      expect(await rowsOf(source, table, names), table).toEqual(rows);
    }
    expect(await old.selectFrom('organisations').selectAll().execute()).toEqual([
      {
        id: 1,
        code: 'busan',
        name_ko: '부산광역시',
        name_en: 'Busan Metropolitan City',
        kind: 'metropolitan',
        parent_id: null,
      },
    ]);
    for (const table of ['plans', 'departments', 'users'] as const) {
      const owners = await loose(old).selectFrom(table).select('organisation_id').distinct().execute();
      expect(owners, table).toEqual([{ organisation_id: 1 }]);
    }
    // Written before organisations: no organisation of its own, read as the first one's.
    expect(await old.selectFrom('audit_log').select('organisation_id').execute()).toEqual([
      { organisation_id: null },
    ]);
    await expect(loose(old).updateTable('plans').set({ organisation_id: null }).execute()).rejects.toThrow(
      /not-null/,
    );
    await expect(sql`update audit_log set actor = 'x'`.execute(old)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(old)).rejects.toThrow(/append-only/);
  });

  it('lets a district have its own plan of the same year and departments of the same codes, never two of one', async () => {
    const { old } = await cityBeforeOrganisations();
    await migrateToLatest(old);
    const { id: district } = await old
      .insertInto('organisations')
      .values({
        code: 'haeundae',
        name_ko: '해운대구',
        name_en: 'Haeundae-gu',
        kind: 'district',
        parent_id: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = {
      year: 2024,
      name_ko: 'p',
      name_en: 'p',
      core_goal_ko: 'g',
      core_goal_en: 'g',
      source: 's',
    };
    await old
      .insertInto('plans')
      .values({ ...plan, organisation_id: district })
      .execute();
    await old
      .insertInto('departments')
      .values({ organisation_id: district, code: 'TOURISM', name_ko: 'x', name_en: 'x' })
      .execute();
    await expect(
      old
        .insertInto('plans')
        .values({ ...plan, organisation_id: 1 })
        .execute(),
    ).rejects.toThrow(/plans_organisation_year/);
    await expect(
      old
        .insertInto('departments')
        .values({ organisation_id: 1, code: 'TOURISM', name_ko: 'x', name_en: 'x' })
        .execute(),
    ).rejects.toThrow(/departments_organisation_code/);
    await expect(
      old
        .insertInto('organisations')
        .values({ code: 'nowhere', name_ko: 'x', name_en: 'x', kind: 'district', parent_id: null })
        .execute(),
    ).rejects.toThrow(/organisations_parent/);
  });
});
