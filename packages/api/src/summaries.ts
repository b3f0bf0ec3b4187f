/** Roll-ups of computed indicators and milestones: scores, status counts, milestone tracks. */

import {
  asOfDate,
  type IndicatorFigures,
  isUnreported,
  type RolledInput,
  type Rollup,
  rollupParts,
  shownRollup,
  type TrackFigures,
  trackFigures,
} from '@tangible/core';
import type { IndicatorView, MilestoneView, Named, ResolvedView } from './figures.js';

export { isUnreported, periodEndKey, type Rollup } from '@tangible/core';

/** A roll-up of indicators read on request (a list filtered further than stored roll-ups go). */
export function rollup(indicators: readonly RolledInput[]): Rollup {
  return shownRollup(rollupParts(indicators));
}

/** Off-track indicators first by how far they are from target (lowest attainment first). */
export function offTrack(indicators: readonly IndicatorView[]): IndicatorView[] {
  return indicators
    .filter((i) => i.figures.status === 'off_track')
    .sort((a, b) => (a.figures.attainment ?? 0) - (b.figures.attainment ?? 0));
}

/**
 * A milestone within its track: the track names the project and sector once, so each milestone does
 * not again (they were 40 % of a timeline page: 108 KB for ten tracks of a big city's plan).
 */
export type TrackMilestone = Omit<MilestoneView, 'project' | 'sector'>;

function withinTrack({ project: _project, sector: _sector, ...milestone }: MilestoneView): TrackMilestone {
  return milestone;
}

function nextOf(list: readonly MilestoneView[], next: number | null): TrackMilestone | null {
  const milestone = next === null ? undefined : list[next];
  return milestone ? withinTrack(milestone) : null;
}

/** A track as screens show it: core's figures, where it sits, and its milestones. */
export interface TrackSummary extends Omit<TrackFigures, 'next'> {
  project: Named;
  sector: Named;
  department: Named;
  /** The next milestone not yet done, by expected date. */
  next: TrackMilestone | null;
  milestones: TrackMilestone[];
}

/**
 * Groups milestones by project into tracks, each with its figures as of the view's month (core's
 * trackFigures, as stored per project in packages/db/src/figures/tracks.ts).
 */
export function tracks(view: ResolvedView, milestones: readonly MilestoneView[]): TrackSummary[] {
  const byProject = new Map<string, MilestoneView[]>();
  for (const milestone of milestones) {
    const list = byProject.get(milestone.project.code) ?? [];
    list.push(milestone);
    byProject.set(milestone.project.code, list);
  }
  return [...byProject.values()].map((list) => trackOf(view, list));
}

/** One track from its milestones (in plan order). */
export function trackOf(view: ResolvedView, list: readonly MilestoneView[]): TrackSummary {
  const first = list[0] as MilestoneView;
  const figures = trackFigures(
    list.map((m) => ({ planned: m.planned, forecast: m.forecast, actual: m.actual, weight: m.weight })),
    asOfDate(view.asOf),
    `${view.plan.year}-12-31`,
  );
  return {
    project: first.project,
    sector: first.sector,
    department: first.department,
    milestoneCount: figures.milestoneCount,
    doneCount: figures.doneCount,
    overdueCount: figures.overdueCount,
    slippingCount: figures.slippingCount,
    progress: figures.progress,
    plannedProgress: figures.plannedProgress,
    attainment: figures.attainment,
    maxSlippageDays: figures.maxSlippageDays,
    next: nextOf(list, figures.next),
    milestones: list.map(withinTrack),
  };
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
