/** Loading a plan and its shape: sectors, strategies, projects. */

import type { Db } from '../connection.js';

export async function findPlanYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('plans').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

export async function findPlan(db: Db, year: number) {
  const plan = await db.selectFrom('plans').selectAll().where('year', '=', year).executeTakeFirst();
  if (!plan) return null;
  const goals = await db
    .selectFrom('plan_goals')
    .select(['name_ko', 'name_en'])
    .where('plan_id', '=', plan.id)
    .orderBy('position')
    .execute();
  return { ...plan, goals };
}

export async function findSectors(db: Db, planId: number) {
  return db.selectFrom('sectors').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
}

export async function findStrategies(db: Db, sectorId: number) {
  return db
    .selectFrom('strategies')
    .selectAll()
    .where('sector_id', '=', sectorId)
    .orderBy('position')
    .execute();
}

/** A sector's projects, strategy by strategy. */
export async function findProjects(db: Db, sectorId: number) {
  return db
    .selectFrom('projects')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('departments', 'departments.id', 'projects.department_id')
    .select([
      'projects.id',
      'projects.strategy_id',
      'projects.code',
      'projects.name_ko',
      'projects.name_en',
      'departments.code as department_code',
      'departments.name_ko as department_name_ko',
      'departments.name_en as department_name_en',
    ])
    .where('strategies.sector_id', '=', sectorId)
    .orderBy('projects.strategy_id')
    .orderBy('projects.position')
    .execute();
}
