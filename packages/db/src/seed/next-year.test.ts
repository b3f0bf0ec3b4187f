/**
 * Busan's 2025 plan as the seed makes it: copied forward from 2024 (not loaded from files of its
 * own), its cited facts applied from years/plan-2025.csv, the rest illustrative, confirmed.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { seededTestDatabase } from '../testing.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

function indicatorsOf(year: number) {
  return db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .innerJoin('targets', (j) =>
      j.onRef('targets.indicator_id', '=', 'indicators.id').on('targets.kind', '=', 'annual'),
    )
    .select(['indicators.code', 'indicators.source', 'indicators.baseline_year', 'targets.value as target'])
    .where('plans.year', '=', year)
    .where('plans.organisation_id', '=', 1)
    .execute();
}

describe("Busan's 2025 plan", () => {
  it('is made by copy-forward from 2024 and confirmed, by the seed', async () => {
    const plan = await db
      .selectFrom('plans')
      .select(['id', 'status', 'name_ko', 'source'])
      .where('year', '=', 2025)
      .where('organisation_id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ status: 'confirmed', name_ko: '2025년 부산광역시 시정 업무계획' });
    expect(plan.source).toContain('2025년도 시정 업무보고회');
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_type', '=', 'plan')
      .where('entity_id', '=', String(plan.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'plan.copy_forward', actor: 'seed' },
      { action: 'plan.confirm', actor: 'seed' },
    ]);
  });

  it('carries the 2024 indicators, cites the three public targets and marks the rest illustrative', async () => {
    const [y2024, y2025] = [await indicatorsOf(2024), await indicatorsOf(2025)];
    expect(y2025.map((i) => i.code).sort()).toEqual(y2024.map((i) => i.code).sort());
    const cited = y2025.filter((i) => i.source !== 'illustrative');
    expect(cited.map((i) => [i.code, i.target]).sort()).toEqual([
      ['CUL-01', 3000000],
      ['ECO-07', 80000],
      ['SAF-08', 5],
    ]);
    for (const i of cited) expect(i.source).toMatch(/https?:\/\//);
    // 2024's own corrected target (6조 원), cited.
    expect(y2024.find((i) => i.code === 'ECO-07')).toMatchObject({ target: 60000 });
    expect(y2024.find((i) => i.code === 'ECO-07')?.source).toContain('6조');
  });

  it('moves ECO-07’s interim targets with its cited target, and carries only unfinished milestones', async () => {
    const eco = await db
      .selectFrom('targets')
      .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
      .select(['targets.period', 'targets.value'])
      .where('indicators.code', '=', 'ECO-07')
      .where('targets.period', 'like', '2025%')
      .orderBy('targets.period')
      .execute();
    expect(eco.at(-1)).toEqual({ period: '2025-Q4', value: 80000 });
    const milestones = await db
      .selectFrom('milestones')
      .innerJoin('projects', 'projects.id', 'milestones.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select(['milestones.code', 'milestones.planned_date', 'milestones.source'])
      .where('plans.year', '=', 2025)
      .execute();
    const byCode = new Map(milestones.map((m) => [m.code, m]));
    expect(byCode.has('BAL-M01')).toBe(false);
    expect(byCode.get('BAL-M15')).toMatchObject({ planned_date: '2035-12-31' });
    expect(byCode.get('BAL-M15')?.source).toContain('2035년 개항');
  });
});
