/**
 * Follow-through defects found in review (issue 13), each against a real seeded database through the
 * router as each user calls it.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerAs, refusal } from '../testing.js';

let db: Db;
/** Each group its own seeded database: what one group approves moves the figures another reads. */
function freshDatabase() {
  beforeAll(async () => {
    ({ db } = await seededTestDatabase());
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await db.destroy();
  });
}

const year = 2024;

async function approveAll(code: string) {
  const planner = await callerAs(db, 'planner');
  for (const p of (await planner.approvals.pending({ year })).items.filter((i) => i.code === code))
    await planner.approvals.approve({ id: p.id });
}

/** CUL-02 (tourism) off track: Q4 reported as 1 with its commentary, and approved. */
async function cul02OffTrack() {
  const tourism = await callerAs(db, 'tourism.head');
  await tourism.reports.submit({
    year,
    code: 'CUL-02',
    period: '2024-Q4',
    value: 1,
    analysis: '12월 집계 지연',
    nextSteps: '1월 중 보정 보고',
  });
  await approveAll('CUL-02');
}

describe('corrective actions', () => {
  freshDatabase();
  beforeAll(cul02OffTrack);

  it('are not added to another department’s indicator by a bureau head naming their own department', async () => {
    const carbon = await callerAs(db, 'carbon.head');
    // CUL-02 is the tourism bureau's.
    const refused = await refusal(
      carbon.actions.add({
        year,
        indicator: 'CUL-02',
        department: 'CARBON',
        title: '탄소 부서가 관광 지표에 조치 추가',
        dueDate: '2024-12-31',
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('are read with their progress notes in a number of queries that does not grow with the actions', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const planner = await callerAs(db, 'planner');
    for (const i of [1, 2, 3, 4]) {
      const { id } = await tourism.actions.add({
        year,
        indicator: 'CUL-02',
        title: `해외 설명회 ${i}회차`,
        dueDate: '2025-03-31',
      });
      await tourism.actions.update({ year, id, note: `${i}회차 준비 중` });
    }
    const executor = db.getExecutor();
    const execute = executor.executeQuery.bind(executor);
    let notesQueries = 0;
    const spy = vi.spyOn(executor, 'executeQuery').mockImplementation(async (query, options) => {
      if (query.sql.includes('progress_notes')) notesQueries += 1;
      return execute(query, options);
    });
    const actions = await planner.actions.ofIndicator({ year, code: 'CUL-02' });
    spy.mockRestore();
    const mine = actions.filter((a) => a.title.startsWith('해외 설명회'));
    expect(mine.map((a) => a.notes.map((n) => n.note))).toEqual(
      [1, 2, 3, 4].map((i) => [`${i}회차 준비 중`]),
    );
    expect(notesQueries).toBe(1);
  });
});

describe('a corrective action closed twice at once', () => {
  freshDatabase();
  beforeAll(cul02OffTrack);

  it('is closed by the first change only: the second is refused, not written over it', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const planner = await callerAs(db, 'planner');
    const { id } = await tourism.actions.add({
      year,
      indicator: 'CUL-02',
      title: '해외 설명회 추가 개최',
      dueDate: '2025-03-31',
    });
    const outcomes = await Promise.allSettled([
      tourism.actions.update({ year, id, state: 'done', note: '완료' }),
      planner.actions.update({ year, id, state: 'dropped', dropReason: '예산 미확보' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});

describe('commentary', () => {
  freshDatabase();

  it('is required of a value that, with the other values of the same submission, leaves the indicator at risk', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    // CUL-02 (sum, 150 a year; seed Q1–Q4 32, 42, 33, 38). Q3 26 with Q4 36 is 136 at the year's
    // end: at risk. Q4 36 judged against the stored Q3 (33) alone would be 143, on track.
    const refused = await refusal(
      tourism.reports.submitMany({
        year,
        entries: [
          { code: 'CUL-02', period: '2024-Q3', value: 26, analysis: '행사 취소', nextSteps: '4분기 만회' },
          { code: 'CUL-02', period: '2024-Q4', value: 36 },
        ],
      }),
    );
    const errors = (refused.cause as unknown as { errors: { row: number; field: string; code: string }[] })
      .errors;
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'analysis', 'analysis_required'],
      [2, 'nextSteps', 'next_steps_required'],
    ]);
  });

  it('of an earlier period is not put beside a later value approved without any (the briefing)', async () => {
    const fin = await callerAs(db, 'fin.head');
    const mayor = await callerAs(db, 'mayor');
    // ADM-01 (GFCI rank, lower is better, target 25, the last value counts).
    await fin.reports.submit({
      year,
      code: 'ADM-01',
      period: '2024-Q3',
      value: 40,
      analysis: '지수 산정 방식 변경',
      nextSteps: '해외 홍보 강화',
    });
    await approveAll('ADM-01');
    const slipping = await mayor.sectors.briefing({ year, asOf: '2024-09', sector: 'ADM' });
    expect(slipping.commentary['ADM-01']).toMatchObject({ period: '2024-Q3' });
    // Back on track with Q4: its value needs no commentary and has none.
    await fin.reports.submit({ year, code: 'ADM-01', period: '2024-Q4', value: 20 });
    await approveAll('ADM-01');
    const detail = await mayor.indicators.detail({ year, asOf: '2024-12', code: 'ADM-01' });
    expect(detail.indicator.figures.status).toBe('on_track');
    const recovered = await mayor.sectors.briefing({ year, asOf: '2024-12', sector: 'ADM' });
    expect(recovered.commentary['ADM-01']).toBeUndefined();
  });
});

describe('a directive', () => {
  freshDatabase();

  it('reported on again after its completion was proposed says it is still proposed', async () => {
    const planner = await callerAs(db, 'planner');
    const tourism = await callerAs(db, 'tourism.head');
    const { id } = await planner.directives.record({
      year,
      meetingDate: '2024-02-01',
      meetingName: '문화관광 분야 업무보고',
      sector: 'CUL',
      content: '국제회의 유치 확대',
      departments: ['TOURISM'],
      dueDate: '2024-06-30',
    });
    await tourism.directives.report({ year, id, note: '유치 완료 보고', proposeCompletion: true });
    const answer = await tourism.directives.report({ year, id, note: '추가 자료 제출' });
    const stored = await planner.directives.detail({ year, id });
    expect(stored.state).toBe('proposed');
    expect(answer.state).toBe(stored.state);
  });
});
