/**
 * The plan editor through its procedures, as the planning office and bureau heads call them: a
 * draft plan built level by level, each rule's refusal with its field, retiring and deleting,
 * confirming, and the stored figures after each edit equal to what a rebuild computes.
 */

import { type Db, insertPendingReport, rebuildFigures, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.js';
import { createCaller } from '../root.js';
import { callerAs } from '../testing.js';
import { storedFigures } from './figures.testing.js';

let db: Db;
let planner: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  planner = await callerAs(db, 'planner');
});
afterAll(async () => {
  await db.destroy();
});

/** The refusal a call ends in: its tRPC code, its problem and every field problem. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { errors?: { field: string; code: string }[]; problem?: { code: string } };
    return {
      code: error.code,
      problem: cause.problem?.code ?? null,
      fields: (cause.errors ?? []).map((e) => `${e.field}: ${e.code}`),
    };
  }
  throw new Error('The call was not refused.');
}

const indicator = {
  year: 2026,
  project: 'NEW-1-1',
  code: 'NEW-01',
  name: { ko: '청년 창업 기업 수', en: 'Youth startups founded' },
  department: 'FIN',
  unit: 'companies',
  direction: 'increase' as const,
  aggregation: 'sum' as const,
  frequency: 'quarterly' as const,
  baseline: { value: 120, year: 2024 },
  annualTarget: 160,
  interimTargets: [
    { period: '2026-Q2', value: 60 },
    { period: '2026-Q3', value: 110 },
  ],
  thresholds: { onTrack: 0.95, atRisk: 0.8 },
  weight: 2,
  headline: true,
  source: 'illustrative',
  definition: {
    ko: '해당 연도에 창업한 만 39세 이하 대표 기업 수',
    en: 'Companies founded in the year by founders aged 39 or under',
  },
  formula: { ko: '창업 기업 수의 합', en: 'Sum of companies founded' },
  dataSource: { ko: '창업지원 시스템', en: 'Startup support system' },
};

async function figuresOf(code: string) {
  return db
    .selectFrom('indicator_figures')
    .innerJoin('indicators', 'indicators.id', 'indicator_figures.indicator_id')
    .select(['indicator_figures.month', 'indicator_figures.annual_target', 'indicator_figures.attainment'])
    .where('indicators.code', '=', code)
    .orderBy('indicator_figures.month')
    .execute();
}

async function expectFiguresOfARebuild() {
  const incremental = await storedFigures(db);
  await rebuildFigures(db);
  expect(incremental).toEqual(await storedFigures(db));
}

describe('a draft plan, built in the editor', () => {
  it('starts as a draft and takes every level, with the indicator’s figures stored as it is written', async () => {
    await planner.planEditor.createPlan({
      year: 2026,
      name: { ko: '2026년 시정 업무계획', en: '2026 work plan' },
      coreGoal: { ko: '글로벌 허브도시', en: 'Global hub city' },
      source: 'illustrative',
    });
    await planner.planEditor.createSector({
      year: 2026,
      code: 'new',
      name: { ko: '신산업', en: 'New industries' },
      goal: { ko: '신산업 육성', en: 'Growing new industries' },
    });
    await planner.planEditor.createStrategy({
      year: 2026,
      sector: 'NEW',
      code: 'NEW-1',
      name: { ko: '창업', en: 'Startups' },
    });
    await planner.planEditor.createProject({
      year: 2026,
      strategy: 'NEW-1',
      code: 'NEW-1-1',
      name: { ko: '청년 창업', en: 'Youth startups' },
      department: 'FIN',
    });
    await planner.planEditor.createIndicator(indicator);
    await planner.planEditor.createMilestone({
      year: 2026,
      project: 'NEW-1-1',
      code: 'NEW-M01',
      name: { ko: '창업 지원센터 개소', en: 'Startup centre opened' },
      department: 'FIN',
      plannedDate: '2026-06-30',
      weight: 1,
      source: 'illustrative',
    });
    const stored = await db
      .selectFrom('indicators')
      .selectAll()
      .where('code', '=', 'NEW-01')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      definition_ko: indicator.definition.ko,
      formula_en: 'Sum of companies founded',
    });
    const targets = await db
      .selectFrom('targets')
      .select(['period', 'kind', 'value'])
      .where('indicator_id', '=', stored.id)
      .orderBy('period')
      .execute();
    expect(targets).toEqual([
      { period: '2026', kind: 'annual', value: 160 },
      { period: '2026-Q2', kind: 'interim', value: 60 },
      { period: '2026-Q3', kind: 'interim', value: 110 },
    ]);
    expect((await figuresOf('NEW-01')).map((f) => f.annual_target)).toEqual(Array(12).fill(160));
    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'plan.%')
      .where('actor', '=', 'planner')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'plan.create',
      'plan.sector.create',
      'plan.strategy.create',
      'plan.project.create',
      'plan.indicator.create',
      'plan.milestone.create',
    ]);
    await expectFiguresOfARebuild();
  });

  it('refuses an indicator with every problem at its field, and writes nothing', async () => {
    const refused = await refusal(
      planner.planEditor.createIndicator({
        ...indicator,
        code: 'new-01',
        project: 'NOPE-1',
        department: 'NOPE',
        unit: 'percent',
        annualTarget: 140,
        baseline: { value: 1, year: 2027 },
        thresholds: { onTrack: 0.8, atRisk: 0.9 },
        interimTargets: [
          { period: '2026-06', value: 10 },
          { period: '2027-Q1', value: 10 },
          { period: '2026-Q2', value: 10 },
          { period: '2026-Q2', value: 10 },
        ],
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.fields.sort()).toEqual(
      [
        'project: plan_no_such_thing',
        'code: plan_code_taken',
        'department: plan_unknown_department',
        'baseline.year: plan_baseline_after_plan',
        'thresholds.atRisk: plan_thresholds_order',
        'annualTarget: above_hundred',
        'interimTargets.0.period: wrong_frequency',
        'interimTargets.1.period: outside_year',
        'interimTargets.3.period: plan_interim_duplicate',
      ].sort(),
    );
    expect(
      await db.selectFrom('indicators').select('id').where('code', '=', 'NEW-01').execute(),
    ).toHaveLength(1);
  });

  it('refuses an unknown unit, and anything added under a retired project', async () => {
    expect(
      (await refusal(planner.planEditor.createIndicator({ ...indicator, code: 'NEW-09', unit: 'furlongs' })))
        .fields,
    ).toEqual(['unit: plan_unknown_unit']);
    await planner.planEditor.createProject({
      year: 2026,
      strategy: 'NEW-1',
      code: 'NEW-1-9',
      name: { ko: '폐지될 사업', en: 'To be retired' },
      department: 'FIN',
    });
    await planner.planEditor.retire({ year: 2026, level: 'project', code: 'NEW-1-9' });
    expect(
      (
        await refusal(
          planner.planEditor.createIndicator({ ...indicator, code: 'NEW-08', project: 'NEW-1-9' }),
        )
      ).fields,
    ).toEqual(['project: plan_thing_retired']);
  });

  it('is invisible to the overview and the public view unless drafts are asked for, and plan.years says so', async () => {
    expect((await refusal(planner.plan.overview({ year: 2026 }))).problem).toBe('no_such_plan');
    expect((await planner.plan.overview({ year: 2026, drafts: true })).plan.year).toBe(2026);
    const visitor = createCaller(createContextInner({ db, principal: { kind: 'public' } }));
    expect((await refusal(visitor.plan.overview({ year: 2026, drafts: true }))).code).toBe('UNAUTHORIZED');
    expect(await visitor.plan.years()).toMatchObject({ years: [2024, 2025], drafts: [] });
    expect(await planner.plan.years()).toMatchObject({ years: [2024, 2025], drafts: [2026] });
    expect((await planner.plan.years({ drafts: true })).years).toEqual([2024, 2025, 2026]);
  });

  it('edits an indicator’s targets in a draft, and its stored figures follow', async () => {
    await planner.planEditor.editIndicator({
      year: 2026,
      code: 'NEW-01',
      annualTarget: 200,
      interimTargets: [],
    });
    expect((await figuresOf('NEW-01')).map((f) => f.annual_target)).toEqual(Array(12).fill(200));
    await expectFiguresOfARebuild();
  });

  it('deletes a draft’s thing without history, and retires (never deletes) one with history', async () => {
    await planner.planEditor.createIndicator({ ...indicator, code: 'NEW-02' });
    await planner.planEditor.remove({ year: 2026, level: 'indicator', code: 'NEW-02' });
    expect(await db.selectFrom('indicators').select('id').where('code', '=', 'NEW-02').execute()).toEqual([]);
    const { id } = await db
      .selectFrom('indicators')
      .select('id')
      .where('code', '=', 'NEW-01')
      .executeTakeFirstOrThrow();
    await insertPendingReport(db, {
      indicatorId: id,
      period: '2026-Q1',
      value: 30,
      note: null,
      evidenceUrl: null,
      source: 'test',
      enteredBy: 'fin.head',
      enteredByUserId: (
        await db.selectFrom('users').select('id').where('username', '=', 'fin.head').executeTakeFirstOrThrow()
      ).id,
      enteredAt: new Date().toISOString(),
    });
    const refused = await refusal(planner.planEditor.remove({ year: 2026, level: 'sector', code: 'NEW' }));
    expect(refused.fields).toEqual(['code: plan_has_history']);
    await planner.planEditor.retire({ year: 2026, level: 'indicator', code: 'NEW-01' });
    expect(await figuresOf('NEW-01')).toEqual([]);
    expect(
      await db.selectFrom('measurements').select('id').where('indicator_id', '=', id).execute(),
    ).toHaveLength(1);
    expect(
      (await refusal(planner.planEditor.editIndicator({ year: 2026, code: 'NEW-01', weight: 3 }))).fields,
    ).toEqual(['code: plan_thing_retired']);
    await expectFiguresOfARebuild();
  });

  it('is confirmed by the planning office once, after which targets change only by revision and nothing is deleted', async () => {
    await planner.planEditor.createIndicator({ ...indicator, code: 'NEW-03' });
    expect((await refusal((await callerAs(db, 'fin.head')).planEditor.confirm({ year: 2026 }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await planner.planEditor.confirm({ year: 2026 })).toMatchObject({ status: 'confirmed' });
    expect((await refusal(planner.planEditor.confirm({ year: 2026 }))).problem).toBe(
      'plan_already_confirmed',
    );
    expect(
      (await refusal(planner.planEditor.editIndicator({ year: 2026, code: 'NEW-03', annualTarget: 1 })))
        .fields,
    ).toEqual(['annualTarget: plan_target_needs_revision']);
    // What is not a target still changes directly.
    await planner.planEditor.editIndicator({ year: 2026, code: 'NEW-03', weight: 5 });
    expect(
      (await refusal(planner.planEditor.remove({ year: 2026, level: 'indicator', code: 'NEW-03' }))).fields,
    ).toEqual(['code: plan_delete_confirmed']);
    expect((await planner.plan.overview({ year: 2026 })).plan.year).toBe(2026);
  });
});
