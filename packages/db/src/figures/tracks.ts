/**
 * Stored milestone tracks (migration 0006): each project's active milestones summed up by core's
 * trackFigures at the end of every month of the plan year, so that the overview's "tracks needing
 * attention" and the timeline's pages read one row per track instead of every milestone of the plan.
 * A milestone's change rewrites its project's twelve rows, in the change's transaction.
 */

import { asOfDate, trackFigures } from '@tangible/core';
import type { Insertable } from 'kysely';
import type { Db } from '../connection.js';
import { inIdList } from '../queries/id-list.js';
import { milestonesInPlace } from '../queries/placed.js';
import type { TrackFiguresTable } from '../schema.js';
import { AS_OF_MONTHS, milestoneDates } from './evaluate.js';

const ROWS_PER_INSERT = 500;

/** Rewrites the stored tracks of the projects (all of the plan's when null) at every month. */
export async function writeTracks(
  trx: Db,
  planId: number,
  projectIds: readonly number[] | null,
): Promise<void> {
  let remove = trx.deleteFrom('track_figures').where('plan_id', '=', planId);
  if (projectIds) remove = remove.where(inIdList(trx, 'project_id', projectIds));
  await remove.execute();
  let query = milestonesInPlace(trx)
    .innerJoin('plans', 'plans.id', 'sectors.plan_id')
    .select([
      'milestones.id',
      'milestones.project_id',
      'milestones.department_id',
      'milestones.planned_date',
      'milestones.forecast_date',
      'milestones.actual_date',
      'milestones.weight',
      'sectors.id as sector_id',
      'sectors.position as sector_position',
      'plans.year',
    ])
    .where('sectors.plan_id', '=', planId)
    .where('milestones.status', '=', 'active')
    .where('milestones.retired_at', 'is', null);
  if (projectIds) query = query.where(inIdList(trx, 'milestones.project_id', projectIds));
  // The order findMilestones lists a track in: the "next" milestone of a tie is the first of them.
  const milestones = await query
    .orderBy('sectors.position')
    .orderBy('milestones.project_id')
    .orderBy('milestones.position')
    .execute();
  const byProject = new Map<number, typeof milestones>();
  for (const milestone of milestones) {
    const list = byProject.get(milestone.project_id);
    if (list) list.push(milestone);
    else byProject.set(milestone.project_id, [milestone]);
  }
  const rows: Insertable<TrackFiguresTable>[] = [];
  for (const [projectId, list] of byProject) {
    const first = list[0] as (typeof milestones)[number];
    const dates = list.map(milestoneDates);
    for (const month of AS_OF_MONTHS) {
      const figures = trackFigures(dates, asOfDate({ year: first.year, month }), `${first.year}-12-31`);
      rows.push({
        project_id: projectId,
        month,
        plan_id: planId,
        sector_id: first.sector_id,
        sector_position: first.sector_position,
        department_id: first.department_id,
        milestone_count: figures.milestoneCount,
        done_count: figures.doneCount,
        overdue_count: figures.overdueCount,
        slipping_count: figures.slippingCount,
        progress: figures.progress,
        planned_progress: figures.plannedProgress,
        attainment: figures.attainment,
        max_slippage_days: figures.maxSlippageDays,
      });
    }
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    await trx
      .insertInto('track_figures')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .execute();
}
