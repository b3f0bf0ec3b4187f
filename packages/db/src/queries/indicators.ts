/** Loading indicators with where they sit in the plan and who owns them, and their targets and values. */

import type { Db } from '../connection.js';
import { indicatorsInPlace, measurementsInPlace } from './placed.js';

export interface IndicatorFilter {
  readonly sectorCode?: string | undefined;
  readonly departmentCode?: string | undefined;
  readonly indicatorCode?: string | undefined;
}

/** A plan's indicators, in plan order (sector, strategy, project, indicator), filtered. */
export async function findIndicators(db: Db, planId: number, filter: IndicatorFilter = {}) {
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
  return query
    .orderBy('sectors.position')
    .orderBy('strategies.position')
    .orderBy('projects.position')
    .orderBy('indicators.position')
    .execute();
}

export type IndicatorRecord = Awaited<ReturnType<typeof findIndicators>>[number];

export async function findTargets(db: Db, indicatorIds: readonly number[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('targets')
    .select(['indicator_id', 'period', 'kind', 'value'])
    .where('indicator_id', 'in', indicatorIds)
    .orderBy('indicator_id')
    .orderBy('period')
    .execute();
}

/** The approved values of the indicators: the ones the figures are computed with. */
export async function findMeasurements(db: Db, indicatorIds: readonly number[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('measurements')
    .select(['indicator_id', 'period', 'value', 'note', 'source', 'evidence_url', 'entered_by', 'entered_at'])
    .where('indicator_id', 'in', indicatorIds)
    .where('status', '=', 'approved')
    .orderBy('indicator_id')
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
