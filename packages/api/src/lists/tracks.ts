/**
 * Milestone tracks a page at a time. A track's figures (progress, slippage, next milestone) come from
 * all of its milestones, so they are stored per project and month (packages/db/src/figures/tracks.ts):
 * a page is ordered and cut over those rows in SQL, and only its own tracks' milestones are read.
 * Whole tracks only (the plan's, a sector's, a project's): a department's part of a track is not a
 * stored track, and trackList sums it up from its milestones by the same core function.
 */

import { byAttention } from '@tangible/core';
import { type Db, findStoredTracks, type MilestoneFilter } from '@tangible/db';
import { evaluateMilestones, type ResolvedView } from '../figures.js';
import { type TrackSummary, trackOf, tracks } from '../summaries.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';

/** A track as a list of tracks shows it: its figures and next milestone, without the milestones. */
export type TrackHeadline = Omit<TrackSummary, 'milestones'>;

export function trackHeadline({ milestones: _milestones, ...headline }: TrackSummary): TrackHeadline {
  return headline;
}

/**
 * One page of the tracks matching the filter, in plan order or by attention (ties in plan order), as
 * of the view's month, each with its milestones.
 */
export async function trackPage(
  db: Db,
  view: ResolvedView,
  filter: { sectorCode?: string | undefined; projectCode?: string | undefined },
  request: PageRequest,
  options: { notes: boolean; attention?: boolean },
): Promise<Page<TrackSummary>> {
  const stored = await findStoredTracks(db, view.plan.id, view.asOf.month, filter, {
    attention: options.attention ?? false,
    limit: request.limit,
    offset: offsetOf(request),
  });
  const milestones = await evaluateMilestones(
    db,
    view,
    { projectIds: stored.items.map((track) => track.project_id) },
    { notes: options.notes },
  );
  // The page's tracks summed up from their milestones by the same core function that stored the rows
  // they were ordered by: read in one transaction (atOneMoment), the two agree.
  const byCode = new Map(tracks(view, milestones).map((summary) => [summary.project.code, summary]));
  return {
    items: stored.items.flatMap((track) => byCode.get(track.project_code) ?? []),
    total: stored.total,
    page: request.page,
    limit: request.limit,
  };
}

/** Every track matching the filter with its milestones, in plan order (or by attention). */
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

export { trackOf };
