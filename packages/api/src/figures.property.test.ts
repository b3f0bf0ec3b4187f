/**
 * The promise of stored figures: whatever changes are made, in whatever order, the figures stored
 * along the way — each indicator's, the roll-ups and the milestone tracks — are exactly the ones a
 * full rebuild computes from the data. Hundreds of generated
 * sequences of the writes that can move figures (values submitted, approved and returned, milestone
 * dates, annual targets, target revisions approved, indicators and milestones retired), each on its own copy of the seeded database, through the same procedures
 * and functions the application uses. A fixed seed makes a failure repeatable; fast-check shrinks it
 * to the shortest sequence that fails.
 */

import { formatPeriod, periodsOfYear } from '@tangible/core';
import {
  copyTestDatabase,
  type Db,
  latestMonthOf,
  rebuildFigures,
  seededTestDatabase,
  setAnnualTarget,
} from '@tangible/db';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from './auth/policy.js';
import { createContextInner } from './context.js';
import { storedFigures } from './planning/figures.testing.js';
import { createCaller } from './root.js';
import { principalFor, signIn } from './testing.js';

const SEED = 20250115;
const RUNS = 300;

type Write =
  | { kind: 'submit'; indicator: number; period: number; value: number }
  | { kind: 'approve'; pick: number }
  | { kind: 'return'; pick: number }
  | { kind: 'milestone'; milestone: number; actual: string | null; forecast: string | null }
  | { kind: 'target'; indicator: number; value: number }
  | { kind: 'revision'; indicator: number; value: number }
  | { kind: 'retire'; indicator: number; milestone: number; which: 'indicator' | 'milestone' };

const dayOf = (offset: number) =>
  new Date(Date.UTC(2023, 11, 1) + offset * 86_400_000).toISOString().slice(0, 10);
// From December 2023 to March 2025: before, inside and after the plan year (and before today, as an actual date must be).
const date = fc.integer({ min: 0, max: 480 }).map(dayOf);
const value = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.double({ min: 0.5, max: 99.5, noNaN: true, noDefaultInfinity: true }),
);
const write: fc.Arbitrary<Write> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      indicator: fc.nat(),
      period: fc.nat(),
      value,
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('milestone' as const),
      milestone: fc.nat(),
      actual: fc.option(date),
      forecast: fc.option(date),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('target' as const),
      indicator: fc.nat(),
      value: fc.oneof(fc.constant(0), value, fc.integer({ min: 100, max: 5_000_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('revision' as const),
      indicator: fc.nat(),
      value: fc.oneof(value, fc.integer({ min: 100, max: 5_000_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('retire' as const),
      indicator: fc.nat(),
      milestone: fc.nat(),
      which: fc.constantFrom('indicator' as const, 'milestone' as const),
    }),
  },
);

interface Template {
  /** The seed as loaded, and the seed as it stood in July: no approved value of a later period. */
  databases: { seeded: { db: Db; path: string }; july: { db: Db; path: string } };
  reporter: { principal: Principal; csrf: string };
  approver: { principal: Principal; csrf: string };
  measured: { id: number; code: string; frequency: 'monthly' | 'quarterly' | 'annual' }[];
  milestones: string[];
}

let template: Template;

beforeAll(async () => {
  const seeded = await seededTestDatabase();
  const { db } = seeded;
  const session = async (username: string) => {
    const { token, csrfToken } = await signIn(db, username);
    return { principal: await principalFor(db, token), csrf: csrfToken };
  };
  const reporter = await session('admin');
  const approver = await session('planner');
  const measured = await db
    .selectFrom('indicators')
    .select(['id', 'code', 'frequency'])
    .where('aggregation', '!=', 'milestones')
    .orderBy('id')
    .execute();
  const milestones = (await db.selectFrom('milestones').select('code').orderBy('id').execute()).map(
    (m) => m.code,
  );
  // Values of periods ending after June taken back, as they stood in July, and the figures rebuilt:
  // here approvals move the month screens open at.
  const july = await copyTestDatabase(seeded);
  const early = july.db;
  const later = (await early.selectFrom('measurements').select(['id', 'period']).execute()).filter(
    (m) => (latestMonthOf([m.period], 2024) ?? 0) > 6,
  );
  for (const { id } of later) await early.deleteFrom('measurements').where('id', '=', id).execute();
  await rebuildFigures(early);
  template = { databases: { seeded, july }, reporter, approver, measured, milestones };
}, 60_000);
afterAll(async () => {
  await template?.databases.seeded.db.destroy();
  await template?.databases.july.db.destroy();
});

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** Writes that took effect, by kind, over every run. */
const done: Record<Write['kind'], number> = {
  submit: 0,
  approve: 0,
  return: 0,
  milestone: 0,
  target: 0,
  revision: 0,
  retire: 0,
};

/** Refusals (a value the unit does not allow) are part of the sequence: nothing changes. */
async function refusedOr(kind: Write['kind'], work: Promise<unknown>): Promise<void> {
  try {
    await work;
    done[kind] += 1;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
  }
}

async function apply(db: Db, writes: readonly Write[]): Promise<void> {
  const caller = ({ principal, csrf }: Template['reporter']) =>
    createCaller(createContextInner({ db, principal, csrfHeader: csrf }));
  const reporter = caller(template.reporter);
  const approver = caller(template.approver);
  for (const w of writes) {
    if (w.kind === 'submit') {
      const indicator = pick(template.measured, w.indicator);
      const period = formatPeriod(pick(periodsOfYear(2024, indicator.frequency), w.period));
      await refusedOr(
        'submit',
        // With commentary, which a slipping value needs and which moves no figure.
        reporter.reports.submit({
          year: 2024,
          code: indicator.code,
          period,
          value: w.value,
          analysis: 'generated',
          nextSteps: 'generated',
        }),
      );
    } else if (w.kind === 'approve' || w.kind === 'return') {
      // The largest page: the sequences here never queue more than it holds.
      const pending = (await approver.approvals.pending({ year: 2024, limit: 100 })).items;
      if (pending.length === 0) continue;
      const id = pick(pending, w.pick).id;
      await refusedOr(
        w.kind,
        w.kind === 'approve'
          ? approver.approvals.approve({ id })
          : approver.approvals.return({ id, reason: 'checked and sent back' }),
      );
    } else if (w.kind === 'milestone') {
      await refusedOr(
        'milestone',
        reporter.reports.updateMilestone({
          year: 2024,
          code: pick(template.milestones, w.milestone),
          actualDate: w.actual,
          forecastDate: w.forecast,
          reason: 'generated change',
        }),
      );
    } else if (w.kind === 'revision') {
      // Proposed by one, approved by another (the planning office), as a revision must be.
      const code = pick(template.measured, w.indicator).code;
      await refusedOr(
        'revision',
        reporter.planEditor
          .proposeRevision({ year: 2024, code, period: '2024', value: w.value, reason: 'generated revision' })
          .then((proposed) => approver.planEditor.approveRevision({ id: proposed?.id ?? 0 })),
      );
    } else if (w.kind === 'retire') {
      const code =
        w.which === 'indicator'
          ? pick(template.measured, w.indicator).code
          : pick(template.milestones, w.milestone);
      await refusedOr('retire', approver.planEditor.retire({ year: 2024, level: w.which, code }));
    } else {
      await refusedOr(
        'target',
        setAnnualTarget(db, pick(template.measured, w.indicator).id, '2024', w.value),
      );
    }
  }
}

describe('stored figures', () => {
  it('after any sequence of writes, equal what a full rebuild computes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(write, { minLength: 1, maxLength: 12 }),
        async (july, sequence) => {
          const { db } = await copyTestDatabase(july ? template.databases.july : template.databases.seeded);
          try {
            await apply(db, sequence);
            const incremental = await storedFigures(db);
            await rebuildFigures(db);
            expect(incremental).toEqual(await storedFigures(db));
          } finally {
            await db.destroy();
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // The runs did write, every kind of write many times: a property that held on writes refused
    // would prove nothing.
    for (const [kind, count] of Object.entries(done)) expect(count, kind).toBeGreaterThan(RUNS / 10);
    // Revisions and retirements each read the plan's shape: on PostgreSQL, on a busy machine, the runs
    // took over 600 s (372 s without them), hence the time allowed.
  }, 900_000);
});
