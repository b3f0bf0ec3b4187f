/**
 * The digest's second half (issue 13.5): the mayor's directives and the corrective actions of an
 * organisation's confirmed plans that are past their due date and not done, oldest due first.
 */

import { type Db, OPEN_ACTION_STATES } from '@tangible/db';
import type { OverdueFollowThroughLine as OverdueLine } from './wording.js';

export type { OverdueLine };

export async function overdueFollowThrough(
  db: Db,
  organisationId: number,
  today: string,
): Promise<OverdueLine[]> {
  const [directives, actions] = await Promise.all([
    db
      .selectFrom('directives')
      .innerJoin('plans', 'plans.id', 'directives.plan_id')
      .select(['directives.content as text', 'directives.due_date as due'])
      .where('plans.organisation_id', '=', organisationId)
      .where('plans.status', '=', 'confirmed')
      .where('directives.state', '!=', 'done')
      .where('directives.due_date', '<', today)
      .execute(),
    db
      .selectFrom('corrective_actions')
      .innerJoin('indicators', 'indicators.id', 'corrective_actions.indicator_id')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .select(['corrective_actions.title as text', 'corrective_actions.due_date as due'])
      .where('plans.organisation_id', '=', organisationId)
      .where('plans.status', '=', 'confirmed')
      .where('corrective_actions.state', 'in', [...OPEN_ACTION_STATES])
      .where('corrective_actions.due_date', '<', today)
      .execute(),
  ]);
  return [
    ...directives.map((d) => ({ kind: 'directive' as const, ...d })),
    ...actions.map((a) => ({ kind: 'action' as const, ...a })),
  ].sort((a, b) => a.due.localeCompare(b.due) || a.text.localeCompare(b.text));
}
