/**
 * The commentary beside a figure: for each indicator, the analysis and next steps approved with its
 * latest value counted at the as-of month (none when that value has none). The public view sees only
 * commentary marked public.
 */

import { parsePeriod, periodEndMonth } from '@tangible/core';
import { type Db, findApprovedCommentary } from '@tangible/db';
import type { ResolvedView } from '../figures.js';

export interface Commentary {
  period: string;
  analysis: string | null;
  nextSteps: string | null;
}

export async function commentaryAt(
  db: Db,
  resolved: ResolvedView,
  codes: readonly string[],
  options: { publicOnly: boolean },
): Promise<Record<string, Commentary>> {
  const rows = await findApprovedCommentary(db, resolved.plan.id, [...new Set(codes)]);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const period = parsePeriod(row.period);
    // A value whose period ends after the as-of month is not counted yet, nor is its commentary shown.
    if (!period || period.year !== resolved.asOf.year || periodEndMonth(period) > resolved.asOf.month)
      continue;
    // Oldest first: a later period's value replaces an earlier one's, commentary or none.
    latest.set(row.code, row);
  }
  const shown: Record<string, Commentary> = {};
  for (const [code, row] of latest) {
    if (row.analysis === null && row.next_steps === null) continue;
    if (options.publicOnly && row.commentary_public !== 1) continue;
    shown[code] = { period: row.period, analysis: row.analysis, nextSteps: row.next_steps };
  }
  return shown;
}
