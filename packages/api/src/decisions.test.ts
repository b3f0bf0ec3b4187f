/**
 * Two people changing one thing at once (two approvers, two tabs, two processes behind the proxy).
 * Two decisions on one pending value: one is made, the other finds nothing pending any more. On PostgreSQL each runs in its own
 * transaction on its own connection at READ COMMITTED, so both may read the value as pending before
 * either writes; the row is held by a third transaction here until both have read it and wait, which
 * is the moment the race needs, made certain. SQLite runs one write transaction at a time.
 */

import { type Db, seededTestDatabase, TEST_ENGINE } from '@tangible/db';
import { TRPCError } from '@trpc/server';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from './testing.js';

/** The commentary a slipping value needs (follow-through); it moves no figure. */
const COMMENTARY = { analysis: '분석', nextSteps: '대책' };

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
});
afterAll(async () => {
  await db.destroy();
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return (error.cause as { problem?: { code: string } }).problem?.code ?? error.code;
  }
}

/**
 * Runs the calls while another transaction holds what `hold` locks (PostgreSQL), letting it go once
 * `waiting` transactions wait for it; on SQLite, just at once.
 */
async function whileHeld(
  hold: RawBuilder<unknown>,
  waiting: number,
  calls: () => Promise<string>[],
): Promise<string[]> {
  if (TEST_ENGINE !== 'postgres') return Promise.all(calls());
  let outcomes: Promise<string[]> = Promise.resolve([]);
  await db.transaction().execute(async (holder) => {
    await hold.execute(holder);
    outcomes = Promise.all(calls());
    for (;;) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if (Number(rows[0]?.n) >= waiting) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return outcomes;
}

describe('an approval and a return of one pending value at once', () => {
  it('makes one of them; the other is told the value is no longer pending', async () => {
    const reporter = await callerAs(db, 'tourism.head');
    await reporter.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-11', value: 210_000 });
    const planner = await callerAs(db, 'planner');
    const admin = await callerAs(db, 'admin');
    const [pending] = (await planner.approvals.pending({ year: 2024 })).items;
    if (!pending) throw new Error('the value waits');

    const outcomes = await whileHeld(
      sql`select id from measurements where id = ${pending.id} for update`,
      2,
      () => [
        outcome(planner.approvals.approve({ id: pending.id })),
        outcome(admin.approvals.return({ id: pending.id, reason: 'the count looks too low' })),
      ],
    );
    expect([...outcomes].sort()).toEqual(['no_pending_value', 'ok']);

    // The period has one value in force: the new one if approved, else the one approved before.
    const values = await db
      .selectFrom('measurements')
      .innerJoin('indicators', 'indicators.id', 'measurements.indicator_id')
      .select(['measurements.id', 'measurements.status', 'measurements.value'])
      .where('indicators.code', '=', 'CUL-01')
      .where('measurements.period', '=', '2024-11')
      .execute();
    const approved = values.filter((v) => v.status === 'approved').map((v) => v.value);
    expect(approved).toEqual([outcomes[0] === 'ok' ? 210_000 : 255_000]);
    const decisions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(pending.id))
      .where('action', 'in', ['measurement.approve', 'measurement.return'])
      .execute();
    expect(decisions).toHaveLength(1);
  });
});

describe('two values reported for one period at once', () => {
  it('records both, the later waiting for approval and the earlier superseded', async () => {
    const head = await callerAs(db, 'tourism.head');
    const admin = await callerAs(db, 'admin');
    // Reads go on, writes wait: both find no value pending before either writes.
    const outcomes = await whileHeld(sql`lock table measurements in share mode`, 2, () => [
      outcome(
        head.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-10', value: 1, ...COMMENTARY }),
      ),
      outcome(
        admin.reports.submit({ year: 2024, code: 'CUL-01', period: '2024-10', value: 2, ...COMMENTARY }),
      ),
    ]);
    expect(outcomes).toEqual(['ok', 'ok']);
    const reported = await db
      .selectFrom('measurements')
      .innerJoin('indicators', 'indicators.id', 'measurements.indicator_id')
      .select(['measurements.status'])
      .where('indicators.code', '=', 'CUL-01')
      .where('measurements.period', '=', '2024-10')
      .where('measurements.value', 'in', [1, 2])
      .orderBy('measurements.status')
      .execute();
    expect(reported.map((r) => r.status)).toEqual(['pending', 'superseded']);
  });
});

describe('two changes of one milestone at once', () => {
  it('keeps both: one sets its actual date, the other its forecast', async () => {
    const admin = await callerAs(db, 'admin');
    const head = await callerAs(db, 'airport.head');
    const [milestone] = await db
      .selectFrom('milestones')
      .select('id')
      .where('code', '=', 'BAL-M11')
      .execute();
    if (!milestone) throw new Error('the seed has BAL-M11');
    const outcomes = await whileHeld(
      sql`select id from milestones where id = ${milestone.id} for update`,
      2,
      () => [
        outcome(
          admin.reports.updateMilestone({
            year: 2024,
            code: 'BAL-M11',
            actualDate: '2024-12-20',
            reason: 'done at last',
          }),
        ),
        outcome(
          head.reports.updateMilestone({
            year: 2024,
            code: 'BAL-M11',
            forecastDate: '2025-09-30',
            reason: 'the works slipped',
          }),
        ),
      ],
    );
    expect(outcomes).toEqual(['ok', 'ok']);
    const dates = await db
      .selectFrom('milestones')
      .select(['actual_date', 'forecast_date'])
      .where('id', '=', milestone.id)
      .executeTakeFirst();
    expect(dates).toEqual({ actual_date: '2024-12-20', forecast_date: '2025-09-30' });
  });
});
