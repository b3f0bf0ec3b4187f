/**
 * Exports of several years (`year=2023,2024`): each year's rows with a `year` column in one streamed
 * file, a malformed list refused with a problem that says how to write one; a year without a plan
 * stood for by the next plan's baselines (marked, never measured), and a year that nothing stands
 * for refused whole rather than left out.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callerAs, createApiToken } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

let db: Db;
let server: Server;
let base: string;
let headers: Record<string, string>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  // Without the seed's own 2025 plan (copied forward from 2024): these tests build the one they read,
  // one indicator, so that what each year holds is what they say (its plan's rows cascade with it).
  await db.deleteFrom('plans').where('year', '=', 2025).execute();
  // A second plan year, confirmed, made as the planning office makes one.
  const planner = await callerAs(db, 'planner');
  const bi = (text: string) => ({ ko: text, en: text });
  await planner.planEditor.createPlan({
    year: 2025,
    name: bi('2025'),
    coreGoal: bi('goal'),
    source: 'illustrative',
  });
  await planner.planEditor.createSector({ year: 2025, code: 'CUL', name: bi('문화'), goal: bi('goal') });
  await planner.planEditor.createStrategy({ year: 2025, sector: 'CUL', code: 'CUL-2', name: bi('관광') });
  await planner.planEditor.createProject({
    year: 2025,
    strategy: 'CUL-2',
    code: 'CUL-2-1',
    name: bi('관광'),
    department: 'TOURISM',
  });
  await planner.planEditor.createIndicator({
    year: 2025,
    project: 'CUL-2-1',
    code: 'CUL-01',
    name: { ko: '외국인 관광객 수', en: 'Foreign visitors' },
    department: 'TOURISM',
    unit: 'people',
    direction: 'increase',
    aggregation: 'sum',
    frequency: 'monthly',
    baseline: { value: 2_930_000, year: 2024 },
    annualTarget: 3_000_000,
    interimTargets: [],
    thresholds: { onTrack: 0.95, atRisk: 0.8 },
    weight: 1,
    headline: true,
    source: 'illustrative',
    definition: bi('정의'),
    formula: bi('산식'),
    dataSource: bi('자료'),
  });
  await planner.planEditor.confirm({ year: 2025 });
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }).listen(
    0,
    '127.0.0.1',
  );
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const analyst = await findUserByUsername(db, 'analyst');
  headers = {
    authorization: `Bearer ${(await createApiToken(db, analyst?.id ?? 0, 'years test', new Date())).token}`,
  };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

async function rowsOf(path: string) {
  const res = await fetch(`${base}${path}`, { headers });
  expect(res.status, path).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, rows: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

describe('exports of several years', () => {
  it('puts each year’s rows in one file, in year order, with a year column, each year at asOf’s month', async () => {
    const { res, rows } = await rowsOf('/api/export/indicators.csv?year=2025,2024&asOf=2024-06&lang=en');
    expect(res.headers.get('content-disposition')).toContain('indicators-2024-2025-as-of-2024-06-en');
    const one = (await rowsOf('/api/export/indicators.csv?year=2024&asOf=2024-06&lang=en')).rows;
    expect(rows.filter((r) => r.year === '2024')).toEqual(one);
    expect(rows.filter((r) => r.year === '2025').map((r) => [r.kpi_code, r.annual_target, r.as_of])).toEqual([
      ['CUL-01', '3000000', '2025-06'],
    ]);
    expect(rows.map((r) => r.year)).toEqual([...one.map(() => '2024'), '2025']);
  });

  it.each([
    ['measurements', 'kpi_code'],
    ['milestones', 'milestone_code'],
    ['departments', 'department_code'],
  ])('takes several years on %s.csv too', async (table, column) => {
    const { rows } = await rowsOf(`/api/export/${table}.csv?year=2024,2025&lang=en`);
    expect(rows[0]).toHaveProperty(column);
    expect(new Set(rows.map((r) => r.year))).toContain('2024');
    expect(Object.keys(rows[0] ?? {}).at(-1)).toBe('year');
  });

  it.each([
    '2023-2024',
    '2024,',
    '24',
    '2024;2025',
    '1999,2024',
    '2000,2001,2002,2003,2004,2005,2006,2007,2008,2009,2010',
  ])('refuses year=%s saying how to write the years', async (given) => {
    const res = await fetch(`${base}/api/export/indicators.csv?year=${encodeURIComponent(given)}`, {
      headers,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; problem: { code: string; params: { max: number } } };
    expect(body.problem.code).toBe('years_malformed');
    expect(body.problem.params.max).toBe(10);
    expect(body.error).toContain('year=2023,2024');
  });

  it('stands for a year without a plan by the 2024 plan’s baselines, marked, with nothing measured', async () => {
    const { rows } = await rowsOf('/api/export/indicators.csv?year=2023,2024&lang=en');
    const of2023 = rows.filter((r) => r.year === '2023');
    const stood = await db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select(['indicators.code', 'indicators.baseline_value'])
      .where('plans.year', '=', 2024)
      .where('plans.organisation_id', '=', 1)
      .where('indicators.baseline_year', '=', 2023)
      .where('indicators.baseline_value', 'is not', null)
      .orderBy('indicators.code')
      .execute();
    expect(stood.length).toBeGreaterThan(40);
    expect(of2023.map((r) => r.kpi_code).sort()).toEqual(stood.map((s) => s.code));
    // CUL-01's 2023 value is Busan's published count (data/seed/years/actuals-2023.csv).
    expect(of2023.find((r) => r.kpi_code === 'CUL-01')).toMatchObject({
      actual_to_date: '1820057',
      kind: 'baseline',
      baseline_of_plan: '2024',
      annual_target: '',
      attainment: '',
      status: '',
      forecast_year_end: '',
      as_of: '',
    });
    expect(new Set(of2023.map((r) => [r.kind, r.annual_target, r.status].join('|')))).toEqual(
      new Set(['baseline||']),
    );
    // The 2024 rows are the one-year file's, measured.
    const one = (await rowsOf('/api/export/indicators.csv?year=2024&lang=en')).rows;
    expect(rows.filter((r) => r.year === '2024')).toEqual(one);
    expect(new Set(one.map((r) => r.kind))).toEqual(new Set(['measured']));
  });

  it('filters a baseline year by the later plan’s sector, and a status filter matches none of it', async () => {
    const { rows } = await rowsOf('/api/export/indicators.csv?year=2023&sector=CUL&lang=en');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.sector_code))).toEqual(new Set(['CUL']));
    const byStatus = await rowsOf('/api/export/indicators.csv?year=2023,2024&status=on_track&lang=en');
    expect(byStatus.rows.filter((r) => r.year === '2023')).toEqual([]);
  });

  it('has no reported values, milestones or scores of a year stood for by baselines', async () => {
    for (const table of ['measurements', 'milestones', 'departments']) {
      const { rows } = await rowsOf(`/api/export/${table}.csv?year=2023,2024&lang=en`);
      expect(
        rows.filter((r) => r.year === '2023'),
        table,
      ).toEqual([]);
      const alone = await fetch(`${base}/api/export/${table}.csv?year=2023&lang=ko`, { headers });
      expect(alone.status, table).toBe(200);
      const bytes = Buffer.from(await alone.arrayBuffer());
      // A header row only, with the byte-order mark Excel needs for Korean.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parse(bytes, { bom: true })).toHaveLength(1);
    }
  });

  it('neutralises a formula in a baseline row’s source, as in every row', async () => {
    const id = await db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select('indicators.id')
      .where('plans.year', '=', 2024)
      .where('plans.organisation_id', '=', 1)
      .where('indicators.code', '=', 'ECO-06')
      .executeTakeFirstOrThrow();
    const before = await db
      .selectFrom('indicators')
      .select('source')
      .where('id', '=', id.id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('indicators')
      .set({ source: '=HYPERLINK("http://x")' })
      .where('id', '=', id.id)
      .execute();
    try {
      const { rows } = await rowsOf('/api/export/indicators.csv?year=2023&lang=en');
      expect(rows.find((r) => r.kpi_code === 'ECO-06')?.source).toBe('\'=HYPERLINK("http://x")');
    } finally {
      await db.updateTable('indicators').set({ source: before.source }).where('id', '=', id.id).execute();
    }
  });

  it('refuses a year neither planned nor stood for, whole, naming the years of each kind', async () => {
    const res = await fetch(`${base}/api/export/indicators.csv?year=2019,2024`, { headers });
    expect(res.status).toBe(404);
    const body = (await res.json()) as {
      error: string;
      problem: { code: string; params: Record<string, string | number> };
    };
    expect(body.problem).toEqual({
      code: 'no_such_export_year',
      params: { year: 2019, plans: '2024, 2025', baselines: '2018, 2023' },
    });
    expect(body.error).toContain('There is no plan for 2019, and no later plan has a baseline of that year');
  });

  it('refuses a baseline year alone with a month of another year', async () => {
    const res = await fetch(`${base}/api/export/indicators.csv?year=2023&asOf=2024-06`, { headers });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problem: { code: string; params: Record<string, string> } };
    expect(body.problem.code).toBe('as_of_outside_years');
    expect(body.problem.params.example).toBe('2023-12');
  });

  it('refuses a month in none of the years exported, saying how to name one', async () => {
    const res = await fetch(`${base}/api/export/indicators.csv?year=2023,2024&asOf=2026-06&lang=en`, {
      headers,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: string;
      problem: { code: string; params: { years: string } };
    };
    expect(body.problem.code).toBe('as_of_outside_years');
    expect(body.problem.params.years).toBe('2023, 2024');
    expect(body.error).toContain('2024-06');
  });
});
