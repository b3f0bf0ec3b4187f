/**
 * No size cliffs: SQLite binds at most 32,766 values per statement, so any query binding one value
 * per indicator fails on a plan larger than that. A plan with 33,000 more indicators (each with an
 * annual target, some with approved values) is rebuilt, read and written through the same paths
 * as the seed's 57.
 */

import { addIndicatorsLike, type Db, findCurrentOf, rebuildFigures, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportingStatus } from './reporting.js';
import { callerAs } from './testing.js';

/** Past SQLite's 32,766 bound values, with room to spare. */
const EXTRA = 33_000;

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  // One statement each, as scripts/import-bench.ts adds indicators: copies of CUL-01 (a monthly sum).
  await addIndicatorsLike(db, 'CUL-01', EXTRA, 'BIG', { ko: '큰 계획 지표', en: 'Large plan indicator' });
  await sql`insert into targets (indicator_id, period, kind, value)
    select id, '2024', 'annual', 1200 from indicators where code like 'BIG-%'`.execute(db);
  // Every third one has reported January to March, at 100 a month (on track at March: 300 of 300).
  await sql`insert into measurements (indicator_id, period, value, source, status, entered_by, entered_at)
    select i.id, '2024-0' || m.month, 100, 'test', 'approved', 'test', '2025-01-01T00:00:00.000Z'
    from indicators i, (select 1 as month union all select 2 union all select 3) m
    where i.code like 'BIG-%' and i.id % 3 = 0`.execute(db);
}, 120_000);
afterAll(async () => {
  await db.destroy();
});

describe(`a plan of ${EXTRA + 57} indicators`, () => {
  it('rebuilds its stored figures', async () => {
    const [plan] = await rebuildFigures(db);
    expect(plan).toEqual({
      organisation: 'busan',
      year: 2024,
      indicators: EXTRA + 57,
      rows: (EXTRA + 57) * 12,
    });
  }, 300_000);

  it('answers the overview, the indicator list and the department comparison', async () => {
    const mayor = await callerAs(db, 'mayor');
    const overview = await mayor.plan.overview({ year: 2024, asOf: '2024-03' });
    expect(overview.indicatorCount).toBe(EXTRA + 57);
    const culture = overview.sectors.find((s) => s.code === 'CUL');
    expect(culture?.indicatorCount).toBeGreaterThan(EXTRA);
    expect(culture?.statusCounts.on_track).toBeGreaterThanOrEqual(EXTRA / 3 - 1);
    const list = await mayor.indicators.list({ year: 2024, asOf: '2024-03', department: 'TOURISM' });
    expect(list.total).toBeGreaterThan(EXTRA);
    expect(list.indicators).toHaveLength(25);
    const comparison = await mayor.departments.comparison({ year: 2024, asOf: '2024-03' });
    expect(comparison.departments.find((d) => d.code === 'TOURISM')?.indicatorCount).toBeGreaterThan(EXTRA);
  }, 120_000);

  it('reads the reporting status and the values in force of every indicator at once', async () => {
    const plan = await db
      .selectFrom('plans')
      .select(['id', 'year', 'report_due_working_days'])
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    const status = await reportingStatus(db, plan, 'TOURISM', new Date('2025-01-15'));
    expect(status.filter((i) => i.code.startsWith('BIG-'))).toHaveLength(EXTRA);
    const ids = (await db.selectFrom('indicators').select('id').where('code', 'like', 'BIG-%').execute()).map(
      (r) => r.id,
    );
    const current = await findCurrentOf(db, ids);
    // January to March of every third one, each with its approved value.
    expect(current.size).toBe(ids.filter((id) => id % 3 === 0).length * 3);
  }, 120_000);

  it('stores what an approval moves', async () => {
    const admin = await callerAs(db, 'admin');
    const planner = await callerAs(db, 'planner');
    await admin.reports.submit({ year: 2024, code: `BIG-${EXTRA - 1}`, period: '2024-06', value: 600 });
    const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
    await planner.approvals.approve({ id: pending?.id ?? 0 });
    const detail = await admin.indicators.detail({ year: 2024, asOf: '2024-06', code: `BIG-${EXTRA - 1}` });
    expect(detail.indicator.figures.actualToDate).toBeGreaterThanOrEqual(600);
  }, 120_000);
});
