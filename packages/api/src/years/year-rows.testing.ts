/** Rows of an indicator's years for the years tests, as findIndicatorYears reads them. */

import type { IndicatorYearRecord } from '@tangible/db';

/** A row as findIndicatorYears reads it: a plan year's indicator with its stored figures. */
export function row(year: number, changes: Partial<IndicatorYearRecord> = {}): IndicatorYearRecord {
  return {
    year,
    plan_status: 'confirmed',
    sector_code: 'CUL',
    id: year,
    code: 'CUL-01',
    name_ko: '외국인 관광객 수',
    name_en: 'Foreign visitors',
    unit: 'people',
    direction: 'increase',
    aggregation: 'sum',
    baseline_value: null,
    baseline_year: null,
    source: 'illustrative',
    month: 12,
    actual_to_date: 100,
    attainment: 1,
    status: 'on_track',
    annual_target: 100,
    last_period: `${year}-12`,
    target_original: 100,
    target_revised: null,
    ...changes,
  };
}
