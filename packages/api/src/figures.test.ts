/**
 * Stored figures move with the change that moves them, in its own transaction, and only where it can
 * move them (figures.property.test.ts holds that they always equal a rebuild).
 */

import {
  type Db,
  latestMonthOf,
  RULES_VERSION,
  rebuildFigures,
  refuseInserts,
  STALE_RULES,
  seededTestDatabase,
} from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from './testing.js';

/** The commentary a slipping value needs (follow-through); it moves no figure. */
const COMMENTARY = { analysis: '분석', nextSteps: '대책' };

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

/** The 2024 plan's indicator (2025's, copied forward, has the same code). */
async function storedOf(code: string) {
  return db
    .selectFrom('indicator_figures')
    .innerJoin('indicators', 'indicators.id', 'indicator_figures.indicator_id')
    .innerJoin('plans', 'plans.id', 'indicator_figures.plan_id')
    .selectAll('indicator_figures')
    .where('indicators.code', '=', code)
    .where('plans.year', '=', 2024)
    .where('plans.organisation_id', '=', 1)
    .orderBy('month')
    .execute();
}

async function everyStoredFigure() {
  return db.selectFrom('indicator_figures').selectAll().orderBy('indicator_id').orderBy('month').execute();
}

/** Runs the work while storing figures fails, as a full disk would. */
async function whileFiguresFail(work: () => Promise<unknown>) {
  const restore = await refuseInserts(db, 'indicator_figures', 'figures refused');
  try {
    await work();
  } finally {
    await restore();
  }
}

describe('stored figures move with each change', () => {
  it('an approval stores its indicator from the month its period ends, and nothing before it', async () => {
    const admin = await callerAs(db, 'admin');
    const planner = await callerAs(db, 'planner');
    const before = await storedOf('CUL-01');
    await admin.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-03', value: 1, ...COMMENTARY });
    expect(await storedOf('CUL-01')).toEqual(before);

    const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
    await planner.approvals.approve({ id: pending?.id ?? 0 });
    const after = await storedOf('CUL-01');
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    for (const month of [3, 6, 12]) {
      const was = before[month - 1]?.actual_to_date ?? 0;
      expect(after[month - 1]?.actual_to_date, `as of month ${month}`).toBeLessThan(was);
    }
    const overview = await admin.indicators.detail({ year: 2024, asOf: '2024-03', code: 'CUL-01' });
    expect(overview.indicator.figures.actualToDate).toBe(after[2]?.actual_to_date);
  });

  it('submitting and returning values move no stored figure', async () => {
    const admin = await callerAs(db, 'admin');
    const planner = await callerAs(db, 'planner');
    const before = await everyStoredFigure();
    await admin.reports.submitMany({
      year: 2024,
      entries: [
        { code: 'ECO-04', period: '2024-05', value: 3, ...COMMENTARY },
        { code: 'ADM-01', period: '2024-Q2', value: 2, ...COMMENTARY },
      ],
    });
    for (const pending of (await planner.approvals.pending({ year: 2024 })).items) {
      await planner.approvals.return({ id: pending.id, reason: 'not this one' });
    }
    expect(await everyStoredFigure()).toEqual(before);
  });

  it('an approval whose figures cannot be stored does not happen: one transaction', async () => {
    const admin = await callerAs(db, 'admin');
    const planner = await callerAs(db, 'planner');
    await admin.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-01', value: 7, ...COMMENTARY });
    const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
    const approved = () =>
      db
        .selectFrom('measurements')
        .select(['id', 'status'])
        .where('status', '=', 'approved')
        .orderBy('id')
        .execute();
    const before = { figures: await everyStoredFigure(), approved: await approved() };
    await whileFiguresFail(() =>
      expect(planner.approvals.approve({ id: pending?.id ?? 0 })).rejects.toThrow(/figures refused/),
    );
    expect({ figures: await everyStoredFigure(), approved: await approved() }).toEqual(before);
    expect((await planner.approvals.pending({ year: 2024 })).items.map((p) => p.id)).toContain(pending?.id);
  });

  it("a milestone's dates move its track's indicator at every month, in the same transaction", async () => {
    const airport = await callerAs(db, 'airport.head');
    const before = await storedOf('BAL-01');
    const change = {
      year: 2024,
      code: 'BAL-M04',
      actualDate: null,
      forecastDate: '2025-06-30',
      reason: 'undone',
    };
    const dates = () =>
      db
        .selectFrom('milestones')
        .select(['actual_date', 'forecast_date'])
        .where('code', '=', 'BAL-M04')
        .execute();
    const stored = await dates();
    await whileFiguresFail(() =>
      expect(airport.reports.updateMilestone(change)).rejects.toThrow(/figures refused/),
    );
    expect(await dates()).toEqual(stored);
    expect(await storedOf('BAL-01')).toEqual(before);

    await airport.reports.updateMilestone(change);
    const after = await storedOf('BAL-01');
    // Planned for March, done in May: undone, it no longer counts from May on.
    expect(after[4]?.actual_to_date).toBeLessThan(before[4]?.actual_to_date ?? 0);
    expect(after.slice(0, 4).map((m) => m.actual_to_date)).toEqual(
      before.slice(0, 4).map((m) => m.actual_to_date),
    );
    // …and the forecast reaches back: the year-end projection moves even at January.
    expect(after[0]?.forecast_year_end).toBeLessThan(before[0]?.forecast_year_end ?? 0);
  });

  it('an approval of a later period moves the month screens open at, and nothing else does', async () => {
    const { db: july } = await seededTestDatabase();
    // As it stood in July: no approved value of a period ending after June.
    for (const { id, period } of await july.selectFrom('measurements').select(['id', 'period']).execute()) {
      if ((latestMonthOf([period], 2024) ?? 0) > 6)
        await july.deleteFrom('measurements').where('id', '=', id).execute();
    }
    await rebuildFigures(july);
    const admin = await callerAs(july, 'admin');
    const planner = await callerAs(july, 'planner');
    const opensAt = async () => (await admin.plan.years()).latest?.asOf;
    expect(await opensAt()).toBe('2024-06');

    await admin.reports.submit({ year: 2024, code: 'ADM-01', period: '2024-Q3', value: 25, ...COMMENTARY });
    expect(await opensAt()).toBe('2024-06');
    const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
    await planner.approvals.approve({ id: pending?.id ?? 0 });
    expect(await opensAt()).toBe('2024-09');
    expect((await admin.plan.overview({ year: 2024 })).asOf).toBe('2024-09');
    await july.destroy();
  });

  it("an approval by other rules than the plan's stamp clears it, and the plan's screens still open", async () => {
    const { db: shared } = await seededTestDatabase();
    // A newer release rebuilt and stamped the plan (its CLI run after a pull, or its server started
    // beside this one); this process, still on the older rules, goes on serving approvals.
    await shared
      .updateTable('plan_figures')
      .set({ rules_version: RULES_VERSION + 1 })
      .execute();
    const admin = await callerAs(shared, 'admin');
    const planner = await callerAs(shared, 'planner');
    await admin.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-03', value: 1, ...COMMENTARY });
    const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
    await planner.approvals.approve({ id: pending?.id ?? 0 });
    // Stamped still, CUL-01's March–December figures would be the older rules' under the newer stamp,
    // and the newer release's next start would never rebuild them.
    // Busan's plan (the first loaded; the districts' plans follow): rows come in no order of their own.
    const { rules_version } = await shared
      .selectFrom('plan_figures')
      .select('rules_version')
      .orderBy('plan_id')
      .executeTakeFirstOrThrow();
    expect(rules_version).toBe(STALE_RULES);
    const overview = await admin.plan.overview({ year: 2024 });
    expect(overview.asOf).toBe('2024-12');
    expect(
      (await admin.indicators.detail({ year: 2024, code: 'CUL-01' })).measurements.find(
        (m) => m.period === '2024-03',
      )?.value,
    ).toBe(1);
    await shared.destroy();
  });
});
