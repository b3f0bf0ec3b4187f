/**
 * Corrective actions for slipping indicators (migration 0012): each owned by a department, with a due
 * date and a state. "Open" is planned or in progress; "overdue" is open past its due date.
 */

import type { Db } from '../connection.js';
import type { ActionState } from '../schema.js';
import { indicatorsInPlace } from './placed.js';

export const OPEN_ACTION_STATES: readonly ActionState[] = ['planned', 'in_progress'];

export interface NewCorrectiveAction {
  indicatorId: number;
  departmentId: number;
  title: string;
  dueDate: string;
  createdByUserId: number;
  createdBy: string;
  at: string;
}

export async function insertCorrectiveAction(db: Db, action: NewCorrectiveAction): Promise<number> {
  const { id } = await db
    .insertInto('corrective_actions')
    .values({
      indicator_id: action.indicatorId,
      department_id: action.departmentId,
      title: action.title,
      due_date: action.dueDate,
      created_by_user_id: action.createdByUserId,
      created_by: action.createdBy,
      created_at: action.at,
      updated_at: action.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function actionsInPlan(db: Db, planId: number) {
  return db
    .selectFrom('corrective_actions')
    .innerJoin('indicators', 'indicators.id', 'corrective_actions.indicator_id')
    .innerJoin('projects', 'projects.id', 'indicators.project_id')
    .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
    .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
    .innerJoin('departments', 'departments.id', 'corrective_actions.department_id')
    .where('sectors.plan_id', '=', planId)
    .select([
      'corrective_actions.id',
      'corrective_actions.indicator_id',
      'corrective_actions.department_id',
      'corrective_actions.title',
      'corrective_actions.due_date',
      'corrective_actions.state',
      'corrective_actions.drop_reason',
      'corrective_actions.created_by',
      'corrective_actions.created_at',
      'corrective_actions.updated_at',
      'indicators.code as indicator_code',
      'indicators.name_ko as indicator_name_ko',
      'indicators.name_en as indicator_name_en',
      'sectors.id as sector_id',
      'departments.code as department_code',
      'departments.name_ko as department_name_ko',
      'departments.name_en as department_name_en',
    ]);
}

/** One action of a plan by id. */
export async function findCorrectiveAction(db: Db, planId: number, id: number) {
  return actionsInPlan(db, planId).where('corrective_actions.id', '=', id).executeTakeFirst();
}

export type CorrectiveActionRecord = NonNullable<Awaited<ReturnType<typeof findCorrectiveAction>>>;

/** An indicator's actions, the open ones first, each by due date. */
export async function findCorrectiveActionsOf(db: Db, planId: number, indicatorId: number) {
  return actionsInPlan(db, planId)
    .where('corrective_actions.indicator_id', '=', indicatorId)
    .orderBy((eb) =>
      eb.case().when('corrective_actions.state', 'in', OPEN_ACTION_STATES).then(0).else(1).end(),
    )
    .orderBy('corrective_actions.due_date')
    .orderBy('corrective_actions.id')
    .execute();
}

/** A department's open actions (the inbox), the soonest due first. */
export async function findOpenActionsOfDepartment(db: Db, planId: number, departmentId: number) {
  return actionsInPlan(db, planId)
    .where('corrective_actions.department_id', '=', departmentId)
    .where('corrective_actions.state', 'in', OPEN_ACTION_STATES)
    .orderBy('corrective_actions.due_date')
    .orderBy('corrective_actions.id')
    .execute();
}

/** A sector's open actions (the meeting's slides), by indicator and then the soonest due first. */
export async function findOpenActionsOfSector(db: Db, planId: number, sectorCode: string) {
  return actionsInPlan(db, planId)
    .where('sectors.code', '=', sectorCode)
    .where('corrective_actions.state', 'in', OPEN_ACTION_STATES)
    .orderBy('corrective_actions.indicator_id')
    .orderBy('corrective_actions.due_date')
    .orderBy('corrective_actions.id')
    .execute();
}

/**
 * Changes an open action; false when it is no longer open (closed by another change meanwhile), so
 * the caller writes nothing more.
 */
export async function updateCorrectiveAction(
  db: Db,
  id: number,
  change: { state: ActionState; dropReason: string | null; dueDate: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('corrective_actions')
    .set({
      state: change.state,
      drop_reason: change.dropReason,
      due_date: change.dueDate,
      updated_at: change.at,
    })
    .where('id', '=', id)
    .where('state', 'in', OPEN_ACTION_STATES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open and overdue actions per sector of a plan (the overview's small answer). */
export async function countActionsBySector(db: Db, planId: number, today: string) {
  const rows = await actionsInPlan(db, planId)
    .clearSelect()
    .select((eb) => [
      'sectors.id as sector_id',
      eb.fn.countAll<number | string>().as('open'),
      eb.fn
        .sum<number | string>(eb.case().when('corrective_actions.due_date', '<', today).then(1).else(0).end())
        .as('overdue'),
    ])
    .where('corrective_actions.state', 'in', OPEN_ACTION_STATES)
    .groupBy('sectors.id')
    .execute();
  return rows.map((r) => ({ sectorId: r.sector_id, open: Number(r.open), overdue: Number(r.overdue ?? 0) }));
}

/** The indicators of a plan with an open action past its due date: highlighted wherever they appear. */
export async function findIndicatorsWithOverdueActions(db: Db, planId: number, today: string) {
  const rows = await indicatorsInPlace(db)
    .innerJoin('corrective_actions', 'corrective_actions.indicator_id', 'indicators.id')
    .select('indicators.code')
    .distinct()
    .where('sectors.plan_id', '=', planId)
    .where('corrective_actions.state', 'in', OPEN_ACTION_STATES)
    .where('corrective_actions.due_date', '<', today)
    .execute();
  return rows.map((r) => r.code);
}
