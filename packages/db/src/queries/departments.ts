/** Departments: the bureaus, offices and headquarters that own indicators and milestones. */

import type { Db } from '../connection.js';

/** An organisation's departments, in code order. */
export async function findDepartments(db: Db, organisationId: number) {
  return db
    .selectFrom('departments')
    .select(['id', 'code', 'name_ko', 'name_en'])
    .where('organisation_id', '=', organisationId)
    .orderBy('code')
    .execute();
}

/** The departments owning an indicator or a milestone of a plan, in code order. */
export async function findDepartmentsInPlan(db: Db, planId: number) {
  // The plan is reached through the project; the department is the outer row, not joined again.
  return db
    .selectFrom('departments')
    .select(['id', 'code', 'name_ko', 'name_en'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('indicators')
            .innerJoin('projects', 'projects.id', 'indicators.project_id')
            .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
            .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
            .select('indicators.id')
            .whereRef('indicators.department_id', '=', 'departments.id')
            .where('sectors.plan_id', '=', planId),
        ),
        eb.exists(
          eb
            .selectFrom('milestones')
            .innerJoin('projects', 'projects.id', 'milestones.project_id')
            .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
            .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
            .select('milestones.id')
            .whereRef('milestones.department_id', '=', 'departments.id')
            .where('sectors.plan_id', '=', planId),
        ),
      ]),
    )
    .orderBy('code')
    .execute();
}
