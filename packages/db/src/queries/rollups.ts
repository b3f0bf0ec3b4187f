/**
 * Reading stored roll-ups and tracks (figures/rollups.ts, figures/tracks.ts): a few rows per screen
 * whatever the plan's size. Sector 0 or department 0 in a row means "every" (figures/rollups.ts).
 */

import type { RollupParts } from '@tangible/core';
import { sql } from 'kysely';
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
  // Within a month: the plan's (or a sector's over every department) first, then its sectors in the
  // plan's order, then departments by code; the same on both engines (they sort nulls apart).
  const rows = await query
    .orderBy('r.month')
    .orderBy(sql`coalesce(sectors.position, -1)`)
    .orderBy(sql`coalesce(departments.code, '')`)
    .execute();
  return rows.map((row) => ({
    month: row.month,
    sectorCode: row.sector_id === EVERY ? null : row.sector_code,
    departmentCode: row.department_id === EVERY ? null : row.department_code,
    parts: storedRollup(row),
  }));
}

function storedTracks(
  db: Db,
  planId: number,
  month: number,
  filter: { sectorCode?: string | undefined; projectCode?: string | undefined },
) {
  let query = db
    .selectFrom('track_figures as t')
    .where('t.plan_id', '=', planId)
    .where('t.month', '=', month);
  const { sectorCode, projectCode } = filter;
  if (sectorCode)
    query = query.where('t.sector_id', '=', (eb) =>
      eb.selectFrom('sectors').select('id').where('plan_id', '=', planId).where('code', '=', sectorCode),
    );
  if (projectCode)
    query = query.where('t.project_id', 'in', (eb) =>
      eb
        .selectFrom('projects')
        .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
        .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
        .select('projects.id')
        .where('projects.code', '=', projectCode)
        .where('sectors.plan_id', '=', planId),
    );
  return query;
}

/**
 * A page of stored tracks: in plan order (sector, then project), or needing attention first — more
 * overdue, more slipping, further behind (core's byAttention; a test holds the two orders equal),
 * then plan order — and how many match.
 */
export async function findStoredTracks(
  db: Db,
  planId: number,
  month: number,
  filter: { sectorCode?: string | undefined; projectCode?: string | undefined },
  window: { attention: boolean; limit: number; offset: number },
) {
  let page = storedTracks(db, planId, month, filter)
    .innerJoin('projects', 'projects.id', 't.project_id')
    .selectAll('t')
    .select('projects.code as project_code');
  if (window.attention)
    page = page
      .orderBy('t.overdue_count', 'desc')
      .orderBy('t.slipping_count', 'desc')
      .orderBy('t.max_slippage_days', 'desc');
  const [items, count] = await Promise.all([
    page
      .orderBy('t.sector_position')
      .orderBy('t.project_id')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
    storedTracks(db, planId, month, filter)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.count) };
}

export type StoredTrackRecord = Awaited<ReturnType<typeof findStoredTracks>>['items'][number];
