/**
 * Kept answers (memo.ts) against the real database, on the engine the tests run on: after every kind
 * of write a kept answer is the one a fresh computation gives (another connection, with nothing kept,
 * computes it: as another server process would); two connections see each other's writes; an answer
 * never reaches a caller who would see another one; callers asking at once share one computation.
 */

import { type Db, openTestDatabase, rebuildFigures, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './auth/policy.js';
import { createContextInner } from './context.js';
import { commitImport } from './imports/preview.js';
import { answerMemoOf } from './memo.js';
import { createCaller } from './root.js';
import { principalFor, signIn } from './testing.js';

let db: Db;
let path: string;
beforeAll(async () => {
  ({ db, path } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

async function principalOf(username: string, on: Db = db): Promise<Principal> {
  const { token } = await signIn(on, username);
  return principalFor(on, token);
}

/** A caller as the web app is one: a session's mutations carry its CSRF token. */
const callerOn = (on: Db, principal: Principal) =>
  createCaller(
    createContextInner({
      db: on,
      principal,
      csrfHeader: principal.kind === 'user' && principal.via === 'session' ? principal.csrfToken : null,
    }),
  );

/** What the screens show that a write can move: the overview, an indicator, tracks, departments, history. */
async function screens(on: Db, principal: Principal) {
  const caller = callerOn(on, principal);
  const view = { year: 2024 };
  return {
    overview: await caller.plan.overview(view),
    history: await caller.plan.history({ ...view, sector: 'CUL' }),
    culture: await caller.indicators.detail({ ...view, code: 'CUL-01' }),
    list: await caller.indicators.list({ ...view, sector: 'CUL' }),
    tracks: await caller.milestones.timeline(view),
    departments: await caller.departments.comparison(view),
  };
}

/** What a connection with nothing kept computes now. */
async function fresh<T>(ask: (on: Db) => Promise<T>): Promise<T> {
  const other = openTestDatabase(path);
  try {
    return await ask(other);
  } finally {
    await other.destroy();
  }
}

describe('a kept answer after each kind of write', () => {
  it.each([
    [
      'a submitted value and its approval',
      async () => {
        const admin = callerOn(db, await principalOf('admin'));
        // A value this low needs its commentary (follow-through); the commentary moves no figure.
        await admin.reports.submit({
          year: 2024,
          code: 'CUL-01',
          period: '2024-03',
          value: 1,
          analysis: '집계 오류',
          nextSteps: '재집계',
        });
        const planner = callerOn(db, await principalOf('planner'));
        const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
        await planner.approvals.approve({ id: pending?.id ?? 0 });
      },
    ],
    [
      'an imported file',
      async () => {
        const plan = await db
          .selectFrom('plans')
          .innerJoin('organisations', 'organisations.id', 'plans.organisation_id')
          .select(['plans.id', 'plans.year'])
          .where('organisations.code', '=', 'busan')
          .where('plans.year', '=', 2024)
          .executeTakeFirstOrThrow();
        const file = new TextEncoder().encode('kpi_code,period,value\nCUL-01,2024-09,123456\n');
        await commitImport(
          db,
          plan,
          await principalOf('tourism.head'),
          file,
          { kind: 'template' },
          new Date(),
          'memo.csv',
        );
      },
    ],
    [
      'a milestone date',
      async () => {
        const airport = callerOn(db, await principalOf('airport.head'));
        await airport.reports.updateMilestone({
          year: 2024,
          code: 'BAL-M04',
          actualDate: null,
          forecastDate: '2025-06-30',
          reason: 'undone',
        });
      },
    ],
    [
      'a rebuild of the stored figures, after values were changed beneath the application',
      async () => {
        // Raw SQL moves no stored figure (the screens read those), so only the rebuild changes answers.
        await sql`update measurements set value = value * 2 where status = 'approved'`.execute(db);
        await rebuildFigures(db);
      },
    ],
  ])('equals a fresh computation: %s', async (_write, write) => {
    const mayor = await principalOf('mayor');
    const before = await screens(db, mayor);
    // Kept now: asked again, nothing is computed.
    const computed = answerMemoOf(db).computed;
    await screens(db, mayor);
    expect(answerMemoOf(db).computed).toBe(computed);

    await write();
    const after = await screens(db, mayor);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await fresh((on) => screens(on, mayor)));
  });

  it('equals a fresh computation after an account change: the role is the caller’s new one', async () => {
    const mayor = await principalOf('mayor');
    const comparison = () => callerOn(db, mayor).districts.comparison({ year: 2024 });
    await comparison();
    const admin = callerOn(db, await principalOf('admin'));
    await admin.users.update({ username: 'mayor', role: 'analyst', department: null, disabled: false });
    const demoted = await principalOf('mayor');
    await expect(callerOn(db, demoted).districts.comparison({ year: 2024 })).rejects.toThrow();
    await admin.users.update({ username: 'mayor', role: 'executive', department: null, disabled: false });
  });
});

describe('two connections to one database (two server processes)', () => {
  it('each sees the other’s writes at once', async () => {
    const other = openTestDatabase(path);
    try {
      const mayor = await principalOf('mayor');
      const here = await screens(db, mayor);
      expect(await screens(other, mayor)).toEqual(here);

      const admin = callerOn(other, await principalOf('admin', other));
      await admin.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-05', value: 5 });
      const planner = callerOn(other, await principalOf('planner', other));
      const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
      await planner.approvals.approve({ id: pending?.id ?? 0 });

      const seen = await screens(db, mayor);
      expect(seen).not.toEqual(here);
      expect(seen).toEqual(await screens(other, mayor));
    } finally {
      await other.destroy();
    }
  });
});

describe('a kept answer never crosses visibility', () => {
  it('the public view and a signed-in user are answered apart, whoever asks first', async () => {
    const mayor = await principalOf('mayor');
    const citizen: Principal = { kind: 'public' };
    const notes = (answer: Awaited<ReturnType<ReturnType<typeof callerOn>['milestones']['timeline']>>) =>
      answer.tracks.flatMap((t) => t.milestones.map((m) => m.note)).filter((n) => n !== null);

    const publicFirst = await callerOn(db, citizen).milestones.timeline({ year: 2024, limit: 20 });
    const mayorSecond = await callerOn(db, mayor).milestones.timeline({ year: 2024, limit: 20 });
    expect(notes(publicFirst)).toEqual([]);
    expect(notes(mayorSecond).length).toBeGreaterThan(0);

    const mayorFirst = await callerOn(db, mayor).milestones.timeline({ year: 2024, limit: 19 });
    const publicSecond = await callerOn(db, citizen).milestones.timeline({ year: 2024, limit: 19 });
    expect(notes(mayorFirst).length).toBeGreaterThan(0);
    expect(notes(publicSecond)).toEqual([]);
  });

  it('an executive’s district comparison is not handed to a bureau head', async () => {
    await callerOn(db, await principalOf('mayor')).districts.comparison({ year: 2024 });
    await expect(
      callerOn(db, await principalOf('fin.head')).districts.comparison({ year: 2024 }),
    ).rejects.toThrow();
  });

  it('another organisation’s user, and the public view naming another organisation, see their own plan', async () => {
    const busan = await callerOn(db, await principalOf('mayor')).plan.overview({ year: 2024 });
    const haeundae = await callerOn(db, await principalOf('haeundae.mayor')).plan.overview({ year: 2024 });
    expect(haeundae.plan.name).not.toEqual(busan.plan.name);
    const districtMayor = await principalOf('haeundae.mayor');
    expect(haeundae).toEqual(await fresh((on) => callerOn(on, districtMayor).plan.overview({ year: 2024 })));

    const citizen: Principal = { kind: 'public' };
    const top = await callerOn(db, citizen).plan.overview({ year: 2024 });
    const named = await callerOn(db, citizen).plan.overview({ year: 2024, org: 'haeundae' });
    expect(top.plan.name).toEqual(busan.plan.name);
    expect(named.plan.name).toEqual(haeundae.plan.name);
  });
});

describe('callers asking at once', () => {
  it('keeps the answer alone: neither the context it was computed in nor its database is kept or frozen', async () => {
    const on = openTestDatabase(path);
    try {
      const ctx = createContextInner({
        db: on,
        principal: await principalOf('analyst', on),
        csrfHeader: null,
      });
      const first = await createCaller(ctx).plan.overview({ year: 2024 });
      expect(Object.isFrozen(first)).toBe(true);
      expect(await createCaller(ctx).plan.overview({ year: 2024 })).toBe(first);
      expect(Object.isFrozen(ctx)).toBe(false);
      expect(Object.isFrozen(on)).toBe(false);
      expect(Object.isFrozen(ctx.principal)).toBe(false);
    } finally {
      await on.destroy();
    }
  });

  it('share one computation', async () => {
    const mayor = await principalOf('mayor');
    const memo = answerMemoOf(db);
    const computed = memo.computed;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => callerOn(db, mayor).plan.overview({ year: 2024, asOf: '2024-04' })),
    );
    expect(memo.computed).toBe(computed + 1);
    for (const answer of answers) expect(answer).toBe(answers[0]);
  });
});
