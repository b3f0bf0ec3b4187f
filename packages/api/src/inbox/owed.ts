/**
 * The reports a plan's departments owe on a day, by the reporting calendar (core): each ended period
 * of each measured indicator with no value pending or approved and none returned waiting for a
 * correction, with its due date and timing. Read by the inbox and by the reminders alike.
 */

import {
  formatPeriod,
  HolidaysUnknown,
  periodLastDay,
  periodsOfYear,
  type ReportTiming,
  reportDueDate,
  reportTiming,
} from '@tangible/core';
import type { AnsweredPeriod, DutyIndicator, DutyPlan } from '@tangible/db';

export interface OwedReport {
  indicator: DutyIndicator;
  period: string;
  due: string;
  timing: Exclude<ReportTiming, 'not_ended'>;
}

/** The answered periods as `indicator|period` → the statuses of the values that answer it. */
export function answeredIndex(answered: readonly AnsweredPeriod[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const value of answered) {
    const key = `${value.indicator_id}|${value.period}`;
    const statuses = index.get(key) ?? new Set<string>();
    statuses.add(value.status);
    index.set(key, statuses);
  }
  return index;
}

export function owedReports(
  plan: DutyPlan,
  indicators: readonly DutyIndicator[],
  answered: ReadonlyMap<string, Set<string>>,
  today: string,
): OwedReport[] {
  const owed: OwedReport[] = [];
  for (const indicator of indicators) {
    for (const period of periodsOfYear(plan.year, indicator.frequency)) {
      const text = formatPeriod(period);
      if (answered.has(`${indicator.id}|${text}`)) continue;
      const due = reportDueDate(period, plan.report_due_working_days);
      let timing: ReportTiming;
      try {
        timing = reportTiming(period, today, plan.report_due_working_days);
      } catch (error) {
        if (!(error instanceof HolidaysUnknown)) throw error;
        // Past the holiday table: owed all the same, by the earliest due date (weekends alone).
        timing = today <= periodLastDay(period) ? 'not_ended' : today > due ? 'overdue' : 'open';
      }
      if (timing === 'not_ended') continue;
      owed.push({ indicator, period: text, due, timing });
    }
  }
  return owed.sort((a, b) => a.due.localeCompare(b.due) || a.indicator.code.localeCompare(b.indicator.code));
}
