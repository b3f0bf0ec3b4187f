/**
 * Reading and writing a plan's structure for the plan editor (packages/api/src/planning/): the
 * things of a plan found by their code (codes are unique within a plan at every level), whether a
 * thing has history that forbids deleting it, and the lifecycle columns (status, retired_at).
 * The editor's rules live in the service; these are the plain reads and writes it composes.
 */

import type { Db } from '../connection.js';
import { inIdList } from './id-list.js';

export type PlanLevel = 'sector' | 'strategy' | 'project' | 'indicator' | 'milestone';

export const LEVEL_TABLE = {
  sector: 'sectors',
  strategy: 'strategies',
  project: 'projects',
  indicator: 'indicators',
  milestone: 'milestones',
} as const satisfies Record<PlanLevel, string>;

/** The plan's things of every level with their ids, parents and state, in one read per level. */
export async function findPlanShape(db: Db, planId: number) {
  const sectors = await db
    .selectFrom('sectors')
    .select(['id', 'code', 'retired_at'])
    .where('plan_id', '=', planId)
    .execute();
  const strategies = await db
    .selectFrom('strategies')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select([
      'strategies.id',
      'strategies.code',
      'strategies.sector_id as parent_id',
      'strategies.retired_at',
    ])
    .where('sectors.plan_id', '=', planId)
    .execute();
  const projects = await db
    .selectFrom('projects')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select([
      'projects.id',
      'projects.code',
      'projects.strategy_id as parent_id',
      'projects.department_id',
      'projects.retired_at',
    ])
    .where('sectors.plan_id', '=', planId)
    .execute();
  const projectIds = projects.map((p) => p.id);
  const indicators =
    projectIds.length === 0
      ? []
      : await db
          .selectFrom('indicators')
          .select(['id', 'code', 'project_id as parent_id', 'department_id', 'retired_at'])
          .where(inIdList(db, 'project_id', projectIds))
          .execute();
  const milestones =
    projectIds.length === 0
      ? []
      : await db
          .selectFrom('milestones')
          .select(['id', 'code', 'project_id as parent_id', 'department_id', 'retired_at'])
          .where(inIdList(db, 'project_id', projectIds))
          .execute();
  return { sectors, strategies, projects, indicators, milestones };
}

export type PlanShape = Awaited<ReturnType<typeof findPlanShape>>;

export async function findPlanById(db: Db, planId: number) {
  return db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

export async function findDepartmentByCode(db: Db, organisationId: number, code: string) {
  return db
    .selectFrom('departments')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The next position at the end of a parent's list. */
export async function nextPosition(db: Db, level: PlanLevel, parentId: number): Promise<number> {
  const parent = { sector: 'plan_id', strategy: 'sector_id', project: 'strategy_id' } as const;
  const column = level === 'indicator' || level === 'milestone' ? 'project_id' : parent[level];
  const row = await db
    .selectFrom(LEVEL_TABLE[level])
    // biome-ignore lint/suspicious/noExplicitAny: the column is one of the level's parent columns above.
    .select((eb) => eb.fn.max<number | null>('position' as any).as('last'))
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    .where(column as any, '=', parentId)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

/**
 * The indicators and milestones that have history: an indicator with any reported value (of any
 * state: a pending or returned value is history too), a milestone with a forecast or actual date.
 */
export async function withHistory(db: Db, indicatorIds: readonly number[], milestoneIds: readonly number[]) {
  const indicators =
    indicatorIds.length === 0
      ? []
      : await db
          .selectFrom('measurements')
          .select('indicator_id')
          .distinct()
          .where(inIdList(db, 'indicator_id', indicatorIds))
          .execute();
  const milestones =
    milestoneIds.length === 0
      ? []
      : await db
          .selectFrom('milestones')
          .select('id')
          .where(inIdList(db, 'id', milestoneIds))
          .where((eb) => eb.or([eb('actual_date', 'is not', null), eb('forecast_date', 'is not', null)]))
          .execute();
  return { indicators: indicators.length, milestones: milestones.length };
}

/** Marks things retired (those already retired keep their date). */
export async function retireRows(db: Db, level: PlanLevel, ids: readonly number[], at: string) {
  if (ids.length === 0) return;
  await db
    .updateTable(LEVEL_TABLE[level])
    .set({ retired_at: at })
    .where(inIdList(db, 'id', ids))
    .where('retired_at', 'is', null)
    .execute();
}

/** Deletes things (their children go with them: the plan's references cascade). */
export async function deleteRows(db: Db, level: PlanLevel, ids: readonly number[]) {
  if (ids.length === 0) return;
  // Stored figures refer to indicators without cascading: they go first.
  if (level === 'indicator')
    await db
      .deleteFrom('indicator_figures')
      .where(inIdList(db, 'indicator_id', ids))
      .execute();
  await db
    .deleteFrom(LEVEL_TABLE[level])
    .where(inIdList(db, 'id', ids))
    .execute();
}

/** An indicator's planned targets (never rewritten once the plan is confirmed: revisions are). */
export async function replaceTargets(
  db: Db,
  indicatorId: number,
  targets: readonly { period: string; kind: 'annual' | 'interim'; value: number }[],
) {
  await db.deleteFrom('targets').where('indicator_id', '=', indicatorId).execute();
  if (targets.length > 0)
    await db
      .insertInto('targets')
      .values(targets.map((t) => ({ indicator_id: indicatorId, ...t })))
      .execute();
}

export async function confirmPlanRow(db: Db, planId: number, userId: number, at: string) {
  await db
    .updateTable('plans')
    .set({ status: 'confirmed', confirmed_at: at, confirmed_by_user_id: userId })
    .where('id', '=', planId)
    .execute();
}

/** The plan of an indicator, with its organisation: for a revision named by its id. */
export async function findIndicatorPlan(db: Db, indicatorId: number) {
  return db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .select([
      'plans.id as plan_id',
      'plans.organisation_id',
      'plans.year',
      'indicators.code',
      'indicators.department_id',
    ])
    .where('indicators.id', '=', indicatorId)
    .executeTakeFirst();
}

/** A retired indicator of a plan by its code, with the date it was retired; undefined for any other. */
export async function findRetiredIndicator(db: Db, planId: number, code: string) {
  const row = await db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .select(['indicators.code', 'indicators.retired_at'])
    .where('sectors.plan_id', '=', planId)
    .where('indicators.code', '=', code)
    .where('indicators.retired_at', 'is not', null)
    .executeTakeFirst();
  return row?.retired_at ? { code: row.code, retired_at: row.retired_at } : undefined;
}

export async function findTargetRevision(db: Db, id: number) {
  return db.selectFrom('target_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A target's revisions, oldest first: the original and each revision stay visible. */
export async function findTargetRevisions(db: Db, indicatorId: number) {
  return db
    .selectFrom('target_revisions')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('proposed_at')
    .orderBy('id')
    .execute();
}

export async function findPlanChange(db: Db, id: number) {
  return db.selectFrom('plan_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPlanChanges(db: Db, planId: number, state?: 'pending' | 'approved' | 'rejected') {
  let query = db.selectFrom('plan_changes').selectAll().where('plan_id', '=', planId).orderBy('id');
  if (state) query = query.where('state', '=', state);
  return query.execute();
}
