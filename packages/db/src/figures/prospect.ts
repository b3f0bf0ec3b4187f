/**
 * The status a reported value would give its indicator once approved: its approved values with this
 * one, the others given with it for the same indicator and the others of that indicator waiting for
 * approval in place of their periods', evaluated by the same rules (evaluate.ts) as of the period's
 * last month. Reporting, approval, the approvals list and the inbox ask it to know whether a value
 * needs its commentary, so all four judge a value alike.
 */

import { parsePeriod, periodEndMonth, type Status } from '@tangible/core';
import type { Db } from '../connection.js';
import { inIdList } from '../queries/id-list.js';
import { evaluateAt } from './evaluate.js';
import { loadFigureInputs } from './inputs.js';

/** One value for each indicator and period; the answers come back in the same order. */
export interface ProspectiveValue {
  indicatorId: number;
  period: string;
  value: number;
}

/** Each value's status if approved; null for a period that does not parse or an indicator not in figures. */
export async function statusesIfApproved(
  db: Db,
  values: readonly ProspectiveValue[],
): Promise<(Status | null)[]> {
  const ids = [...new Set(values.map((v) => v.indicatorId))];
  if (ids.length === 0) return [];
  const inputs = new Map((await loadFigureInputs(db, ids)).map((i) => [i.definition.id, i]));
  // Every value of the same indicator given together, or waiting for approval, stands in for its
  // period's: a Q4 judged against the stored Q3 while a lower Q3 comes with it or waits would be
  // judged on figures that will not be, and approving the Q4 first would let it in without its why.
  const waiting = await db
    .selectFrom('measurements')
    .select(['indicator_id', 'period', 'value'])
    .where(inIdList(db, 'indicator_id', ids))
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
  const given = new Map<number, Map<string, number>>();
  for (const v of [
    ...waiting.map((w) => ({ indicatorId: w.indicator_id, period: w.period, value: w.value })),
    ...values,
  ]) {
    const periods = given.get(v.indicatorId) ?? new Map<string, number>();
    periods.set(v.period, v.value);
    given.set(v.indicatorId, periods);
  }
  return values.map(({ indicatorId, period, value }) => {
    const own = inputs.get(indicatorId);
    const parsed = parsePeriod(period);
    if (!own || !parsed || parsed.year !== own.definition.year) return null;
    const others = [...(given.get(indicatorId) ?? [])]
      .filter(([p]) => p !== period)
      .map(([p, v]) => ({ period: p, value: v }));
    const replaced = new Set([period, ...others.map((o) => o.period)]);
    const readings = [...own.readings.filter((r) => !replaced.has(r.period)), ...others, { period, value }];
    return evaluateAt({ ...own, readings }, periodEndMonth(parsed)).figures.status;
  });
}
