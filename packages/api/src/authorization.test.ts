/**
 * The authorisation matrix: every procedure, called as every kind of caller, with the exact outcome
 * each must get. Callers sign in through auth.signIn (or use a real API token); nothing is bypassed.
 * A procedure added to the router without a row here fails the first test.
 */

import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './auth/policy.js';
import { createApiToken, resolvePrincipal } from './auth/sessions.js';
import { createContextInner } from './context.js';
import { appRouter, createCaller } from './root.js';
import { principalFor, signIn } from './testing.js';

type Outcome = 'ok' | 'BAD_REQUEST' | 'NOT_FOUND' | 'UNAUTHORIZED' | 'FORBIDDEN';
type CallerName =
  | 'anonymous'
  | 'public'
  | 'admin'
  | 'executive'
  | 'approver'
  | 'bureauHead'
  | 'otherBureauHead'
  | 'analyst'
  | 'token'
  | 'revokedToken'
  | 'expiredSession';

const CALLERS: CallerName[] = [
  'anonymous',
  'public',
  'admin',
  'executive',
  'approver',
  'bureauHead',
  'otherBureauHead',
  'analyst',
  'token',
  'revokedToken',
  'expiredSession',
];

type Caller = ReturnType<typeof createCaller>;

/**
 * For each procedure: how to call it (with input chosen so that an authorised call ends in a
 * recognisable way without changing anything that later rows depend on), and the expected outcome
 * for each caller. `U` = UNAUTHORIZED (no valid credentials), `F` = FORBIDDEN.
 */
const U: Outcome = 'UNAUTHORIZED';
const F: Outcome = 'FORBIDDEN';
const everyone = (outcome: Outcome) =>
  Object.fromEntries(CALLERS.map((c) => [c, outcome])) as Record<CallerName, Outcome>;
/** Readable by every signed-in user and API token; not by the public view or anybody else. */
const read = (outcome: Outcome = 'ok'): Record<CallerName, Outcome> => ({
  ...everyone(outcome),
  anonymous: U,
  public: U,
  revokedToken: U,
  expiredSession: U,
});
/** Readable on the public view too. */
const publicRead = (): Record<CallerName, Outcome> => ({ ...read(), public: 'ok' });
/** Only for signed-in sessions with the permission; tokens are refused. */
const only = (allowed: Partial<Record<CallerName, Outcome>>): Record<CallerName, Outcome> => ({
  anonymous: U,
  public: U,
  revokedToken: U,
  expiredSession: U,
  admin: F,
  executive: F,
  approver: F,
  bureauHead: F,
  otherBureauHead: F,
  analyst: F,
  token: F,
  ...allowed,
});
const sessions = (outcome: Outcome) =>
  only({
    admin: outcome,
    executive: outcome,
    approver: outcome,
    bureauHead: outcome,
    otherBureauHead: outcome,
    analyst: outcome,
  });

const year = 2024;
const MATRIX: Record<
  string,
  { call: (c: Caller, who: CallerName) => Promise<unknown>; expect: Record<CallerName, Outcome> }
> = {
  'auth.me': { call: (c) => c.auth.me(), expect: everyone('ok') },
  // Anyone may try; a wrong password is UNAUTHORIZED for all (a different name per caller avoids the rate limit).
  'auth.signIn': {
    call: (c, who) => c.auth.signIn({ username: `nobody-${who}`, password: 'wrong-password' }),
    expect: everyone(U),
  },
  'plan.years': { call: (c) => c.plan.years(), expect: publicRead() },
  'plan.overview': { call: (c) => c.plan.overview({ year }), expect: publicRead() },
  'plan.history': { call: (c) => c.plan.history({ year, asOf: '2024-03' }), expect: publicRead() },
  'sectors.list': { call: (c) => c.sectors.list({ year }), expect: publicRead() },
  'sectors.detail': { call: (c) => c.sectors.detail({ year, sector: 'BAL' }), expect: publicRead() },
  'sectors.indicators': { call: (c) => c.sectors.indicators({ year, sector: 'BAL' }), expect: publicRead() },
  'sectors.headlines': { call: (c) => c.sectors.headlines({ year, sector: 'BAL' }), expect: publicRead() },
  'sectors.briefing': { call: (c) => c.sectors.briefing({ year, sector: 'BAL' }), expect: publicRead() },
  'milestones.timeline': { call: (c) => c.milestones.timeline({ year }), expect: publicRead() },
  'milestones.list': { call: (c) => c.milestones.list({ year, department: 'AIRPORT' }), expect: read() },
  'indicators.list': { call: (c) => c.indicators.list({ year }), expect: read() },
  'indicators.detail': { call: (c) => c.indicators.detail({ year, code: 'CUL-01' }), expect: read() },
  'departments.list': { call: (c) => c.departments.list({ year }), expect: read() },
  'departments.comparison': { call: (c) => c.departments.comparison({ year }), expect: read() },
  'departments.detail': {
    call: (c) => c.departments.detail({ year, department: 'TOURISM' }),
    expect: read(),
  },
  'reports.status': { call: (c) => c.reports.status({ year, department: 'TOURISM' }), expect: read() },
  'reports.overdue': { call: (c) => c.reports.overdue({ year }), expect: read() },
  'approvals.pending': { call: (c) => c.approvals.pending({ year }), expect: read() },
  'audit.list': { call: (c) => c.audit.list({ year }), expect: read() },
  // A negative count is refused by validation once the caller may write CUL-01 (TOURISM's).
  'reports.submit': {
    call: (c) => c.reports.submit({ year, code: 'CUL-01', period: '2024-05', value: -1 }),
    expect: only({ admin: 'BAD_REQUEST', bureauHead: 'BAD_REQUEST' }),
  },
  'reports.submitMany': {
    call: (c) => c.reports.submitMany({ year, entries: [{ code: 'CUL-02', period: '2024-Q1', value: -1 }] }),
    expect: only({ admin: 'BAD_REQUEST', bureauHead: 'BAD_REQUEST' }),
  },
  // BAL-M03 is the airport's: only an admin among these callers may write it, and a future actual date is refused.
  'reports.updateMilestone': {
    call: (c) =>
      c.reports.updateMilestone({
        year,
        code: 'BAL-M03',
        actualDate: '2099-01-01',
        forecastDate: null,
        note: null,
        reason: 'matrix',
      }),
    expect: only({ admin: 'BAD_REQUEST' }),
  },
  'approvals.approve': {
    call: (c) => c.approvals.approve({ id: 999_999 }),
    expect: only({ admin: 'NOT_FOUND', approver: 'NOT_FOUND' }),
  },
  'approvals.return': {
    call: (c) => c.approvals.return({ id: 999_999, reason: 'matrix test' }),
    expect: only({ admin: 'NOT_FOUND', approver: 'NOT_FOUND' }),
  },
  'users.list': { call: (c) => c.users.list(), expect: only({ admin: 'ok' }) },
  'users.create': {
    call: (c) =>
      c.users.create({ username: 'matrix.user', displayName: 'x', role: 'analyst', password: 'short' }),
    expect: only({ admin: 'BAD_REQUEST' }),
  },
  'users.update': {
    call: (c) => c.users.update({ username: 'no.such.user', role: 'analyst', disabled: false }),
    expect: only({ admin: 'NOT_FOUND' }),
  },
  'users.setPassword': {
    call: (c) => c.users.setPassword({ username: 'no.such.user', password: 'long-enough-password' }),
    expect: only({ admin: 'NOT_FOUND' }),
  },
  'tokens.list': { call: (c) => c.tokens.list(), expect: sessions('ok') },
  'tokens.create': { call: (c) => c.tokens.create({ name: '' }), expect: sessions('BAD_REQUEST') },
  'tokens.revoke': { call: (c) => c.tokens.revoke({ id: 999_999 }), expect: sessions('NOT_FOUND') },
  // Last: signing out ends the session.
  'auth.signOut': { call: (c) => c.auth.signOut(), expect: sessions('ok') },
};

let db: Db;
const principals = new Map<CallerName, { principal: Principal; csrf: string | null }>();

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const session = async (username: string) => {
    const { token, csrfToken } = await signIn(db, username);
    return { principal: await principalFor(db, token), csrf: csrfToken };
  };
  principals.set('anonymous', {
    principal: await resolvePrincipal(db, { publicDashboard: false, now: new Date() }),
    csrf: null,
  });
  principals.set('public', {
    principal: await resolvePrincipal(db, { publicDashboard: true, now: new Date() }),
    csrf: null,
  });
  principals.set('admin', await session('admin'));
  principals.set('executive', await session('mayor'));
  principals.set('approver', await session('planner'));
  principals.set('bureauHead', await session('tourism.head'));
  principals.set('otherBureauHead', await session('fin.head'));
  principals.set('analyst', await session('analyst'));
  const analyst = await findUserByUsername(db, 'analyst');
  const valid = await createApiToken(db, analyst?.id ?? 0, 'matrix', new Date());
  principals.set('token', {
    principal: await resolvePrincipal(db, {
      authorization: `Bearer ${valid.token}`,
      publicDashboard: false,
      now: new Date(),
    }),
    csrf: null,
  });
  const revoked = await createApiToken(db, analyst?.id ?? 0, 'matrix revoked', new Date());
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', revoked.id)
    .execute();
  principals.set('revokedToken', {
    principal: await resolvePrincipal(db, {
      authorization: `Bearer ${revoked.token}`,
      publicDashboard: false,
      now: new Date(),
    }),
    csrf: null,
  });
  const expired = await signIn(db, 'mayor');
  principals.set('expiredSession', {
    principal: await principalFor(db, expired.token, new Date(Date.now() + 13 * 3_600_000)),
    csrf: expired.csrfToken,
  });
});
afterAll(async () => {
  await db.destroy();
});

async function outcomeOf(promise: Promise<unknown>): Promise<Outcome | string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('the authorisation matrix', () => {
  it('covers every procedure of the router', () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('resolves expired sessions and revoked tokens to nobody', () => {
    expect(principals.get('expiredSession')?.principal.kind).toBe('anonymous');
    expect(principals.get('revokedToken')?.principal.kind).toBe('anonymous');
    expect(principals.get('token')?.principal).toMatchObject({ kind: 'user', via: 'token' });
  });

  it.each(Object.keys(MATRIX))('%s gives each caller exactly its expected outcome', async (name) => {
    const row = MATRIX[name];
    if (!row) throw new Error(name);
    const actual: Record<string, string> = {};
    for (const who of CALLERS) {
      const entry = principals.get(who);
      if (!entry) throw new Error(who);
      const caller = createCaller(
        createContextInner({ db, principal: entry.principal, csrfHeader: entry.csrf }),
      );
      actual[who] = await outcomeOf(row.call(caller, who));
    }
    expect(actual).toEqual(row.expect);
  });
});
