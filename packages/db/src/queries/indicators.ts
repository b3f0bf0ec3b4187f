/** Loading indicators with where they sit in the plan and who owns them, their stored figures, targets and values. */

import type { Db } from '../connection.js';
import { indicatorsInPlace, measurementsInPlace } from './placed.js';

export interface IndicatorFilter {
  readonly sectorCode?: string | undefined;
  readonly departmentCode?: string | undefined;
  readonly indicatorCode?: string | undefined;
}

/** A plan's indicators with their place and owner, filtered, in no particular order. */
export function placedIndicatorsUnordered(db: Db, planId: number, filter: IndicatorFilter) {
  let query = indicatorsInPlace(db)
    .selectAll('indicators')
    .select([
      'projects.code as project_code',
      'projects.name_ko as project_name_ko',
      'projects.name_en as project_name_en',
      'strategies.code as strategy_code',
      'strategies.name_ko as strategy_name_ko',
      'strategies.name_en as strategy_name_en',
      'sectors.code as sector_code',
      'sectors.name_ko as sector_name_ko',
      'sectors.name_en as sector_name_en',
      'departments.code as department_code',
      'departments.name_ko as department_name_ko',
      'departments.name_en as department_name_en',
    ])
    .where('sectors.plan_id', '=', planId);
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.departmentCode) query = query.where('departments.code', '=', filter.departmentCode);
  if (filter.indicatorCode) query = query.where('indicators.code', '=', filter.indicatorCode);
  return query;
}

/** A plan's indicators with their place and owner, filtered, in plan order (sector, strategy, project, indicator). */
function placedIndicators(db: Db, planId: number, filter: IndicatorFilter) {
  return placedIndicatorsUnordered(db, planId, filter)
    .orderBy('sectors.position')
    .orderBy('strategies.position')
    .orderBy('projects.position')
    .orderBy('indicators.position')
    .orderBy('indicators.id');
}

/** A plan's indicators, in plan order (sector, strategy, project, indicator), filtered. */
/** A stored figure's columns (indicator_figures), as every figure query reads them. */
export const FIGURE_COLUMNS = [
  'f.actual_to_date',
  'f.target_to_date',
  'f.attainment',
  'f.status',
  'f.forecast_year_end',
  'f.forecast_meets_target',
  'f.run_rate_needed',
  'f.last_period',
  'f.periods_due',
  'f.periods_reported',
  'f.annual_target',
  'f.series',
] as const;

export async function findIndicators(db: Db, planId: number, filter: IndicatorFilter = {}) {
  return placedIndicators(db, planId, filter).execute();
}

export type IndicatorRecord = Awaited<ReturnType<typeof findIndicators>>[number];

/**
 * A plan's indicators, filtered, each with its stored figures at an as-of month of the plan year
 * (figures/): one query, nothing computed. The figure columns are null where none are stored.
 */
export async function findIndicatorFigures(
  db: Db,
  planId: number,
  month: number,
  filter: IndicatorFilter = {},
) {
  return placedIndicators(db, planId, filter)
    .leftJoin('indicator_figures as f', (join) =>
      join.onRef('f.indicator_id', '=', 'indicators.id').on('f.month', '=', month),
    )
    .select(FIGURE_COLUMNS)
    .execute();
}

export type IndicatorFigureRecord = Awaited<ReturnType<typeof findIndicatorFigures>>[number];

/** An indicator's targets: the annual one and any interim ones, by period. */
export async function findTargets(db: Db, indicatorId: number) {
  return db
    .selectFrom('targets')
    .select(['indicator_id', 'period', 'kind', 'value'])
    .where('indicator_id', '=', indicatorId)
    .orderBy('period')
    .execute();
}

/** An indicator's approved values: the ones its figures are computed with. */
export async function findMeasurements(db: Db, indicatorId: number) {
  return db
    .selectFrom('measurements')
    .select([
      'indicator_id',
      'period',
      'value',
      'note',
      'source',
      'evidence_url',
      'entered_by',
      'entered_at',
      'analysis',
      'next_steps',
      'commentary_public',
    ])
    .where('indicator_id', '=', indicatorId)
    .where('status', '=', 'approved')
    .orderBy('period')
    .execute();
}

export type MeasurementRecord = Awaited<ReturnType<typeof findMeasurements>>[number];

/** The distinct periods with a reported value in a plan, to find the latest reported month. */
export async function findReportedPeriods(db: Db, planId: number): Promise<string[]> {
  const rows = await measurementsInPlace(db)
    .select('measurements.period')
    .distinct()
    .where('sectors.plan_id', '=', planId)
    .where('measurements.status', '=', 'approved')
    .execute();
  return rows.map((r) => r.period);
}
