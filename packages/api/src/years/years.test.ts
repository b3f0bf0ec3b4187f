/**
 * Years side by side against the seed (one plan year, 2024) and a 2025 draft built through the
 * plan editor as the planning office builds one: an indicator's years with 2023 stood for by the
 * 2024 plan's baseline, the ambition check of the 2025 targets, and the same month last year.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.js';

let db: Db;
let planner: Awaited<ReturnType<typeof callerAs>>;

const shared = {
  unit: 'people',
  direction: 'increase' as const,
  aggregation: 'sum' as const,
  frequency: 'monthly' as const,
  thresholds: { onTrack: 0.95, atRisk: 0.8 },
  weight: 1,
  headline: false,
  source: 'illustrative',
  department: 'TOURISM',
  interimTargets: [],
  definition: { ko: '정의', en: 'Definition' },
  formula: { ko: '산식', en: 'Formula' },
  dataSource: { ko: '자료', en: 'Data source' },
};

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  planner = await callerAs(db, 'planner');
  // Without the seed's own 2025 plan (copied forward from 2024): these tests build the one they read,
  // one indicator, so that what each year holds is what they say (its plan's rows cascade with it).
  await db.deleteFrom('plans').where('year', '=', 2025).execute();
  // The 2025 plan as copy-forward will make it: the same codes in a draft of the next year.
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
    name: bi('관광객'),
    department: 'TOURISM',
  });
  await planner.planEditor.createIndicator({
    ...shared,
    year: 2025,
    project: 'CUL-2-1',
    code: 'CUL-01',
    name: { ko: '외국인 관광객 수', en: 'Foreign visitors' },
    baseline: { value: 2_930_000, year: 2024 },
    annualTarget: 3_000_000,
  });
  await planner.planEditor.createIndicator({
    ...shared,
    year: 2025,
    project: 'CUL-2-1',
    code: 'CUL-03',
    name: { ko: '크루즈 관광객', en: 'Cruise passengers' },
    baseline: { value: 229_000, year: 2024 },
    // A fraction of any year on record (2023's published ~230,000, 2024's actual): below any trend.
    annualTarget: 50_000,
  });
});
afterAll(async () => {
  await db.destroy();
});

async function actualOf2024(code: string) {
  const detail = await planner.indicators.detail({ year: 2024, code });
  return { actual: detail.indicator.figures.actualToDate, asOf: detail.asOf };
}

describe('years.indicator', () => {
  it('reads 2023 as the 2024 plan’s baseline with its source, 2024 as measured, and no draft unless asked', async () => {
    const series = await planner.years.indicator({ code: 'cul-01' });
    expect(series.years.map((y) => [y.year, y.kind])).toEqual([
      [2023, 'baseline'],
      [2024, 'measured'],
    ]);
    const [y2023, y2024] = series.years;
    expect(y2023).toMatchObject({ actual: 1_820_057, target: null, status: null, month: null });
    expect(y2023?.source).toContain('이데일리');
    const { actual, asOf } = await actualOf2024('CUL-01');
    expect(y2024).toMatchObject({ actual, target: { original: 2_130_000, revised: null }, draft: false });
    expect(`2024-${String(y2024?.month).padStart(2, '0')}`).toBe(asOf);
  });

  it('adds the draft year when asked, and keeps the later plan’s baseline from standing for a year with a plan', async () => {
    const series = await planner.years.indicator({ code: 'CUL-01', drafts: true });
    expect(series.years.map((y) => [y.year, y.kind, y.draft])).toEqual([
      [2023, 'baseline', false],
      [2024, 'measured', false],
      [2025, 'measured', true],
    ]);
    expect(series.years[2]?.target).toEqual({ original: 3_000_000, revised: null });
  });

  it('refuses a code no year holds, by its code', async () => {
    const refused = await planner.years.indicator({ code: 'NOPE-99' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('NOT_FOUND');
    expect((refused as TRPCError & { cause: { problem: { code: string } } }).cause.problem.code).toBe(
      'no_such_indicator_series',
    );
  });
});

describe('the ambition check', () => {
  it('judges a target typed in the editor against the line through 2023 and 2024', async () => {
    const { actual } = await actualOf2024('CUL-01');
    if (actual === null) throw new Error('The seed has a 2024 actual for CUL-01');
    const projection = actual + (actual - 1_820_057);
    const judged = await planner.years.ambition({ year: 2025, code: 'CUL-01', target: projection * 1.2 });
    expect(judged.projection).toBeCloseTo(projection, 3);
    expect(judged.label).toBe('above_best');
    const low = await planner.years.ambition({ year: 2025, code: 'CUL-01', target: projection * 0.8 });
    expect(low.label).toBe('below_trend');
    // 2024's plan has only 2023 behind it: one point, no trend.
    expect((await planner.years.ambition({ year: 2024, code: 'CUL-01', target: 1 })).label).toBe('no_trend');
  });

  it('lists the plan’s least ambitious targets first, a page at a time', async () => {
    const first = await planner.years.leastAmbitious({ year: 2025, drafts: true, limit: 1 });
    expect(first.total).toBe(2);
    // CUL-03 asks for a fraction of the cruise passengers of any recent year: below its trend, first.
    expect(first.items.map((t) => [t.code, t.label])).toEqual([['CUL-03', 'below_trend']]);
    const second = await planner.years.leastAmbitious({ year: 2025, drafts: true, limit: 1, page: 2 });
    expect(second.items.map((t) => t.code)).toEqual(['CUL-01']);
    expect(second.items[0]?.stretchOverBaseline).toBeCloseTo(70_000 / 2_930_000, 9);
  });

  it('gives each sector its share of stretch targets among those with a trend', async () => {
    const shares = await planner.years.sectorAmbition({ year: 2025, drafts: true });
    expect(shares.map((s) => [s.sectorCode, s.judged])).toEqual([['CUL', 2]]);
    // 3 M visitors is short of the line through 2023 and 2024, and fewer cruise passengers too.
    expect(shares[0]).toMatchObject({ stretch: 0, share: 0, labels: { below_trend: 2, no_trend: 0 } });
    // 2024's targets have one earlier year each: none judged, no share.
    const shares2024 = await planner.years.sectorAmbition({ year: 2024 });
    expect(shares2024.every((s) => s.judged === 0 && s.share === null)).toBe(true);
  });
});

describe('years.lastYear', () => {
  it('sets the same month of last year’s plan beside this year, sector by sector', async () => {
    const compared = await planner.years.lastYear({ year: 2025, asOf: '2025-06', drafts: true });
    expect(compared?.lastYearAsOf).toBe('2024-06');
    const sector2024 = await planner.sectors.detail({ year: 2024, asOf: '2024-06', sector: 'CUL' });
    const cul = compared?.groups.find((g) => g.sectorCode === 'CUL');
    expect(cul?.lastYear?.statusCounts).toEqual(sector2024.statusCounts);
    expect(cul?.now.indicatorCount).toBe(2);
    expect(compared?.groups.find((g) => g.sectorCode === null)?.lastYear?.indicatorCount).toBeGreaterThan(50);
    // The whole plan first, then its sectors in the plan's order (the overview's cards), on both engines.
    const overview = await planner.plan.overview({ year: 2025, asOf: '2025-06', drafts: true });
    expect(compared?.groups.map((g) => g.sectorCode)).toEqual([null, ...overview.sectors.map((s) => s.code)]);
  });

  it('lists the sectors in the plan’s order, not the order their stored rows happen to come in', async () => {
    const bi = (text: string) => ({ ko: text, en: text });
    await planner.planEditor.createSector({ year: 2025, code: 'ECO', name: bi('경제'), goal: bi('goal') });
    await planner.planEditor.createStrategy({ year: 2025, sector: 'ECO', code: 'ECO-1', name: bi('창업') });
    await planner.planEditor.createProject({
      year: 2025,
      strategy: 'ECO-1',
      code: 'ECO-1-1',
      name: bi('창업 지원'),
      department: 'TOURISM',
    });
    await planner.planEditor.createIndicator({
      ...shared,
      year: 2025,
      project: 'ECO-1-1',
      code: 'ECO-99',
      name: bi('창업기업'),
      baseline: { value: 100, year: 2024 },
      annualTarget: 120,
    });
    const plan = await db.selectFrom('plans').select('id').where('year', '=', 2025).executeTakeFirstOrThrow();
    // The plan's sectors reordered (the plan editor moves them so): the one added last comes first.
    await db
      .updateTable('sectors')
      .set((eb) => ({ position: eb(eb.val(1000), '-', eb.ref('position')) }))
      .where('plan_id', '=', plan.id)
      .execute();
    const compared = await planner.years.lastYear({ year: 2025, asOf: '2025-06', drafts: true });
    const overview = await planner.plan.overview({ year: 2025, asOf: '2025-06', drafts: true });
    expect(overview.sectors.map((sector) => sector.code)).toEqual(['ECO', 'CUL']);
    expect(compared?.groups.map((g) => g.sectorCode)).toEqual([null, 'ECO', 'CUL']);
  });

  it('is null when last year has no plan', async () => {
    expect(await planner.years.lastYear({ year: 2024, asOf: '2024-06' })).toBeNull();
  });
});
