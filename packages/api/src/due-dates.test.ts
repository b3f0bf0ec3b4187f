/**
 * One due date per report, wherever it is shown: the report screen (reports.status), the overdue list
 * (reports.overdue) and the inbox (inbox.mine) read the plan's reporting calendar alike. ECO-03
 * (quarterly, FIN, no value in the seed) for 2024-Q3 ends on Monday 30 September; seven working days
 * later, with the temporary holiday of 1 October, 개천절 and 한글날 skipped, is Monday 14 October
 * (calendar day 10 would say Thursday 10 October).
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from './context.js';
import { createCaller } from './root.js';
import { principalFor, signIn } from './testing.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

async function finHeadOn(now: Date) {
  const { token, csrfToken } = await signIn(db, 'fin.head');
  const principal = await principalFor(db, token, now);
  return createCaller(createContextInner({ db, principal, csrfHeader: csrfToken, now: () => now }));
}

/** ECO-03 2024-Q3 as the three places see it on a day: [state or timing, due date], or null when absent. */
async function eco03Q3On(now: Date) {
  const caller = await finHeadOn(now);
  const status = await caller.reports.status({ year: 2024, department: 'FIN' });
  const screen = status.indicators
    .find((i) => i.code === 'ECO-03')
    ?.periods.find((p) => p.period === '2024-Q3');
  const overdue = await caller.reports.overdue({ year: 2024, department: 'FIN', limit: 100 });
  const listed = overdue.items.find((i) => i.code === 'ECO-03' && i.period === '2024-Q3');
  const inbox = await caller.inbox.mine({ year: 2024 });
  const owed = inbox.sections
    .find((s) => s.section === 'reports_owed')
    ?.items.find((i) => i.code === 'ECO-03' && i.period === '2024-Q3');
  return {
    screen: screen ? [screen.state, screen.dueDate] : null,
    overdueList: listed ? listed.dueDate : null,
    inbox: owed ? [owed.note, owed.date] : null,
  };
}

describe('a report has one due date', () => {
  it('is not overdue anywhere on Saturday 12 October 2024, due Monday the 14th everywhere', async () => {
    expect(await eco03Q3On(new Date('2024-10-12T03:00:00Z'))).toEqual({
      screen: ['missing', '2024-10-14'],
      overdueList: null,
      inbox: ['due_soon', '2024-10-14'],
    });
  });

  it('is overdue everywhere on Tuesday 15 October 2024, with the same due date', async () => {
    expect(await eco03Q3On(new Date('2024-10-15T03:00:00Z'))).toEqual({
      screen: ['overdue', '2024-10-14'],
      overdueList: '2024-10-14',
      inbox: ['overdue', '2024-10-14'],
    });
  });
});
