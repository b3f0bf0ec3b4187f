/**
 * What the reading screens and exports make of the plan's life: an approved revision shows the
 * original target beside the revised one (indicator page, sector briefing, indicators.csv); a
 * retired indicator or milestone is left out of lists, exports and timelines, said to be retired
 * when named by its code, and takes no more dates.
 */

import { type Db, readAll, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorExport } from '../export/indicators.js';
import { milestoneExport } from '../export/milestones.js';
import { callerAs } from '../testing.js';

let db: Db;
let planner: Awaited<ReturnType<typeof callerAs>>;
let admin: Awaited<ReturnType<typeof callerAs>>;
let tourism: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  planner = await callerAs(db, 'planner');
  admin = await callerAs(db, 'admin');
  tourism = await callerAs(db, 'tourism.head');
});
afterAll(async () => {
  await db.destroy();
});

async function problemOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, problem: (error.cause as { problem?: { code: string } }).problem?.code };
  }
  throw new Error('The call was not refused.');
}

const view = { year: 2024, asOf: '2024-12' };

describe('an approved revision beside the original target', () => {
  beforeAll(async () => {
    const proposed = await tourism.planEditor.proposeRevision({
      year: 2024,
      code: 'CUL-01',
      period: '2024',
      value: 2_500_000,
      reason: '외국인 관광객 회복세 반영',
    });
    await planner.planEditor.approveRevision({ id: proposed?.id ?? 0 });
  });

  it('on the indicator page', async () => {
    const detail = await planner.indicators.detail({ ...view, code: 'CUL-01' });
    expect(detail.indicator.annualTarget).toBe(2_500_000);
    expect(detail.revisions).toEqual([
      expect.objectContaining({
        period: '2024',
        original: 2_130_000,
        revised: 2_500_000,
        reason: '외국인 관광객 회복세 반영',
      }),
    ]);
  });

  it('in the sector briefing, with when and why', async () => {
    const briefing = await planner.sectors.briefing({ ...view, sector: 'CUL' });
    expect(briefing.revisions).toEqual([
      expect.objectContaining({ code: 'CUL-01', original: 2_130_000, revised: 2_500_000 }),
    ]);
    expect(briefing.revisions[0]?.revisedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('in indicators.csv, with the original, the revised target, the date and the reason', async () => {
    const table = await indicatorExport(db, 1, { ...view, lang: 'en' });
    const rows = await readAll(table.rows);
    const column = (name: string) => table.columns.indexOf(name);
    const cul01 = rows.find((r) => r[column('kpi_code')] === 'CUL-01') ?? [];
    expect(cul01[column('annual_target')]).toBe(2_500_000);
    expect(cul01[column('original_target')]).toBe(2_130_000);
    expect(cul01[column('revised_target')]).toBe(2_500_000);
    expect(cul01[column('revision_reason')]).toBe('외국인 관광객 회복세 반영');
    const cul02 = rows.find((r) => r[column('kpi_code')] === 'CUL-02') ?? [];
    expect(cul02[column('revised_target')]).toBeNull();
  });
});

describe('retired things', () => {
  beforeAll(async () => {
    await planner.planEditor.retire({ year: 2024, level: 'indicator', code: 'CUL-02' });
    await planner.planEditor.retire({ year: 2024, level: 'milestone', code: 'BAL-M05' });
  });

  it('leave indicators.csv complete without the retired indicator', async () => {
    const rows = await readAll((await indicatorExport(db, 1, { ...view, lang: 'en' })).rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r[4] === 'CUL-02')).toBe(false);
  });

  it('say the indicator is retired when it is opened by its code', async () => {
    expect(await problemOf(planner.indicators.detail({ ...view, code: 'CUL-02' }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'indicator_retired_on',
    });
  });

  it('leave the milestone out of the timeline, the list and milestones.csv', async () => {
    const timeline = await planner.milestones.timeline({ ...view, sector: 'BAL', limit: 20 });
    const onTimeline = timeline.tracks.flatMap((t) => t.milestones.map((m) => m.code));
    expect(onTimeline).toContain('BAL-M04');
    expect(onTimeline).not.toContain('BAL-M05');
    const list = await planner.milestones.list({ ...view, sector: 'BAL', limit: 100 });
    expect(list.items.map((m) => m.code)).not.toContain('BAL-M05');
    const exported = await readAll((await milestoneExport(db, 1, { ...view, lang: 'en' })).rows);
    expect(exported.some((r) => r.includes('BAL-M05'))).toBe(false);
    expect(exported.some((r) => r.includes('BAL-M04'))).toBe(true);
  });

  it('refuse a retired milestone a new date', async () => {
    expect(
      await problemOf(
        admin.reports.updateMilestone({
          year: 2024,
          code: 'BAL-M05',
          forecastDate: '2024-12-30',
          reason: 'test',
        }),
      ),
    ).toEqual({ code: 'CONFLICT', problem: 'milestone_retired' });
  });
});
