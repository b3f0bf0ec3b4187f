/**
 * A milestone indicator: an indicator whose figures come from its project's milestone track rather
 * than from reported values. Figures are percentages of the track's total weight, so that they sit
 * in the same tables as measured indicators.
 */

import { earlierDate } from './dates.js';
import type { IndicatorFigures, SeriesPoint } from './indicator.js';
import { isDone, type MilestoneDates, milestoneTrack } from './milestone.js';
import { type AsOf, asOfDate, formatAsOf } from './period.js';
import { statusOf, type Thresholds } from './status.js';

const percent = (share: number | null) => (share === null ? null : share * 100);

/**
 * - actual-to-date: % of the track's weight done by the as-of date;
 * - target-to-date: % planned to be done by then;
 * - attainment: weight done over weight planned by then (see milestoneTrack), and status from it;
 * - forecast: % done or expected by the end of the plan year, which meets the target when it reaches
 *   the % planned by the end of the year;
 * - last period: the month of the latest milestone done; periods due / reported count milestones
 *   planned by the as-of date and milestones done.
 */
export function evaluateMilestoneIndicator(
  milestones: readonly MilestoneDates[],
  asOf: AsOf,
  thresholds: Thresholds,
): IndicatorFigures {
  const date = asOfDate(asOf);
  const track = milestoneTrack(milestones, date, `${asOf.year}-12-31`);
  const done = milestones.filter((m) => isDone(m, date));
  const latestDone = done
    .map((m) => m.actual as string)
    .sort()
    .pop();
  return {
    actualToDate: percent(track.progress),
    targetToDate: percent(track.plannedProgress) ?? 0,
    attainment: track.attainment,
    status: statusOf(track.attainment, thresholds),
    forecastYearEnd: percent(track.forecastByYearEnd),
    forecastMeetsTarget:
      track.forecastByYearEnd === null || track.plannedByYearEnd === null
        ? null
        : track.forecastByYearEnd >= track.plannedByYearEnd,
    runRateNeeded: null,
    lastPeriod: latestDone ? latestDone.slice(0, 7) : null,
    periodsDue: milestones.filter((m) => m.planned <= date).length,
    periodsReported: done.length,
  };
}

/** Month by month: % done (up to the as-of month), % planned, and after the as-of month % expected. */
export function milestoneSeries(milestones: readonly MilestoneDates[], asOf: AsOf): SeriesPoint[] {
  const asOfEnd = asOfDate(asOf);
  return Array.from({ length: 12 }, (_, i): SeriesPoint => {
    const month: AsOf = { year: asOf.year, month: i + 1 };
    const monthEnd = asOfDate(month);
    const track = milestoneTrack(milestones, earlierDate(monthEnd, asOfEnd), monthEnd);
    const isPast = i + 1 <= asOf.month;
    const plannedByThen = milestoneTrack(milestones, monthEnd, monthEnd).plannedProgress;
    return {
      period: formatAsOf(month),
      value: null,
      actualToDate: isPast ? percent(track.progress) : null,
      targetToDate: percent(plannedByThen) ?? 0,
      forecast: isPast ? null : percent(track.forecastByYearEnd),
    };
  });
}
