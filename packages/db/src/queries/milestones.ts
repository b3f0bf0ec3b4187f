/** Loading milestones with their project, sector and owner. */

import type { Db } from '../connection.js';
import { inIdList } from './id-list.js';
import { milestonesInPlace } from './placed.js';

export interface MilestoneFilter {
  readonly sectorCode?: string | undefined;
  readonly departmentCode?: string | undefined;
  readonly projectCode?: string | undefined;
  /** These projects' milestones only (a page of tracks). */
  readonly projectIds?: readonly number[] | undefined;
  /** These milestones only (the next milestone of each track on a page). */
  readonly milestoneIds?: readonly number[] | undefined;
}

function placedMilestones(db: Db, planId: number, filter: MilestoneFilter) {
  let query = milestonesInPlace(db)
    .where('sectors.plan_id', '=', planId)
    .where('milestones.status', '=', 'active')
    // A retired milestone keeps its dates but is on no timeline, list or count (as in no track).
    .where('milestones.retired_at', 'is', null);
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  if (filter.projectCode) query = query.where('projects.code', '=', filter.projectCode);
  if (filter.projectIds) query = query.where(inIdList(db, 'milestones.project_id', filter.projectIds));
  if (filter.milestoneIds) query = query.where(inIdList(db, 'milestones.id', filter.milestoneIds));
  return query;
}

/** A plan's active milestones matching the filter, track by track in plan order; `window` cuts a page. */
export async function findMilestones(
  db: Db,
  planId: number,
  filter: MilestoneFilter = {},
  window?: { limit: number; offset: number },
) {
  let query = placedMilestones(db, planId, filter)
    .selectAll('milestones')
    .select([
      'projects.code as project_code',
      'projects.name_ko as project_name_ko',
      'projects.name_en as project_name_en',
      'sectors.code as sector_code',
      'sectors.name_ko as sector_name_ko',
      'sectors.name_en as sector_name_en',
      'departments.code as department_code',
      'departments.name_ko as department_name_ko',
      'departments.name_en as department_name_en',
    ])
    .orderBy('sectors.position')
    .orderBy('milestones.project_id')
    .orderBy('milestones.position');
  if (window) query = query.orderBy('milestones.id').limit(window.limit).offset(window.offset);
  return query.execute();
}

export type MilestoneRecord = Awaited<ReturnType<typeof findMilestones>>[number];

/** How many active milestones of a plan match the filter. */
export async function countMilestones(db: Db, planId: number, filter: MilestoneFilter = {}): Promise<number> {
  const row = await placedMilestones(db, planId, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
