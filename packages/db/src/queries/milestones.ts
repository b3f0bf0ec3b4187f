/** Loading milestones with their project, sector and owner. */

import type { Db } from '../connection.js';
import { milestonesInPlace } from './placed.js';

export interface MilestoneFilter {
  readonly sectorCode?: string | undefined;
  readonly departmentCode?: string | undefined;
}

export async function findMilestones(db: Db, planId: number, filter: MilestoneFilter = {}) {
  let query = milestonesInPlace(db)
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
    .where('sectors.plan_id', '=', planId)
    .where('milestones.status', '=', 'active');
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  return query
    .orderBy('sectors.position')
    .orderBy('milestones.project_id')
    .orderBy('milestones.position')
    .execute();
}

export type MilestoneRecord = Awaited<ReturnType<typeof findMilestones>>[number];
