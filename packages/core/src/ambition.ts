/**
 * The ambition check (issue 12): how far a target reaches beyond where the indicator already is
 * (its baseline) and beyond where its recent trend would take it anyway, with a label a planning
 * office can act on. The single source of the rule, so the editor, the list of least ambitious
 * targets and the sector briefing cannot drift apart.
 */

import type { Direction } from './attainment.js';

/** A year's actual: measured, or a plan's baseline standing for a year without a plan. */
export interface YearValue {
  year: number;
  value: number;
}

/**
 * below_trend: the target asks for less than the trend delivers; on_trend: about what it delivers;
 * stretch: more; above_best: more, and better than any year on record. no_trend: fewer than two
 * past years, so there is no trend to judge against (never a guess).
 */
export type AmbitionLabel = 'below_trend' | 'on_trend' | 'stretch' | 'above_best' | 'no_trend';

export const AMBITION_LABELS: readonly AmbitionLabel[] = [
  'below_trend',
  'on_trend',
  'stretch',
  'above_best',
  'no_trend',
];

/** "On trend" is a target within 5 % of the trend's projection (of the projection's size), either way. */
export const ON_TREND_TOLERANCE = 0.05;

/** How many past years the trend is fitted to: the last three before the target's year. */
export const TREND_YEARS = 3;

export interface AmbitionInput {
  /** The target's year. */
  year: number;
  target: number;
  direction: Direction;
  /** Every past year's actual known (any order; later years than `year` are ignored). */
  past: readonly YearValue[];
}

export interface Ambition {
  label: AmbitionLabel;
  /** The past years the trend was fitted to, oldest first (at most three). */
  trendYears: number[];
  /** Where the trend reaches in the target's year; null without a trend. */
  projection: number | null;
  /**
   * The target's reach beyond the projection, as a share of the projection's size, positive when
   * the target asks for better (higher, or lower for a decrease indicator); null without a trend.
   */
  stretchOverTrend: number | null;
  /** The best year on record before the target's year (highest, or lowest for a decrease indicator). */
  best: YearValue | null;
}

/**
 * The straight line through the points by least squares, at year `at`. Least squares rather than
 * the mean yearly change: with three points one odd year moves it less (the mean yearly change
 * reads only the first and the last). Two points: the line through both.
 * (2021, 10), (2022, 12), (2023, 14) at 2024 → 16.
 */
export function leastSquaresAt(points: readonly YearValue[], at: number): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.year, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.year - meanX) * (p.value - meanY);
    variance += (p.year - meanX) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  return meanY + slope * (at - meanX);
}

/** 1 when higher is better, −1 when lower is better: every comparison below is made "better than". */
function better(direction: Direction): 1 | -1 {
  return direction === 'decrease' ? -1 : 1;
}

/**
 * A target's ambition against the last three years' trend (least squares, projected to the
 * target's year) and the best year on record.
 * Visitors 1.0 M (2021), 1.4 M (2022), 1.8 M (2023); the trend reaches 2.2 M in 2024:
 * a 2024 target of 2.0 M is below trend (−9 %), 2.25 M on trend (+2 %), 2.5 M above the best
 * year on record (+14 %). A decrease indicator (a rank) flips it: a target of rank 20 where the
 * trend reaches 25 is a stretch (+20 %), not above the best year if the city once ranked 18th.
 */
export function ambitionOf(input: AmbitionInput): Ambition {
  const sign = better(input.direction);
  const earlier = [...input.past].filter((p) => p.year < input.year).sort((a, b) => a.year - b.year);
  const best = earlier.reduce<YearValue | null>(
    (top, p) => (top === null || sign * (p.value - top.value) > 0 ? p : top),
    null,
  );
  const recent = earlier.filter((p) => p.year >= input.year - TREND_YEARS);
  if (recent.length < 2)
    return {
      label: 'no_trend',
      trendYears: recent.map((p) => p.year),
      projection: null,
      stretchOverTrend: null,
      best,
    };
  // A line through values that were never negative does not reach below zero (a count of deaths
  // falling 40, 20, 5 reaches 0, not −13), unless the target itself asks for a negative value.
  const line = leastSquaresAt(recent, input.year);
  const neverNegative = input.target >= 0 && recent.every((p) => p.value >= 0);
  const projection = neverNegative ? Math.max(line, 0) : line;
  const stretchOverTrend = (sign * (input.target - projection)) / scaleOf(projection, recent);
  return {
    label: labelOf(stretchOverTrend, best !== null && sign * (input.target - best.value) > 0),
    trendYears: recent.map((p) => p.year),
    projection,
    stretchOverTrend,
    best,
  };
}

/** The projection's size; when it is zero, the mean size of the years it came from (1 if all are zero). */
function scaleOf(projection: number, points: readonly YearValue[]): number {
  if (projection !== 0) return Math.abs(projection);
  const mean = points.reduce((sum, p) => sum + Math.abs(p.value), 0) / points.length;
  return mean === 0 ? 1 : mean;
}

function labelOf(stretchOverTrend: number, beatsBest: boolean): AmbitionLabel {
  // Binary rounding dust (0.8 / 16 = 0.05000000000000004) must not move a target across the boundary.
  const stretch = Number(stretchOverTrend.toFixed(9));
  if (stretch < -ON_TREND_TOLERANCE) return 'below_trend';
  if (stretch <= ON_TREND_TOLERANCE) return 'on_trend';
  // A target better than every year on record, but only as good as the trend, stays on trend.
  return beatsBest ? 'above_best' : 'stretch';
}

/**
 * The target's reach beyond the baseline, as a share of the baseline's size, positive when it asks
 * for better; null without a baseline or with a zero one (no share of nothing).
 * Baseline 40, target 50 → 0.25; a decrease indicator, baseline 40, target 30 → 0.25.
 */
export function stretchOverBaseline(
  target: number,
  baseline: number | null,
  direction: Direction,
): number | null {
  if (baseline === null || baseline === 0) return null;
  return (better(direction) * (target - baseline)) / Math.abs(baseline);
}

/** Whether a label counts as a stretch target (the sector briefing's share): stretch or above the best year. */
export function isStretch(label: AmbitionLabel): boolean {
  return label === 'stretch' || label === 'above_best';
}
