/** Roll-ups of computed indicators and milestones: scores, status counts, milestone tracks. */

import {
  asOfDate,
  countStatuses,
  type IndicatorFigures,
  milestoneTrack,
  type Status,
  score,
} from '@tangible/core';
import type { IndicatorView, MilestoneView, Named, ResolvedView } from './figures.js';

export interface Rollup {
  /** Weighted mean attainment (capped at 100 %) over indicators with data; null when none has data. */
  score: number | null;
  statusCounts: Record<Status, number>;
  indicatorCount: number;
  /** The latest period any of the indicators has a value for. */
  lastPeriod: string | null;
}

/** What a roll-up reads of an indicator: its weight and three of its figures. */
export interface Rolled {
  weight: number;
  figures: Pick<IndicatorFigures, 'attainment' | 'status' | 'lastPeriod'>;
}

export function rollup(indicators: readonly Rolled[]): Rollup {
  const periods = indicators.map((i) => i.figures.lastPeriod).filter((p): p is string => p !== null);
  return {
    score: score(indicators.map((i) => ({ attainment: i.figures.attainment, weight: i.weight }))),
    statusCounts: countStatuses(indicators.map((i) => i.figures.status)),
    indicatorCount: indicators.length,
    lastPeriod: periods.length ? periods.reduce((a, b) => (latestPeriod(a, b) === a ? a : b)) : null,
  };
}

/** Orders periods of mixed frequency by their last month: `2024-Q2` ends with `2024-06`. */
export function periodEndKey(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}`;
  return /^\d{4}$/.test(period) ? `${period}-12` : period;
}

function latestPeriod(a: string, b: string): string {
  return periodEndKey(a) >= periodEndKey(b) ? a : b;
}

/** Off-track indicators first by how far they are from target (lowest attainment first). */
export function offTrack(indicators: readonly IndicatorView[]): IndicatorView[] {
  return indicators
    .filter((i) => i.figures.status === 'off_track')
    .sort((a, b) => (a.figures.attainment ?? 0) - (b.figures.attainment ?? 0));
}

export interface TrackSummary {
  project: Named;
  sector: Named;
  department: Named;
  milestoneCount: number;
  doneCount: number;
  overdueCount: number;
  slippingCount: number;
  /** Shares of the track's weight: done, planned by the as-of date. */
  progress: number | null;
  plannedProgress: number | null;
  attainment: number | null;
  maxSlippageDays: number;
  /** The next milestone not yet done, by expected date. */
  next: MilestoneView | null;
  milestones: MilestoneView[];
}

/** Groups milestones by project into tracks, each with its progress, as of the view's month. */
export function tracks(view: ResolvedView, milestones: readonly MilestoneView[]): TrackSummary[] {
  const byProject = new Map<string, MilestoneView[]>();
  for (const milestone of milestones) {
    const list = byProject.get(milestone.project.code) ?? [];
    list.push(milestone);
    byProject.set(milestone.project.code, list);
  }
  const date = asOfDate(view.asOf);
  return [...byProject.values()].map((list) => {
    const first = list[0] as MilestoneView;
    const figures = milestoneTrack(
      list.map((m) => ({ planned: m.planned, forecast: m.forecast, actual: m.actual, weight: m.weight })),
      date,
      `${view.plan.year}-12-31`,
    );
    const open = list
      .filter((m) => !m.state.startsWith('done'))
      .sort((a, b) => a.expected.localeCompare(b.expected));
    return {
      project: first.project,
      sector: first.sector,
      department: first.department,
      milestoneCount: list.length,
      doneCount: list.filter((m) => m.state.startsWith('done')).length,
      overdueCount: list.filter((m) => m.state === 'overdue').length,
      slippingCount: list.filter((m) => m.state === 'slipping').length,
      progress: figures.progress,
      plannedProgress: figures.plannedProgress,
      attainment: figures.attainment,
      maxSlippageDays: Math.max(0, ...list.map((m) => m.slippageDays)),
      next: open[0] ?? null,
      milestones: list,
    };
  });
}

/**
 * A measured indicator with a period that has ended by the as-of month but has no approved value
 * yet. (queries/indicator-pages.ts says the same in SQL to page through them; a test holds both equal.)
 */
export function isUnreported(indicator: {
  aggregation: string;
  periodsReported: number;
  periodsDue: number;
}): boolean {
  return indicator.aggregation !== 'milestones' && indicator.periodsReported < indicator.periodsDue;
}

/** What `unreported` reads of an indicator. */
export interface Reported {
  aggregation: IndicatorView['aggregation'];
  figures: Pick<IndicatorFigures, 'periodsDue' | 'periodsReported'>;
}

/** Measured indicators with a period that has ended but has no approved value yet. */
export function unreported<T extends Reported>(indicators: readonly T[]): T[] {
  return indicators.filter((i) =>
    isUnreported({
      aggregation: i.aggregation,
      periodsReported: i.figures.periodsReported,
      periodsDue: i.figures.periodsDue,
    }),
  );
}
