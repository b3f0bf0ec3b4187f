import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, migrateToEmpty, migrateToLatest, openDatabase } from '../connection.js';
import { SEED_DIR } from '../location.js';
import { prepareDatabase } from '../setup.js';
import { seededTestDatabase } from '../testing.js';
import { readSeedFiles, SeedError } from './files.js';
import { loadSeed } from './load.js';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

async function emptyDatabase(): Promise<Db> {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-seed-')), 'db.sqlite'));
  opened.push(db);
  await migrateToLatest(db);
  return db;
}

/** A copy of the seed folder with one file changed by `edit`. */
function seedWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tangible-seed-files-'));
  cpSync(SEED_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

async function count(
  db: Db,
  table: 'plans' | 'indicators' | 'measurements' | 'departments',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("Busan's 2024 seed", () => {
  it('has five sectors, at least 45 indicators with at least 7 per sector, and the airport and BuTX tracks', async () => {
    const { db } = await seededTestDatabase();
    opened.push(db);
    const perSector = await db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
      .select(['sectors.code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organisations.code', '=', 'busan')
      .where('plans.year', '=', 2024)
      .groupBy('sectors.code')
      .execute();
    expect(perSector.map((s) => s.code).sort()).toEqual(['ADM', 'BAL', 'CUL', 'ECO', 'SAF']);
    for (const sector of perSector) expect(Number(sector.n), sector.code).toBeGreaterThanOrEqual(7);
    expect(await count(db, 'indicators')).toBeGreaterThanOrEqual(45);

    const airport = await db
      .selectFrom('milestones')
      .innerJoin('projects', 'projects.id', 'milestones.project_id')
      .select(['milestones.name_en', 'milestones.actual_date'])
      .where('projects.name_en', 'like', '%Gadeokdo%')
      .execute();
    expect(airport.length).toBeGreaterThanOrEqual(8);
    expect(airport).toContainEqual({
      name_en: 'Gadeokdo New Airport Construction Authority launched',
      actual_date: '2024-05-31',
    });
    const butx = await db
      .selectFrom('milestones')
      .innerJoin('projects', 'projects.id', 'milestones.project_id')
      .select('milestones.code')
      .where('projects.name_en', 'like', '%BuTX%')
      .execute();
    expect(butx.length).toBeGreaterThanOrEqual(4);
  });

  it('has two districts of Busan with small illustrative plans that share indicator codes', async () => {
    const { db } = await seededTestDatabase();
    opened.push(db);
    const districts = await db
      .selectFrom('organisations as d')
      .innerJoin('organisations as city', 'city.id', 'd.parent_id')
      .innerJoin('plans', 'plans.organisation_id', 'd.id')
      .select(['d.code', 'd.kind', 'city.code as city', 'plans.year'])
      .orderBy('d.code')
      .execute();
    expect(districts).toEqual([
      { code: 'busanjin', kind: 'district', city: 'busan', year: 2024 },
      { code: 'haeundae', kind: 'district', city: 'busan', year: 2024 },
    ]);
    const codesOf = async (organisation: string) =>
      (
        await db
          .selectFrom('indicators')
          .innerJoin('projects', 'projects.id', 'indicators.project_id')
          .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
          .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
          .innerJoin('plans', 'plans.id', 'sectors.plan_id')
          .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
          .select(['indicators.code', 'indicators.source'])
          .where('organisations.code', '=', organisation)
          .execute()
      ).map((i) => {
        expect(i.source).toBe('illustrative');
        return i.code;
      });
    const haeundae = await codesOf('haeundae');
    const busanjin = await codesOf('busanjin');
    for (const codes of [haeundae, busanjin]) expect(codes.length).toBeGreaterThanOrEqual(8);
    expect(haeundae.filter((c) => busanjin.includes(c)).length).toBeGreaterThanOrEqual(3);
    // Each has demonstration accounts of its own, bureau heads of its own departments.
    const heads = await db
      .selectFrom('users')
      .innerJoin('departments', 'departments.id', 'users.department_id')
      .select(['users.username'])
      .whereRef('departments.organisation_id', '=', 'users.organisation_id')
      .where('users.username', 'like', '%.head')
      .execute();
    expect(heads.map((h) => h.username)).toEqual(
      expect.arrayContaining(['haeundae.tour.head', 'busanjin.jobs.head']),
    );
  });

  it('marks every figure with a source, and invented ones as illustrative', () => {
    const files = readSeedFiles(SEED_DIR);
    for (const row of [...files.indicators, ...files.measurements, ...files.milestones]) {
      expect(row.source.trim().length).toBeGreaterThan(0);
    }
    const visitors = files.measurements.filter((m) => m.kpi_code === 'CUL-01');
    expect(visitors.reduce((sum, m) => sum + m.value, 0)).toBe(2_929_192);
  });

  it('runs with foreign keys on, in WAL mode, and syncing every commit to disk', async () => {
    const db = await emptyDatabase();
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    // 2 = FULL: a commit reported as saved survives a power cut (NORMAL, 1, may lose it in WAL mode).
    expect(synchronous.rows[0]?.synchronous).toBe(2);
    await expect(
      db
        .insertInto('measurements')
        .values({
          indicator_id: 999,
          period: '2024-01',
          value: 1,
          note: null,
          source: 'x',
          entered_by: 'test',
          entered_at: '2024-01-01',
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('seeds once: a second seed of the same year is refused and changes nothing', async () => {
    const db = await emptyDatabase();
    await prepareDatabase(db, SEED_DIR);
    const measurements = await count(db, 'measurements');
    await expect(loadSeed(db, readSeedFiles(SEED_DIR), { enteredAt: 'now' })).rejects.toThrow(
      /already in the database/,
    );
    expect(await count(db, 'measurements')).toBe(measurements);
    const again = await prepareDatabase(db, SEED_DIR);
    expect(again.seeded).toBeNull();
  });

  it('applies a migration whole or not at all', async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'tangible-migrate-')), 'db.sqlite'));
    opened.push(db);
    // A table in the way makes 0002 fail half way through (after it has created users and sessions).
    await sql`create table sign_in_attempts (x integer)`.execute(db);
    await expect(migrateToLatest(db)).rejects.toThrow(/2024-01-02-0002-accounts failed/);
    const users = await sql<{
      name: string;
    }>`select name from sqlite_master where name in ('users', 'sessions', 'measurements_v2')`.execute(db);
    expect(users.rows).toEqual([]);
    await sql`drop table sign_in_attempts`.execute(db);
    // It picks up where it failed (later migrations follow it).
    expect((await migrateToLatest(db))[0]).toBe('2024-01-02-0002-accounts');
  });

  it('migrates down to nothing and up again', async () => {
    const db = await emptyDatabase();
    await migrateToEmpty(db);
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name = 'indicators'`.execute(db);
    expect(tables.rows).toHaveLength(0);
    expect(await migrateToLatest(db)).toContain('2024-01-01-0001-plan');
  });
});

describe('a bad seed file is refused with its file, row and field, and writes nothing', () => {
  it.each([
    [
      'an unknown indicator in measurements.csv',
      'measurements.csv',
      (text: string) => `${text.trimEnd()}\nXYZ-99,2024-01,5,,illustrative\n`,
      /measurements\.csv, row \d+, kpi_code: "XYZ-99" is not in indicators\.csv/,
    ],
    [
      'a value that is not a number',
      'measurements.csv',
      (text: string) => text.replace(/^(CUL-01,2024-01,)180000/m, '$1lots'),
      /measurements\.csv, row \d+: value: /,
    ],
    [
      'a quarter for a monthly indicator',
      'measurements.csv',
      (text: string) => text.replace(/^CUL-01,2024-01,/m, 'CUL-01,2024-Q1,'),
      /period: "2024-Q1" does not match CUL-01's monthly frequency/,
    ],
    [
      'a period outside the plan year',
      'measurements.csv',
      (text: string) => text.replace(/^CUL-01,2024-01,/m, 'CUL-01,2023-01,'),
      /period: "2023-01" is not in the plan year 2024/,
    ],
    [
      'the same indicator and period twice',
      'measurements.csv',
      (text: string) =>
        `${text.trimEnd()}\n${text.split('\n').find((l) => l.startsWith('CUL-01,2024-01'))}\n`,
      /indicator and period "CUL-01 2024-01" appears twice/,
    ],
    [
      'an impossible milestone date',
      'milestones.csv',
      (text: string) => text.replace('2024-05-31,,2024-05-31', '2024-05-31,,2024-02-30'),
      /milestones\.csv, row \d+: actual: must be a date written YYYY-MM-DD/,
    ],
    [
      'an unknown unit',
      'indicators.csv',
      (text: string) => text.replace(',institutions,increase,', ',bananas,increase,'),
      /indicators\.csv, row 2: unit: /,
    ],
    [
      'a target beyond what its unit can hold',
      'indicators.csv',
      (text: string) =>
        text.replace(
          ',institutions,increase,sum,quarterly,6,2023,10,',
          ',institutions,increase,sum,quarterly,6,2023,1e12,',
        ),
      /indicators\.csv, row 2: annual_target: must lie within 0–1000000 \(institutions\)/,
    ],
    [
      'a wrong header',
      'departments.csv',
      (text: string) => text.replace('code,name_ko,name_en', 'code,korean,english'),
      /departments\.csv, row 1: the header must be/,
    ],
  ])('%s', async (_name, file, edit, message) => {
    const dir = seedWith(file, edit);
    const db = await emptyDatabase();
    await expect(prepareDatabase(db, dir)).rejects.toThrow(message);
    await expect(prepareDatabase(db, dir)).rejects.toBeInstanceOf(SeedError);
    expect(await count(db, 'plans')).toBe(0);
    expect(await count(db, 'departments')).toBe(0);
  });

  it('rolls back a failure in the middle of the write', async () => {
    const db = await emptyDatabase();
    const files = readSeedFiles(SEED_DIR);
    // Passes the cross-checks but breaks a database constraint on the last milestone.
    const last = files.milestones[files.milestones.length - 1];
    if (!last) throw new Error('the seed has milestones');
    last.weight = -1;
    await expect(loadSeed(db, files, { enteredAt: 'now' })).rejects.toThrow(/CHECK constraint/);
    expect(await count(db, 'plans')).toBe(0);
    expect(await count(db, 'measurements')).toBe(0);
  });
});
