/**
 * Milestones: planned, forecast and actual dates, their slippage, and a milestone track's progress.
 * Every rule is read at the as-of date, the last day of the as-of month: a milestone done after it
 * is not yet done at that as-of.
 */

import { daysBetween, laterDate } from './dates.js';

export interface MilestoneDates {
  /** The date the plan set (ISO). */
  readonly planned: string;
  /** The date now expected, when it differs from the plan and the milestone is not done. */
  readonly forecast: string | null;
  /** The date it happened. */
  readonly actual: string | null;
  readonly weight: number;
}

/**
 * Where a milestone stands at the as-of date:
 * - `done_early`, `done_on_time`, `done_late`: done by the as-of date, before, on or after its planned date;
 * - `overdue`: its planned date has passed and it is not done;
 * - `slipping`: not due yet, but forecast after its planned date;
 * - `planned`: not due yet and expected on plan.
 */
export type MilestoneState = 'done_early' | 'done_on_time' | 'done_late' | 'overdue' | 'slipping' | 'planned';

export function isDone(milestone: MilestoneDates, asOfDate: string): boolean {
  return milestone.actual !== null && milestone.actual <= asOfDate;
}

export function milestoneState(milestone: MilestoneDates, asOfDate: string): MilestoneState {
  if (isDone(milestone, asOfDate)) {
    const actual = milestone.actual as string;
    if (actual < milestone.planned) return 'done_early';
    return actual === milestone.planned ? 'done_on_time' : 'done_late';
  }
  if (milestone.planned <= asOfDate) return 'overdue';
  if (milestone.forecast !== null && milestone.forecast > milestone.planned) return 'slipping';
  return 'planned';
}

/**
 * Slippage in days against the planned date, at the as-of date:
 * - done: actual − planned (negative when early: planned 06-30, done 06-20 → −10);
 * - not done: the expected date − planned, where the expected date is the forecast (or the plan),
 *   but never earlier than the as-of date once the planned date has passed: planned 2024-06-30,
 *   not done, no forecast, as of 2024-09-30 → 92 days and counting.
 */
export function slippageDays(milestone: MilestoneDates, asOfDate: string): number {
  if (isDone(milestone, asOfDate)) return daysBetween(milestone.planned, milestone.actual as string);
  let expected = milestone.forecast ?? milestone.planned;
  if (milestone.planned <= asOfDate) expected = laterDate(expected, asOfDate);
  return daysBetween(milestone.planned, expected);
}

/** The date a milestone is now expected: actual if done by the as-of date, else forecast, else planned. */
export function expectedDate(milestone: MilestoneDates, asOfDate: string): string {
  if (isDone(milestone, asOfDate)) return milestone.actual as string;
  return milestone.forecast ?? milestone.planned;
}

function weightWhere(milestones: readonly MilestoneDates[], keep: (m: MilestoneDates) => boolean): number {
  return milestones.reduce((sum, milestone) => sum + (keep(milestone) ? milestone.weight : 0), 0);
}

/** A milestone track's figures at the as-of date, all as fractions of the track's total weight. */
export interface MilestoneTrackFigures {
  /** Weight done by the as-of date over total weight. */
  readonly progress: number | null;
  /** Weight planned to be done by the as-of date over total weight. */
  readonly plannedProgress: number | null;
  /** Weight planned by the end of the plan year over total weight: the year's target. */
  readonly plannedByYearEnd: number | null;
  /**
   * Weight done, or expected (forecast or plan), by the end of the plan year over total weight. A
   * milestone not done is done the day after the as-of date at the earliest: at the year's end it is
   * not expected by it, whatever its past planned or forecast date says.
   */
  readonly forecastByYearEnd: number | null;
  /**
   * Attainment of a milestone indicator: weight of milestones done by the as-of date over weight
   * planned by then. 3 of 4 equally weighted milestones due are done → 0.75. A milestone done early
   * counts as done, so this can exceed 1. Null when nothing was planned by then and nothing is done.
   */
  readonly attainment: number | null;
}

export function milestoneTrack(
  milestones: readonly MilestoneDates[],
  asOfDate: string,
  yearEndDate: string,
): MilestoneTrackFigures {
  const total = weightWhere(milestones, () => true);
  const done = weightWhere(milestones, (m) => isDone(m, asOfDate));
  const planned = weightWhere(milestones, (m) => m.planned <= asOfDate);
  const share = (weight: number) => (total > 0 ? weight / total : null);
  let attainment: number | null = null;
  if (planned > 0) attainment = done / planned;
  else if (done > 0) attainment = 1;
  return {
    progress: share(done),
    plannedProgress: share(planned),
    plannedByYearEnd: share(weightWhere(milestones, (m) => m.planned <= yearEndDate)),
    forecastByYearEnd: share(
      weightWhere(
        milestones,
        (m) => expectedDate(m, asOfDate) <= yearEndDate && (isDone(m, asOfDate) || asOfDate < yearEndDate),
      ),
    ),
    attainment,
  };
}
