import { type Db, refuseInserts, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePrincipal } from './auth/sessions.js';
import { createContextInner } from './context.js';
import { EntryValidationError } from './reporting.js';
import { createCaller } from './root.js';
import { callerAs, principalFor, signIn } from './testing.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

async function count(table: 'measurements' | 'audit_log', where?: string): Promise<number> {
  const rows = await sql<{
    n: number;
  }>`select count(*) as n from ${sql.table(table)} ${where ? sql.raw(`where ${where}`) : sql``}`.execute(db);
  return Number(rows.rows[0]?.n);
}

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('a bureau head reports, an approver approves, the dashboard changes', () => {
  it('keeps a reported value pending (not counted) until it is approved, then counts it', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const planner = await callerAs(db, 'planner');
    const mayor = await callerAs(db, 'mayor');
    const before = await mayor.indicators.detail({ year: 2024, asOf: '2024-12', code: 'CUL-01' });
    const december = before.measurements.find((m) => m.period === '2024-12');
    expect(december?.value).toBe(249_192);

    await tourism.reports.submit({
      year: 2024,
      code: 'CUL-01',
      period: '2024-12',
      value: 260_000,
      note: '정정 보고',
    });
    const pendingView = await mayor.indicators.detail({ year: 2024, asOf: '2024-12', code: 'CUL-01' });
    expect(pendingView.indicator.figures.actualToDate).toBe(before.indicator.figures.actualToDate);
    const queue = (await planner.approvals.pending({ year: 2024 })).items;
    const mine = queue.find((p) => p.code === 'CUL-01' && p.period === '2024-12');
    expect(mine).toMatchObject({ value: 260_000, note: '정정 보고', department: { code: 'TOURISM' } });
    const status = await tourism.reports.status({ year: 2024 });
    expect(status.department).toBe('TOURISM');
    expect(status.indicators.find((i) => i.code === 'CUL-01')?.periods[11]?.state).toBe('pending');

    await planner.approvals.approve({ id: mine?.id ?? 0 });
    const after = await mayor.indicators.detail({ year: 2024, asOf: '2024-12', code: 'CUL-01' });
    expect(after.indicator.figures.actualToDate).toBe(
      (before.indicator.figures.actualToDate ?? 0) + 260_000 - 249_192,
    );
    expect(after.measurements.find((m) => m.period === '2024-12')?.value).toBe(260_000);

    const audit = await mayor.audit.list({ year: 2024, indicator: 'CUL-01' });
    expect(audit.map((a) => a.action)).toEqual(['measurement.approve', 'measurement.submit']);
    expect(audit[1]).toMatchObject({ actor: 'tourism.head', before: { status: 'approved', value: 249_192 } });
    expect(audit[0]).toMatchObject({ actor: 'planner', after: { value: 260_000, status: 'approved' } });
    expect(await count('measurements', "status = 'superseded' and period = '2024-12'")).toBe(1);
  });

  it('returns a value with a reason, leaving the approved value in place', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const planner = await callerAs(db, 'planner');
    await tourism.reports.submit({ year: 2024, code: 'CUL-02', period: '2024-Q4', value: 99 });
    const pending = (await planner.approvals.pending({ year: 2024 })).items.find((p) => p.code === 'CUL-02');
    const tooShort = await failure(planner.approvals.return({ id: pending?.id ?? 0, reason: '' }));
    expect(tooShort.code).toBe('BAD_REQUEST');
    await planner.approvals.return({ id: pending?.id ?? 0, reason: '증빙 자료가 없습니다' });
    const period = (await tourism.reports.status({ year: 2024 })).indicators
      .find((i) => i.code === 'CUL-02')
      ?.periods.find((p) => p.period === '2024-Q4');
    expect(period?.state).toBe('approved');
    expect(period?.returned).toMatchObject({ value: 99, reason: '증빙 자료가 없습니다' });
    expect(period?.returned?.at).toEqual(expect.any(String));
    const again = await failure(planner.approvals.approve({ id: pending?.id ?? 0 }));
    expect(again.code).toBe('NOT_FOUND');
  });
});

describe('bad input is refused with row and field, and nothing is written', () => {
  it('collects every problem of a grid and writes none of it', async () => {
    const tourism = await callerAs(db, 'tourism.head');
    const measurements = await count('measurements');
    const audit = await count('audit_log');
    const error = await failure(
      tourism.reports.submitMany({
        year: 2024,
        entries: [
          { code: 'CUL-01', period: '2024-11', value: 250_000 },
          { code: 'CUL-01', period: '2024-Q4', value: 1 },
          { code: 'CUL-01', period: '2023-12', value: 1 },
          { code: 'CUL-01', period: '2024-10', value: 12.5 },
          { code: 'CUL-01', period: '2024-11', value: 3 },
          { code: 'NOPE-01', period: '2024-01', value: 1 },
          { code: 'CUL-02', period: '2024-Q1', value: -4, evidenceUrl: 'not a link' },
          { code: 'CUL-01', period: '2024-09', value: 1e308 },
        ],
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toBeInstanceOf(EntryValidationError);
    const errors = (error.cause as EntryValidationError).errors;
    // Each problem has a code and parameters for the web app to say it in Korean or English.
    expect(errors[2]).toMatchObject({ code: 'not_whole', params: { value: 12.5, unit: 'people' } });
    expect(errors.map(({ row, field, message }) => ({ row, field, message }))).toEqual([
      { row: 2, field: 'period', message: 'CUL-01 is reported monthly; "2024-Q4" is a quarterly period' },
      { row: 3, field: 'period', message: '"2023-12" is outside the plan year 2024' },
      { row: 4, field: 'value', message: '12.5 must be a whole number for this unit (people)' },
      { row: 5, field: 'period', message: 'CUL-01 2024-11 is also in row 1' },
      { row: 6, field: 'code', message: '"NOPE-01" is not an indicator of the 2024 plan' },
      { row: 7, field: 'value', message: '-4 must not be negative (cases)' },
      { row: 7, field: 'evidenceUrl', message: 'must be a web address starting with http:// or https://' },
      {
        row: 8,
        field: 'value',
        message:
          '1e+308 is more than a value in people can plausibly be (at most 10000000000); check the unit',
      },
    ]);
    expect(await count('measurements')).toBe(measurements);
    expect(await count('audit_log')).toBe(audit);
  });

  it.each([
    ['a percentage above 100 (an admin may write any indicator)', 'admin', 'percent', 120, /at most 100/],
    ['a period that has not ended', 'tourism.head', 'future', 1, /has not ended yet/],
  ])('refuses %s', async (_name, username, kind, value, message) => {
    const caller = await callerAs(db, username);
    const { indicators } = await caller.reports.status({ year: 2024 });
    const target =
      kind === 'percent'
        ? indicators.find((i) => i.unit === 'percent')
        : indicators.find((i) => i.frequency === 'monthly');
    if (!target) throw new Error(`no ${kind} indicator for ${username}`);
    const period =
      target.frequency === 'monthly' ? '2024-06' : target.frequency === 'quarterly' ? '2024-Q2' : '2024';
    const now = kind === 'future' ? new Date('2024-06-15T00:00:00Z') : new Date();
    const { token, csrfToken } = await signIn(db, username);
    const principal = await principalFor(db, token);
    const atThatTime = createCaller(
      createContextInner({ db, principal, csrfHeader: csrfToken, now: () => now }),
    );
    const measurements = await count('measurements');
    const error = await failure(atThatTime.reports.submit({ year: 2024, code: target.code, period, value }));
    expect(error.message).toMatch(message);
    expect(await count('measurements')).toBe(measurements);
  });

  it("refuses another department's indicator as forbidden, writing nothing", async () => {
    const fin = await callerAs(db, 'fin.head');
    const measurements = await count('measurements');
    const error = await failure(
      fin.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-05', value: 1 }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/not yours: CUL-01 \(CUL-01 belongs to TOURISM\)/);
    expect(error.cause).toMatchObject({
      problem: {
        code: 'entries_not_yours',
        params: { codes: 'CUL-01', code: 'CUL-01', department: 'TOURISM' },
      },
    });
    expect(await count('measurements')).toBe(measurements);
  });
});

describe('milestone dates', () => {
  it('lets the owner record a date with a reason in the audit trail, and no one else', async () => {
    const airport = await callerAs(db, 'airport.head');
    const fin = await callerAs(db, 'fin.head');
    const { tracks } = await airport.milestones.timeline({ year: 2024, asOf: '2024-12' });
    const open = tracks
      .flatMap((t) => t.milestones)
      .find((m) => m.department.code === 'AIRPORT' && !m.state.startsWith('done'));
    if (!open) throw new Error('the airport track has an open milestone');
    const forbidden = await failure(
      fin.reports.updateMilestone({
        year: 2024,
        code: open.code,
        actualDate: null,
        forecastDate: '2025-09-30',
        note: null,
        reason: '재입찰',
      }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    await airport.reports.updateMilestone({
      year: 2024,
      code: open.code,
      actualDate: null,
      forecastDate: '2025-09-30',
      note: '재공고 예정',
      reason: '수의계약 협상 지연',
    });
    const audit = await airport.audit.list({ year: 2024 });
    expect(audit[0]).toMatchObject({
      action: 'milestone.update',
      entityId: open.code,
      actor: 'airport.head',
      after: { forecast_date: '2025-09-30', note: '재공고 예정' },
      reason: '수의계약 협상 지연',
    });
  });
});

describe('the audit trail', () => {
  it('is append-only in the database itself', async () => {
    expect(await count('audit_log')).toBeGreaterThan(0);
    await expect(sql`update audit_log set actor = 'someone else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('accounts and tokens', () => {
  it('writes a token and its audit entry together, or neither', async () => {
    const analyst = await callerAs(db, 'analyst');
    const { id } = await analyst.tokens.create({ name: 'kept' });
    const tokens = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from api_tokens`.execute(db)).rows[0]?.n);
    const before = await tokens();
    // The audit log refuses token entries for a moment, as a full disk would refuse the second write.
    const restore = await refuseInserts(db, 'audit_log', 'audit refused', "new.action like 'token.%'");
    try {
      await expect(analyst.tokens.create({ name: 'half written' })).rejects.toThrow();
      await expect(analyst.tokens.revoke({ id })).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(await tokens()).toBe(before);
    const kept = await sql<{
      revoked_at: string | null;
    }>`select revoked_at from api_tokens where id = ${id}`.execute(db);
    expect(kept.rows[0]?.revoked_at).toBeNull();
  });

  it('lets an admin create a user, audited; a token reads until it is revoked', async () => {
    const admin = await callerAs(db, 'admin');
    await admin.users.create({
      username: 'harbour.head',
      displayName: '물류정책과장',
      role: 'bureau_head',
      department: 'LOGIS',
      password: 'a-long-enough-password',
    });
    const weak = await failure(
      admin.users.create({ username: 'weak', displayName: 'x', role: 'analyst', password: 'short' }),
    );
    expect(weak.message).toMatch(/at least 10 characters/);
    const audit = await admin.audit.list({ year: 2024 });
    expect(audit.find((a) => a.action === 'user.create')).toMatchObject({
      entityId: 'harbour.head',
      actor: 'admin',
    });

    const analyst = await callerAs(db, 'analyst');
    const { id, token } = await analyst.tokens.create({ name: 'monthly script' });
    expect(token).toMatch(/^tgb_/);
    const stored = await sql<{
      token_hash: string;
    }>`select token_hash from api_tokens where id = ${id}`.execute(db);
    expect(stored.rows[0]?.token_hash).not.toContain(token);
    const viaToken = await resolvePrincipal(db, {
      authorization: `Bearer ${token}`,
      publicDashboard: false,
      now: new Date(),
    });
    expect(viaToken).toMatchObject({ kind: 'user', via: 'token', user: { username: 'analyst' } });
    await analyst.tokens.revoke({ id });
    const revoked = await resolvePrincipal(db, {
      authorization: `Bearer ${token}`,
      publicDashboard: false,
      now: new Date(),
    });
    expect(revoked.kind).toBe('anonymous');
  });
});

describe('signing in', () => {
  it('gives the same answer for a wrong password and an unknown user, and limits repeated failures', async () => {
    const wrong = await failure(signIn(db, 'mayor', 'not-the-password', 'client-a'));
    const unknown = await failure(signIn(db, 'no.such.user', 'whatever-password', 'client-a'));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe(unknown.message);
    for (let i = 0; i < 4; i++) await failure(signIn(db, 'analyst', 'wrong-password', 'client-b'));
    const limited = await failure(signIn(db, 'analyst', 'wrong-password', 'client-b'));
    expect(limited.code).toBe('UNAUTHORIZED');
    // Five failures from that address: even the right password is refused from there for a while…
    const blocked = await failure(signIn(db, 'analyst', undefined, 'client-b'));
    expect(blocked.code).toBe('TOO_MANY_REQUESTS');
    // …but someone else's guesses do not lock the analyst out of their own machine.
    await expect(signIn(db, 'analyst', undefined, 'analysts-own-pc')).resolves.toMatchObject({
      token: expect.any(String),
    });
  });

  it('checks one of the attempts a client makes at the same moment and refuses the rest at once', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => signIn(db, 'fin.head', 'wrong-password', 'burst')),
    );
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as TRPCError).code : 'ok'));
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(7);
    // The seven were refused unchecked, so they are no failures: the right password is let in.
    expect((await signIn(db, 'fin.head', undefined, 'burst')).token).not.toBe('');
  });

  it('refuses a mutation made with a session but without its CSRF token', async () => {
    const { token } = await signIn(db, 'tourism.head');
    const principal = await principalFor(db, token);
    const noCsrf = createCaller(createContextInner({ db, principal }));
    const error = await failure(
      noCsrf.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-05', value: 1 }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/CSRF/);
  });

  it('treats an expired session as no session', async () => {
    const { token } = await signIn(db, 'mayor');
    const later = new Date(Date.now() + 13 * 3_600_000);
    expect((await principalFor(db, token, later)).kind).toBe('anonymous');
    expect((await principalFor(db, token)).kind).toBe('user');
  });
});

describe('pending values on the indicator page', () => {
  it('lists them beside the approved series without counting them', async () => {
    const carbon = await callerAs(db, 'carbon.head');
    const mayor = await callerAs(db, 'mayor');
    const { indicators } = await carbon.reports.status({ year: 2024 });
    const monthly = indicators.find((i) => i.frequency === 'monthly' && i.unit !== 'percent');
    if (!monthly) throw new Error('CARBON has a monthly indicator');
    const before = await mayor.indicators.detail({ year: 2024, asOf: '2024-12', code: monthly.code });
    // A value this low leaves the indicator slipping: it comes with its commentary (follow-through).
    await carbon.reports.submit({
      year: 2024,
      code: monthly.code,
      period: '2024-02',
      value: 7,
      analysis: '집계 지연',
      nextSteps: '다음 달 보정',
    });
    const after = await mayor.indicators.detail({ year: 2024, asOf: '2024-12', code: monthly.code });
    expect(after.pending).toMatchObject([{ period: '2024-02', value: 7 }]);
    expect(after.indicator.figures).toEqual(before.indicator.figures);
  });
});

describe('safeguards', () => {
  it('ends a user’s API tokens when their password is reset', async () => {
    const admin = await callerAs(db, 'admin');
    const mayor = await callerAs(db, 'mayor');
    const { token } = await mayor.tokens.create({ name: 'before the reset' });
    await admin.users.setPassword({ username: 'mayor', password: 'a-brand-new-password' });
    const after = await resolvePrincipal(db, {
      authorization: `Bearer ${token}`,
      publicDashboard: false,
      now: new Date(),
    });
    expect(after.kind).toBe('anonymous');
  });

  it('does not let anyone approve a value they entered themselves', async () => {
    const admin = await callerAs(db, 'admin');
    await admin.reports.submit({
      year: 2024,
      code: 'CUL-03',
      period: '2024-Q1',
      value: 31000,
      analysis: '비수기 영향',
      nextSteps: '하반기 기항 유치',
    });
    const own = (await admin.approvals.pending({ year: 2024 })).items.find((p) => p.code === 'CUL-03');
    const error = await failure(admin.approvals.approve({ id: own?.id ?? 0 }));
    expect(error.code).toBe('FORBIDDEN');
    const planner = await callerAs(db, 'planner');
    await planner.approvals.approve({ id: own?.id ?? 0 });
  });
});

describe('the approvals queue of one plan year', () => {
  let fresh: Db;
  beforeAll(async () => {
    ({ db: fresh } = await seededTestDatabase());
  });
  afterAll(async () => {
    await fresh.destroy();
  });

  it("says how many values wait in each of the organisation's plan years, and for a department", async () => {
    const planner = await callerAs(fresh, 'planner');
    const tourism = await callerAs(fresh, 'tourism.head');
    // The seed's 2025 plan carries 2024's indicators, with nothing reported yet.
    expect((await planner.approvals.waiting({})).years).toEqual([]);

    await tourism.reports.submit({ year: 2025, code: 'CUL-01', period: '2025-01', value: 900_000 });
    await tourism.reports.submit({ year: 2025, code: 'CUL-01', period: '2025-02', value: 900_000 });
    await tourism.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-12', value: 250_000 });

    expect((await planner.approvals.waiting({})).years).toEqual([
      { year: 2024, count: 1 },
      { year: 2025, count: 2 },
    ]);
    expect((await planner.approvals.pending({ year: 2025 })).total).toBe(2);
    // For a department, that department's values only.
    expect((await planner.approvals.waiting({ department: 'tourism' })).years).toHaveLength(2);
    expect((await planner.approvals.waiting({ department: 'FIN' })).years).toEqual([]);
    // Approved, a value no longer waits anywhere.
    const [first] = (await planner.approvals.pending({ year: 2025 })).items;
    await planner.approvals.approve({ id: first?.id ?? 0 });
    expect((await planner.approvals.waiting({})).years).toEqual([
      { year: 2024, count: 1 },
      { year: 2025, count: 1 },
    ]);
    // A plan taken back to draft (as no screen does) is not named: its queue is not shown.
    await fresh.updateTable('plans').set({ status: 'draft' }).where('year', '=', 2025).execute();
    expect((await planner.approvals.waiting({})).years).toEqual([{ year: 2024, count: 1 }]);
  });
});
