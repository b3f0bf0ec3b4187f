/**
 * Next year from this one, through `planEditor.copyForward` as the planning office calls it: the
 * structure with its codes, baselines from the source year's stored actuals, proposed targets,
 * unfinished milestones, one audit entry, and the refusals. Copies 2024 (fully reported) into 2026,
 * a year the seed leaves free.
 */

import { proposedTarget } from '@tangible/core';
import { copyTestDatabase, type Db, rebuildFigures, refuseInserts, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.js';
import { storedFigures } from './figures.testing.js';

let seeded: { db: Db; path: string };
let working: { db: Db; path: string };
let db: Db;
let planner: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  seeded = await seededTestDatabase();
  working = await copyTestDatabase(seeded);
  ({ db } = working);
  planner = await callerAs(db, 'planner');
});
afterAll(async () => {
  await db.destroy();
  await seeded.db.destroy();
});

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, problem: (error.cause as { problem?: { code: string } }).problem?.code };
  }
  throw new Error('The call was not refused.');
}

/** A plan's live indicators with their December figure and targets, by code. */
async function indicatorsOf(year: number) {
  const rows = await db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .innerJoin('indicator_figures', (j) =>
      j.onRef('indicator_figures.indicator_id', '=', 'indicators.id').on('indicator_figures.month', '=', 12),
    )
    .select([
      'indicators.id',
      'indicators.code',
      'indicators.name_ko',
      'indicators.unit',
      'indicators.direction',
      'indicators.aggregation',
      'indicators.department_id',
      'indicators.weight',
      'indicators.source',
      'indicators.baseline_value',
      'indicators.baseline_year',
      'indicator_figures.actual_to_date',
      'indicator_figures.annual_target',
    ])
    .where('plans.year', '=', year)
    .where('plans.organisation_id', '=', 1)
    .where('indicators.retired_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

async function targetsOf(indicatorId: number) {
  return db
    .selectFrom('targets')
    .select(['period', 'kind', 'value'])
    .where('indicator_id', '=', indicatorId)
    .orderBy('period')
    .execute();
}

async function milestonesOf(year: number) {
  return db
    .selectFrom('milestones')
    .innerJoin('projects', 'projects.id', 'milestones.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .select([
      'milestones.code',
      'milestones.planned_date',
      'milestones.forecast_date',
      'milestones.actual_date',
    ])
    .where('plans.year', '=', year)
    .where('plans.organisation_id', '=', 1)
    .orderBy('milestones.code')
    .execute();
}

describe('copyForward: 2024 into a 2026 draft', () => {
  it('refuses a year that exists, a source that is missing or a draft, and copies nothing', async () => {
    expect(await refusal(planner.planEditor.copyForward({ fromYear: 2024, toYear: 2024 }))).toEqual({
      code: 'CONFLICT',
      problem: 'plan_year_exists',
    });
    expect(await refusal(planner.planEditor.copyForward({ fromYear: 2019, toYear: 2026 }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'no_such_plan',
    });
    const bi = { ko: '초안', en: 'Draft' };
    await planner.planEditor.createPlan({ year: 2030, name: bi, coreGoal: bi, source: 'test' });
    expect(await refusal(planner.planEditor.copyForward({ fromYear: 2030, toYear: 2031 }))).toEqual({
      code: 'BAD_REQUEST',
      problem: 'plan_copy_from_draft',
    });
    expect((await planner.plan.years({ drafts: true })).years).not.toContain(2026);
  });

  it('writes nothing when a write fails half-way', async () => {
    const allow = await refuseInserts(db, 'milestones', 'disk full');
    await expect(planner.planEditor.copyForward({ fromYear: 2024, toYear: 2026 })).rejects.toThrow();
    await allow();
    expect((await planner.plan.years({ drafts: true })).years).not.toContain(2026);
    expect((await indicatorsOf(2026)).size).toBe(0);
  });

  it('carries every live indicator with its code and fields, its baseline the 2024 actual', async () => {
    const before = await indicatorsOf(2024);
    const summary = await planner.planEditor.copyForward({ fromYear: 2024, toYear: 2026 });
    const after = await indicatorsOf(2026);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(summary.indicators).toBe(before.size);
    // Kept: the milestone-measured ones, and those nothing was reported for in 2024 (CUL-08, ECO-03, SAF-01).
    const kept = [...before.values()].filter(
      (i) => i.aggregation === 'milestones' || i.actual_to_date === null,
    );
    expect(kept.length).toBeGreaterThan(3);
    expect(summary.baselinesKept.sort()).toEqual(kept.map((i) => i.code).sort());
    expect(summary.baselinesFromActuals).toBe(before.size - kept.length);
    for (const [code, old] of before) {
      const carried = after.get(code);
      const same = ({
        name_ko,
        unit,
        direction,
        aggregation,
        department_id,
        weight,
        source,
      }: typeof old) => ({ name_ko, unit, direction, aggregation, department_id, weight, source });
      expect(same(carried as typeof old)).toEqual(same(old));
      if (old.aggregation === 'milestones' || old.actual_to_date === null) {
        expect([carried?.baseline_value, carried?.baseline_year]).toEqual([
          old.baseline_value,
          old.baseline_year,
        ]);
        continue;
      }
      expect({ code, value: carried?.baseline_value, year: carried?.baseline_year }).toEqual({
        code,
        value: old.actual_to_date,
        year: 2024,
      });
    }
    // CUL-01 (a monthly sum): the twelve months of measurements.csv, 2,929,192 foreign visitors.
    expect(after.get('CUL-01')?.baseline_value).toBe(2929192);
    const cul = after.get('CUL-01');
    const oldCul = before.get('CUL-01');
    expect((await targetsOf(cul?.id ?? 0)).find((t) => t.kind === 'annual')).toEqual({
      period: '2026',
      kind: 'annual',
      value: proposedTarget(
        'increase',
        { baseline: oldCul?.baseline_value ?? null, target: oldCul?.annual_target ?? 0 },
        2929192,
      ),
    });
  });

  it('moves interim targets into the new year, rescaled with the annual target', async () => {
    const eco = (await indicatorsOf(2026)).get('ECO-07');
    const targets = await targetsOf(eco?.id ?? 0);
    const annual = targets.find((t) => t.kind === 'annual')?.value ?? 0;
    expect(targets.filter((t) => t.kind === 'interim').map((t) => t.period)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    // The last quarter's target to date is the year's (50,000 of 50,000 in 2024).
    expect(targets.find((t) => t.period === '2026-Q4')?.value).toBe(annual);
  });

  it('carries unfinished milestones at their forecast date and leaves finished ones behind', async () => {
    const old = await milestonesOf(2024);
    const carried = new Map((await milestonesOf(2026)).map((m) => [m.code, m]));
    const open = old.filter((m) => m.actual_date === null);
    expect([...carried.keys()]).toEqual(open.map((m) => m.code));
    for (const m of open)
      expect(carried.get(m.code)).toMatchObject({
        planned_date: m.forecast_date ?? m.planned_date,
        forecast_date: null,
        actual_date: null,
      });
    // BAL-M12, site works start: planned 2024-12-31, forecast 2025-12-31.
    expect(carried.get('BAL-M12')?.planned_date).toBe('2025-12-31');
  });

  it('is a draft, audited once with its summary, with figures a rebuild agrees with', async () => {
    const years = await planner.plan.years({ drafts: true });
    expect(years.drafts).toContain(2026);
    const entries = await db
      .selectFrom('audit_log')
      .select(['actor', 'after_json'])
      .where('action', '=', 'plan.copy_forward')
      .where('actor', '=', 'planner')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor).toBe('planner');
    expect(JSON.parse(entries[0]?.after_json ?? '{}')).toMatchObject({ fromYear: 2024, toYear: 2026 });
    const incremental = await storedFigures(db);
    await rebuildFigures(db);
    expect(incremental).toEqual(await storedFigures(db));
  });

  it('does not carry a retired indicator', async () => {
    const copy = await copyTestDatabase(working);
    try {
      const office = await callerAs(copy.db, 'planner');
      await office.planEditor.retire({ year: 2024, level: 'indicator', code: 'CUL-03' });
      const summary = await office.planEditor.copyForward({ fromYear: 2024, toYear: 2027 });
      const codes = await copy.db
        .selectFrom('indicators')
        .innerJoin('projects', 'projects.id', 'indicators.project_id')
        .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
        .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
        .innerJoin('plans', 'plans.id', 'sectors.plan_id')
        .select('indicators.code')
        .where('plans.year', '=', 2027)
        .execute();
      expect(codes.map((c) => c.code)).not.toContain('CUL-03');
      expect(summary.indicators).toBe(codes.length);
    } finally {
      await copy.db.destroy();
    }
  });
});
