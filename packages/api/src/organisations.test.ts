/**
 * Organisations apart: what another organisation's users may not reach by id or by name (a pending
 * value, an account, a token of Busan's), and the public view, which names its organisation.
 */

import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from './accounts.js';
import { resolvePrincipal } from './auth/sessions.js';
import { createContextInner } from './context.js';
import { createCaller } from './root.js';
import { callerAs } from './testing.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; problem: string } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, problem: (error.cause as { problem?: { code: string } }).problem?.code ?? '' };
  }
}

describe('another organisation’s admin', () => {
  it('cannot approve, return or see a value Busan is waiting to approve', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    await tourism.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-11', value: 210_000 });
    const busan = await callerAs(db, 'planner');
    const [pending] = (await busan.approvals.pending({ year: 2024 })).items;
    if (!pending) throw new Error('the value waits');
    const other = await callerAs(db, 'haeundae.admin');
    expect(await refusal(other.approvals.approve({ id: pending.id }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'no_pending_value',
    });
    expect(await refusal(other.approvals.return({ id: pending.id, reason: 'not yours' }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'no_pending_value',
    });
    expect((await other.approvals.pending({ year: 2024 })).total).toBe(0);
    // Nor told of Busan's values waiting in another year.
    await tourism.reports.submit({ year: 2025, code: 'CUL-01', period: '2025-01', value: 900_000 });
    expect((await busan.approvals.waiting({})).years).toEqual([
      { year: 2024, count: 1 },
      { year: 2025, count: 1 },
    ]);
    expect((await other.approvals.waiting({})).years).toEqual([]);
    // Still Busan's to decide.
    expect(await busan.approvals.approve({ id: pending.id })).toEqual({ approved: pending.id });
  });

  it('cannot change, list or revoke Busan’s accounts and tokens', async () => {
    const other = await callerAs(db, 'haeundae.admin');
    expect(await refusal(other.users.update({ username: 'mayor', role: 'analyst', disabled: true }))).toEqual(
      {
        code: 'NOT_FOUND',
        problem: 'no_such_user',
      },
    );
    expect(
      await refusal(other.users.setPassword({ username: 'mayor', password: 'long-enough-password' })),
    ).toEqual({ code: 'NOT_FOUND', problem: 'no_such_user' });
    const analyst = await findUserByUsername(db, 'analyst');
    const { id } = await issueToken(
      db,
      { userId: null, name: 'test', organisationId: 1 },
      'analyst',
      'busan only',
      new Date(),
    );
    expect(await refusal(other.tokens.revoke({ id }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'no_such_token',
    });
    expect((await other.tokens.list()).map((t) => t.owner)).not.toContain(analyst?.username);
    expect((await other.users.list()).map((u) => u.username).sort()).toEqual([
      'haeundae.admin',
      'haeundae.mayor',
      'haeundae.tour.head',
    ]);
    // A user it creates is its own, and may name only its own departments.
    expect(
      await refusal(
        other.users.create({
          username: 'hud.tourism',
          displayName: 'x',
          role: 'bureau_head',
          department: 'TOURISM',
          password: 'long-enough-password',
        }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', problem: 'no_such_department' });
    await other.users.create({
      username: 'hud.tour',
      displayName: 'x',
      role: 'bureau_head',
      department: 'TOUR',
      password: 'long-enough-password',
    });
    expect((await findUserByUsername(db, 'hud.tour'))?.organisation_code).toBe('haeundae');
    expect((await other.audit.list({ year: 2024 })).map((e) => e.entityId)).toEqual(['hud.tour']);
  });
});

describe('a district’s own lists', () => {
  it('filter by its own department, whose code other organisations use too', async () => {
    // JOBS is Busanjin-gu's and Haeundae-gu's (PLAN is Busan's too): each finds its own.
    for (const [username, expected] of [
      ['haeundae.admin', ['GU-01', 'GU-02']],
      ['busanjin.admin', ['BJN-01', 'BJN-04', 'GU-01', 'GU-02']],
    ] as const) {
      const caller = await callerAs(db, username);
      const list = await caller.indicators.list({ year: 2024, department: 'JOBS', limit: 100 });
      expect(list.indicators.map((i) => i.code).sort(), username).toEqual(expected);
      const detail = await caller.departments.detail({ year: 2024, department: 'JOBS' });
      expect(detail.indicatorCount, username).toBe(expected.length);
    }
    const busan = await callerAs(db, 'admin');
    const plan = await busan.indicators.list({ year: 2024, department: 'PLAN', limit: 100 });
    expect(plan.indicators.every((i) => i.department.name.ko === '기획조정실')).toBe(true);
  });
});

describe('the public view', () => {
  const visitor = async () =>
    createCaller(
      createContextInner({
        db,
        principal: await resolvePrincipal(db, { publicDashboard: true, now: new Date() }),
      }),
    );

  it('shows the metropolitan city unless it names a district, and only that one’s plan', async () => {
    const caller = await visitor();
    expect((await caller.plan.overview({ year: 2024 })).plan.name.en).toBe(
      'Busan Metropolitan City 2024 Work Plan',
    );
    const haeundae = await caller.plan.overview({ year: 2024, org: 'haeundae' });
    expect(haeundae.plan.name.en).toBe('Haeundae-gu 2024 Work Plan (illustrative)');
    expect(haeundae.sectors.map((s) => s.code)).toEqual(['ECO', 'LIFE', 'CARE']);
    expect(await refusal(caller.sectors.detail({ year: 2024, sector: 'BAL', org: 'haeundae' }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'no_such_sector',
    });
    expect(await refusal(caller.plan.overview({ year: 2024, org: 'nowhere' }))).toEqual({
      code: 'NOT_FOUND',
      problem: 'no_such_organisation',
    });
  });
});
