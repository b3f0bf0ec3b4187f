/**
 * A confirmed plan's targets change by revision (the original kept, the revised value counted once
 * approved, the figures moved in the approving transaction), and a bureau head's changes of their
 * own department's plan wait for the planning office.
 */

import { type Db, rebuildFigures, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.js';
import { storedFigures } from './figures.testing.js';

let db: Db;
let planner: Awaited<ReturnType<typeof callerAs>>;
let admin: Awaited<ReturnType<typeof callerAs>>;
let tourism: Awaited<ReturnType<typeof callerAs>>;
let finance: Awaited<ReturnType<typeof callerAs>>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  planner = await callerAs(db, 'planner');
  admin = await callerAs(db, 'admin');
  tourism = await callerAs(db, 'tourism.head');
  finance = await callerAs(db, 'fin.head');
});
afterAll(async () => {
  await db.destroy();
});

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

async function june(code: string) {
  return db
    .selectFrom('indicator_figures')
    .innerJoin('indicators', 'indicators.id', 'indicator_figures.indicator_id')
    .select(['annual_target', 'target_to_date', 'attainment'])
    .where('indicators.code', '=', code)
    .where('month', '=', 6)
    .executeTakeFirstOrThrow();
}

const revision = {
  year: 2024,
  code: 'CUL-01',
  period: '2024',
  value: 2_500_000,
  reason: '외국인 관광객 회복세 반영',
};

describe('a target revision', () => {
  it('is refused for another department’s indicator, for the same value, for a period without a target', async () => {
    expect(await refusal(finance.planEditor.proposeRevision(revision))).toMatchObject({
      code: 'FORBIDDEN',
      problem: 'plan_not_your_department',
    });
    expect(
      (await refusal(tourism.planEditor.proposeRevision({ ...revision, value: 2_130_000 }))).fields,
    ).toEqual(['value: plan_revision_same_value']);
    expect(
      (await refusal(tourism.planEditor.proposeRevision({ ...revision, period: '2024-05' }))).fields,
    ).toEqual(['period: plan_no_such_target']);
    // A revised target fits the unit as the planned one must: people are counted whole.
    expect(
      (await refusal(tourism.planEditor.proposeRevision({ ...revision, value: 2_500_000.5 }))).fields,
    ).toEqual(['value: not_whole']);
  });

  it('waits for approval, moving no figure, and only one waits per target', async () => {
    const before = await june('CUL-01');
    const { id } = (await tourism.planEditor.proposeRevision(revision)) ?? { id: 0 };
    expect(await june('CUL-01')).toEqual(before);
    expect((await refusal(tourism.planEditor.proposeRevision({ ...revision, value: 1 }))).problem).toBe(
      'plan_revision_pending',
    );
    expect((await refusal(tourism.planEditor.approveRevision({ id }))).code).toBe('FORBIDDEN');
    // Approved by the planning office: attainment is computed against the revised target from then on.
    await planner.planEditor.approveRevision({ id, reason: null });
    const after = await june('CUL-01');
    expect(after.annual_target).toBe(2_500_000);
    expect(after.target_to_date).toBeGreaterThan(before.target_to_date);
    expect(after.attainment ?? 0).toBeLessThan(before.attainment ?? 0);
    const incremental = await storedFigures(db);
    await rebuildFigures(db);
    expect(incremental).toEqual(await storedFigures(db));
  });

  it('keeps the original target beside the revised one, and says who asked, why, and who decided', async () => {
    const planned = await db
      .selectFrom('targets')
      .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
      .select('targets.value')
      .where('indicators.code', '=', 'CUL-01')
      .where('targets.kind', '=', 'annual')
      .executeTakeFirstOrThrow();
    expect(planned.value).toBe(2_130_000);
    expect(await planner.planEditor.revisions({ year: 2024, code: 'CUL-01' })).toMatchObject([
      {
        original: 2_130_000,
        revised: 2_500_000,
        state: 'approved',
        reason: revision.reason,
        decidedBy: expect.any(String),
      },
    ]);
    const log = await db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity_type', '=', 'target_revision')
      .orderBy('id')
      .execute();
    expect(log).toEqual([
      { action: 'plan.revision.propose', reason: revision.reason },
      { action: 'plan.revision.approve', reason: null },
    ]);
  });

  it('is never decided by its proposer, and a rejected one moves nothing', async () => {
    const { id } = (await planner.planEditor.proposeRevision({ ...revision, value: 3_000_000 })) ?? { id: 0 };
    expect((await refusal(planner.planEditor.approveRevision({ id }))).problem).toBe('plan_self_decision');
    const before = await june('CUL-01');
    await admin.planEditor.rejectRevision({ id, reason: '근거 부족' });
    expect(await june('CUL-01')).toEqual(before);
    expect((await refusal(admin.planEditor.approveRevision({ id }))).problem).toBe(
      'plan_no_pending_revision',
    );
  });
});

const newIndicator = {
  project: 'CUL-2-1',
  code: 'CUL-90',
  name: { ko: '야간 관광 프로그램 참가자', en: 'Night tour participants' },
  department: 'TOURISM',
  unit: 'people',
  direction: 'increase',
  aggregation: 'sum',
  frequency: 'quarterly',
  baseline: null,
  annualTarget: 50_000,
  interimTargets: [],
  thresholds: null,
  weight: 1,
  headline: false,
  source: 'illustrative',
  definition: null,
  formula: null,
  dataSource: null,
};

describe('a bureau head’s change of the plan', () => {
  it('is refused for another department, for what only the planning office changes, and for bad data at its field', async () => {
    expect(
      (
        await refusal(
          tourism.planEditor.proposeChange({
            year: 2024,
            operation: 'createIndicator',
            input: { ...newIndicator, department: 'FIN' },
            reason: 'x',
          }),
        )
      ).problem,
    ).toBe('plan_not_your_department');
    expect(
      (
        await refusal(
          tourism.planEditor.proposeChange({
            year: 2024,
            operation: 'editSector',
            input: { code: 'CUL', name: { ko: '가', en: 'A' } },
            reason: 'x',
          }),
        )
      ).problem,
    ).toBe('plan_not_your_department');
    expect(
      (
        await refusal(
          tourism.planEditor.proposeChange({
            year: 2024,
            operation: 'createIndicator',
            input: { ...newIndicator, code: 'CUL-01' },
            reason: 'x',
          }),
        )
      ).fields,
    ).toEqual(['code: plan_code_taken']);
    expect(
      (await refusal(tourism.planEditor.createIndicator({ year: 2024, ...newIndicator } as never))).code,
    ).toBe('FORBIDDEN');
  });

  it('waits, changing nothing, until the planning office approves it; then it is carried out with its audit entries', async () => {
    const { id } = await tourism.planEditor.proposeChange({
      year: 2024,
      operation: 'createIndicator',
      input: newIndicator,
      reason: '야간 관광 활성화 과제 추가',
    });
    expect(await db.selectFrom('indicators').select('id').where('code', '=', 'CUL-90').execute()).toEqual([]);
    expect((await planner.planEditor.changes({ year: 2024 })).map((c) => c.id)).toEqual([id]);
    await planner.planEditor.approveChange({ id });
    expect(
      await db.selectFrom('indicators').select('id').where('code', '=', 'CUL-90').execute(),
    ).toHaveLength(1);
    expect(await planner.planEditor.changes({ year: 2024 })).toEqual([]);
    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'plan.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action).slice(-3)).toEqual([
      'plan.change.propose',
      'plan.indicator.create',
      'plan.change.approve',
    ]);
    const incremental = await storedFigures(db);
    await rebuildFigures(db);
    expect(incremental).toEqual(await storedFigures(db));
  });
});

describe('a retired indicator', () => {
  it('takes no more values, and says why at the entry’s code', async () => {
    await planner.planEditor.retire({ year: 2024, level: 'indicator', code: 'CUL-03' });
    try {
      await tourism.reports.submit({ year: 2024, code: 'CUL-03', period: '2024-Q1', value: 1 });
      throw new Error('The value was taken.');
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      const { errors } = error.cause as unknown as { errors: { field: string; code: string }[] };
      expect(errors.map((e) => `${e.field}: ${e.code}`)).toEqual(['code: indicator_retired']);
    }
  });
});
