/**
 * What a department has to follow through, for an inbox (issue 13.5 builds the inbox itself): the
 * directives assigned to it that are not done, and its open corrective actions, each with its due
 * date and whether it is overdue on the city's today. One function, two queries.
 */

import { type Db, findDirectivePage, findOpenActionsOfDepartment } from '@tangible/db';
import { isActionOverdue } from './actions.js';
import { cityToday, isOverdue } from './directives.js';

export interface FollowThroughItem {
  kind: 'directive' | 'action';
  id: number;
  /** The directive's content or the action's title. */
  text: string;
  dueDate: string;
  state: string;
  overdue: boolean;
  /** The indicator it is about, if any. */
  indicatorCode: string | null;
}

/** A department's open directives and actions, overdue first, then the soonest due. */
export async function departmentFollowThrough(
  db: Db,
  planId: number,
  departmentId: number,
  now: Date,
): Promise<FollowThroughItem[]> {
  const today = cityToday(now);
  const [directives, actions] = await Promise.all([
    findDirectivePage(db, planId, { departmentId, states: ['open', 'in_progress', 'proposed'] }, null),
    findOpenActionsOfDepartment(db, planId, departmentId),
  ]);
  const items: FollowThroughItem[] = [
    ...directives.items.map((d) => ({
      kind: 'directive' as const,
      id: d.id,
      text: d.content,
      dueDate: d.due_date,
      state: d.state,
      overdue: isOverdue(d, today),
      indicatorCode: d.indicator?.code ?? null,
    })),
    ...actions.map((a) => ({
      kind: 'action' as const,
      id: a.id,
      text: a.title,
      dueDate: a.due_date,
      state: a.state,
      overdue: isActionOverdue(a, today),
      indicatorCode: a.indicator_code,
    })),
  ];
  return items.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate) || a.id - b.id,
  );
}
