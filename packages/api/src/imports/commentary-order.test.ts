/**
 * The commentary rule whatever order values are approved in (hostile review): CUL-03's 2024-Q1 at
 * 5,000 with its commentary and Q2 at 80,000 without, imported together. Q2 owes its commentary only
 * because the low Q1 comes with it; judged against the approved values alone, approving Q2 before
 * Q1 let it in without its why, and the inbox never named it. Every place judges a value with the
 * others waiting for approval (db figures/prospect.ts).
 */

import { type Db, findIndicators, findPendingOf, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, principalFor, refusal, signIn } from '../testing.js';
import { commitImport } from './preview.js';

const now = new Date('2025-02-01T00:00:00Z');
const plan = { id: 0, year: 2024 };
let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  plan.id = (await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow()).id;
  const { token } = await signIn(db, 'tourism.head');
  const file =
    '지표 코드,지표명,기간,값,비고,증빙 링크,원인 분석,향후 대책\nCUL-03,x,2024-Q1,5000,,,항만 공사,재개 협의\nCUL-03,x,2024-Q2,80000,,,,\n';
  const result = await commitImport(
    db,
    plan,
    await principalFor(db, token, now),
    new TextEncoder().encode(file),
    { kind: 'template' },
    now,
    'x.csv',
  );
  expect(result.preview.commentaryOwed.map((owed) => owed.params.period)).toEqual(['2024-Q2']);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

async function pendingOf(period: string) {
  const id = (await findIndicators(db, plan.id)).find((i) => i.code === 'CUL-03')?.id ?? 0;
  return findPendingOf(db, id, period);
}

describe('a value owing its commentary because of another waiting with it', () => {
  it('is named in the head’s inbox and flagged on the approvals list, whatever the page', async () => {
    const inbox = await (await callerAs(db, 'tourism.head', now)).inbox.mine({ year: 2024 });
    expect(
      (inbox.sections.find((s) => s.section === 'commentary_owed')?.items ?? []).map((i) => [
        i.code,
        i.period,
      ]),
    ).toEqual([['CUL-03', '2024-Q2']]);
    const planner = await callerAs(db, 'planner', now);
    const listed = await planner.approvals.pending({ year: 2024, department: 'TOURISM', limit: 100 });
    const cul03 = listed.items.filter((i) => i.code === 'CUL-03').map((i) => [i.period, i.commentaryOwed]);
    expect(cul03).toEqual(
      expect.arrayContaining([
        ['2024-Q1', false],
        ['2024-Q2', true],
      ]),
    );
  });

  it('cannot be approved before the value that makes it slip', async () => {
    const planner = await callerAs(db, 'planner', now);
    const q2 = await pendingOf('2024-Q2');
    const refused = await refusal(planner.approvals.approve({ id: q2?.id ?? 0 }));
    expect(refused.code).toBe('CONFLICT');
    expect((refused.cause as { problem?: unknown }).problem).toMatchObject({
      code: 'approval_commentary_owed',
      params: { code: 'CUL-03', period: '2024-Q2' },
    });
    expect((await pendingOf('2024-Q2'))?.status).toBe('pending');
  });
});
