/**
 * Follow-through against a real seeded database, through the router as each user calls it:
 * commentary required with a slipping value and approved with it; a directive recorded by the
 * mayor, reported on by its department, closed only by the planning office; corrective actions.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, refusal } from '../testing.js';
import { departmentFollowThrough } from './inbox.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

const year = 2024;

/** The problem codes of a refused entry, by field. */
function entryProblems(error: TRPCError): Record<string, string> {
  const errors = (error.cause as { errors?: { field: string; code: string }[] }).errors ?? [];
  return Object.fromEntries(errors.map((e) => [e.field, e.code]));
}

describe('commentary with a value', () => {
  it('refuses a value that leaves the indicator off track without its analysis and next steps, field by field', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const refused = await refusal(
      tourism.reports.submit({ year, code: 'CUL-02', period: '2024-Q4', value: 1 }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(entryProblems(refused)).toEqual({
      analysis: 'analysis_required',
      nextSteps: 'next_steps_required',
    });
    const halfDone = await refusal(
      tourism.reports.submit({ year, code: 'CUL-02', period: '2024-Q4', value: 1, analysis: '집계 누락' }),
    );
    expect(entryProblems(halfDone)).toEqual({ nextSteps: 'next_steps_required' });
  });

  it('takes a value that keeps the indicator on track without commentary', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const mayor = await callerAs(db, 'mayor');
    const before = await mayor.indicators.detail({ year, asOf: '2024-12', code: 'CUL-01' });
    expect(before.indicator.figures.status).toBe('on_track');
    const december = before.measurements.find((m) => m.period === '2024-12')?.value ?? 0;
    await expect(
      tourism.reports.submit({ year, code: 'CUL-01', period: '2024-12', value: december }),
    ).resolves.toEqual({ submitted: 1 });
  });

  it('keeps the commentary with the value through approval, shows it on the indicator page and in the briefing, and on the public view only when marked public', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const planner = await callerAs(db, 'planner');
    const mayor = await callerAs(db, 'mayor');
    await tourism.reports.submit({
      year,
      code: 'CUL-02',
      period: '2024-Q4',
      value: 1,
      analysis: '12월 집계 지연',
      nextSteps: '1월 중 보정 보고',
      commentaryPublic: false,
    });
    const pending = (await planner.approvals.pending({ year })).items.find(
      (p) => p.code === 'CUL-02' && p.period === '2024-Q4',
    );
    await planner.approvals.approve({ id: pending?.id ?? 0 });
    const detail = await mayor.indicators.detail({ year, asOf: '2024-12', code: 'CUL-02' });
    expect(detail.indicator.figures.status).not.toBe('on_track');
    expect(detail.measurements.find((m) => m.period === '2024-Q4')).toMatchObject({
      analysis: '12월 집계 지연',
      nextSteps: '1월 중 보정 보고',
    });
    const sector = detail.indicator.sector.code;
    const briefing = await mayor.sectors.briefing({ year, asOf: '2024-12', sector });
    expect(briefing.commentary['CUL-02']).toMatchObject({ period: '2024-Q4', analysis: '12월 집계 지연' });
    const { createCaller } = await import('../root.js');
    const { createContextInner } = await import('../context.js');
    const citizen = createCaller(createContextInner({ db, principal: { kind: 'public' }, csrfHeader: null }));
    const publicBriefing = await citizen.sectors.briefing({ year, asOf: '2024-12', sector });
    expect(publicBriefing.commentary['CUL-02']).toBeUndefined();
  });
});

describe('a directive from the report meeting to done', () => {
  it('is recorded by the mayor, reported on by its department, and closed only by the planning office', async () => {
    const mayor = await callerAs(db, 'mayor');
    const tourism = await callerAs(db, 'tourism.head');
    const carbon = await callerAs(db, 'carbon.head');
    const planner = await callerAs(db, 'planner');
    const { id } = await mayor.directives.record({
      year,
      meetingDate: '2024-01-18',
      meetingName: '문화관광복지 분야 업무보고',
      sector: 'CUL',
      indicator: 'CUL-01',
      content: '외국인 관광객 유치 목표 달성 방안 마련',
      departments: ['TOURISM'],
      dueDate: '2024-03-31',
    });
    // Another department is not assigned; a bureau head may not confirm.
    expect((await refusal(carbon.directives.report({ year, id, note: '검토 중입니다' }))).code).toBe(
      'FORBIDDEN',
    );
    await tourism.directives.report({ year, id, note: '관광 마케팅 예산 확보', proposeCompletion: true });
    expect((await refusal(tourism.directives.decide({ year, id, confirm: true }))).code).toBe('FORBIDDEN');
    expect((await tourism.directives.detail({ year, id })).state).toBe('proposed');

    const overdue = await planner.directives.list({ year, department: 'TOURISM', overdue: true });
    expect(overdue.items.map((d) => d.id)).toContain(id);
    await planner.directives.decide({ year, id, confirm: true });
    const done = await planner.directives.detail({ year, id });
    expect(done).toMatchObject({ state: 'done', overdue: false, departments: [{ code: 'TOURISM' }] });
    expect(done.notes.map((n) => n.note)).toEqual(['관광 마케팅 예산 확보']);
    expect((await refusal(tourism.directives.report({ year, id, note: '추가 보고' }))).code).toBe('CONFLICT');

    const history = (await planner.audit.list({ year })).filter(
      (a) => a.entityType === 'directive' && a.entityId === String(id),
    );
    expect(history.map((a) => a.action).reverse()).toEqual([
      'directive.record',
      'directive.propose',
      'directive.confirm',
    ]);
  });

  it('refuses an indicator outside the directive’s sector and an unknown department', async () => {
    const planner = await callerAs(db, 'planner');
    const base = {
      year,
      meetingDate: '2024-01-15',
      meetingName: '경제 분야 업무보고',
      sector: 'ECO',
      content: '지시 내용입니다',
      departments: ['FIN'],
      dueDate: '2024-06-30',
    };
    const elsewhere = await refusal(planner.directives.record({ ...base, indicator: 'CUL-01' }));
    expect((elsewhere.cause as unknown as { problem: { code: string } }).problem.code).toBe(
      'directive_target_elsewhere',
    );
    const unknown = await refusal(planner.directives.record({ ...base, departments: ['NOPE'] }));
    expect((unknown.cause as unknown as { problem: { code: string } }).problem.code).toBe(
      'directive_unknown_departments',
    );
  });

  it('filters the directives page by sector, state and overdue, a page at a time, and gives a department its open follow-through', async () => {
    // On 1 June 2024: due 1 February and 1 May are past, 31 December 2025 is not.
    const planner = await callerAs(db, 'planner', new Date('2024-06-01T03:00:00Z'));
    for (const [i, due] of ['2024-02-01', '2025-12-31', '2024-05-01'].entries()) {
      await planner.directives.record({
        year,
        meetingDate: '2024-01-15',
        meetingName: '경제 분야 업무보고',
        sector: 'ECO',
        content: `금융기관 유치 지시 ${i}`,
        departments: ['FIN'],
        dueDate: due,
      });
    }
    const page = await planner.directives.list({ year, sector: 'ECO', limit: 2, page: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((d) => d.dueDate)).toEqual(['2024-02-01', '2024-05-01']);
    const overdue = await planner.directives.list({ year, sector: 'ECO', overdue: true });
    expect(overdue.total).toBe(2);
    expect(
      (await planner.directives.list({ year, state: 'done' })).items.every((d) => d.state === 'done'),
    ).toBe(true);
    const { id: planId } = await db
      .selectFrom('plans')
      .select('id')
      .where('year', '=', year)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const fin = await db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'FIN')
      .executeTakeFirstOrThrow();
    const inbox = await departmentFollowThrough(db, planId, fin.id, new Date('2024-06-01T03:00:00Z'));
    expect(inbox.filter((i) => i.kind === 'directive').map((i) => [i.dueDate, i.overdue])).toEqual([
      ['2024-02-01', true],
      ['2024-05-01', true],
      ['2025-12-31', false],
    ]);
    const summary = await planner.directives.summary({ year });
    expect(summary.sectors.find((s) => s.code === 'ECO')?.directives).toEqual({
      open: 3,
      overdue: 2,
      proposed: 0,
    });
  });

  it('refuses a due date before the meeting or more than two years after it, naming the field', async () => {
    const planner = await callerAs(db, 'planner');
    const base = {
      year,
      meetingDate: '2024-01-15',
      meetingName: '경제 분야 업무보고',
      sector: 'ECO',
      content: '지시 내용입니다',
      departments: ['FIN'],
    };
    const problemOf = async (dueDate: string) =>
      (
        (await refusal(planner.directives.record({ ...base, dueDate }))).cause as unknown as {
          problem: { code: string; params: Record<string, string>; message: string };
        }
      ).problem;
    expect(await problemOf('2024-01-14')).toMatchObject({
      code: 'directive_due_before_meeting',
      params: { field: 'dueDate', due: '2024-01-14', meeting: '2024-01-15' },
    });
    expect(await problemOf('2204-01-31')).toMatchObject({
      code: 'directive_due_too_far',
      params: { field: 'dueDate', latest: '2026-01-15' },
      message: expect.stringContaining('2026-01-15 at the latest'),
    });
    // The bounds themselves are allowed.
    await planner.directives.record({ ...base, content: '회의 당일 기한', dueDate: '2024-01-15' });
    await planner.directives.record({ ...base, content: '2년 뒤 기한', dueDate: '2026-01-15' });
  });
});

describe('corrective actions', () => {
  it('are kept by the owner department for a slipping indicator, dropped only with a reason, overdue counted per sector', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const carbon = await callerAs(db, 'carbon.head');
    const planner = await callerAs(db, 'planner');
    const { id } = await tourism.actions.add({
      year,
      indicator: 'CUL-02',
      title: '해외 설명회 2회 추가 개최',
      dueDate: '2024-02-28',
    });
    expect((await refusal(carbon.actions.update({ year, id, state: 'done' }))).code).toBe('FORBIDDEN');
    const noReason = await refusal(tourism.actions.update({ year, id, state: 'dropped' }));
    expect((noReason.cause as unknown as { problem: { code: string } }).problem.code).toBe(
      'action_drop_reason_required',
    );
    await tourism.actions.update({ year, id, state: 'in_progress', note: '1회차 개최 완료' });
    const [action] = await planner.actions.ofIndicator({ year, code: 'CUL-02' });
    expect(action).toMatchObject({
      state: 'in_progress',
      overdue: true,
      notes: [{ note: '1회차 개최 완료' }],
    });
    const summary = await planner.directives.summary({ year });
    expect(summary.overdueActionIndicators).toContain('CUL-02');
    expect(summary.sectors.find((s) => s.code === 'CUL')?.actions).toEqual({ open: 1, overdue: 1 });
    await tourism.actions.update({ year, id, state: 'dropped', dropReason: '예산 미확보' });
    expect((await refusal(tourism.actions.update({ year, id, state: 'done' }))).code).toBe('CONFLICT');
  });
});
