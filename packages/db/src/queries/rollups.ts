/**
 * Reading stored roll-ups and tracks (figures/rollups.ts, figures/tracks.ts): a few rows per screen
 * whatever the plan's size. Sector 0 or department 0 in a row means "every" (figures/rollups.ts).
 */

import type { RollupParts } from '@tangible/core';
import type { Db } from '../connection.js';
import { EVERY, storedRollup } from '../figures/rollups.js';

export interface StoredRollup {
  month: number;
  /** The sector's code; null for every sector. */
  sectorCode: string | null;
  /** The department's code; null for every department. */
  departmentCode: string | null;
  parts: RollupParts;
}

/**
 * The plan's stored roll-ups at the months, of the groups asked: `sectors` (each sector and the
 * plan), `departments` (each department, over every sector or within one), or one sector's or the
 * plan's months (history).
 */
export async function findRollups(
  db: Db,
  planId: number,
  months: { from: number; to: number },
  scope:
    | { kind: 'sectors' }
    | { kind: 'departments'; sectorCode?: string | undefined }
    | { kind: 'one'; sectorCode?: string | undefined; departmentCode?: string | undefined },
): Promise<StoredRollup[]> {
  let query = db
    .selectFrom('rollup_figures as r')
    .leftJoin('sectors', 'sectors.id', 'r.sector_id')
    .leftJoin('departments', 'departments.id', 'r.department_id')
    .selectAll('r')
    .select(['sectors.code as sector_code', 'departments.code as department_code'])
    .where('r.plan_id', '=', planId)
    .where('r.month', '>=', months.from)
    .where('r.month', '<=', months.to);
  if (scope.kind === 'sectors') query = query.where('r.department_id', '=', EVERY);
  else if (scope.kind === 'departments') {
    query = query.where('r.department_id', '!=', EVERY);
    query = scope.sectorCode
      ? query.where('sectors.code', '=', scope.sectorCode)
      : query.where('r.sector_id', '=', EVERY);
  } else {
    query = scope.sectorCode
      ? query.where('sectors.code', '=', scope.sectorCode)
      : query.where('r.sector_id', '=', EVERY);
    query = scope.departmentCode
      ? query.where('departments.code', '=', scope.departmentCode)
      : query.where('r.department_id', '=', EVERY);
  }
  const rows = await query.orderBy('r.month').execute();
  return rows.map((row) => ({
    month: row.month,
    sectorCode: row.sector_id === EVERY ? null : row.sector_code,
    departmentCode: row.department_id === EVERY ? null : row.department_code,
    parts: storedRollup(row),
  }));
}

/** A stored track as lists order it: its figures and where it sits. */
export async function findStoredTracks(
  db: Db,
  planId: number,
  month: number,
  filter: { sectorCode?: string | undefined; projectCode?: string | undefined },
) {
  let query = db
    .selectFrom('track_figures as t')
    .innerJoin('sectors', 'sectors.id', 't.sector_id')
    .innerJoin('projects', 'projects.id', 't.project_id')
    .selectAll('t')
    .select('projects.code as project_code')
    .where('t.plan_id', '=', planId)
    .where('t.month', '=', month);
  if (filter.sectorCode) query = query.where('sectors.code', '=', filter.sectorCode);
  if (filter.projectCode)
    query = query.where('t.project_id', 'in', (eb) =>
      eb
        .selectFrom('projects')
        .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
        .select('projects.id')
        .where('projects.code', '=', filter.projectCode as string)
        .where('strategies.sector_id', 'in', (inner) =>
          inner.selectFrom('sectors').select('id').where('plan_id', '=', planId),
        ),
    );
  // Plan order, as findMilestones lists tracks: by sector, then project.
  return query.orderBy('sectors.position').orderBy('t.project_id').execute();
}

export type StoredTrackRecord = Awaited<ReturnType<typeof findStoredTracks>>[number];
