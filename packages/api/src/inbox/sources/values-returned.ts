/** Values sent back to a bureau head's department and not yet reported again. */

import { findAnsweredPeriods, findDutyIndicators } from '@tangible/db';
import type { InboxSource } from '../source.js';

export const valuesReturned: InboxSource = {
  section: 'values_returned',
  appliesTo: (user) => user.role === 'bureau_head' && user.departmentId !== null,
  async load({ db, user, plan }) {
    const department = user.departmentId ?? undefined;
    const [indicators, answered] = await Promise.all([
      findDutyIndicators(db, plan.id, department),
      findAnsweredPeriods(db, plan.id, department),
    ]);
    const byId = new Map(indicators.map((i) => [i.id, i]));
    // A period whose latest value (answered is in entry order) was returned waits for a new one; an
    // approved value from before still counts in the figures, but the correction was sent back.
    const latest = new Map<string, (typeof answered)[number]>();
    for (const value of answered) latest.set(`${value.indicator_id}|${value.period}`, value);
    const items = [...latest.values()]
      .filter((value) => value.status === 'returned')
      .flatMap((value) => {
        const indicator = byId.get(value.indicator_id);
        if (!indicator) return [];
        return [
          {
            code: indicator.code,
            name: { ko: indicator.name_ko, en: indicator.name_en },
            period: value.period,
            date: value.reviewed_at,
            note: value.review_reason,
            link: `/report?year=${plan.year}`,
          },
        ];
      });
    return { items, total: items.length };
  },
};
