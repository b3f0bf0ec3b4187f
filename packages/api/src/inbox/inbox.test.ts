/**
 * Each user's inbox through the procedure, signed in as the seed's accounts: a bureau head sees their
 * own department's reports owed and values returned (a value returned by the planning office appears
 * there, and in no other department's); an approver the values waiting; an executive nothing yet.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../testing.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

async function departmentCodes(department: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('indicators')
    .innerJoin('departments', 'departments.id', 'indicators.department_id')
    .select('indicators.code')
    .where('departments.code', '=', department)
    .execute();
  return new Set(rows.map((r) => r.code));
}

describe('inbox.mine', () => {
  it("gives a bureau head their own department's reports owed, each with its due date", async () => {
    const inbox = await (await callerAs(db, 'fin.head')).inbox.mine({ year: 2024 });
    expect(inbox.sections.map((s) => s.section)).toEqual([
      'reports_owed',
      'values_returned',
      'commentary_owed',
      'follow_through',
    ]);
    const owed = inbox.sections[0]?.items ?? [];
    expect(owed.length).toBeGreaterThan(0);
    // ECO-03 (quarterly, FIN) has no value in the seed: all four quarters are owed, long overdue.
    expect(owed.filter((item) => item.code === 'ECO-03').map((item) => [item.period, item.note])).toEqual([
      ['2024-Q1', 'overdue'],
      ['2024-Q2', 'overdue'],
      ['2024-Q3', 'overdue'],
      ['2024-Q4', 'overdue'],
    ]);
    const fin = await departmentCodes('FIN');
    expect(owed.filter((item) => !fin.has(item.code))).toEqual([]);
    expect(owed.every((item) => item.date !== null && item.period !== null)).toBe(true);
  });

  it('shows a value the planning office returned to its department only, with the reason, and emails its reporter', async () => {
    await (await callerAs(db, 'tourism.head')).reports.submit({
      year: 2024,
      code: 'CUL-02',
      period: '2024-Q4',
      value: 7,
      // A value this low leaves CUL-02 off track: it comes with its commentary (follow-through).
      analysis: '일정 연기',
      nextSteps: '유치 설명회',
    });
    const approver = await callerAs(db, 'planner');
    const pending = await approver.approvals.pending({ year: 2024, department: 'TOURISM' });
    const value = pending.items.find((item) => item.code === 'CUL-02');
    expect(value).toBeDefined();
    if (!value) return;
    await db
      .updateTable('users')
      .set({ email: 'tourism@busan.example' })
      .where('username', '=', 'tourism.head')
      .execute();
    await approver.approvals.return({ id: value.id, reason: '출처 자료를 첨부해 주십시오' });
    // The email to its reporter was written with the return (sent later by the scheduler), in Korean.
    const mail = await db.selectFrom('mail_outbox').select(['key', 'to_address', 'subject']).execute();
    expect(mail).toEqual([
      {
        key: `returned:${value.id}`,
        to_address: 'tourism@busan.example',
        subject: expect.stringContaining('반려'),
      },
    ]);

    const tourism = await (await callerAs(db, 'tourism.head')).inbox.mine({ year: 2024 });
    const returned = tourism.sections.find((s) => s.section === 'values_returned')?.items ?? [];
    expect(returned).toContainEqual(
      expect.objectContaining({
        code: value.code,
        period: value.period,
        note: '출처 자료를 첨부해 주십시오',
      }),
    );
    const fin = await (await callerAs(db, 'fin.head')).inbox.mine({ year: 2024 });
    const finReturned = fin.sections.find((s) => s.section === 'values_returned')?.items ?? [];
    expect(finReturned.filter((item) => item.code === value.code)).toEqual([]);
  });

  it('gives an approver the values waiting (all of them counted) and an executive nothing yet', async () => {
    const approver = await callerAs(db, 'planner');
    const inbox = await approver.inbox.mine({ year: 2024 });
    const all = await approver.approvals.pending({ year: 2024 });
    expect(inbox.sections.map((s) => [s.section, s.total])).toEqual([
      ['approvals_waiting', all.total],
      ['directives_to_confirm', 0],
    ]);
    const executive = await (await callerAs(db, 'mayor')).inbox.mine({ year: 2024 });
    expect(executive).toMatchObject({ total: 0, sections: [] });
  });

  it("gives a department the mayor's directive assigned to it, overdue, and the planning office its completion to confirm", async () => {
    const { id } = await (await callerAs(db, 'mayor')).directives.record({
      year: 2024,
      meetingDate: '2024-01-18',
      meetingName: '문화관광복지 분야 업무보고',
      sector: 'CUL',
      content: '외국인 관광객 유치 방안 마련',
      departments: ['TOURISM'],
      dueDate: '2024-03-31',
    });
    const assigned = async (username: string) =>
      (await (await callerAs(db, username)).inbox.mine({ year: 2024 })).sections.find(
        (s) => s.section === 'follow_through',
      )?.items ?? [];
    expect((await assigned('tourism.head')).find((item) => item.code === `#${id}`)).toMatchObject({
      name: { ko: '외국인 관광객 유치 방안 마련' },
      date: '2024-03-31',
      note: 'overdue',
    });
    expect((await assigned('fin.head')).filter((item) => item.code === `#${id}`)).toEqual([]);

    const toConfirm = async () =>
      (await (await callerAs(db, 'planner')).inbox.mine({ year: 2024 })).sections.find(
        (s) => s.section === 'directives_to_confirm',
      );
    expect((await toConfirm())?.items.map((item) => item.code)).not.toContain(`#${id}`);
    await (await callerAs(db, 'tourism.head')).directives.report({
      year: 2024,
      id,
      note: '관광 마케팅 예산 확보',
      proposeCompletion: true,
    });
    expect((await toConfirm())?.items.map((item) => item.code)).toContain(`#${id}`);
  });

  it('refuses a plan year the organisation has not', async () => {
    const caller = await callerAs(db, 'tourism.head');
    await expect(caller.inbox.mine({ year: 2031 })).rejects.toSatisfy(
      (error: unknown) => error instanceof TRPCError && error.code === 'NOT_FOUND',
    );
  });
});
