/**
 * Roll-ups as stored (packages/db/src/figures/rollups.ts): the plan's, each sector's and each
 * department's score and counts at an as-of month are rows to read, never indicators to add up on a
 * request. A group with no indicators has no row and rolls up to nothing.
 */

import { EMPTY_ROLLUP, type Rollup, shownRollup } from '@tangible/core';
import { type Db, findRollups } from '@tangible/db';
import type { ResolvedView } from '../figures.js';

const atMonth = (view: ResolvedView) => ({ from: view.asOf.month, to: view.asOf.month });

/** The plan's roll-up and each sector's (by code) at the view's month. */
export async function planRollups(db: Db, view: ResolvedView) {
  const rows = await findRollups(db, view.plan.id, atMonth(view), { kind: 'sectors' });
  const sectors = new Map<string, Rollup>();
  let plan = shownRollup(EMPTY_ROLLUP);
  for (const row of rows) {
    if (row.sectorCode === null) plan = shownRollup(row.parts);
    else sectors.set(row.sectorCode, shownRollup(row.parts));
  }
  return { plan, sectorOf: (code: string) => sectors.get(code) ?? shownRollup(EMPTY_ROLLUP) };
}

/** One group's roll-up at the view's month: the plan's, a sector's, a department's, or both narrowed. */
export async function rollupOf(
  db: Db,
  view: ResolvedView,
  scope: { sectorCode?: string | undefined; departmentCode?: string | undefined },
): Promise<Rollup> {
  const [row] = await findRollups(db, view.plan.id, atMonth(view), { kind: 'one', ...scope });
  return shownRollup(row?.parts ?? EMPTY_ROLLUP);
}

/** Each department's roll-up (by code) at the view's month, over the plan or within one sector. */
export async function departmentRollups(
  db: Db,
  view: ResolvedView,
  sectorCode: string | undefined,
): Promise<Map<string, Rollup>> {
  const rows = await findRollups(db, view.plan.id, atMonth(view), { kind: 'departments', sectorCode });
  return new Map(rows.map((row) => [row.departmentCode as string, shownRollup(row.parts)]));
}

/** The plan's or one sector's roll-up at each month from January to the view's month. */
export async function rollupHistory(db: Db, view: ResolvedView, sectorCode: string | undefined) {
  const rows = await findRollups(
    db,
    view.plan.id,
    { from: 1, to: view.asOf.month },
    { kind: 'one', sectorCode },
  );
  const byMonth = new Map(rows.map((row) => [row.month, shownRollup(row.parts)]));
  return Array.from({ length: view.asOf.month }, (_, i) => ({
    month: i + 1,
    rollup: byMonth.get(i + 1) ?? shownRollup(EMPTY_ROLLUP),
  }));
}
