/**
 * Indicators a page at a time. A list row is an indicator's
 * view without its series: a screen that lists indicators draws at most a sparkline (the trend, a
 * dozen numbers); only the screens that draw the series (the indicator page, a sector's small charts
 * for the visible page) receive it.
 */

import { parsePeriod, periodEndMonth } from '@tangible/core';
import {
  countIndicatorFigures,
  type Db,
  findIndicatorFigurePage,
  type IndicatorPageFilter,
  type IndicatorSort,
} from '@tangible/db';
import { type IndicatorView, indicatorView, type ResolvedView } from '../figures.js';
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
