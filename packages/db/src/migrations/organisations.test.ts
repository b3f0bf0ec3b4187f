/**
 * Migration 0007 in place: a database built by the migrations before it, holding a city's plan,
 * accounts and their activity, becomes Busan Metropolitan City's with every row kept; and back.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDatabase } from '../connection.js';
import { SEED_DIR } from '../location.js';
import { appendAudit } from '../queries/audit.js';
import { readSeedFiles } from '../seed/files.js';
import { loadSeed } from '../seed/load.js';
import { seededTestDatabase } from '../testing.js';
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

function fresh(name: string): { db: Db; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), `tangible-${name}-`)), 'db.sqlite');
  const db = openDatabase(path);
  opened.push(db);
  return { db, path };
}

function migrateTo(db: Db, name: string) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
}

// biome-ignore lint/suspicious/noExplicitAny: the tables as they stood before 0007 have no types today.
const loose = (db: Db) => db as unknown as Kysely<any>;

async function tables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
  return rows.map((r) => r.name);
}

async function columns(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

async function rowsOf(db: Db, table: string, names: string[]): Promise<unknown[]> {
  const { rows } = await sql`select ${sql.join(names.map((n) => sql.ref(n)))} from ${sql.table(table)}
    order by ${sql.join(names.map((n) => sql.ref(n)))}`.execute(db);
  return rows;
}

/** A city's database as a release before organisations left it: the plan, accounts and what they did. */
async function cityBeforeOrganisations(): Promise<{ old: Db; source: Db }> {
  const { db: source } = fresh('source');
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

  const { db: old } = fresh('old');
  const migrated = await migrateTo(old, BEFORE);
  expect(migrated.error).toBeUndefined();
  const sourcePath = (
    await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(source)
  ).rows[0]?.file;
  await sql`attach database ${sourcePath} as source`.execute(old);
  await sql`pragma foreign_keys = off`.execute(old);
  for (const table of await tables(old)) {
    const names = sql.join((await columns(old, table)).map((n) => sql.ref(n)));
    await sql`insert into main.${sql.table(table)} (${names}) select ${names} from source.${sql.table(table)}`.execute(
      old,
    );
  }
  await sql`pragma foreign_keys = on`.execute(old);
  await sql`detach database source`.execute(old);
  return { old, source };
}

describe('migration 0007 (organisations) on a database made before it', () => {
  it('makes everything Busan Metropolitan City’s and keeps every row', async () => {
    const { old, source } = await cityBeforeOrganisations();
    const before = new Map<string, { names: string[]; rows: unknown[] }>();
    for (const table of await tables(old)) {
      const names = await columns(old, table);
      before.set(table, { names, rows: await rowsOf(old, table, names) });
    }
    expect(before.get('measurements')?.rows.length).toBeGreaterThan(270);
    expect(before.get('indicator_figures')?.rows.length).toBeGreaterThan(600);

    expect(await migrateToLatest(old)).toContain(ORGANISATIONS);

    for (const [table, { names, rows }] of before) {
      expect(await rowsOf(old, table, names), table).toEqual(rows);
      // The same rows as the database they came from (which never lacked an organisation).
      expect(await rowsOf(source, table, names), table).toEqual(rows);
    }
    const organisations = await old.selectFrom('organisations').selectAll().execute();
    expect(organisations).toEqual([
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
    expect((await sql`pragma foreign_key_check`.execute(old)).rows).toEqual([]);
    expect((await sql`pragma integrity_check`.execute(old)).rows).toEqual([{ integrity_check: 'ok' }]);
    expect((await sql`pragma foreign_keys`.execute(old)).rows).toEqual([{ foreign_keys: 1 }]);
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
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      old
        .insertInto('departments')
        .values({ organisation_id: 1, code: 'TOURISM', name_ko: 'x', name_en: 'x' })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      old
        .insertInto('organisations')
        .values({ code: 'nowhere', name_ko: 'x', name_en: 'x', kind: 'district', parent_id: null })
        .execute(),
    ).rejects.toThrow(/CHECK/);
  });
});

describe('migration 0007 down', () => {
  it('keeps the first organisation’s data, removes the districts’ and comes back up', async () => {
    const { db } = await seededTestDatabase();
    opened.push(db);
    const districts = await db
      .selectFrom('organisations')
      .select('id')
      .where('parent_id', 'is not', null)
      .execute();
    expect(districts.length).toBeGreaterThanOrEqual(2);
    const busanIndicators = await db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select('indicators.code')
      .where('plans.organisation_id', '=', 1)
      .orderBy('indicators.code')
      .execute();
    const district = await db
      .selectFrom('users')
      .select('id')
      .where('organisation_id', '<>', 1)
      .executeTakeFirstOrThrow();
    await appendAudit(db, {
      organisationId: districts[0]?.id ?? 0,
      at: '2025-01-10T00:00:00.000Z',
      actorUserId: district.id,
      actor: 'someone',
      action: 'user.password',
      entityType: 'user',
      entityId: 'someone',
    });
    await appendAudit(db, {
      organisationId: 1,
      at: '2025-01-10T00:00:00.000Z',
      actorUserId: null,
      actor: 'cli',
      action: 'user.password',
      entityType: 'user',
      entityId: 'mayor',
    });
    expect((await migrateTo(db, BEFORE)).error).toBeUndefined();
    expect(await columns(db, 'plans')).not.toContain('organisation_id');
    expect(await db.selectFrom('plans').select('year').orderBy('year').execute()).toEqual([
      { year: 2024 },
      { year: 2025 },
    ]);
    expect(await db.selectFrom('indicators').select('code').orderBy('code').execute()).toEqual(
      busanIndicators,
    );
    // Busan's: the seed's 2025 (copied forward, confirmed) and the operator's entry.
    expect(await loose(db).selectFrom('audit_log').select('actor').execute()).toEqual([
      { actor: 'seed' },
      { actor: 'seed' },
      { actor: 'cli' },
    ]);
    expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await migrateToLatest(db)).toContain(ORGANISATIONS);
  });
});
