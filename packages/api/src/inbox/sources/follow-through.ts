/**
 * The mayor's directives and the corrective actions assigned to a bureau head's department, open,
 * overdue first (follow-through/inbox.ts), and the directives whose completion the departments
 * proposed, waiting for the planning office to confirm it (a department never closes one alone).
 */

import { findDirectivePage } from '@tangible/db';
import { can } from '../../auth/policy.js';
import { departmentFollowThrough } from '../../follow-through/inbox.js';
import type { InboxItem, InboxSource } from '../source.js';

/** The inbox lists this many; the section's count is of them all. */
const SHOWN = 200;

/** Noon in Seoul on the city's today: the follow-through reads its own today from a moment. */
const momentOf = (today: string) => new Date(`${today}T12:00:00+09:00`);

export const followThroughAssigned: InboxSource = {
  section: 'follow_through',
  appliesTo: (user) => user.role === 'bureau_head' && user.departmentId !== null,
  async load({ db, user, plan, today }) {
    if (user.departmentId === null) return { items: [], total: 0 };
    const open = await departmentFollowThrough(db, plan.id, user.departmentId, momentOf(today));
    const items: InboxItem[] = open.slice(0, SHOWN).map((item) => ({
      code: item.kind === 'directive' ? `#${item.id}` : (item.indicatorCode ?? `#${item.id}`),
      // Written once, in the language of the meeting that gave it.
      name: { ko: item.text, en: item.text },
      period: null,
      date: item.dueDate,
      note: item.overdue ? 'overdue' : item.kind,
      link:
        item.kind === 'directive' || item.indicatorCode === null
          ? `/directives?year=${plan.year}`
          : `/indicators/${encodeURIComponent(item.indicatorCode)}?year=${plan.year}`,
    }));
    return { items, total: open.length };
  },
};

export const directivesToConfirm: InboxSource = {
  section: 'directives_to_confirm',
  appliesTo: (user) => can({ kind: 'user', user, via: 'cli' }, 'plan'),
  async load({ db, plan }) {
    const page = await findDirectivePage(db, plan.id, { states: ['proposed'] }, { limit: SHOWN, offset: 0 });
    return {
      items: page.items.map((directive) => ({
        code: `#${directive.id}`,
        name: { ko: directive.content, en: directive.content },
        period: null,
        date: directive.due_date,
        note: 'proposed',
        link: `/directives?year=${plan.year}&state=proposed`,
      })),
      total: page.total,
    };
  },
};
