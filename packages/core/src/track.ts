/**
 * A milestone track (a project's milestones, in plan order) summed up at an as-of date: how many are
 * done, overdue or slipping, its progress, worst slippage and the next milestone to watch. Stored per
 * project and month (packages/db/src/figures/tracks.ts) and computed the same way for a department's
 * part of a track on request.
 */

import {
  expectedDate,
  isDone,
  type MilestoneDates,
  milestoneState,
  milestoneTrack,
  slippageDays,
} from './milestone.js';

export interface TrackFigures {
  milestoneCount: number;
  doneCount: number;
  overdueCount: number;
  slippingCount: number;
  /** Shares of the track's weight: done, and planned by the as-of date. */
  progress: number | null;
  plannedProgress: number | null;
  attainment: number | null;
  /** The worst slippage in days, 0 when nothing slips. */
  maxSlippageDays: number;
  /** Index (in the milestones given) of the next milestone not yet done, by expected date; null when all are done. */
  next: number | null;
}

export function trackFigures(
  milestones: readonly MilestoneDates[],
  asOfDate: string,
  yearEndDate: string,
): TrackFigures {
  const figures = milestoneTrack(milestones, asOfDate, yearEndDate);
  let doneCount = 0;
  let overdueCount = 0;
  let slippingCount = 0;
  let maxSlippageDays = 0;
  let next: number | null = null;
  let nextExpected = '';
  milestones.forEach((milestone, i) => {
    const state = milestoneState(milestone, asOfDate);
    if (state.startsWith('done')) doneCount += 1;
    else if (state === 'overdue') overdueCount += 1;
    else if (state === 'slipping') slippingCount += 1;
    maxSlippageDays = Math.max(maxSlippageDays, slippageDays(milestone, asOfDate));
    if (!isDone(milestone, asOfDate)) {
      // The first in plan order among those expected earliest.
      const expected = expectedDate(milestone, asOfDate);
      if (next === null || expected < nextExpected) {
        next = i;
        nextExpected = expected;
      }
    }
  });
  return {
    milestoneCount: milestones.length,
    doneCount,
    overdueCount,
    slippingCount,
    progress: figures.progress,
    plannedProgress: figures.plannedProgress,
    attainment: figures.attainment,
    maxSlippageDays,
    next,
  };
}

/** Tracks needing attention first: more overdue, more slipping, further behind (ties keep their order). */
export function byAttention(
  a: Pick<TrackFigures, 'overdueCount' | 'slippingCount' | 'maxSlippageDays'>,
  b: Pick<TrackFigures, 'overdueCount' | 'slippingCount' | 'maxSlippageDays'>,
): number {
  return (
    b.overdueCount - a.overdueCount ||
    b.slippingCount - a.slippingCount ||
    b.maxSlippageDays - a.maxSlippageDays
  );
}
