/**
 * The mayor's directives (지시사항, migration 0012): where each points in the plan, the departments
 * it is assigned to, its state and its progress notes. Filters are SQL, pages are cut in SQL.
 */

import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../connection.js';
import type { Database, DirectiveState } from '../schema.js';
import { inIdList } from './id-list.js';
import { indicatorsInPlace } from './placed.js';

export interface NewDirective {
  planId: number;
  sectorId: number;
  projectId: number | null;
  indicatorId: number | null;
  meetingDate: string;
  meetingName: string;
  content: string;
  dueDate: string;
  departmentIds: readonly number[];
  recordedByUserId: number;
  recordedBy: string;
  recordedAt: string;
}

export async function insertDirective(db: Db, directive: NewDirective): Promise<number> {
  const { id } = await db
    .insertInto('directives')
    .values({
      plan_id: directive.planId,
      sector_id: directive.sectorId,
      project_id: directive.projectId,
      indicator_id: directive.indicatorId,
      meeting_date: directive.meetingDate,
      meeting_name: directive.meetingName,
      content: directive.content,
      due_date: directive.dueDate,
      recorded_by_user_id: directive.recordedByUserId,
      recorded_by: directive.recordedBy,
      recorded_at: directive.recordedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('directive_departments')
    .values(directive.departmentIds.map((department_id) => ({ directive_id: id, department_id })))
    .execute();
  return id;
}

export interface DirectiveFilter {
  sectorCode?: string | undefined;
  departmentCode?: string | undefined;
  /** Several states at once: "open" on a screen means every state but done. */
  states?: readonly DirectiveState[] | undefined;
  /** Only those past their due date on this day (YYYY-MM-DD) and not done. */
  overdueOn?: string | undefined;
  /** Only these (the inbox: one department's). */
  departmentId?: number | undefined;
}

function filtered(db: Db, planId: number, filter: DirectiveFilter) {
  let query = db
    .selectFrom('directives')
    .innerJoin('sectors', 'sectors.id', 'directives.sector_id')
    .where('directives.plan_id', '=', planId);
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.states && filter.states.length > 0) query = query.where('directives.state', 'in', filter.states);
  if (filter.overdueOn)
    query = query.where('directives.due_date', '<', filter.overdueOn).where('directives.state', '!=', 'done');
  const assignedTo = (eb: ExpressionBuilder<Database, 'directives'>) =>
    eb.selectFrom('directive_departments').select('directive_departments.directive_id');
  if (filter.departmentCode) {
    const code = filter.departmentCode;
    query = query.where('directives.id', 'in', (eb) =>
      assignedTo(eb)
        .innerJoin('departments', 'departments.id', 'directive_departments.department_id')
        .where('departments.code', '=', code),
    );
  }
  if (filter.departmentId !== undefined) {
    const id = filter.departmentId;
    query = query.where('directives.id', 'in', (eb) =>
      assignedTo(eb).where('directive_departments.department_id', '=', id),
    );
  }
  return query;
}

const DIRECTIVE_COLUMNS = [
  'directives.id',
  'directives.meeting_date',
  'directives.meeting_name',
  'directives.content',
  'directives.due_date',
  'directives.state',
  'directives.recorded_by',
  'directives.recorded_at',
  'directives.proposed_at',
  'directives.completed_at',
  'directives.project_id',
  'directives.indicator_id',
  'sectors.code as sector_code',
  'sectors.name_ko as sector_name_ko',
  'sectors.name_en as sector_name_en',
] as const;

/** A page of a plan's directives, the soonest due first, and how many match in all. */
export async function findDirectivePage(
  db: Db,
  planId: number,
  filter: DirectiveFilter,
  window: { limit: number; offset: number } | null,
) {
  let rows = filtered(db, planId, filter)
    .select(DIRECTIVE_COLUMNS)
    .orderBy('directives.due_date')
    .orderBy('directives.id');
  if (window) rows = rows.limit(window.limit).offset(window.offset);
  const [items, count] = await Promise.all([
    rows.execute(),
    filtered(db, planId, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await withPlaces(db, items), total: Number(count.n) };
}

/** One directive of a plan, with its places and departments; undefined when the plan has none by that id. */
export async function findDirective(db: Db, planId: number, id: number) {
  const row = await filtered(db, planId, {})
    .select(DIRECTIVE_COLUMNS)
    .where('directives.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [placed] = await withPlaces(db, [row]);
  return placed;
}

type DirectiveRow = {
  id: number;
  project_id: number | null;
  indicator_id: number | null;
};

/** Adds each directive's departments and its project's and indicator's code and names, in three queries. */
async function withPlaces<T extends DirectiveRow>(db: Db, rows: readonly T[]) {
  const ids = rows.map((r) => r.id);
  const projectIds = rows.flatMap((r) => (r.project_id === null ? [] : [r.project_id]));
  const indicatorIds = rows.flatMap((r) => (r.indicator_id === null ? [] : [r.indicator_id]));
  const [departments, projects, indicators] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('directive_departments')
          .innerJoin('departments', 'departments.id', 'directive_departments.department_id')
          .select([
            'directive_departments.directive_id',
            'departments.id',
            'departments.code',
            'departments.name_ko',
            'departments.name_en',
          ])
          .where(inIdList(db, 'directive_departments.directive_id', ids))
          .orderBy('departments.code')
          .execute(),
    projectIds.length === 0
      ? []
      : db
          .selectFrom('projects')
          .select(['id', 'code', 'name_ko', 'name_en'])
          .where(inIdList(db, 'id', projectIds))
          .execute(),
    indicatorIds.length === 0
      ? []
      : db
          .selectFrom('indicators')
          .select(['id', 'code', 'name_ko', 'name_en'])
          .where(inIdList(db, 'id', indicatorIds))
          .execute(),
  ]);
  const projectOf = new Map(projects.map((p) => [p.id, p]));
  const indicatorOf = new Map(indicators.map((i) => [i.id, i]));
  return rows.map((row) => ({
    ...row,
    departments: departments
      .filter((d) => d.directive_id === row.id)
      .map(({ id, code, name_ko, name_en }) => ({ id, code, name_ko, name_en })),
    project: row.project_id === null ? null : (projectOf.get(row.project_id) ?? null),
    indicator: row.indicator_id === null ? null : (indicatorOf.get(row.indicator_id) ?? null),
  }));
}

export type DirectiveRecord = NonNullable<Awaited<ReturnType<typeof findDirective>>>;

/**
 * Moves a directive from one of the states given to another; false when it was in none of them
 * (another change came first), so the caller writes nothing more.
 */
export async function setDirectiveState(
  db: Db,
  id: number,
  from: readonly DirectiveState[],
  to: DirectiveState,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('directives')
    .set({
      state: to,
      ...(to === 'proposed' ? { proposed_at: at } : {}),
      ...(to === 'done' ? { completed_at: at } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open and overdue directives per sector of a plan (the overview's panel). */
export async function countDirectivesBySector(db: Db, planId: number, today: string) {
  const rows = await db
    .selectFrom('directives')
    .select((eb) => [
      'directives.sector_id',
      eb.fn.countAll<number | string>().as('open'),
      eb.fn
        .sum<number | string>(eb.case().when('directives.due_date', '<', today).then(1).else(0).end())
        .as('overdue'),
      eb.fn
        .sum<number | string>(eb.case().when('directives.state', '=', 'proposed').then(1).else(0).end())
        .as('proposed'),
    ])
    .where('directives.plan_id', '=', planId)
    .where('directives.state', '!=', 'done')
    .groupBy('directives.sector_id')
    .execute();
  return rows.map((r) => ({
    sectorId: r.sector_id,
    open: Number(r.open),
    overdue: Number(r.overdue ?? 0),
    proposed: Number(r.proposed ?? 0),
  }));
}

/**
 * Where a new directive points, by code: the plan's sector, and a project or indicator with the
 * sector each sits in (undefined for a code the plan does not hold), so the caller can check that
 * they lie in the directive's sector.
 */
export async function findDirectivePlaces(
  db: Db,
  planId: number,
  codes: { sector: string; project?: string | undefined; indicator?: string | undefined },
) {
  const [sector, project, indicator] = await Promise.all([
    db
      .selectFrom('sectors')
      .select(['id', 'code'])
      .where('plan_id', '=', planId)
      .where('code', '=', codes.sector)
      .executeTakeFirst(),
    codes.project === undefined
      ? undefined
      : db
          .selectFrom('projects')
          .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
          .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
          .select(['projects.id', 'projects.code', 'sectors.id as sector_id'])
          .where('sectors.plan_id', '=', planId)
          .where('projects.code', '=', codes.project)
          .executeTakeFirst(),
    codes.indicator === undefined
      ? undefined
      : indicatorsInPlace(db)
          .select(['indicators.id', 'indicators.code', 'sectors.id as sector_id'])
          .where('sectors.plan_id', '=', planId)
          .where('indicators.code', '=', codes.indicator)
          .executeTakeFirst(),
  ]);
  return { sector, project, indicator };
}
