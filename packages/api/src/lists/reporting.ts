/** The reporting lists a page at a time: values waiting for approval, and periods overdue. */

import { dateIn, formatPeriod, periodsOfYear, reportDueDate } from '@tangible/core';
import {
  countOverdue,
  countPending,
  type Db,
  type DuePeriod,
  findOverduePage,
  findPendingPage,
  statusesIfApproved,
} from '@tangible/db';
import { CITY_TIME_ZONE, type DuePlan, hasCommentary } from '../reporting.js';
import { offsetOf, type PageRequest } from './paging.js';

const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;

/** Every period of the plan year a value can be reported for, with its due date by the plan's calendar (core). */
export function duePeriods(plan: DuePlan): DuePeriod[] {
  return FREQUENCIES.flatMap((frequency) =>
    periodsOfYear(plan.year, frequency).map((period) => ({
      frequency,
      period: formatPeriod(period),
      due: reportDueDate(period, plan.report_due_working_days),
    })),
  );
}

/** A page of the values waiting for approval, oldest first, each with the approved value it would replace. */
export async function pendingPage(
  db: Db,
  plan: { id: number },
  filter: { departmentCode?: string | undefined },
  request: PageRequest,
) {
  const [rows, total] = await Promise.all([
    findPendingPage(db, plan.id, filter, { limit: request.limit, offset: offsetOf(request) }),
    countPending(db, plan.id, filter),
  ]);
  // Whether each value, approved, would leave its indicator slipping without its why: approval
  // refuses it until the commentary is written (approveReport), and the screen says so beforehand.
  const statuses = await statusesIfApproved(
    db,
    rows.map((row) => ({ indicatorId: row.indicator_id, period: row.period, value: row.value })),
  );
  const items = rows.map((row, i) => ({
    id: row.id,
    code: row.code,
    name: { ko: row.name_ko, en: row.name_en },
    unit: row.unit,
    period: row.period,
    value: row.value,
    /** The approved value of the same period this one would replace; null when there is none. */
    currentApproved: row.approved_value,
    note: row.note,
    /** The commentary written with the value, approved with it. */
    analysis: row.analysis,
    nextSteps: row.next_steps,
    /** It leaves its indicator at risk or off track without both halves of its commentary: not approvable yet. */
    commentaryOwed:
      (statuses[i] === 'at_risk' || statuses[i] === 'off_track') &&
      !hasCommentary({ analysis: row.analysis, next_steps: row.next_steps }),
    evidenceUrl: row.evidence_url,
    enteredBy: row.entered_by,
    enteredAt: row.entered_at,
    department: {
      code: row.department_code,
      name: { ko: row.department_name_ko, en: row.department_name_en },
    },
  }));
  return { items, total, page: request.page, limit: request.limit };
}

/** A page of the periods overdue today (Busan's today), the longest overdue first. */
export async function overduePage(
  db: Db,
  plan: DuePlan,
  filter: { departmentCode?: string | undefined },
  now: Date,
  request: PageRequest,
) {
  const periods = duePeriods(plan);
  const today = dateIn(CITY_TIME_ZONE, now);
  const [rows, total] = await Promise.all([
    findOverduePage(db, plan.id, periods, today, filter, { limit: request.limit, offset: offsetOf(request) }),
    countOverdue(db, plan.id, periods, today, filter),
  ]);
  const items = rows.map((row) => ({
    code: row.code,
    name: { ko: row.name_ko, en: row.name_en },
    unit: row.unit,
    period: row.period,
    dueDate: row.due,
    department: {
      code: row.department_code,
      name: { ko: row.department_name_ko, en: row.department_name_en },
    },
  }));
  return { items, total, page: request.page, limit: request.limit };
}
