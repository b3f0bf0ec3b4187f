/**
 * Reminders once the Korean holiday table ends (2027 is its last year): a plan of 2027 whose December
 * report falls due in January 2028 is still reminded of, by weekends alone past the table, and the
 * run does not fail (it threw HolidaysUnknown, so no reminder of any plan went out from 2028).
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyFinHeadMailed } from './mailbox.testing.js';
import { enqueueReminders } from './reminders.js';

let db: Db;
let fin: number;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  fin = await onlyFinHeadMailed(db);
  // The 2024 plan becomes 2027's, confirmed: none of 2027's periods has a value.
  const plan = await db
    .selectFrom('plans')
    .select('organisation_id')
    .where('year', '=', 2024)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('plans')
    .set({ year: 2027, status: 'confirmed' })
    .where('year', '=', 2024)
    .where('organisation_id', '=', plan.organisation_id)
    .execute();
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

describe('reminders past the holiday table', () => {
  it('remind of December 2027 in January 2028, and only of what is at most ten working days late', async () => {
    // Wednesday 12 January 2028: December's monthly reports (due 11 January, weekends alone) are late.
    expect(await enqueueReminders(db, new Date('2028-01-12T01:00:00Z'))).toBe(1);
    const [message, ...more] = await db
      .selectFrom('mail_outbox')
      .select(['subject', 'body'])
      .where('user_id', '=', fin)
      .execute();
    expect(more).toEqual([]);
    expect(message?.subject).toContain('overdue');
    expect(message?.body).toContain('(2027-12): due 2028-01-11 — overdue');
    // November's (due in December 2027) is more than ten working days late: not reminded again.
    expect(message?.body).not.toContain('(2027-11)');
  });
});
