/**
 * The inbox in January: the new year's plan is confirmed, and last year's December, fourth-quarter,
 * second-half and annual reports fall due now. They need the bureau head as much as anything of the
 * new year; the reminders already look at both years (mail/reminders.ts), the inbox must too.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.js';
import { createCaller } from '../root.js';
import { principalFor, signIn } from '../testing.js';

let db: Db;
beforeAll(async () => {
  // The seed holds Busan's 2025 plan, confirmed (copied forward from 2024): January 2025 as it is.
  ({ db } = await seededTestDatabase());
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

describe('the inbox in January', () => {
  it("shows last year's fourth-quarter reports falling due now, with no year asked for", async () => {
    // Monday 6 January 2025 in Busan: 2024-Q4 (ECO-03, quarterly, FIN, no value in the seed) is due
    // 2025-01-10, seven working days after 31 December (1 January a holiday).
    const now = new Date('2025-01-06T01:00:00Z');
    const { token, csrfToken } = await signIn(db, 'fin.head');
    const principal = await principalFor(db, token, now);
    const caller = createCaller(createContextInner({ db, principal, csrfHeader: csrfToken, now: () => now }));
    const inbox = await caller.inbox.mine();
    // The new year's inbox: 2024-Q4 is there only because it falls due now.
    expect(inbox.year).toBe(2025);
    const owed = inbox.sections.find((s) => s.section === 'reports_owed')?.items ?? [];
    expect(
      owed.filter((item) => item.code === 'ECO-03').map((item) => [item.period, item.date]),
    ).toContainEqual(['2024-Q4', '2025-01-10']);
  });
});
