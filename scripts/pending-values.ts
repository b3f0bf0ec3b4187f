/** Values waiting for approval on a generated plan, entered the way a person enters them. */

import { callerAs } from '@tangible/api';
import type { Db } from '@tangible/db';

/** `count` corrections of January's value of monthly indicators, submitted by the administrator. */
export async function addPendingValues(db: Db, count: number): Promise<void> {
  const admin = await callerAs(db, 'admin');
  const monthly = await db
    .selectFrom('indicators')
    .select('code')
    .where('frequency', '=', 'monthly')
    .where('aggregation', '!=', 'milestones')
    .orderBy('id')
    .limit(count)
    .execute();
  for (let start = 0; start < monthly.length; start += 500) {
    const entries = monthly
      .slice(start, start + 500)
      .map((m) => ({ code: m.code, period: '2024-01', value: 7, note: '수정 보고' }));
    await admin.reports.submitMany({ year: 2024, entries });
  }
}
