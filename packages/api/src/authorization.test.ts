/**
 * The authorisation matrix: every procedure, called as every kind of caller, with the exact outcome
 * each must get. Callers sign in through auth.signIn (or use a real API token); nothing is bypassed.
 * A procedure added to the router without a row here fails the first test. Users of another
 * organisation (Haeundae-gu's, beside Busan's) get their own organisation's answer or a refusal,
 * never a byte of Busan's; naming Busan's organisation is refused outright.
 */

import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from './accounts.js';
import type { Principal } from './auth/policy.js';
import { createApiToken, resolvePrincipal } from './auth/sessions.js';
import { createContextInner } from './context.js';
import { appRouter, createCaller } from './root.js';
import { principalFor, signIn } from './testing.js';

type Outcome = 'ok' | 'BAD_REQUEST' | 'NOT_FOUND' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'CONFLICT';
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
  | 'expiredSession'
  | 'districtAdmin'
  | 'districtExecutive'
  | 'districtBureauHead'
  | 'districtToken';

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
  'districtAdmin',
  'districtExecutive',
  'districtBureauHead',
  'districtToken',
];

/** Users of another organisation (Haeundae-gu), and a token of one. */
const OTHERS = ['districtAdmin', 'districtExecutive', 'districtBureauHead', 'districtToken'] as const;

/**
 * What only Busan's answers hold: its indicator, milestone and department codes, its name, its
 * accounts and a token made for this test. None may reach a user of another organisation.
 */
const BUSAN_ONLY = [
  'CUL-0',
  'ECO-0',
  'BAL-M',
  'TOURISM',
  'AIRPORT',
  '부산광역시',
  'Busan Metropolitan City',
  'tourism.head',
  'busan-matrix-token',
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
  districtAdmin: F,
  districtExecutive: F,
  districtBureauHead: F,
  districtToken: F,
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
    districtAdmin: outcome,
    districtExecutive: outcome,
    districtBureauHead: outcome,
  });
/** Busan's sector, indicator, department or milestone named: another organisation has none. */
const notTheirs = (outcomes: Record<CallerName, Outcome>, outcome: Outcome = 'NOT_FOUND') => ({
  ...outcomes,
  ...Object.fromEntries(OTHERS.map((c) => [c, outcome])),
});

/** The plan editor's writers: the planning office (approver) and admins, each of their own organisation. */
const planOffice = (outcome: Outcome) => only({ admin: outcome, approver: outcome, districtAdmin: outcome });
/** Who may propose a revision or a change: the planning office and bureau heads. */
const proposers = (outcome: Outcome) =>
  only({
    admin: outcome,
    approver: outcome,
    bureauHead: outcome,
    otherBureauHead: outcome,
    districtAdmin: outcome,
    districtBureauHead: outcome,
  });
/** Who may record a directive: the planning office and the mayor's staff (executives), and admins. */
const directors = (outcome: Outcome) =>
  only({
    admin: outcome,
    executive: outcome,
    approver: outcome,
    districtAdmin: outcome,
    districtExecutive: outcome,
  });
/** Who reports on directives and keeps corrective actions: the planning office and bureau heads. */
const followers = proposers;
const bi = { ko: '매트릭스', en: 'Matrix' };
const matrixIndicator = {
  project: 'MX-1-1',
  code: 'MX-01',
  name: bi,
  department: 'TOURISM',
  unit: 'count',
  direction: 'increase',
  aggregation: 'sum',
  frequency: 'annual',
  baseline: null,
  annualTarget: 1,
  interimTargets: [],
  thresholds: null,
  weight: 1,
  headline: false,
  source: 'matrix',
  definition: null,
  formula: null,
  dataSource: null,
} as const;

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
  'sectors.detail': {
    call: (c) => c.sectors.detail({ year, sector: 'BAL' }),
    expect: notTheirs(publicRead()),
  },
  'sectors.indicators': {
    call: (c) => c.sectors.indicators({ year, sector: 'BAL' }),
    expect: notTheirs(publicRead()),
  },
  'sectors.headlines': {
    call: (c) => c.sectors.headlines({ year, sector: 'BAL' }),
    expect: notTheirs(publicRead()),
  },
  'sectors.briefing': {
    call: (c) => c.sectors.briefing({ year, sector: 'BAL' }),
    expect: notTheirs(publicRead()),
  },
  // The meeting's slides: the public view gets figures only (follow-through/meeting.test.ts).
  'sectors.meeting': {
    call: (c) => c.sectors.meeting({ year, sector: 'BAL' }),
    expect: notTheirs(publicRead()),
  },
  'milestones.timeline': { call: (c) => c.milestones.timeline({ year }), expect: publicRead() },
  'milestones.list': { call: (c) => c.milestones.list({ year, department: 'AIRPORT' }), expect: read() },
  'indicators.list': { call: (c) => c.indicators.list({ year }), expect: read() },
  'indicators.detail': {
    call: (c) => c.indicators.detail({ year, code: 'CUL-01' }),
    expect: notTheirs(read()),
  },
  // CUL-01 is Busan's: a district's reader finds no such series in their own plans.
  'years.indicator': { call: (c) => c.years.indicator({ code: 'CUL-01' }), expect: notTheirs(read()) },
  'years.ambition': {
    call: (c) => c.years.ambition({ year, code: 'CUL-01', target: 2_000_000 }),
    expect: read(),
  },
  'years.leastAmbitious': { call: (c) => c.years.leastAmbitious({ year }), expect: read() },
  'years.sectorAmbition': { call: (c) => c.years.sectorAmbition({ year }), expect: publicRead() },
  'years.lastYear': { call: (c) => c.years.lastYear({ year }), expect: publicRead() },
  'districts.comparison': {
    call: (c) => c.districts.comparison({ year }),
    expect: only({ admin: 'ok', executive: 'ok', token: 'FORBIDDEN' }),
  },
  'departments.list': { call: (c) => c.departments.list({ year }), expect: read() },
  'departments.comparison': { call: (c) => c.departments.comparison({ year }), expect: read() },
  'departments.detail': {
    call: (c) => c.departments.detail({ year, department: 'TOURISM' }),
    expect: notTheirs(read()),
  },
  'reports.status': { call: (c) => c.reports.status({ year, department: 'FIN' }), expect: read() },
  'reports.overdue': { call: (c) => c.reports.overdue({ year }), expect: read() },
  'approvals.pending': { call: (c) => c.approvals.pending({ year }), expect: read() },
  'approvals.waiting': { call: (c) => c.approvals.waiting({}), expect: read() },
  // A person's own inbox: every signed-in user gets theirs (no input names another); tokens none.
  'inbox.mine': { call: (c) => c.inbox.mine({ year }), expect: sessions('ok') },
  'mail.mine': { call: (c) => c.mail.mine(), expect: sessions('ok') },
  // tourism.head's own settings: tourism.head and Busan's administrator may; another organisation's
  // administrator does not find the user; anyone else is refused by the policy.
  'mail.set': {
    call: (c) =>
      c.mail.set({
        username: 'tourism.head',
        email: 'tourism.head@busan.example',
        language: 'ko',
        wanted: true,
      }),
    expect: only({
      admin: 'ok',
      bureauHead: 'ok',
      executive: F,
      approver: F,
      otherBureauHead: F,
      analyst: F,
      districtAdmin: 'NOT_FOUND',
      districtExecutive: F,
      districtBureauHead: F,
    }),
  },
  'audit.list': { call: (c) => c.audit.list({ year }), expect: read() },
  // A negative count is refused by validation once the caller may write CUL-01 (TOURISM's).
  'reports.submit': {
    call: (c) => c.reports.submit({ year, code: 'CUL-01', period: '2024-05', value: -1 }),
    expect: only({
      admin: 'BAD_REQUEST',
      bureauHead: 'BAD_REQUEST',
      // CUL-01 is not in their plan: refused as an unknown indicator.
      districtAdmin: 'BAD_REQUEST',
      districtBureauHead: 'BAD_REQUEST',
    }),
  },
  'reports.submitMany': {
    call: (c) => c.reports.submitMany({ year, entries: [{ code: 'CUL-02', period: '2024-Q1', value: -1 }] }),
    expect: only({
      admin: 'BAD_REQUEST',
      bureauHead: 'BAD_REQUEST',
      districtAdmin: 'BAD_REQUEST',
      districtBureauHead: 'BAD_REQUEST',
    }),
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
    expect: only({ admin: 'BAD_REQUEST', districtAdmin: 'NOT_FOUND', districtBureauHead: 'NOT_FOUND' }),
  },
  // A real pending value of Busan's to another organisation's admin: organisations.test.ts.
  'approvals.approve': {
    call: (c) => c.approvals.approve({ id: 999_999 }),
    expect: only({ admin: 'NOT_FOUND', approver: 'NOT_FOUND', districtAdmin: 'NOT_FOUND' }),
  },
  'approvals.return': {
    call: (c) => c.approvals.return({ id: 999_999, reason: 'matrix test' }),
    expect: only({ admin: 'NOT_FOUND', approver: 'NOT_FOUND', districtAdmin: 'NOT_FOUND' }),
  },
  // The plan editor: the planning office's (approver) and the admin's, of their own organisation.
  // A year without a plan ends every authorised call in NOT_FOUND, changing nothing.
  ...Object.fromEntries(
    (
      [
        ['createSector', { code: 'MX', name: bi, goal: bi }],
        ['editSector', { code: 'MX' }],
        ['createStrategy', { sector: 'MX', code: 'MX-1', name: bi }],
        ['editStrategy', { code: 'MX-1' }],
        ['createProject', { strategy: 'MX-1', code: 'MX-1-1', name: bi, department: 'TOURISM' }],
        ['editProject', { code: 'MX-1-1' }],
        ['createIndicator', matrixIndicator],
        ['editIndicator', { code: 'MX-01' }],
        [
          'createMilestone',
          {
            project: 'MX-1-1',
            code: 'MX-M1',
            name: bi,
            department: 'TOURISM',
            plannedDate: '2099-06-30',
            weight: 1,
            source: 'matrix',
          },
        ],
        ['editMilestone', { code: 'MX-M1' }],
        ['retire', { level: 'indicator', code: 'MX-01' }],
        ['remove', { level: 'indicator', code: 'MX-01' }],
      ] as const
    ).map(([name, input]) => [
      `planEditor.${name}`,
      {
        call: (c: Caller) =>
          (c.planEditor[name] as (input: object) => Promise<unknown>)({ year: 2099, ...input }),
        expect: planOffice('NOT_FOUND'),
      },
    ]),
  ),
  // A plan of 2024 exists in every organisation: refused as taken.
  'planEditor.createPlan': {
    call: (c) => c.planEditor.createPlan({ year, name: bi, coreGoal: bi, source: 'matrix' }),
    expect: planOffice('BAD_REQUEST'),
  },
  'planEditor.confirm': { call: (c) => c.planEditor.confirm({ year }), expect: planOffice('CONFLICT') },
  // Onto a year every organisation already has: refused as taken, nothing copied.
  'planEditor.copyForward': {
    call: (c) => c.planEditor.copyForward({ fromYear: year, toYear: year }),
    expect: planOffice('CONFLICT'),
  },
  // Proposing is a bureau head's too (for their own department: planning/revisions.test.ts).
  'planEditor.proposeRevision': {
    call: (c) =>
      c.planEditor.proposeRevision({
        year: 2099,
        code: 'CUL-01',
        period: '2099',
        value: 1,
        reason: 'matrix',
      }),
    expect: proposers('NOT_FOUND'),
  },
  'planEditor.approveRevision': {
    call: (c) => c.planEditor.approveRevision({ id: 999_999 }),
    expect: planOffice('NOT_FOUND'),
  },
  'planEditor.rejectRevision': {
    call: (c) => c.planEditor.rejectRevision({ id: 999_999, reason: 'matrix' }),
    expect: planOffice('NOT_FOUND'),
  },
  'planEditor.revisions': {
    call: (c) => c.planEditor.revisions({ year, code: 'CUL-01' }),
    expect: notTheirs(read()),
  },
  'planEditor.proposeChange': {
    call: (c) =>
      c.planEditor.proposeChange({
        year: 2099,
        operation: 'editIndicator',
        input: { code: 'CUL-01' },
        reason: 'matrix',
      }),
    expect: proposers('NOT_FOUND'),
  },
  'planEditor.approveChange': {
    call: (c) => c.planEditor.approveChange({ id: 999_999 }),
    expect: planOffice('NOT_FOUND'),
  },
  'planEditor.rejectChange': {
    call: (c) => c.planEditor.rejectChange({ id: 999_999, reason: 'matrix' }),
    expect: planOffice('NOT_FOUND'),
  },
  // A plan of 2024 exists in every organisation: each reads its own.
  'planEditor.outline': { call: (c) => c.planEditor.outline({ year }), expect: proposers('ok') },
  'planEditor.changes': { call: (c) => c.planEditor.changes({ year }), expect: read() },
  // Follow-through: each organisation reads its own directives; a missing one is NOT_FOUND to all.
  'directives.list': { call: (c) => c.directives.list({ year }), expect: read() },
  'directives.detail': { call: (c) => c.directives.detail({ year, id: 999_999 }), expect: read('NOT_FOUND') },
  'directives.summary': { call: (c) => c.directives.summary({ year }), expect: read() },
  'directives.record': {
    call: (c) =>
      c.directives.record({
        year,
        meetingDate: '2024-01-15',
        meetingName: 'matrix',
        sector: 'NOPE',
        content: 'matrix',
        departments: ['NOPE'],
        dueDate: '2024-02-01',
      }),
    expect: directors('NOT_FOUND'),
  },
  'directives.report': {
    call: (c) => c.directives.report({ year, id: 999_999, note: 'matrix' }),
    expect: followers('NOT_FOUND'),
  },
  // Confirming a completion is the planning office's alone.
  'directives.decide': {
    call: (c) => c.directives.decide({ year, id: 999_999, confirm: true }),
    expect: planOffice('NOT_FOUND'),
  },
  'actions.ofIndicator': {
    call: (c) => c.actions.ofIndicator({ year, code: 'CUL-01' }),
    expect: notTheirs(read()),
  },
  'actions.add': {
    call: (c) => c.actions.add({ year, indicator: 'NOPE-99', title: 'matrix', dueDate: '2024-02-01' }),
    expect: followers('NOT_FOUND'),
  },
  'actions.update': {
    call: (c) => c.actions.update({ year, id: 999_999, state: 'done' }),
    expect: followers('NOT_FOUND'),
  },
  'users.list': { call: (c) => c.users.list(), expect: only({ admin: 'ok', districtAdmin: 'ok' }) },
  'users.create': {
    call: (c) =>
      c.users.create({ username: 'matrix.user', displayName: 'x', role: 'analyst', password: 'short' }),
    expect: only({ admin: 'BAD_REQUEST', districtAdmin: 'BAD_REQUEST' }),
  },
  // Busan's own accounts to another organisation's admin: organisations.test.ts.
  'users.update': {
    call: (c) => c.users.update({ username: 'no.such.user', role: 'analyst', disabled: false }),
    expect: only({ admin: 'NOT_FOUND', districtAdmin: 'NOT_FOUND' }),
  },
  'users.setPassword': {
    call: (c) => c.users.setPassword({ username: 'no.such.user', password: 'long-enough-password' }),
    expect: only({ admin: 'NOT_FOUND', districtAdmin: 'NOT_FOUND' }),
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
  principals.set('districtAdmin', await session('haeundae.admin'));
  principals.set('districtExecutive', await session('haeundae.mayor'));
  principals.set('districtBureauHead', await session('haeundae.tour.head'));
  const otherMayor = await findUserByUsername(db, 'haeundae.mayor');
  const other = await createApiToken(db, otherMayor?.id ?? 0, 'haeundae matrix', new Date());
  principals.set('districtToken', {
    principal: await resolvePrincipal(db, {
      authorization: `Bearer ${other.token}`,
      publicDashboard: false,
      now: new Date(),
    }),
    csrf: null,
  });
  const analyst = await findUserByUsername(db, 'analyst');
  // Busan's token, and its audit entry: what tokens.list and audit.list must keep to Busan.
  await issueToken(
    db,
    { userId: analyst?.id ?? 0, name: 'analyst', organisationId: 1 },
    'analyst',
    'busan-matrix-token',
    new Date(),
  );
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

async function outcomeOf(
  promise: Promise<unknown>,
): Promise<{ outcome: Outcome | string; answer?: unknown }> {
  try {
    return { outcome: 'ok', answer: await promise };
  } catch (error) {
    if (error instanceof TRPCError) return { outcome: error.code, answer: error.cause };
    throw error;
  }
}

/** A caller that names an organisation in every call's input (`org`), as a client may. */
function naming(org: string, caller: Caller): Caller {
  const area = (procedures: object) =>
    new Proxy(procedures, {
      get: (target, name) => (input?: object) =>
        (Reflect.get(target, name) as (input: object) => Promise<unknown>)({ ...input, org }),
    });
  return new Proxy(caller, { get: (target, name) => area(Reflect.get(target, name) as object) });
}

function callerOf(who: CallerName): Caller {
  const entry = principals.get(who);
  if (!entry) throw new Error(who);
  return createCaller(createContextInner({ db, principal: entry.principal, csrfHeader: entry.csrf }));
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

  it('tells a revoked token so, even where the public view is open, instead of serving it as a citizen', async () => {
    const analyst = await findUserByUsername(db, 'analyst');
    const issued = await createApiToken(db, analyst?.id ?? 0, 'revoked on the public view', new Date());
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', issued.id)
      .execute();
    const revoked = await resolvePrincipal(db, {
      authorization: `Bearer ${issued.token}`,
      publicDashboard: true,
      now: new Date(),
    });
    expect(revoked).toEqual({ kind: 'anonymous', badToken: true });
    const caller = createCaller(createContextInner({ db, principal: revoked, csrfHeader: null }));
    // plan.years is open to the public view; a citizen without a token reads it.
    const citizen = createCaller(createContextInner({ db, principal: { kind: 'public' }, csrfHeader: null }));
    expect((await outcomeOf(citizen.plan.years({}))).outcome).toBe('ok');
    const { outcome, answer } = await outcomeOf(caller.plan.years({}));
    expect(outcome).toBe('UNAUTHORIZED');
    expect((answer as { problem: { code: string } }).problem.code).toBe('token_not_valid');
  });

  // Before the rows below: the last of them signs the sessions out.
  it.each(Object.keys(MATRIX))('%s refuses a user of another organisation who names Busan', async (name) => {
    const row = MATRIX[name];
    if (!row) throw new Error(name);
    for (const who of OTHERS) {
      const { outcome, answer } = await outcomeOf(row.call(naming('busan', callerOf(who)), who));
      expect({ who, outcome }).toEqual({ who, outcome: 'FORBIDDEN' });
      // Refused for naming Busan, or before that for what their role or token may not do at all.
      const { code } = (answer as { problem: { code: string } }).problem;
      expect(['other_organisation', 'role_not_permitted', 'token_not_permitted']).toContain(code);
    }
    // And a Busan user who names a district.
    const { outcome } = await outcomeOf(row.call(naming('haeundae', callerOf('admin')), 'admin'));
    expect(outcome).toBe('FORBIDDEN');
  });

  it.each(Object.keys(MATRIX))('%s gives each caller exactly its expected outcome', async (name) => {
    const row = MATRIX[name];
    if (!row) throw new Error(name);
    const actual: Record<string, string> = {};
    for (const who of CALLERS) {
      const { outcome, answer } = await outcomeOf(row.call(callerOf(who), who));
      actual[who] = outcome;
      if (outcome === 'ok' && (OTHERS as readonly string[]).includes(who)) {
        // Their own organisation's answer: nothing of Busan's in it.
        const text = JSON.stringify(answer);
        for (const mark of BUSAN_ONLY) expect(text, `${who} sees ${mark}`).not.toContain(mark);
      }
    }
    expect(actual).toEqual(row.expect);
  });

  it('shows Busan’s own callers what the others may not see (the marks are real)', async () => {
    const seen = JSON.stringify([
      await callerOf('admin').audit.list({ year }),
      await callerOf('admin').tokens.list(),
      await callerOf('admin').users.list(),
      await callerOf('admin').indicators.list({ year }),
    ]);
    for (const mark of ['ECO-0', 'busan-matrix-token', 'tourism.head']) expect(seen).toContain(mark);
  });
});
