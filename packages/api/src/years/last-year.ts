/**
 * This year beside the same month of last year: the plan's and each sector's stored roll-ups at the
 * as-of month of both plans (a few rows each), matched by sector code (codes are stable across
 * years). Counts and scores, never series: the answer stays the size of the screen.
 */

import { type Rollup, shownRollup } from '@tangible/core';
import { type Db, findPlan, findPlanFigures, findRollups } from '@tangible/db';
import { resolveView } from '../figures.js';
import type { ViewInput } from '../inputs.js';

export interface YearBeside {
  /** The sector's code; null for the whole plan. */
  sectorCode: string | null;
  now: Rollup;
  /** Null when last year's plan had no such sector. */
  lastYear: Rollup | null;
}

export interface LastYearComparison {
  asOf: string;
  /** `2023-06`: the same month, a year earlier. */
  lastYearAsOf: string;
  groups: YearBeside[];
}

export async function sameMonthLastYear(
  db: Db,
  organisationId: number,
  input: ViewInput,
): Promise<LastYearComparison | null> {
  const resolved = await resolveView(db, organisationId, input);
  const earlier = await findPlan(db, organisationId, resolved.plan.year - 1);
  if (!earlier || (earlier.status === 'draft' && !input.drafts)) return null;
  // A plan whose figures were never built has nothing to compare with.
  if (!(await findPlanFigures(db, earlier.id))) return null;
  const month = resolved.asOf.month;
  const [now, before] = await Promise.all([
    findRollups(db, resolved.plan.id, { from: month, to: month }, { kind: 'sectors' }),
    findRollups(db, earlier.id, { from: month, to: month }, { kind: 'sectors' }),
  ]);
  const beforeBySector = new Map(before.map((r) => [r.sectorCode, r.parts]));
  return {
    asOf: resolved.asOfText,
    lastYearAsOf: `${earlier.year}-${String(month).padStart(2, '0')}`,
    groups: now.map((r) => {
      const parts = beforeBySector.get(r.sectorCode);
      return {
        sectorCode: r.sectorCode,
        now: shownRollup(r.parts),
        lastYear: parts ? shownRollup(parts) : null,
      };
    }),
  };
}
