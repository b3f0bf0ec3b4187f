import { score as scoreOf } from '@tangible/core';
import { type Db, readAll, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorExport } from './export/indicators.js';
import type { createCaller } from './root.js';
import { callerAs } from './testing.js';

let db: Db;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  caller = await callerAs(db, 'mayor');
});
afterAll(async () => {
  await db.destroy();
});

describe('plan.overview', () => {
  it('shows the five sectors with scores and status counts that add up', async () => {
    const overview = await caller.plan.overview({ year: 2024, asOf: '2024-06' });
    expect(overview.asOf).toBe('2024-06');
    expect(overview.sectors.map((s) => s.code)).toEqual(['ECO', 'SAF', 'BAL', 'CUL', 'ADM']);
    const total = overview.sectors.reduce((sum, s) => sum + s.indicatorCount, 0);
    expect(overview.indicatorCount).toBe(total);
    for (const sector of overview.sectors) {
      const counted = Object.values(sector.statusCounts).reduce((a, b) => a + b, 0);
      expect(counted, sector.code).toBe(sector.indicatorCount);
      expect(sector.score).toBeGreaterThan(0);
      expect(sector.score).toBeLessThanOrEqual(1);
      expect(sector.headlines.length, `${sector.code} headlines`).toBeGreaterThan(0);
    }
  });

  it.each(['2024-06', '2024-12'])('has every status somewhere at %s', async (asOf) => {
    const overview = await caller.plan.overview({ year: 2024, asOf });
    for (const status of ['on_track', 'at_risk', 'off_track', 'no_data'] as const) {
      expect(overview.statusCounts[status], status).toBeGreaterThan(0);
    }
  });

  it('scores a sector as the weighted, capped mean of its indicators with data', async () => {
    const overview = await caller.plan.overview({ year: 2024, asOf: '2024-09' });
    const { indicators } = await caller.indicators.list({
      year: 2024,
      asOf: '2024-09',
      sector: 'SAF',
      limit: 100,
    });
    const saf = overview.sectors.find((s) => s.code === 'SAF');
    const expected = scoreOf(indicators.map((i) => ({ attainment: i.figures.attainment, weight: i.weight })));
    expect(saf?.score).toBeCloseTo(expected ?? Number.NaN, 12);
  });

  it('lists off-track indicators worst first, with owner and forecast', async () => {
    const { offTrack } = await caller.plan.overview({ year: 2024, asOf: '2024-12' });
    expect(offTrack.items.length).toBeGreaterThan(0);
    const attainments = offTrack.items.map((i) => i.figures.attainment ?? 0);
    expect([...attainments].sort((a, b) => a - b)).toEqual(attainments);
    for (const indicator of offTrack.items) {
      expect(indicator.figures.status).toBe('off_track');
      expect(indicator.department.name.ko.length).toBeGreaterThan(0);
    }
  });

  it('recomputes as of another month', async () => {
    const june = await caller.plan.overview({ year: 2024, asOf: '2024-06' });
    const december = await caller.plan.overview({ year: 2024, asOf: '2024-12' });
    expect(june.score).not.toBe(december.score);
    expect(june.statusCounts).not.toEqual(december.statusCounts);
  });

  it('defaults to the latest reported month', async () => {
    const overview = await caller.plan.overview({ year: 2024 });
    expect(overview.asOf).toBe('2024-12');
    // 2025 is confirmed but nothing is reported in it yet: the year a reader expects is 2024.
    expect(await caller.plan.years()).toEqual({
      years: [2024, 2025],
      drafts: [],
      latest: { year: 2024, asOf: '2024-12' },
    });
  });

  it('shows the airport track: the construction authority launched on 2024-05-31, not before', async () => {
    const before = await caller.milestones.timeline({ year: 2024, asOf: '2024-04' });
    const after = await caller.milestones.timeline({ year: 2024, asOf: '2024-06' });
    const launch = (o: typeof before) =>
      o.tracks
        .find((t) => t.project.name.en.includes('Gadeokdo'))
        ?.milestones.find((m) => m.name.en === 'Gadeokdo New Airport Construction Authority launched');
    expect(launch(before)?.state).toBe('planned');
    expect(launch(before)?.actual).toBeNull();
    expect(launch(after)?.state).toBe('done_on_time');
    expect(launch(after)?.actual).toBe('2024-05-31');
  });
});

describe('indicators', () => {
  it('computes a level with a rank: GFCI 27th at June, 25th at December, lower is better', async () => {
    const june = await caller.indicators.detail({ year: 2024, asOf: '2024-06', code: 'ADM-01' });
    const december = await caller.indicators.detail({ year: 2024, asOf: '2024-12', code: 'adm-01' });
    expect(june.indicator.direction).toBe('decrease');
    expect(june.indicator.figures.actualToDate).toBe(27);
    expect(december.indicator.figures.actualToDate).toBe(25);
    expect(december.series.map((p) => p.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(december.measurements.map((m) => m.period)).toEqual(['2024-Q1', '2024-Q3']);
    expect(december.measurements[0]?.source).toMatch(/Global Financial Centres Index/);
  });

  it('sums a flow: foreign visitors reach 2,929,192 in 2024 with a series of twelve months', async () => {
    const detail = await caller.indicators.detail({ year: 2024, asOf: '2024-12', code: 'CUL-01' });
    expect(detail.indicator.figures.actualToDate).toBe(2_929_192);
    expect(detail.series).toHaveLength(12);
    expect(detail.series[11]?.actualToDate).toBe(2_929_192);
    expect(detail.series[11]?.targetToDate).toBe(detail.indicator.annualTarget);
    const halfYear = await caller.indicators.detail({ year: 2024, asOf: '2024-06', code: 'CUL-01' });
    expect(halfYear.series[6]?.forecast).not.toBeNull();
    expect(halfYear.indicator.figures.runRateNeeded).toBeGreaterThan(0);
  });

  it('filters by sector, department and status', async () => {
    const all = await caller.indicators.list({ year: 2024, asOf: '2024-12', limit: 100 });
    const offTrack = await caller.indicators.list({ year: 2024, asOf: '2024-12', status: 'off_track' });
    const tourism = await caller.indicators.list({ year: 2024, asOf: '2024-12', department: 'TOURISM' });
    expect(offTrack.indicators.length).toBe(
      all.indicators.filter((i) => i.figures.status === 'off_track').length,
    );
    expect(tourism.indicators.length).toBeGreaterThan(0);
    expect(new Set(tourism.indicators.map((i) => i.department.code))).toEqual(new Set(['TOURISM']));
  });

  it('computes a milestone indicator from its track', async () => {
    const detail = await caller.indicators.detail({ year: 2024, asOf: '2024-12', code: 'BAL-01' });
    expect(detail.indicator.aggregation).toBe('milestones');
    expect(detail.milestones.length).toBeGreaterThanOrEqual(8);
    const done = detail.milestones.filter((m) => m.state.startsWith('done'));
    const total = detail.milestones.reduce((sum, m) => sum + m.weight, 0);
    const doneWeight = done.reduce((sum, m) => sum + m.weight, 0);
    expect(detail.indicator.figures.actualToDate).toBeCloseTo((doneWeight / total) * 100, 9);
  });
});

describe('milestones.timeline', () => {
  it('gives slippage in days and marks late and overdue milestones', async () => {
    const { tracks } = await caller.milestones.timeline({ year: 2024, asOf: '2024-12' });
    const airport = tracks.find((t) => t.project.name.en.includes('Gadeokdo'));
    expect(airport?.milestoneCount).toBeGreaterThanOrEqual(8);
    const states = new Set(tracks.flatMap((t) => t.milestones.map((m) => m.state)));
    expect(states).toContain('done_late');
    expect(states).toContain('overdue');
    for (const milestone of tracks.flatMap((t) => t.milestones)) {
      if (milestone.state === 'done_on_time') expect(milestone.slippageDays).toBe(0);
      if (milestone.state === 'done_late' || milestone.state === 'overdue') {
        expect(milestone.slippageDays).toBeGreaterThan(0);
      }
    }
  });
});

describe('departments', () => {
  it('compares every department that owns indicators, covering every indicator once', async () => {
    const { departments, total } = await caller.departments.comparison({ year: 2024, asOf: '2024-12' });
    expect(total).toBe(departments.length);
    const { indicators } = await caller.indicators.list({ year: 2024, asOf: '2024-12', limit: 100 });
    expect(departments.reduce((sum, d) => sum + d.indicatorCount, 0)).toBe(indicators.length);
    const bySector = await caller.departments.comparison({ year: 2024, asOf: '2024-12', sector: 'CUL' });
    const culture = await caller.indicators.list({ year: 2024, asOf: '2024-12', sector: 'CUL', limit: 100 });
    expect(bySector.departments.reduce((sum, d) => sum + d.indicatorCount, 0)).toBe(culture.total);
  });

  it('lists what a department has not reported yet', async () => {
    const detail = await caller.departments.detail({ year: 2024, asOf: '2024-12', department: 'CARBON' });
    const unreported = await caller.indicators.list({
      year: 2024,
      asOf: '2024-12',
      department: 'CARBON',
      unreported: true,
    });
    expect(unreported.total).toBe(detail.unreportedCount);
    for (const indicator of unreported.indicators) {
      expect(indicator.figures.periodsReported).toBeLessThan(indicator.figures.periodsDue);
      expect(indicator.missingPeriods.length).toBe(
        indicator.figures.periodsDue - indicator.figures.periodsReported,
      );
    }
    expect(detail.indicatorCount).toBeGreaterThan(0);
  });
});

describe('errors say what was wrong', () => {
  async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof TRPCError) return error;
      throw error;
    }
    throw new Error('expected an error');
  }

  it.each([
    [
      'a year with no plan',
      () => caller.plan.overview({ year: 2026 }),
      'NOT_FOUND',
      /no plan for 2026\. Plans: 2024, 2025/,
    ],
    [
      'an as-of month outside the year',
      () => caller.plan.overview({ year: 2024, asOf: '2023-06' }),
      'BAD_REQUEST',
      /outside the 2024 plan/,
    ],
    [
      'an as-of that is not a month',
      () => caller.plan.overview({ year: 2024, asOf: 'June' }),
      'BAD_REQUEST',
      /YYYY-MM/,
    ],
    [
      'an unknown sector',
      () => caller.sectors.detail({ year: 2024, sector: 'XXX' }),
      'NOT_FOUND',
      /no sector "XXX".*ECO, SAF/,
    ],
    [
      'an unknown indicator',
      () => caller.indicators.detail({ year: 2024, code: 'NOPE-1' }),
      'NOT_FOUND',
      /no indicator "NOPE-1"/,
    ],
    [
      'an unknown department',
      () => caller.departments.detail({ year: 2024, department: 'NOPE' }),
      'NOT_FOUND',
      /no department "NOPE"/,
    ],
    [
      'a year that is not a number',
      () => caller.plan.overview({ year: 'x' as unknown as number }),
      'BAD_REQUEST',
      /year|number/,
    ],
  ])('%s', async (_name, call, code, message) => {
    const error = await errorOf(call());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe('indicatorExport', () => {
  it('gives one row per indicator with the contract columns, in the chosen language', async () => {
    const english = await indicatorExport(db, 1, { year: 2024, asOf: '2024-06', lang: 'en' });
    const korean = await indicatorExport(db, 1, { year: 2024, asOf: '2024-06', lang: 'ko', sector: 'CUL' });
    const { total } = await caller.indicators.list({ year: 2024, asOf: '2024-06' });
    const englishRows = await readAll(english.rows);
    const koreanRows = await readAll(korean.rows);
    expect(englishRows).toHaveLength(total);
    for (const column of [
      'sector_code',
      'kpi_code',
      'attainment',
      'status',
      'forecast_year_end',
      'last_period',
    ]) {
      expect(english.columns).toContain(column);
    }
    const name = english.columns.indexOf('kpi_name');
    const code = english.columns.indexOf('kpi_code');
    const visitorsEn = englishRows.find((r) => r[code] === 'CUL-01');
    const visitorsKo = koreanRows.find((r) => r[code] === 'CUL-01');
    expect(visitorsEn?.[name]).toBe('Foreign visitors');
    expect(visitorsKo?.[name]).toBe('외국인 관광객 수');
    expect(koreanRows.every((r) => r[0] === 'CUL')).toBe(true);
  });
});

describe('plan.history', () => {
  it('gives the score month by month up to the as-of month, matching the overview at each month', async () => {
    const history = await caller.plan.history({ year: 2024, asOf: '2024-09', sector: 'ECO' });
    expect(history.months.map((m) => m.month)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
    ]);
    for (const month of ['2024-03', '2024-09']) {
      const sector = await caller.sectors.detail({ year: 2024, asOf: month, sector: 'ECO' });
      const point = history.months.find((m) => m.month === month);
      expect(point?.score).toBeCloseTo(sector.score ?? Number.NaN, 12);
      expect(point?.statusCounts).toEqual(sector.statusCounts);
    }
  });
});

describe('sectors.list', () => {
  it('lists the five sectors in plan order with both names', async () => {
    const sectors = await caller.sectors.list({ year: 2024 });
    expect(sectors.map((s) => s.code)).toEqual(['ECO', 'SAF', 'BAL', 'CUL', 'ADM']);
    expect(sectors[2]?.name.en).toBe('Sustainable Balanced Development City');
  });
});
