/** Values waiting for an approver (the planning office, or an admin), oldest first. */

import { countPending, findPendingPage } from '@tangible/db';
import { can } from '../../auth/policy.js';
import type { InboxSource } from '../source.js';

/** The inbox lists this many; the section's count is of them all. */
const SHOWN = 200;

export const approvalsWaiting: InboxSource = {
  section: 'approvals_waiting',
  appliesTo: (user) => can({ kind: 'user', user, via: 'cli' }, 'approve'),
  async load({ db, plan }) {
    const [rows, total] = await Promise.all([
      findPendingPage(db, plan.id, {}, { limit: SHOWN, offset: 0 }),
      countPending(db, plan.id, {}),
    ]);
    const items = rows.map((row) => ({
      code: row.code,
      name: { ko: row.name_ko, en: row.name_en },
      period: row.period,
      date: row.entered_at,
      note: null,
      link: `/approvals?year=${plan.year}`,
    }));
    return { items, total };
  },
};
