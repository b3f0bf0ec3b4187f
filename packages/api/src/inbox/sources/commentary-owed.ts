/**
 * Values of a bureau head's department waiting for approval that owe their commentary: they leave
 * their indicator at risk or off track without 원인 분석 and 향후 대책 (imported from a file that had
 * none), and approval refuses them until the head sends the same value with it on the report screen.
 */

import { findPendingPage, statusesIfApproved } from '@tangible/db';
import { hasCommentary } from '../../reporting.js';
import type { InboxSource } from '../source.js';

/** More than a department's indicators have periods in a year: every pending value of the department. */
const ALL_PENDING = 10_000;

export const commentaryOwed: InboxSource = {
  section: 'commentary_owed',
  appliesTo: (user) => user.role === 'bureau_head' && user.departmentCode !== null,
  async load({ db, user, plan }) {
    const pending = await findPendingPage(
      db,
      plan.id,
      { departmentCode: user.departmentCode ?? undefined },
      { limit: ALL_PENDING, offset: 0 },
    );
    const lacking = pending.filter((value) => !hasCommentary(value));
    const statuses = await statusesIfApproved(
      db,
      lacking.map((value) => ({ indicatorId: value.indicator_id, period: value.period, value: value.value })),
    );
    const items = lacking
      .filter((_, i) => statuses[i] === 'at_risk' || statuses[i] === 'off_track')
      .map((value) => ({
        code: value.code,
        name: { ko: value.name_ko, en: value.name_en },
        period: value.period,
        date: value.entered_at,
        note: null,
        link: `/report?year=${plan.year}`,
      }));
    return { items, total: items.length };
  },
};
