/** The districts side by side: what the mayor sees, read from the stored figures; nobody else sees it. */

import { type Db, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

/** The stored figure of an indicator of a district's plan at a month. */
async function stored(district: string, code: string, month: number) {
  return db
    .selectFrom('indicator_figures as f')
    .innerJoin('indicators', 'indicators.id', 'f.indicator_id')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
    .select(['f.attainment', 'f.status', 'f.actual_to_date', 'f.target_to_date'])
    .where('organisations.code', '=', district)
    .where('indicators.code', '=', code)
    .where('f.month', '=', month)
    .executeTakeFirstOrThrow();
}

describe('districts.comparison', () => {
  it('puts Busan’s districts side by side at the latest month any has reported', async () => {
    const mayor = await callerAs(db, 'mayor');
    const comparison = await mayor.districts.comparison({ year: 2024 });
    expect(comparison.asOf).toBe('2024-06');
    expect(comparison.organisation.code).toBe('busan');
    expect(comparison.districts.map((d) => d.code)).toEqual(['busanjin', 'haeundae']);
    for (const district of comparison.districts) {
      const counted = Object.values(district.statusCounts).reduce((a, b) => a + b, 0);
      expect(counted).toBe(district.indicatorCount);
      expect(district.score).toBeGreaterThan(0);
    }
    expect(comparison.shared.map((s) => s.code)).toEqual(['GU-01', 'GU-02', 'GU-03', 'GU-04', 'GU-05']);
    for (const indicator of comparison.shared) {
      for (const district of ['busanjin', 'haeundae']) {
        const figures = await stored(district, indicator.code, 6);
        expect(indicator.districts[district]).toEqual({
          attainment: figures.attainment,
          status: figures.status,
          actualToDate: figures.actual_to_date,
          targetToDate: figures.target_to_date,
        });
      }
    }
  });

  it('reads the stored figures of the month asked for, the same for every district', async () => {
    const admin = await callerAs(db, 'admin');
    const march = await admin.districts.comparison({ year: 2024, asOf: '2024-03' });
    expect(march.asOf).toBe('2024-03');
    const gu01 = march.shared.find((s) => s.code === 'GU-01');
    expect(gu01?.districts.haeundae?.actualToDate).toBe(
      (await stored('haeundae', 'GU-01', 3)).actual_to_date,
    );
    await expect(admin.districts.comparison({ year: 2024, asOf: '2023-03' })).rejects.toThrow(TRPCError);
  });

  it('is refused to a district’s own executive and to Busan’s other roles', async () => {
    for (const username of ['haeundae.mayor', 'haeundae.admin', 'planner', 'analyst', 'tourism.head']) {
      const caller = await callerAs(db, username);
      await expect(caller.districts.comparison({ year: 2024 }), username).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  // Last: it takes a district's stored figures away.
  it('fails rather than leave out a district whose plan it cannot read', async () => {
    const haeundae = await db
      .selectFrom('plans')
      .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
      .select('plans.id')
      .where('organisations.code', '=', 'haeundae')
      .where('plans.year', '=', 2024)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('plan_figures').where('plan_id', '=', haeundae.id).execute();
    const mayor = await callerAs(db, 'mayor');
    // A comparison without Haeundae in it would say nothing of why: the failure is the honest answer.
    await expect(mayor.districts.comparison({ year: 2024 })).rejects.toThrow(/No stored figures/);
  });
});
