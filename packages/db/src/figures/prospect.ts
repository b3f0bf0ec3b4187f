/**
 * The status a reported value would give its indicator once approved: its approved values with this
 * one (and the others given with it for the same indicator) in place of their periods', evaluated by the same rules (evaluate.ts) as of the period's last
 * month. Reporting asks it to know whether the value needs its commentary.
 */

import { parsePeriod, periodEndMonth, type Status } from '@tangible/core';
import type { Db } from '../connection.js';
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
  const inputs = new Map(
    (await loadFigureInputs(db, [...new Set(values.map((v) => v.indicatorId))])).map((i) => [
      i.definition.id,
      i,
    ]),
  );
  // Every value of the same indicator given together stands in for its period's: a Q4 judged
  // against the stored Q3 while a lower Q3 comes with it would be judged on figures that will not be.
  const given = new Map<number, Map<string, number>>();
  for (const v of values) {
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
