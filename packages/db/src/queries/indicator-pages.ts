/**
 * A plan's indicators with their stored figures a page at a time: filtered, sorted, counted and cut
 * in SQL, so that a screen receives the rows it shows and no more, whatever the plan's size. The
 * series (the heaviest column) is read only when the screen draws it.
 */

import { type Expression, sql } from 'kysely';
import type { Db } from '../connection.js';
import type { StatusColumn } from '../schema.js';
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

function filtered(db: Db, planId: number, month: number, filter: IndicatorPageFilter) {
  let query = placedIndicatorsUnordered(db, planId, filter).innerJoin('indicator_figures as f', (join) =>
    join.onRef('f.indicator_id', '=', 'indicators.id').on('f.month', '=', month),
  );
  if (filter.statuses?.length) query = query.where('f.status', 'in', [...filter.statuses]);
  if (filter.headline !== undefined) query = query.where('indicators.headline', '=', filter.headline ? 1 : 0);
  if (filter.unreported) {
    query = query
      .where('indicators.aggregation', '!=', 'milestones')
      .whereRef('f.periods_reported', '<', 'f.periods_due');
  }
  return query;
}

/**
 * One page of a plan's indicators matching the filter, with their stored figures at the as-of month,
 * in the order asked (nulls last either way, then plan order). The series is read with each row
 * (a screen's sparklines come from it) but a caller sends it on only when it draws it.
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
  let query = filtered(db, planId, month, filter).select(FIGURE_COLUMNS);
  switch (window.sort) {
    case 'code':
      query = query.orderBy(sql`indicators.code ${direction}`);
      break;
    case 'status':
      // Within a status, the furthest from target first.
      query = query.orderBy(sql`${STATUS_RANK} ${direction}`).orderBy(sql`f.attainment asc nulls last`);
      break;
    case 'attainment':
      query = query.orderBy(byFigure(sql.ref('f.attainment')));
      break;
    case 'actual':
      query = query.orderBy(byFigure(sql.ref('f.actual_to_date')));
      break;
    case 'forecast':
      query = query.orderBy(byFigure(sql.ref('f.forecast_year_end')));
      break;
    case 'plan':
      break;
  }
  return query
    .orderBy('sectors.position')
    .orderBy('strategies.position')
    .orderBy('projects.position')
    .orderBy('indicators.position')
    .orderBy('indicators.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export type IndicatorPageRecord = Awaited<ReturnType<typeof findIndicatorFigurePage>>[number];

/** How many of a plan's indicators match the filter at the as-of month. */
export async function countIndicatorFigures(
  db: Db,
  planId: number,
  month: number,
  filter: IndicatorPageFilter,
): Promise<number> {
  const row = await filtered(db, planId, month, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
