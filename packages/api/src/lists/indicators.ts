/**
 * Indicators a page at a time, and the narrow rows roll-ups are made of. A list row is an indicator's
 * view without its series: a screen that lists indicators draws at most a sparkline (the trend, a
 * dozen numbers); only the screens that draw the series (the indicator page, a sector's small charts
 * for the visible page) receive it.
 */

import { parsePeriod, periodEndMonth } from '@tangible/core';
import {
  countIndicatorFigures,
  type Db,
  findIndicatorFigurePage,
  findRolledFigures,
  type IndicatorPageFilter,
  type IndicatorSort,
  type RolledFigureRecord,
} from '@tangible/db';
import { type IndicatorView, indicatorView, type ResolvedView } from '../figures.js';
import { isUnreported, type Rolled } from '../summaries.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';

/** An indicator as a list shows it: its view without the series, and the periods it has not reported. */
export type IndicatorRow = Omit<IndicatorView, 'series'> & {
  /** Periods ended by the as-of month without an approved value (measured indicators). */
  missingPeriods: string[];
};

export interface IndicatorWindow extends PageRequest {
  sort: IndicatorSort;
  order: 'asc' | 'desc';
}

function endMonth(text: string): number {
  const period = parsePeriod(text);
  return period ? periodEndMonth(period) : 13;
}

async function page(db: Db, view: ResolvedView, filter: IndicatorPageFilter, window: IndicatorWindow) {
  const [records, total] = await Promise.all([
    findIndicatorFigurePage(db, view.plan.id, view.asOf.month, filter, {
      sort: window.sort,
      order: window.order,
      limit: window.limit,
      offset: offsetOf(window),
    }),
    countIndicatorFigures(db, view.plan.id, view.asOf.month, filter),
  ]);
  return { records, total };
}

/** A page of indicators as a list shows them. */
export async function indicatorRows(
  db: Db,
  view: ResolvedView,
  filter: IndicatorPageFilter,
  window: IndicatorWindow,
): Promise<Page<IndicatorRow>> {
  const { records, total } = await page(db, view, filter, window);
  const items = records.map((record) => {
    const { series: _series, ...row } = indicatorView(record, view.asOf).view;
    const missingPeriods =
      row.aggregation === 'milestones'
        ? []
        : _series
            .filter((point) => endMonth(point.period) <= view.asOf.month && point.value === null)
            .map((point) => point.period);
    return { ...row, missingPeriods };
  });
  return { items, total, page: window.page, limit: window.limit };
}

/** A page of indicators with their series, for a screen that draws each one. */
export async function indicatorCharts(
  db: Db,
  view: ResolvedView,
  filter: IndicatorPageFilter,
  window: IndicatorWindow,
): Promise<Page<IndicatorView>> {
  const { records, total } = await page(db, view, filter, window);
  return {
    items: records.map((record) => indicatorView(record, view.asOf).view),
    total,
    page: window.page,
    limit: window.limit,
  };
}

/** What roll-ups read of every indicator matching the filter (see findRolledFigures). */
export interface RolledIndicator extends Rolled {
  sectorCode: string;
  departmentCode: string;
  headline: boolean;
  /** A measured indicator with a period due but not reported by the as-of month. */
  unreported: boolean;
}

export async function rolledIndicators(
  db: Db,
  view: ResolvedView,
  filter: IndicatorPageFilter = {},
): Promise<RolledIndicator[]> {
  const records = await findRolledFigures(db, view.plan.id, view.asOf.month, filter);
  return records.map((record: RolledFigureRecord) => ({
    sectorCode: record.sector_code,
    departmentCode: record.department_code,
    headline: record.headline === 1,
    weight: record.weight,
    unreported: isUnreported({
      aggregation: record.aggregation,
      periodsReported: record.periods_reported,
      periodsDue: record.periods_due,
    }),
    figures: { attainment: record.attainment, status: record.status, lastPeriod: record.last_period },
  }));
}

/** Rows grouped by a key, in the order they came (plan order). */
export function groupRolled(rows: readonly RolledIndicator[], key: (row: RolledIndicator) => string) {
  const groups = new Map<string, RolledIndicator[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
