/**
 * Reminders from the reporting calendar, enqueued from the stored data: FIN's monthly ECO-04 has no
 * value for 2024-08 (due 2024-09-10, seven working days after 31 August); its head is reminded two
 * working days before, once however many runs find it, and again once when it is overdue.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mondayOf } from './digest.js';
import { onlyFinHeadMailed } from './mailbox.testing.js';
import { enqueueReminders } from './reminders.js';

let db: Db;
let fin: number;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  // Only fin.head has an address here (the demo seed gives every account one): one message to count.
  fin = await onlyFinHeadMailed(db);
  const eco04 = await db
    .selectFrom('indicators')
    .select('id')
    .where('code', '=', 'ECO-04')
    .executeTakeFirstOrThrow();
  await db
    .deleteFrom('measurements')
    .where('indicator_id', '=', eco04.id)
    .where('period', '>=', '2024-08')
    .execute();
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

const messagesTo = (userId: number) =>
  db
    .selectFrom('mail_outbox')
    .select(['kind', 'subject', 'body'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();

describe('reminders', () => {
  it('are not sent before a report is due soon', async () => {
    // Thursday 5 September 2024 in Busan: three working days before the due date.
    expect(await enqueueReminders(db, new Date('2024-09-05T01:00:00Z'))).toBe(0);
    expect(await messagesTo(fin)).toEqual([]);
  });

  it('remind two working days before the due date, once however many runs (and processes) find it', async () => {
    const friday = new Date('2024-09-06T01:00:00Z');
    const [first, second] = await Promise.all([enqueueReminders(db, friday), enqueueReminders(db, friday)]);
    expect(first + second).toBe(1);
    // A run on Monday (the server down all Friday would have made this the first) adds nothing either.
    expect(await enqueueReminders(db, new Date('2024-09-09T01:00:00Z'))).toBe(0);
    const messages = await messagesTo(fin);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.subject).toContain('due soon');
    expect(messages[0]?.body).toContain('ECO-04 Startups supported (2024-08): due 2024-09-10');
  });

  it('remind once more when the report is overdue, and not again', async () => {
    const after = new Date('2024-09-11T01:00:00Z');
    expect(await enqueueReminders(db, after)).toBe(1);
    expect(await enqueueReminders(db, after)).toBe(0);
    const messages = await messagesTo(fin);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.subject).toContain('overdue');
    expect(messages[1]?.body).toContain('ECO-04 Startups supported (2024-08): due 2024-09-10 — overdue');
  });
});

describe('mondayOf', () => {
  it.each([
    ['2024-09-19', '2024-09-16'],
    ['2024-09-16', '2024-09-16'],
    ['2024-09-22', '2024-09-16'],
  ])('the week of %s starts on %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });
});
