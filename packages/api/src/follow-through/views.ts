/** What the follow-through screens are sent: directives and actions as plain data, with overdue judged on the city's today. */

import {
  type CorrectiveActionRecord,
  type Db,
  type DirectiveFilter,
  type DirectiveRecord,
  type DirectiveState,
  findDirectivePage,
} from '@tangible/db';
import type { z } from 'zod';
import { isActionOverdue } from './actions.js';
import { cityToday, isOverdue } from './directives.js';
import type { directiveFilter } from './inputs.js';

const bilingual = (row: { name_ko: string; name_en: string }) => ({ ko: row.name_ko, en: row.name_en });

export function directiveView(directive: DirectiveRecord, today: string) {
  return {
    id: directive.id,
    meeting: { date: directive.meeting_date, name: directive.meeting_name },
    sector: {
      code: directive.sector_code,
      name: { ko: directive.sector_name_ko, en: directive.sector_name_en },
    },
    project: directive.project && { code: directive.project.code, name: bilingual(directive.project) },
    indicator: directive.indicator && {
      code: directive.indicator.code,
      name: bilingual(directive.indicator),
    },
    content: directive.content,
    departments: directive.departments.map((d) => ({ code: d.code, name: bilingual(d) })),
    dueDate: directive.due_date,
    state: directive.state,
    overdue: isOverdue(directive, today),
    recordedBy: directive.recorded_by,
    recordedAt: directive.recorded_at,
    proposedAt: directive.proposed_at,
    completedAt: directive.completed_at,
  };
}

export function actionView(action: CorrectiveActionRecord, today: string) {
  return {
    id: action.id,
    indicator: {
      code: action.indicator_code,
      name: { ko: action.indicator_name_ko, en: action.indicator_name_en },
    },
    department: {
      code: action.department_code,
      name: { ko: action.department_name_ko, en: action.department_name_en },
    },
    title: action.title,
    dueDate: action.due_date,
    state: action.state,
    dropReason: action.drop_reason,
    overdue: isActionOverdue(action, today),
    createdBy: action.created_by,
    createdAt: action.created_at,
  };
}

/** The page's filters as the query's: `not_done` is every state but done; overdue is judged today. */
export function directiveQuery(input: z.infer<typeof directiveFilter>, now: Date): DirectiveFilter {
  const states: DirectiveState[] | undefined =
    input.state === 'not_done'
      ? ['open', 'in_progress', 'proposed']
      : input.state
        ? [input.state]
        : undefined;
  return {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
    states,
    overdueOn: input.overdue ? cityToday(now) : undefined,
  };
}

/** A filtered page of directives (every one matching when `window` is null: the export). */
export async function directiveList(
  db: Db,
  planId: number,
  input: z.infer<typeof directiveFilter>,
  window: { limit: number; offset: number } | null,
  now: Date,
) {
  const today = cityToday(now);
  const { items, total } = await findDirectivePage(db, planId, directiveQuery(input, now), window);
  return { items: items.map((d) => directiveView(d, today)), total };
}
