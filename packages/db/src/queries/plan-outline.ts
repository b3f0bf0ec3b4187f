/**
 * A plan's whole outline for the plan editor: every sector, strategy, project, indicator (with its
 * planned targets) and milestone, retired ones included, each in its position; and the target
 * revisions waiting for a decision. One read per level, whatever the plan's size.
 */

import type { Db } from '../connection.js';
import { inIdList } from './id-list.js';

export async function findPlanOutline(db: Db, planId: number) {
  const sectors = await db
    .selectFrom('sectors')
    .select(['id', 'code', 'name_ko', 'name_en', 'goal_ko', 'goal_en', 'retired_at'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const strategies = await db
    .selectFrom('strategies')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select([
      'strategies.id',
      'strategies.sector_id as parent_id',
      'strategies.code',
      'strategies.name_ko',
      'strategies.name_en',
      'strategies.retired_at',
    ])
    .where('sectors.plan_id', '=', planId)
    .orderBy('strategies.position')
    .execute();
  const projects = await db
    .selectFrom('projects')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('departments', 'departments.id', 'projects.department_id')
    .select([
      'projects.id',
      'projects.strategy_id as parent_id',
      'projects.code',
      'projects.name_ko',
      'projects.name_en',
      'departments.code as department_code',
      'projects.retired_at',
    ])
    .where('sectors.plan_id', '=', planId)
    .orderBy('projects.position')
    .execute();
  const projectIds = projects.map((p) => p.id);
  if (projectIds.length === 0)
    return { sectors, strategies, projects, indicators: [], targets: [], milestones: [], pending: [] };
  const indicators = await db
    .selectFrom('indicators')
    .innerJoin('departments', 'departments.id', 'indicators.department_id')
    .selectAll('indicators')
    .select('departments.code as department_code')
    .where(inIdList(db, 'indicators.project_id', projectIds))
    .orderBy('indicators.position')
    .execute();
  const indicatorIds = indicators.map((i) => i.id);
  const targets =
    indicatorIds.length === 0
      ? []
      : await db
          .selectFrom('targets')
          .select(['indicator_id', 'period', 'kind', 'value'])
          .where(inIdList(db, 'indicator_id', indicatorIds))
          .orderBy('period')
          .execute();
  const pending =
    indicatorIds.length === 0
      ? []
      : await db
          .selectFrom('target_revisions')
          .selectAll()
          .where(inIdList(db, 'indicator_id', indicatorIds))
          .where('state', '=', 'pending')
          .orderBy('id')
          .execute();
  const milestones = await db
    .selectFrom('milestones')
    .innerJoin('departments', 'departments.id', 'milestones.department_id')
    .select([
      'milestones.id',
      'milestones.project_id as parent_id',
      'milestones.code',
      'milestones.name_ko',
      'milestones.name_en',
      'departments.code as department_code',
      'milestones.planned_date',
      'milestones.weight',
      'milestones.source',
      'milestones.retired_at',
    ])
    .where(inIdList(db, 'milestones.project_id', projectIds))
    .orderBy('milestones.position')
    .execute();
  return { sectors, strategies, projects, indicators, targets, milestones, pending };
}

export type PlanOutlineRows = Awaited<ReturnType<typeof findPlanOutline>>;
