/**
 * Reminders from the reporting calendar: a bureau head is reminded of each report of their
 * department two working days before it is due and again once it is overdue, once per user,
 * indicator, period and kind (mail_reminders). What is due is decided from the stored data on each
 * run, not from the minute the run happens at: a process that was down when a report became due
 * soon enqueues the reminder when it comes back, and several processes enqueue it once.
 */

import { createHash } from 'node:crypto';
import { dateIn, knownWorkingDaysBetween } from '@tangible/core';
import {
  type Db,
  findAnsweredPeriods,
  findDutyIndicators,
  findDutyPlans,
  findMailableHeads,
} from '@tangible/db';
import { sql } from 'kysely';
import { answeredIndex, type OwedReport, owedReports } from '../inbox/owed.js';
import { CITY_TIME_ZONE } from '../reporting.js';
import { enqueueFor } from './enqueue.js';
import { reminderWording } from './wording.js';

/** An overdue report is reminded of only while it is this many working days late at most (not last year's). */
export const OVERDUE_REMINDER_WORKING_DAYS = 10;

type Kind = 'due_soon' | 'overdue';

function remindable(owed: OwedReport, today: string): Kind | null {
  if (owed.timing === 'due_soon') return 'due_soon';
  // Past the holiday table (from 2028 until @hyunbinseo/holidays-kr is updated) by weekends alone:
  // the reminders go on rather than the run failing.
  if (owed.timing === 'overdue' && knownWorkingDaysBetween(owed.due, today) <= OVERDUE_REMINDER_WORKING_DAYS)
    return 'overdue';
  return null;
}

/** Enqueues the reminders due at `now`; returns how many messages were enqueued. */
export async function enqueueReminders(db: Db, now: Date): Promise<number> {
  const today = dateIn(CITY_TIME_ZONE, now);
  const year = Number(today.slice(0, 4));
  let enqueued = 0;
  for (const plan of await findDutyPlans(db, [year - 1, year])) {
    const heads = await findMailableHeads(db, plan.organisation_id);
    if (heads.length === 0) continue;
    const indicators = await findDutyIndicators(db, plan.id);
    const answered = answeredIndex(await findAnsweredPeriods(db, plan.id));
    const byDepartment = new Map<number, { owed: OwedReport; kind: Kind }[]>();
    for (const owed of owedReports(plan, indicators, answered, today)) {
      const kind = remindable(owed, today);
      if (!kind) continue;
      const list = byDepartment.get(owed.indicator.department_id) ?? [];
      list.push({ owed, kind });
      byDepartment.set(owed.indicator.department_id, list);
    }
    for (const head of heads) {
      const due = byDepartment.get(head.department_id);
      if (due && (await remindOne(db, head.id, due, now))) enqueued += 1;
    }
  }
  return enqueued;
}

/** One message for what this user has not been reminded of yet, with its reminders, in one transaction. */
async function remindOne(db: Db, userId: number, due: { owed: OwedReport; kind: Kind }[], now: Date) {
  return db.transaction().execute(async (trx) => {
    // A write first: on SQLite a transaction that reads first and writes later cannot take the write
    // lock while another process holds it (SQLITE_BUSY, no waiting); one that writes first waits its
    // turn, then reads what the other stored. It changes no row (and mail_reminders raises no version).
    await trx
      .updateTable('mail_reminders')
      .set((eb) => ({ kind: eb.ref('kind') }))
      .where(sql<boolean>`1 = 0`)
      .execute();
    const done = new Set(
      (
        await trx
          .selectFrom('mail_reminders')
          .select(['indicator_id', 'period', 'kind'])
          .where('user_id', '=', userId)
          .where(
            'indicator_id',
            'in',
            due.map((d) => d.owed.indicator.id),
          )
          .execute()
      ).map((r) => `${r.indicator_id}|${r.period}|${r.kind}`),
    );
    const fresh = due.filter((d) => !done.has(`${d.owed.indicator.id}|${d.owed.period}|${d.kind}`));
    if (fresh.length === 0) return false;
    // The same set of reminders makes the same key: a second process finding them at once stores nothing.
    const key = `reminders:${userId}:${createHash('sha256')
      .update(fresh.map((d) => `${d.owed.indicator.id}|${d.owed.period}|${d.kind}`).join(','))
      .digest('hex')}`;
    const lines = fresh.map(({ owed, kind }) => ({
      code: owed.indicator.code,
      name: { ko: owed.indicator.name_ko, en: owed.indicator.name_en },
      period: owed.period,
      due: owed.due,
      kind,
    }));
    const outboxId = await enqueueFor(
      trx,
      userId,
      { key, kind: 'reminder', word: (language, name) => reminderWording(language, name, lines) },
      now,
    );
    if (outboxId === null) return false;
    await trx
      .insertInto('mail_reminders')
      .values(
        fresh.map((d) => ({
          user_id: userId,
          indicator_id: d.owed.indicator.id,
          period: d.owed.period,
          kind: d.kind,
          outbox_id: outboxId,
        })),
      )
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    return true;
  });
}
