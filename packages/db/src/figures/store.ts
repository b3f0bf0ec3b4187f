/** Writing stored figures, and reading one row back as the figures it stands for. */

import type { IndicatorFigures, SeriesPoint } from '@tangible/core';
import type { Insertable } from 'kysely';
import type { Db } from '../connection.js';
import type { IndicatorFiguresTable } from '../schema.js';
import type { IndicatorDefinition, MonthFigures } from './evaluate.js';
import { decodeSeries, encodeSeries } from './series.js';

type FigureRow = Insertable<IndicatorFiguresTable>;

/** Rows per INSERT: 24 values each, under SQLite's 32,766 bound values per statement. */
const ROWS_PER_INSERT = 1000;

export function figureRow(definition: IndicatorDefinition, computed: MonthFigures): FigureRow {
  const { figures } = computed;
  return {
    indicator_id: definition.id,
    month: computed.month,
    plan_id: definition.plan_id,
    sector_id: definition.sector_id,
    department_id: definition.department_id,
    headline: definition.headline,
    place: definition.place,
    actual_to_date: figures.actualToDate,
    target_to_date: figures.targetToDate,
    attainment: figures.attainment,
    status: figures.status,
    forecast_year_end: figures.forecastYearEnd,
    forecast_meets_target: figures.forecastMeetsTarget === null ? null : Number(figures.forecastMeetsTarget),
    run_rate_needed: figures.runRateNeeded,
    last_period: figures.lastPeriod,
    periods_due: figures.periodsDue,
    periods_reported: figures.periodsReported,
    annual_target: computed.annualTarget,
    series: encodeSeries(computed.series),
  };
}

/** The stored columns of a row, as read with the figures' own names (see findIndicatorFigures). */
export interface StoredFigureColumns {
  actual_to_date: number | null;
  target_to_date: number | null;
  attainment: number | null;
  status: IndicatorFiguresTable['status'] | null;
  forecast_year_end: number | null;
  forecast_meets_target: number | null;
  run_rate_needed: number | null;
  last_period: string | null;
  periods_due: number | null;
  periods_reported: number | null;
  annual_target: number | null;
}

/** The figures a stored row holds; null when the row is missing (a left join found none). */
export function storedFigures(row: StoredFigureColumns): IndicatorFigures | null {
  if (row.status === null || row.target_to_date === null) return null;
  return {
    actualToDate: row.actual_to_date,
    targetToDate: row.target_to_date,
    attainment: row.attainment,
    status: row.status,
    forecastYearEnd: row.forecast_year_end,
    forecastMeetsTarget: row.forecast_meets_target === null ? null : row.forecast_meets_target === 1,
    runRateNeeded: row.run_rate_needed,
    lastPeriod: row.last_period,
    periodsDue: row.periods_due ?? 0,
    periodsReported: row.periods_reported ?? 0,
  };
}

export function storedSeries(text: string): SeriesPoint[] {
  return decodeSeries(text);
}

/** A plan's stored figures as a whole (plan_figures); undefined when they were never built. */
export async function findPlanFigures(db: Db, planId: number) {
  return db
    .selectFrom('plan_figures')
    .select(['rules_version', 'built_at', 'latest_month'])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
}

/** Writes figures, replacing what was stored for the same indicator and month. */
export async function writeFigures(db: Db, rows: readonly FigureRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db
      .insertInto('indicator_figures')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'month']).doUpdateSet((eb) => ({
          // Where it sits too: a refresh after a definition change (department, headline, position) moves it.
          plan_id: eb.ref('excluded.plan_id'),
          sector_id: eb.ref('excluded.sector_id'),
          department_id: eb.ref('excluded.department_id'),
          headline: eb.ref('excluded.headline'),
          place: eb.ref('excluded.place'),
          actual_to_date: eb.ref('excluded.actual_to_date'),
          target_to_date: eb.ref('excluded.target_to_date'),
          attainment: eb.ref('excluded.attainment'),
          status: eb.ref('excluded.status'),
          forecast_year_end: eb.ref('excluded.forecast_year_end'),
          forecast_meets_target: eb.ref('excluded.forecast_meets_target'),
          run_rate_needed: eb.ref('excluded.run_rate_needed'),
          last_period: eb.ref('excluded.last_period'),
          periods_due: eb.ref('excluded.periods_due'),
          periods_reported: eb.ref('excluded.periods_reported'),
          annual_target: eb.ref('excluded.annual_target'),
          series: eb.ref('excluded.series'),
        })),
      )
      .execute();
  }
}
