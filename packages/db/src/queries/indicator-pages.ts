/**
 * A plan's indicators with their stored figures a page at a time: filtered, sorted, counted and cut
 * in SQL, so that a screen receives the rows it shows and no more, whatever the plan's size. The
 * series (the heaviest column) is read only when the screen draws it.
 */

import { type Expression, sql } from 'kysely';
import type { Db } from '../connection.js';
import type { StatusColumn } from '../schema.js';
import { inIdList } from './id-list.js';
import { FIGURE_COLUMNS, type IndicatorFilter, placedIndicatorsUnordered } from './indicators.js';

/** What a page of indicators can be narrowed to, beyond place and owner. */
export interface IndicatorPageFilter extends IndicatorFilter {
  /** Any of these statuses at the as-of month. */
  readonly statuses?: readonly StatusColumn[] | undefined;
  /** Headline indicators only. */
  readonly headline?: boolean | undefined;
  /** Measured indicators with a period due by the as-of month and not reported. */
  readonly unreported?: boolean | undefined;
}

/** The orders a page can be sorted in; every one ends in plan order, so pages never overlap. */
export type IndicatorSort = 'plan' | 'code' | 'status' | 'attainment' | 'actual' | 'forecast';
export const INDICATOR_SORTS = ['plan', 'code', 'status', 'attainment', 'actual', 'forecast'] as const;

export interface PageWindow {
  sort: IndicatorSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Off track first, then at risk, on track, and no data: the order a reader looks for trouble in. */
const STATUS_RANK = sql<number>`case f.status when 'off_track' then 0 when 'at_risk' then 1 when 'on_track' then 2 else 3 end`;

/**
 * The plan's stored figures at the month matching the filter, from indicator_figures alone (it
 * holds where each indicator sits: migration 0006), so that an index range narrows and orders them.
 */
export function storedFiguresMatching(db: Db, planId: number, month: number, filter: IndicatorPageFilter) {
  let query = db
    .selectFrom('indicator_figures as f')
    .where('f.plan_id', '=', planId)
    .where('f.month', '=', month);
  const { sectorCode, departmentCode, indicatorCode } = filter;
  if (sectorCode)
    query = query.where('f.sector_id', '=', (eb) =>
      eb.selectFrom('sectors').select('id').where('plan_id', '=', planId).where('code', '=', sectorCode),
    );
  if (departmentCode)
    // Codes are unique within an organisation only: the plan's organisation's department.
    query = query.where('f.department_id', '=', (eb) =>
      eb
        .selectFrom('departments')
        .select('id')
        .where('code', '=', departmentCode)
        .where(
          'organisation_id',
          '=',
          eb.selectFrom('plans').select('organisation_id').where('id', '=', planId),
        ),
    );
  if (indicatorCode)
    query = query.where('f.indicator_id', 'in', (eb) =>
      eb.selectFrom('indicators').select('id').where('code', '=', indicatorCode),
    );
  if (filter.statuses?.length) query = query.where('f.status', 'in', [...filter.statuses]);
  if (filter.headline !== undefined) query = query.where('f.headline', '=', filter.headline ? 1 : 0);
  if (filter.unreported) {
    query = query
      .whereRef('f.periods_reported', '<', 'f.periods_due')
      .where('f.indicator_id', 'not in', (eb) =>
        eb.selectFrom('indicators').select('id').where('aggregation', '=', 'milestones'),
      );
  }
  return query;
}

/**
 * One page of a plan's indicators matching the filter, with their stored figures at the as-of month,
 * in the order asked (nulls last either way, then plan order). The page is cut over the stored
 * figures alone; only its rows are then joined to their names. The series is read with each row (a
 * screen's sparklines come from it) but a caller sends it on only when it draws it.
 */
export async function findIndicatorFigurePage(
  db: Db,
  planId: number,
  month: number,
  filter: IndicatorPageFilter,
  window: PageWindow,
) {
  const direction = sql.raw(window.order === 'desc' ? 'desc' : 'asc');
  const byFigure = (column: Expression<unknown>) => sql`${column} ${direction} nulls last`;
  let keys = storedFiguresMatching(db, planId, month, filter).select('f.indicator_id');
  switch (window.sort) {
    case 'code':
      keys = keys
        .innerJoin('indicators', 'indicators.id', 'f.indicator_id')
        .orderBy(sql`indicators.code ${direction}`);
      break;
    case 'status':
      // Within a status, the furthest from target first.
      keys = keys.orderBy(sql`${STATUS_RANK} ${direction}`).orderBy(sql`f.attainment asc nulls last`);
      break;
    case 'attainment':
      keys = keys.orderBy(byFigure(sql.ref('f.attainment')));
      break;
    case 'actual':
      keys = keys.orderBy(byFigure(sql.ref('f.actual_to_date')));
      break;
    case 'forecast':
      keys = keys.orderBy(byFigure(sql.ref('f.forecast_year_end')));
      break;
    case 'plan':
      break;
  }
  const ids = (await keys.orderBy('f.place').limit(window.limit).offset(window.offset).execute()).map(
    (row) => row.indicator_id,
  );
  if (ids.length === 0) return [];
  const rows = await placedIndicatorsUnordered(db, planId, {})
    .innerJoin('indicator_figures as f', (join) =>
      join.onRef('f.indicator_id', '=', 'indicators.id').on('f.month', '=', month),
    )
    .select(FIGURE_COLUMNS)
    .where(inIdList(db, 'indicators.id', ids))
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type IndicatorPageRecord = Awaited<ReturnType<typeof findIndicatorFigurePage>>[number];

/** How many of a plan's indicators match the filter at the as-of month. */
export async function countIndicatorFigures(
  db: Db,
  planId: number,
  month: number,
  filter: IndicatorPageFilter,
): Promise<number> {
  // The filtered query selects every indicator column: a count alone (PostgreSQL refuses columns
  // beside an aggregate that are not grouped; SQLite would pick one row's).
  const row = await storedFiguresMatching(db, planId, month, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
