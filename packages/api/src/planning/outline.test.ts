/**
 * The editor's read of a plan: the whole tree with every field in the operations' own shapes (so a
 * form edits what it was given), retired things marked, and pending revisions saying whose they are.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.js';

let db: Db;
let planner: Awaited<ReturnType<typeof callerAs>>;
let tourism: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  planner = await callerAs(db, 'planner');
  tourism = await callerAs(db, 'tourism.head');
});
afterAll(async () => {
  await db.destroy();
});

type Outline = Awaited<ReturnType<typeof planner.planEditor.outline>>;
const indicators = (outline: Outline) =>
  outline.sectors.flatMap((s) => s.strategies.flatMap((g) => g.projects.flatMap((p) => p.indicators)));

describe('planEditor.outline', () => {
  it('holds every indicator of the plan with the fields editIndicator takes, its targets included', async () => {
    const outline = await planner.planEditor.outline({ year: 2024 });
    const stored = await db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select('indicators.code')
      .where('plans.year', '=', 2024)
      .where('plans.organisation_id', '=', 1)
      .execute();
    expect(outline.status).toBe('confirmed');
    expect(
      indicators(outline)
        .map((i) => i.code)
        .sort(),
    ).toEqual(stored.map((s) => s.code).sort());
    const cul01 = indicators(outline).find((i) => i.code === 'CUL-01');
    expect(cul01?.fields.department).toBe('TOURISM');
    expect(cul01?.fields.annualTarget).toBeGreaterThan(0);
  });

  it('marks a retired indicator instead of leaving it out, and a revision says whose it is', async () => {
    const draftYear = 2031;
    const bi = { ko: '시험', en: 'Test' };
    await planner.planEditor.createPlan({ year: draftYear, name: bi, coreGoal: bi, source: 'test' });
    await planner.planEditor.createSector({ year: draftYear, code: 'T', name: bi, goal: bi });
    await planner.planEditor.createStrategy({ year: draftYear, sector: 'T', code: 'T-1', name: bi });
    await planner.planEditor.createProject({
      year: draftYear,
      strategy: 'T-1',
      code: 'T-1-1',
      name: bi,
      department: 'TOURISM',
    });
    const fields = {
      name: bi,
      department: 'TOURISM',
      unit: 'count',
      direction: 'increase' as const,
      aggregation: 'sum' as const,
      frequency: 'quarterly' as const,
      baseline: { value: 10, year: 2030 },
      annualTarget: 40,
      interimTargets: [{ period: '2031-Q2', value: 20 }],
      thresholds: null,
      weight: 1,
      headline: false,
      source: 'test',
      definition: { ko: '정의', en: 'Definition' },
      formula: null,
      dataSource: null,
    };
    await planner.planEditor.createIndicator({ year: draftYear, project: 'T-1-1', code: 'T-01', ...fields });
    await planner.planEditor.createIndicator({ year: draftYear, project: 'T-1-1', code: 'T-02', ...fields });
    await planner.planEditor.retire({ year: draftYear, level: 'indicator', code: 'T-02' });
    await planner.planEditor.confirm({ year: draftYear });
    const proposed = await tourism.planEditor.proposeRevision({
      year: draftYear,
      code: 'T-01',
      period: String(draftYear),
      value: 50,
      reason: '수요 증가',
    });

    const asPlanner = await planner.planEditor.outline({ year: draftYear });
    const [t01, t02] = indicators(asPlanner);
    expect(t01).toMatchObject({ code: 'T-01', retiredAt: null });
    expect(t01?.fields).toEqual({ ...fields, interimTargets: [{ period: '2031-Q2', value: 20 }] });
    expect(t02?.code).toBe('T-02');
    expect(t02?.retiredAt).not.toBeNull();
    expect(asPlanner.pendingRevisions).toEqual([
      expect.objectContaining({
        id: proposed?.id,
        code: 'T-01',
        original: 40,
        revised: 50,
        ownProposal: false,
      }),
    ]);
    const asProposer = await tourism.planEditor.outline({ year: draftYear });
    expect(asProposer.pendingRevisions[0]?.ownProposal).toBe(true);

    await tourism.planEditor.proposeChange({
      year: draftYear,
      operation: 'editIndicator',
      input: { code: 'T-01', weight: 2 },
      reason: '가중치 조정',
    });
    expect((await tourism.planEditor.changes({ year: draftYear })).map((c) => c.ownProposal)).toEqual([true]);
    expect((await planner.planEditor.changes({ year: draftYear })).map((c) => c.ownProposal)).toEqual([
      false,
    ]);
  });
});
