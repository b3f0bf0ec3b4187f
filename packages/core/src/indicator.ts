/**
 * An indicator's figures as of a month: actual-to-date, target-to-date, attainment, status, the
 * year-end forecast and the run rate still needed. PRODUCT.md, "Indicator semantics", in code.
 */

import { type Direction, levelAttainment, meetsTarget, ratioAttainment } from './attainment.js';
import {
  type AsOf,
  completedPeriods,
  type Frequency,
  formatPeriod,
  hasEnded,
  type Period,
  parsePeriod,
  periodEndMonth,
  periodsPerYear,
} from './period.js';
import { type Status, statusOf, type Thresholds } from './status.js';

/**
 * How reported values add up over the year:
 * - `sum`: a flow, each period's value is what happened in that period (startups supported in March);
 * - `last`: a level, the latest value is the state of things (a rank, a rate, a stock);
 * - `average`: the mean of the values reported so far (an average response time).
 */
export type MeasuredAggregation = 'sum' | 'last' | 'average';

/** The definition of a measured indicator, as far as the math needs it. */
export interface IndicatorSpec {
  readonly direction: Direction;
  readonly aggregation: MeasuredAggregation;
  readonly frequency: Frequency;
  /** The value before the plan year (a level's starting point); null when none was set. */
  readonly baseline: number | null;
  readonly annualTarget: number;
  /** Targets to date at the end of given periods: cumulative for sums, the level for levels. */
  readonly interimTargets: readonly { readonly period: string; readonly value: number }[];
  readonly thresholds: Thresholds;
  /** The values the unit allows (see unitRange); projections never leave it: no 140 %, no rank 0. */
  readonly range?: { readonly min: number; readonly max: number };
}

/** One reported value. */
export interface Reading {
  readonly period: string;
  readonly value: number;
}

export interface DatedReading {
  readonly period: Period;
  readonly text: string;
  readonly value: number;
}

/**
 * The readings that count at the as-of month, oldest first: those of the indicator's frequency whose
 * period has ended by then. A reading for `2024-Q3` does not count at `2024-08`; one for another year
 * never counts.
 */
export function readingsToDate(
  spec: IndicatorSpec,
  readings: readonly Reading[],
  asOf: AsOf,
): DatedReading[] {
  const dated: DatedReading[] = [];
  for (const reading of readings) {
    const period = parsePeriod(reading.period);
    if (period && period.frequency === spec.frequency && hasEnded(period, asOf)) {
      dated.push({ period, text: reading.period, value: reading.value });
    }
  }
  return dated.sort((a, b) => a.period.index - b.period.index);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Actual-to-date: for a sum, the total of the periods reported so far; for a level, the latest value;
 * for an average, the mean of the values reported. Null when nothing has been reported.
 * sum of 3, 4, 5 → 12; last of 30, 28, 27 → 27; average of 10, 20 → 15.
 * A missing period is not imputed: it adds nothing to a sum and is left out of a mean.
 */
export function actualToDate(aggregation: MeasuredAggregation, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  switch (aggregation) {
    case 'sum':
      return values.reduce((sum, value) => sum + value, 0);
    case 'last':
      return values[values.length - 1] ?? null;
    case 'average':
      return mean(values);
  }
}

/**
 * The target path read at the end of a month (0–12). The path runs straight between fixed points:
 * the start of the year (0 for sums, the baseline for levels), each interim target at the end of its
 * period, and the annual target at the end of December. Averages aim at the annual target all year;
 * a level without a baseline has the annual target as its path.
 * Without interim targets: a sum of 120 a year reads 60 at June; a level from 40 to 50 reads 45.
 * A back-loaded year, 120 with an interim 30 by June: 25 at May, 30 at June, 75 at September.
 */
export function targetPathAt(spec: IndicatorSpec, month: number): number {
  if (spec.aggregation === 'average') return spec.annualTarget;
  const start = spec.aggregation === 'sum' ? 0 : spec.baseline;
  if (start === null) return spec.annualTarget;
  const points = new Map<number, number>([[0, start]]);
  for (const target of spec.interimTargets) {
    const period = parsePeriod(target.period);
    if (period && period.frequency !== 'annual') points.set(periodEndMonth(period), target.value);
  }
  points.set(12, spec.annualTarget);
  const sorted = [...points.entries()].sort((a, b) => a[0] - b[0]);
  let before = sorted[0] as [number, number];
  for (const point of sorted) {
    if (point[0] === month) return point[1];
    if (point[0] > month) {
      const share = (month - before[0]) / (point[0] - before[0]);
      return before[1] + (point[1] - before[1]) * share;
    }
    before = point;
  }
  return spec.annualTarget;
}

/**
 * Target-to-date: the target path (see targetPathAt) read at the end of the last period of the
 * indicator's frequency that has ended: a quarterly sum of 400 as of May reads at March → 100.
 */
export function targetToDate(spec: IndicatorSpec, asOf: AsOf): number {
  const perYear = periodsPerYear(spec.frequency);
  return targetPathAt(spec, (completedPeriods(spec.frequency, asOf) * 12) / perYear);
}

/**
 * The target a reported total is compared with. Normally target-to-date; but for a "decrease" sum (a
 * ceiling, such as road deaths) only the periods reported count, so that a period nobody reported
 * does not flatter the figure: 8 a month reported for January to April, May and June missing, a
 * ceiling of 84 a year → compared with 28 (four months), not 42. For an "increase" sum an unreported
 * period counts as nothing achieved yet, which never flatters either.
 */
export function comparableTarget(spec: IndicatorSpec, asOf: AsOf, periodsReported: number): number {
  const completed = completedPeriods(spec.frequency, asOf);
  if (spec.aggregation !== 'sum' || spec.direction !== 'decrease' || periodsReported >= completed) {
    return targetToDate(spec, asOf);
  }
  return targetPathAt(spec, (periodsReported * 12) / periodsPerYear(spec.frequency));
}

/**
 * Attainment of actual-to-date against target-to-date: a ratio for sums and averages (inverted for
 * decrease), the gap closed from baseline for levels. See attainment.ts for the edge cases.
 */
export function indicatorAttainment(spec: IndicatorSpec, actual: number, target: number): number {
  return spec.aggregation === 'last'
    ? levelAttainment(spec.direction, spec.baseline, target, actual)
    : ratioAttainment(spec.direction, target, actual);
}

/**
 * The projected to-date value at the end of a later period of the year (its 1-based index), from
 * what has been reported by the as-of month; null with nothing reported:
 * - sum: the total so far plus the mean reported period for each period after the as-of month
 *   (10 + 12 + 14 reported by March, monthly → at December 36 + 12 × 9 = 144). A period already past
 *   but not reported adds nothing to an "increase" sum; for a "decrease" sum (a ceiling) it is filled
 *   at the same pace, so that a missing report never makes the forecast look better;
 * - last: the latest value continued along the year's trend: the change per period from the first
 *   to the latest value reported this year, carried on (rank 27 in Q1, 25 in Q3 → 24 in Q4). With a
 *   single value there is no trend to read within the year, so the level is held (rank 27 in Q1 →
 *   27): projecting the jump from last year's baseline would promise far more than anyone can see;
 * - average: the mean so far.
 * The projection stays within the unit's range when the spec gives one (a rate heading for 140 %
 * stops at 100 %).
 */
export function projectedToDate(
  spec: IndicatorSpec,
  readings: readonly DatedReading[],
  asOf: AsOf,
  periodIndex: number,
): number | null {
  const projected = unboundedProjection(spec, readings, asOf, periodIndex);
  if (projected === null || !spec.range) return projected;
  return Math.min(spec.range.max, Math.max(spec.range.min, projected));
}

function unboundedProjection(
  spec: IndicatorSpec,
  readings: readonly DatedReading[],
  asOf: AsOf,
  periodIndex: number,
): number | null {
  const values = readings.map((reading) => reading.value);
  if (values.length === 0) return null;
  switch (spec.aggregation) {
    case 'sum': {
      // A ceiling (decrease) also fills the ended periods nobody reported at the same pace, so that
      // missing reports never flatter the forecast; a goal (increase) counts them as nothing achieved.
      const counted = spec.direction === 'decrease' ? values.length : completedPeriods(spec.frequency, asOf);
      const ahead = Math.max(0, periodIndex - counted);
      return values.reduce((sum, value) => sum + value, 0) + mean(values) * ahead;
    }
    case 'average':
      return mean(values);
    case 'last': {
      const latest = readings[readings.length - 1] as DatedReading;
      const first = readings[0] as DatedReading;
      const slope =
        readings.length >= 2 ? (latest.value - first.value) / (latest.period.index - first.period.index) : 0;
      return latest.value + slope * Math.max(0, periodIndex - latest.period.index);
    }
  }
}

/** The year-end forecast: the projected to-date value at the last period of the year (see projectedToDate). */
export function forecastYearEnd(
  spec: IndicatorSpec,
  readings: readonly DatedReading[],
  asOf: AsOf,
): number | null {
  return projectedToDate(spec, readings, asOf, periodsPerYear(spec.frequency));
}

/**
 * The run rate still needed to meet the annual target, per remaining period of the indicator's
 * frequency; null when no period remains (the year is over) or nothing can be said.
 * - sum: what is left of the target spread over the remaining periods (120 a year, 50 by June →
 *   70 / 6 ≈ 11.7 a month); for a decrease indicator this is the allowance per period left. Never
 *   below 0: 0 means the target is already reached (increase) or the allowance used up (decrease).
 * - average: the mean the remaining periods must have for the year's mean to hit the target,
 *   assuming each remaining period reports.
 * - last: the change per remaining period from the latest value to the target (negative when the
 *   level must fall).
 */
export function runRateNeeded(
  spec: IndicatorSpec,
  readings: readonly DatedReading[],
  asOf: AsOf,
): number | null {
  const remaining = periodsPerYear(spec.frequency) - completedPeriods(spec.frequency, asOf);
  if (remaining <= 0) return null;
  const values = readings.map((reading) => reading.value);
  switch (spec.aggregation) {
    case 'sum': {
      const soFar = values.reduce((sum, value) => sum + value, 0);
      return Math.max(0, (spec.annualTarget - soFar) / remaining);
    }
    case 'average': {
      const soFar = values.reduce((sum, value) => sum + value, 0);
      return (spec.annualTarget * (values.length + remaining) - soFar) / remaining;
    }
    case 'last': {
      const latest = values[values.length - 1] ?? spec.baseline;
      return latest === null ? null : (spec.annualTarget - latest) / remaining;
    }
  }
}

/** Every computed figure of an indicator at an as-of month. */
export interface IndicatorFigures {
  readonly actualToDate: number | null;
  readonly targetToDate: number;
  readonly attainment: number | null;
  readonly status: Status;
  readonly forecastYearEnd: number | null;
  /** Whether the forecast meets the annual target (in the indicator's direction); null without a forecast. */
  readonly forecastMeetsTarget: boolean | null;
  readonly runRateNeeded: number | null;
  /** The latest period with a value, e.g. `2024-05`; null when none. */
  readonly lastPeriod: string | null;
  /** Periods that have ended by the as-of month, and how many of them have a value. */
  readonly periodsDue: number;
  readonly periodsReported: number;
}

/**
 * A figure that is not a finite number is no figure: values are bounded by their unit (UNIT_MAXIMUM),
 * so only data stored before the bounds, or a target of almost zero, can overflow; it then shows as
 * missing (and the status as no data), never as Infinity or NaN, which JSON and CSV cannot carry.
 */
function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Computes every figure of a measured indicator as of a month, from its definition and its readings. */
export function evaluateIndicator(
  spec: IndicatorSpec,
  readings: readonly Reading[],
  asOf: AsOf,
): IndicatorFigures {
  const counted = readingsToDate(spec, readings, asOf);
  const actual = finiteOrNull(
    actualToDate(
      spec.aggregation,
      counted.map((reading) => reading.value),
    ),
  );
  const target = comparableTarget(spec, asOf, counted.length);
  const attainment = actual === null ? null : finiteOrNull(indicatorAttainment(spec, actual, target));
  const forecast = forecastYearEnd(spec, counted, asOf);
  return {
    actualToDate: actual,
    targetToDate: target,
    attainment,
    status: statusOf(attainment, spec.thresholds),
    forecastYearEnd: forecast,
    forecastMeetsTarget: forecast === null ? null : meetsTarget(spec.direction, forecast, spec.annualTarget),
    runRateNeeded: runRateNeeded(spec, counted, asOf),
    lastPeriod: counted[counted.length - 1]?.text ?? null,
    periodsDue: completedPeriods(spec.frequency, asOf),
    periodsReported: counted.length,
  };
}

/** One period of an indicator's year, for the detail chart and table. */
export interface SeriesPoint {
  readonly period: string;
  /** The value reported for this period, if any and if the period has ended by the as-of month. */
  readonly value: number | null;
  /** Actual-to-date at the end of this period (cumulative for sums, running mean for averages). */
  readonly actualToDate: number | null;
  /** The target path: target-to-date at the end of this period. */
  readonly targetToDate: number;
  /** The projection for periods after the as-of month; null up to it. */
  readonly forecast: number | null;
}

/**
 * The year period by period as seen at the as-of month: what was reported, actual-to-date, the target
 * path and, after the as-of month, the projection that ends at the year-end forecast.
 */
export function indicatorSeries(
  spec: IndicatorSpec,
  readings: readonly Reading[],
  asOf: AsOf,
): SeriesPoint[] {
  const counted = readingsToDate(spec, readings, asOf);
  const completed = completedPeriods(spec.frequency, asOf);
  const perYear = periodsPerYear(spec.frequency);
  return Array.from({ length: perYear }, (_, i): SeriesPoint => {
    const index = i + 1;
    const endMonth = (index * 12) / perYear;
    const periodAsOf: AsOf = { year: asOf.year, month: endMonth };
    const upTo = counted.filter((reading) => reading.period.index <= index);
    const own = counted.find((reading) => reading.period.index === index);
    const isPast = index <= completed;
    return {
      period: formatPeriod({ year: asOf.year, frequency: spec.frequency, index }),
      value: own?.value ?? null,
      actualToDate: isPast
        ? actualToDate(
            spec.aggregation,
            upTo.map((reading) => reading.value),
          )
        : null,
      targetToDate: targetToDate(spec, periodAsOf),
      forecast: isPast ? null : projectedToDate(spec, counted, asOf, index),
    };
  });
}
