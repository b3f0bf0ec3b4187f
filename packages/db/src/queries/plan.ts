/** Loading a plan and its shape: sectors, strategies, projects. */

import type { Db } from '../connection.js';

/**
 * The years of an organisation's plans, or of every plan in the database (for the start's "is
 * anything loaded?"); with `drafts: false`, only the confirmed plans' (the plans of record).
 */
export async function findPlanYears(
  db: Db,
  organisationId?: number,
  options: { drafts: boolean } = { drafts: true },
): Promise<number[]> {
  let query = db.selectFrom('plans').select('year').distinct().orderBy('year');
  if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
  if (!options.drafts) query = query.where('status', '=', 'confirmed');
  const rows = await query.execute();
  return rows.map((r) => r.year);
}

/** The years of an organisation's plans that hold an approved value (their stored latest month is set). */
export async function findReportedPlanYears(db: Db, organisationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('plans')
    .innerJoin('plan_figures', 'plan_figures.plan_id', 'plans.id')
    .select('plans.year')
    .where('plans.organisation_id', '=', organisationId)
    .where('plan_figures.latest_month', 'is not', null)
    .orderBy('plans.year')
    .execute();
  return rows.map((r) => r.year);
}

/** An organisation's plan of a year: a plan is found by (organisation, year), never by the year alone. */
/** An organisation's draft plans' years. */
export async function findDraftYears(db: Db, organisationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('plans')
    .select('year')
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'draft')
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year);
}

export async function findPlan(db: Db, organisationId: number, year: number) {
  const plan = await db
    .selectFrom('plans')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('year', '=', year)
    .executeTakeFirst();
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
