/** Lists a page at a time on the seed: pages cover the list once, sorted and filtered in SQL, bounded. */

import { type Db, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { problemOfInput } from '../parameters.js';
import { reportingStatus } from '../reporting.js';
import type { createCaller } from '../root.js';
import { isUnreported } from '../summaries.js';
import { callerAs } from '../testing.js';
import { overduePage } from './reporting.js';

let db: Db;
let mayor: ReturnType<typeof createCaller>;
const view = { year: 2024, asOf: '2024-12' };

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  mayor = await callerAs(db, 'mayor');
});
afterAll(async () => {
  await db.destroy();
});

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Every page of a list, in order. */
async function allPages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>) {
  const first = await fetch(1);
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) {
    const next = await fetch(page);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { items, total: first.total };
}

describe('indicators.list, a page at a time', () => {
  it('covers every indicator once over its pages, in plan order', async () => {
    const { items, total } = await allPages(async (page) => {
      const answer = await mayor.indicators.list({ ...view, page, limit: 10 });
      return { items: answer.indicators, total: answer.total };
    });
    expect(total).toBe(57);
    expect(new Set(items.map((i) => i.code)).size).toBe(57);
    const whole = await mayor.indicators.list({ ...view, limit: 100 });
    expect(items.map((i) => i.code)).toEqual(whole.indicators.map((i) => i.code));
    expect((await mayor.indicators.list({ ...view, page: 7, limit: 10 })).indicators).toEqual([]);
  });

  it('sorts by attainment in SQL, indicators without data last either way', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const { indicators } = await mayor.indicators.list({ ...view, sort: 'attainment', order, limit: 100 });
      const measured = indicators.filter((i) => i.figures.attainment !== null);
      const values = measured.map((i) => i.figures.attainment ?? 0);
      const sorted = [...values].sort((a, b) => (order === 'asc' ? a - b : b - a));
      expect(values, order).toEqual(sorted);
      expect(indicators.slice(measured.length).every((i) => i.figures.attainment === null)).toBe(true);
    }
  });

  it('sorts by status: off track, at risk, on track, no data', async () => {
    const { indicators } = await mayor.indicators.list({ ...view, sort: 'status', limit: 100 });
    const rank = { off_track: 0, at_risk: 1, on_track: 2, no_data: 3 };
    const ranks = indicators.map((i) => rank[i.figures.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(4);
  });

  it('filters by several statuses, headline and what is not reported, counting what matches', async () => {
    const all = (await mayor.indicators.list({ ...view, limit: 100 })).indicators;
    const trouble = await mayor.indicators.list({ ...view, status: ['off_track', 'at_risk'], limit: 100 });
    expect(trouble.total).toBe(all.filter((i) => ['off_track', 'at_risk'].includes(i.figures.status)).length);
    expect(trouble.total).toBeGreaterThan(0);
    const headlines = await mayor.indicators.list({ ...view, headline: true });
    expect(headlines.total).toBe(all.filter((i) => i.headline).length);
    expect(headlines.total).toBeGreaterThan(5);
    expect(headlines.indicators.every((i) => i.headline)).toBe(true);
    // The SQL filter and summaries.ts's isUnreported say the same.
    for (const asOf of ['2024-03', '2024-08', '2024-12']) {
      const every = (await mayor.indicators.list({ year: 2024, asOf, limit: 100 })).indicators;
      const unreported = await mayor.indicators.list({ year: 2024, asOf, unreported: true, limit: 100 });
      const expected = every.filter((i) => isUnreported({ aggregation: i.aggregation, ...i.figures }));
      expect(
        unreported.indicators.map((i) => i.code),
        asOf,
      ).toEqual(expected.map((i) => i.code));
    }
  });

  it('sends no series in a list, only the trend a sparkline draws', async () => {
    const { indicators } = await mayor.indicators.list(view);
    expect(indicators[0]).not.toHaveProperty('series');
    expect(indicators[0]?.trend.length).toBeGreaterThan(0);
  });

  it('refuses a page larger than 100 rows, with a code and the bound', async () => {
    const error = await refusal(mayor.indicators.list({ ...view, limit: 101 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toBeInstanceOf(ZodError);
    expect(problemOfInput(error.cause as ZodError)).toEqual({
      code: 'invalid_parameter',
      params: { field: 'limit', reason: 'at_most', maximum: 100 },
    });
    const headlines = await refusal(mayor.sectors.headlines({ ...view, sector: 'ECO', limit: 13 }));
    expect(problemOfInput(headlines.cause as ZodError).params).toMatchObject({ field: 'limit', maximum: 12 });
    const sort = await refusal(mayor.indicators.list({ ...view, sort: 'series' as unknown as 'plan' }));
    expect(problemOfInput(sort.cause as ZodError).params).toMatchObject({ field: 'sort', reason: 'choice' });
    expect((await refusal(mayor.indicators.list({ ...view, page: 0 }))).code).toBe('BAD_REQUEST');
  });
});

describe('the overview, sized to the screen', () => {
  it('sends the first few of each list with how many there are', async () => {
    const overview = await mayor.plan.overview(view);
    const offTrack = await mayor.indicators.list({ ...view, status: 'off_track', sort: 'attainment' });
    expect(overview.offTrack.total).toBe(offTrack.total);
    expect(overview.offTrack.total).toBe(overview.statusCounts.off_track);
    expect(overview.offTrack.items.map((i) => i.code)).toEqual(
      offTrack.indicators.slice(0, 5).map((i) => i.code),
    );
    for (const sector of overview.sectors) {
      const headlines = await mayor.indicators.list({ ...view, sector: sector.code, headline: true });
      expect(sector.headlineCount).toBe(headlines.total);
      expect(sector.headlines.map((i) => i.code)).toEqual(
        headlines.indicators.slice(0, 4).map((i) => i.code),
      );
    }
    expect(overview.tracks.total).toBe(3);
    expect(overview.tracks.items[0]).not.toHaveProperty('milestones');
    // The track needing attention most comes first.
    const overdue = overview.tracks.items.map((t) => t.overdueCount);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
  });
});

describe('sectors, a page at a time', () => {
  it('lists a sector’s indicators as indicators.list does, and its headlines with their series', async () => {
    const page = await mayor.sectors.indicators({ ...view, sector: 'eco', sort: 'forecast', limit: 5 });
    const same = await mayor.indicators.list({ ...view, sector: 'ECO', sort: 'forecast', limit: 5 });
    expect(page.items).toEqual(same.indicators);
    expect(page.total).toBe((await mayor.sectors.detail({ ...view, sector: 'ECO' })).indicatorCount);
    const charts = await mayor.sectors.headlines({ ...view, sector: 'ECO' });
    expect(charts.total).toBe((await mayor.sectors.detail({ ...view, sector: 'ECO' })).headlineCount);
    expect(charts.total).toBeGreaterThan(1);
    expect(charts.items.every((i) => i.series.length > 0)).toBe(true);
  });

  it('fits the briefing on a page: the lists cut, their totals kept', async () => {
    const briefing = await mayor.sectors.briefing({ ...view, sector: 'BAL' });
    expect(briefing.attention.items.length).toBeLessThanOrEqual(12);
    expect(briefing.attention.items.every((i) => ['off_track', 'at_risk'].includes(i.figures.status))).toBe(
      true,
    );
    const shown = briefing.milestones.groups.reduce((sum, g) => sum + g.milestones.length, 0);
    expect(shown).toBeLessThanOrEqual(16);
    expect(shown).toBeLessThanOrEqual(briefing.milestones.relevant);
    expect(briefing.milestones.total).toBe(23);
  });
});

describe('milestones and departments, a page at a time', () => {
  it('pages the milestone tracks and the milestones one by one', async () => {
    const first = await mayor.milestones.timeline({ ...view, limit: 2 });
    const second = await mayor.milestones.timeline({ ...view, page: 2, limit: 2 });
    expect(first.total).toBe(3);
    expect([...first.tracks, ...second.tracks].map((t) => t.project.code)).toEqual(
      (await mayor.milestones.timeline(view)).tracks.map((t) => t.project.code),
    );
    const airport = await mayor.milestones.list({ ...view, department: 'AIRPORT', limit: 5 });
    expect(airport.items).toHaveLength(5);
    expect(airport.total).toBeGreaterThan(5);
    expect(airport.items.every((m) => m.department.code === 'AIRPORT')).toBe(true);
  });

  it('sorts the department comparison by score, departments without one last, and pages it', async () => {
    const { departments, total } = await mayor.departments.comparison({
      ...view,
      sort: 'score',
      order: 'desc',
      limit: 100,
    });
    const scored = departments.filter((d) => d.score !== null).map((d) => d.score ?? 0);
    expect(scored).toEqual([...scored].sort((a, b) => b - a));
    expect(departments.slice(scored.length).every((d) => d.score === null)).toBe(true);
    const pages = await allPages(async (page) => {
      const answer = await mayor.departments.comparison({
        ...view,
        sort: 'score',
        order: 'desc',
        page,
        limit: 5,
      });
      return { items: answer.departments, total: answer.total };
    });
    expect(pages.items.map((d) => d.code)).toEqual(departments.map((d) => d.code));
    expect(pages.total).toBe(total);
    expect(departments[0]).not.toHaveProperty('indicators');
  });
});

describe('reporting lists, a page at a time', () => {
  it('gives each value waiting for approval with the approved value it would replace', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    await tourism.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-12', value: 250_000 });
    // Low enough to leave CUL-02 off track: it comes with its commentary (follow-through).
    await tourism.reports.submit({
      year: 2024,
      code: 'CUL-02',
      period: '2024-Q4',
      value: 3,
      analysis: '일정 연기',
      nextSteps: '유치 설명회',
    });
    const queue = await mayor.approvals.pending({ year: 2024, limit: 1 });
    expect(queue.total).toBe(2);
    expect(queue.items).toHaveLength(1);
    const all = await mayor.approvals.pending({ year: 2024 });
    const visitors = all.items.find((p) => p.code === 'CUL-01');
    expect(visitors?.currentApproved).toBe(249_192);
  });

  it('lists the periods overdue across the plan as the reporting status says them', async () => {
    const plan = { id: 1, year: 2024, report_due_working_days: 7 };
    for (const now of [new Date('2024-08-20T03:00:00Z'), new Date('2025-02-01T03:00:00Z')]) {
      const status = await reportingStatus(db, plan, undefined, now);
      const expected = status.flatMap((i) =>
        i.periods.filter((p) => p.state === 'overdue').map((p) => `${i.code} ${p.period}`),
      );
      const page = await overduePage(db, plan, {}, now, { page: 1, limit: 100 });
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThanOrEqual(100);
      expect(page.total, now.toISOString()).toBe(expected.length);
      expect(page.items.map((i) => `${i.code} ${i.period}`).sort()).toEqual(expected.sort());
      const dues = page.items.map((i) => i.dueDate);
      expect(dues).toEqual([...dues].sort());
    }
  });
});
