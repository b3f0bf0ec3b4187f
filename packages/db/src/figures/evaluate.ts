/**
 * An indicator's figures at an as-of month, from what is stored about it: the one place that turns
 * stored rows into packages/core's inputs and calls its rules. Both the updates made with each change
 * and the full rebuild come through here, so they cannot compute differently.
 */

import {
  type AsOf,
  DEFAULT_THRESHOLDS,
  evaluateIndicator,
  evaluateMilestoneIndicator,
  type IndicatorFigures,
  type IndicatorSpec,
  indicatorSeries,
  type MilestoneDates,
  milestoneSeries,
  parsePeriod,
  periodEndMonth,
  type Reading,
  type SeriesPoint,
  type Thresholds,
  unitRange,
} from '@tangible/core';
import type { AggregationColumn, DirectionColumn, FrequencyColumn } from '../schema.js';

/** The as-of months of a plan year: figures are stored at the end of each. */
export const AS_OF_MONTHS: readonly number[] = Array.from({ length: 12 }, (_, i) => i + 1);

/** What the rules need of an indicator's own row, and its plan. */
export interface IndicatorDefinition {
  id: number;
  plan_id: number;
  year: number;
  project_id: number;
  /** Where it sits in the plan's roll-ups (rollups.ts). */
  sector_id: number;
  department_id: number;
  headline: number;
  /** Its place in plan order (place.ts). */
  place: string;
  direction: DirectionColumn;
  aggregation: AggregationColumn;
  frequency: FrequencyColumn;
  baseline_value: number | null;
  unit: string;
  on_track_threshold: number | null;
  at_risk_threshold: number | null;
}

/** Everything stored that an indicator's figures depend on. */
export interface FigureInputs {
  definition: IndicatorDefinition;
  targets: readonly { period: string; kind: 'annual' | 'interim'; value: number }[];
  /** Its approved values: the only ones that count. */
  readings: readonly Reading[];
  /** For a milestone indicator, the active milestones of its project; else none. */
  milestones: readonly MilestoneDates[];
}

export interface MonthFigures {
  month: number;
  figures: IndicatorFigures;
  series: SeriesPoint[];
  /** The year's target: the annual target, or for a milestone indicator the % planned by December. */
  annualTarget: number;
}

export function thresholdsOf(record: {
  on_track_threshold: number | null;
  at_risk_threshold: number | null;
}): Thresholds {
  return {
    onTrack: record.on_track_threshold ?? DEFAULT_THRESHOLDS.onTrack,
    atRisk: record.at_risk_threshold ?? DEFAULT_THRESHOLDS.atRisk,
  };
}

export function milestoneDates(record: {
  planned_date: string;
  forecast_date: string | null;
  actual_date: string | null;
  weight: number;
}): MilestoneDates {
  return {
    planned: record.planned_date,
    forecast: record.forecast_date,
    actual: record.actual_date,
    weight: record.weight,
  };
}

/**
 * The latest month of the plan year with a reported value, the as-of month screens open at: the last
 * month of the latest period of that year reported, whatever its frequency (`2024-03` and `2024-Q2`
 * → 6); null when none of the year is.
 */
export function latestMonthOf(periods: Iterable<string>, year: number): number | null {
  let latest: number | null = null;
  for (const text of periods) {
    const period = parsePeriod(text);
    if (period && period.year === year) latest = Math.max(latest ?? 0, periodEndMonth(period));
  }
  return latest;
}

/** The indicator's figures and series as of the end of a month of its plan year. */
export function evaluateAt(inputs: FigureInputs, month: number): MonthFigures {
  const { definition, targets, readings, milestones } = inputs;
  const asOf: AsOf = { year: definition.year, month };
  const thresholds = thresholdsOf(definition);
  if (definition.aggregation === 'milestones') {
    const series = milestoneSeries(milestones, asOf);
    return {
      month,
      figures: evaluateMilestoneIndicator(milestones, asOf, thresholds),
      series,
      annualTarget: series[series.length - 1]?.targetToDate ?? 0,
    };
  }
  const annualTarget = targets.find((t) => t.kind === 'annual')?.value ?? 0;
  const spec: IndicatorSpec = {
    direction: definition.direction,
    aggregation: definition.aggregation,
    frequency: definition.frequency,
    baseline: definition.baseline_value,
    annualTarget,
    interimTargets: targets
      .filter((t) => t.kind === 'interim')
      .map(({ period, value }) => ({ period, value })),
    thresholds,
    range: unitRange(definition.unit),
  };
  return {
    month,
    figures: evaluateIndicator(spec, readings, asOf),
    series: indicatorSeries(spec, readings, asOf),
    annualTarget,
  };
}
