/**
 * Milestone tracks a page at a time. A track's figures (progress, slippage, next milestone) come
 * from all of its milestones, so a list of tracks reads the milestones it filters to and cuts the
 * page after grouping them; the overview sends a few tracks without their milestones.
 */

import type { Db, MilestoneFilter } from '@tangible/db';
import { evaluateMilestones, type ResolvedView } from '../figures.js';
import { type TrackSummary, tracks } from '../summaries.js';
import { type Page, type PageRequest, pageOf } from './paging.js';

/** A track as a list of tracks shows it: its figures and next milestone, without the milestones. */
export type TrackHeadline = Omit<TrackSummary, 'milestones'>;

export function trackHeadline({ milestones: _milestones, ...headline }: TrackSummary): TrackHeadline {
  return headline;
}

/** The tracks needing attention first: more overdue, more slipping, further behind; then plan order. */
export function byAttention(a: TrackSummary, b: TrackSummary): number {
  return (
    b.overdueCount - a.overdueCount ||
    b.slippingCount - a.slippingCount ||
    b.maxSlippageDays - a.maxSlippageDays
  );
}

/** Every track matching the filter, in plan order (or by attention), as of the view's month. */
export async function trackList(
  db: Db,
  view: ResolvedView,
  filter: MilestoneFilter,
  options: { notes: boolean; attention?: boolean },
): Promise<TrackSummary[]> {
  const all = tracks(view, await evaluateMilestones(db, view, filter, { notes: options.notes }));
  // Array sort is stable: tracks equal in attention stay in plan order.
  return options.attention ? all.sort(byAttention) : all;
}

export async function trackPage(
  db: Db,
  view: ResolvedView,
  filter: MilestoneFilter,
  request: PageRequest,
  options: { notes: boolean; attention?: boolean },
): Promise<Page<TrackSummary>> {
  return pageOf(await trackList(db, view, filter, options), request);
}
