/**
 * Reporting actuals and reviewing them: validation that says exactly what is wrong and where, writes
 * that are one transaction with their audit entries, and the approval workflow
 * (pending → approved | returned). Authorisation comes from auth/policy.ts.
 */

import {
  dateIn,
  formatPeriod,
  isUnit,
  type Period,
  parsePeriod,
  periodEndMonth,
  periodsOfYear,
  reportDueDate,
  unitRange,
  valueProblem,
} from '@tangible/core';
import {
  appendAudit,
  type Db,
  findApprovedOf,
  findIndicatorByCode,
  findIndicators,
  findMeasurementById,
  findPendingOf,
  findReportedValues,
  holdIndicators,
  insertPendingReport,
  type ReportableIndicator,
  refreshAfterApproval,
  setMeasurementStatus,
  statusesIfApproved,
} from '@tangible/db';
import { canReportFor, type Principal, type SignedInUser } from './auth/policy.js';
import { enqueueReturnedMail } from './mail/returned.js';
import { type Problem, problem, refuse } from './problems.js';
import { textRefusal } from './text.js';

/** The city's time zone: "today", for due dates and periods that have ended, is Busan's today. */
export const CITY_TIME_ZONE = 'Asia/Seoul';

export interface ReportEntry {
  code: string;
  period: string;
  value: number;
  note?: string | null | undefined;
  evidenceUrl?: string | null | undefined;
  /** The commentary (원인 분석, 향후 대책): required when the value leaves its indicator at risk or off track. */
  analysis?: string | null | undefined;
  nextSteps?: string | null | undefined;
  /** Whether the public view may show the commentary once the value is approved. */
  commentaryPublic?: boolean | undefined;
}

export interface EntryError extends Problem {
  /** 1-based position of the entry in what was submitted. */
  row: number;
  field: 'code' | 'period' | 'value' | 'note' | 'evidenceUrl' | 'analysis' | 'nextSteps';
}

/** Thrown when entries are refused; carries every problem, each with its row and field. */
export class EntryValidationError extends Error {
  constructor(readonly errors: EntryError[]) {
    const first = errors[0];
    super(
      first
        ? `${errors.length} problem(s); row ${first.row}, ${first.field}: ${first.message}`
        : 'The entries were refused.',
    );
  }
}

/** The last day of a period (ISO), for "has this period ended?". */
function periodEndDate(period: Period): string {
  return new Date(Date.UTC(period.year, periodEndMonth(period), 0)).toISOString().slice(0, 10);
}

function requireUser(principal: Principal): SignedInUser {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  return principal.user;
}

export interface CheckedEntry {
  entry: ReportEntry;
  indicator: ReportableIndicator;
}

export interface Inspection {
  /** Entries that passed every check, with their indicator. */
  checked: CheckedEntry[];
  /** Data problems, each with its row and field. */
  errors: EntryError[];
  /** Entries for indicators the user may not write (another department's). */
  notYours: EntryError[];
}

/** What checking one entry found: the entry ready to write, or its problems. */
export interface EntryCheck {
  checked: CheckedEntry | null;
  errors: EntryError[];
  notYours: EntryError[];
}

/**
 * The checks of one entry, with its indicator already found (or not): the indicator exists in the
 * plan and is the user's to write; it is measured by reported values; the period fits its frequency,
 * lies in the plan year and has ended; the value fits the unit; the evidence is a web address; no
 * indicator and period appears twice (the checker remembers what it has seen). Synchronous, so a
 * file of 100,000 rows is checked in one pass as it is read.
 */
export function entryChecker(
  plan: { id: number; year: number },
  principal: Principal,
  now: Date,
  indicatorOf: (code: string) => ReportableIndicator | undefined,
): (entry: ReportEntry, row: number) => EntryCheck {
  const seen = new Map<string, number>();
  const today = dateIn(CITY_TIME_ZONE, now);
  // A file names the same dozen periods on every row: each is parsed and dated once.
  const periods = new Map<string, { period: Period | null; text: string; ended: boolean }>();
  const periodOf = (written: string) => {
    let known = periods.get(written);
    if (!known) {
      const period = parsePeriod(written.trim());
      known = {
        period,
        text: period ? formatPeriod(period) : '',
        ended: period ? periodEndDate(period) < today : false,
      };
      periods.set(written, known);
    }
    return known;
  };
  return (entry, row) => {
    const errors: EntryError[] = [];
    const notYours: EntryError[] = [];
    // Free text is checked first, so a refused note is reported whatever else is wrong with the row.
    let evidenceRefused = false;
    for (const field of ['note', 'evidenceUrl', 'analysis', 'nextSteps'] as const) {
      const text = entry[field];
      if (!text) continue;
      const rule = field === 'analysis' || field === 'nextSteps' ? 'commentary' : field;
      const refusal = textRefusal(rule, text.trim());
      if (refusal) {
        errors.push({ row, field, ...refusal });
        if (field === 'evidenceUrl') evidenceRefused = true;
      }
    }
    const code = entry.code.trim().toUpperCase();
    const indicator = indicatorOf(code);
    if (!indicator) {
      errors.push({
        row,
        field: 'code',
        ...problem('unknown_indicator', { value: entry.code, year: plan.year }),
      });
      return { checked: null, errors, notYours };
    }
    if (!canReportFor(principal, indicator.department_id)) {
      notYours.push({
        row,
        field: 'code',
        ...problem('not_yours', { code, department: indicator.department_code }),
      });
      return { checked: null, errors, notYours };
    }
    // A retired indicator keeps the values it has and takes no more: they would count nowhere.
    if (indicator.retired_at !== null) {
      errors.push({ row, field: 'code', ...problem('indicator_retired', { code }) });
      return { checked: null, errors, notYours };
    }
    if (indicator.aggregation === 'milestones') {
      errors.push({ row, field: 'code', ...problem('measured_by_milestones', { code }) });
      return { checked: null, errors, notYours };
    }
    const { period, text: periodText, ended } = periodOf(entry.period);
    let periodOk = false;
    if (!period) {
      errors.push({ row, field: 'period', ...problem('bad_period', { value: entry.period }) });
    } else if (period.frequency !== indicator.frequency) {
      errors.push({
        row,
        field: 'period',
        ...problem('wrong_frequency', {
          code,
          frequency: indicator.frequency,
          value: entry.period,
          periodFrequency: period.frequency,
        }),
      });
    } else if (period.year !== plan.year) {
      errors.push({
        row,
        field: 'period',
        ...problem('outside_year', { value: entry.period, year: plan.year }),
      });
    } else if (!ended) {
      errors.push({ row, field: 'period', ...problem('not_ended', { value: entry.period }) });
    } else {
      periodOk = true;
    }
    const unit = indicator.unit;
    const valueIssue = isUnit(unit)
      ? valueProblem(unit, entry.value)
      : Number.isFinite(entry.value)
        ? null
        : 'not_a_number';
    if (valueIssue)
      errors.push({
        row,
        field: 'value',
        ...problem(valueIssue, { value: entry.value, unit, max: unitRange(unit).max }),
      });
    if (entry.evidenceUrl && !evidenceRefused && !/^https?:\/\/\S+$/i.test(entry.evidenceUrl.trim())) {
      errors.push({ row, field: 'evidenceUrl', ...problem('bad_evidence') });
    }
    if (periodOk) {
      const key = `${code} ${periodText}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.push({ row, field: 'period', ...problem('duplicate_row', { key, row: earlier }) });
      } else {
        seen.set(key, row);
      }
    }
    const checked =
      !valueIssue && periodOk ? { entry: { ...entry, code, period: periodText }, indicator } : null;
    return { checked, errors, notYours };
  };
}

/** Checks every entry (entryChecker) and collects every problem, not just the first. */
export async function inspectEntries(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  entries: readonly ReportEntry[],
  now: Date,
): Promise<Inspection> {
  const indicators = new Map<string, ReportableIndicator | undefined>();
  for (const entry of entries) {
    const code = entry.code.trim().toUpperCase();
    if (!indicators.has(code)) indicators.set(code, await findIndicatorByCode(db, plan.id, code));
  }
  const check = entryChecker(plan, principal, now, (code) => indicators.get(code));
  const inspection: Inspection = { checked: [], errors: [], notYours: [] };
  for (const [i, entry] of entries.entries()) {
    const { checked, errors, notYours } = check(entry, i + 1);
    if (checked) inspection.checked.push(checked);
    inspection.errors.push(...errors);
    inspection.notYours.push(...notYours);
  }
  return inspection;
}

/** Like inspectEntries, but refuses: FORBIDDEN for another department's indicator, else every data problem. */
export async function checkEntries(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  entries: readonly ReportEntry[],
  now: Date,
): Promise<CheckedEntry[]> {
  const { checked, errors, notYours } = await inspectEntries(db, plan, principal, entries, now);
  // Writing another department's indicator is an authorisation failure, not a data error.
  if (notYours.length > 0) {
    const codes = [...new Set(notYours.map((e) => entries[e.row - 1]?.code.toUpperCase()))].join(', ');
    const first = notYours[0]?.params ?? {};
    throw refuse('FORBIDDEN', 'entries_not_yours', {
      codes,
      code: first.code ?? '',
      department: first.department ?? '',
    });
  }
  if (errors.length > 0) throw new EntryValidationError(errors);
  return checked;
}

export interface WriteOptions {
  /** The audit action: `measurement.submit` (typed in) or `measurement.import` (from a file). */
  action: 'measurement.submit' | 'measurement.import';
  /** Where the values come from, kept with each value. */
  source?: string;
  /** More writes that stand or fall with these values, in the same transaction (an import's own audit entry). */
  alsoWrite?: (trx: Db) => Promise<void>;
}

/**
 * Writes checked entries as pending values in one transaction, each with its audit entry. A pending
 * value already waiting for the same period is superseded by the new one. Pending values count in no
 * figure, so no stored figure moves (approveReport moves them).
 */
export async function writeEntries(
  db: Db,
  user: SignedInUser,
  checked: readonly CheckedEntry[],
  now: Date,
  options: WriteOptions,
): Promise<{ submitted: number }> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await holdIndicators(
      trx,
      checked.map(({ indicator }) => indicator.id),
    );
    for (const { entry, indicator } of checked) {
      const previous = await findPendingOf(trx, indicator.id, entry.period);
      if (previous) await setMeasurementStatus(trx, previous.id, 'pending', 'superseded', null);
      const approved = await findApprovedOf(trx, indicator.id, entry.period);
      const id = await insertPendingReport(trx, {
        indicatorId: indicator.id,
        period: entry.period,
        value: entry.value,
        note: entry.note?.trim() || null,
        evidenceUrl: entry.evidenceUrl?.trim() || null,
        analysis: entry.analysis?.trim() || null,
        nextSteps: entry.nextSteps?.trim() || null,
        commentaryPublic: entry.commentaryPublic === true,
        source: options.source ?? `reported by ${indicator.department_code}`,
        enteredBy: user.displayName,
        enteredByUserId: user.id,
        enteredAt: at,
      });
      await appendAudit(trx, {
        organisationId: user.organisationId,
        at,
        actorUserId: user.id,
        actor: user.username,
        action: options.action,
        entityType: 'measurement',
        entityId: String(id),
        indicatorId: indicator.id,
        before: previous
          ? { status: 'pending', value: previous.value, note: previous.note }
          : approved
            ? { status: 'approved', value: approved.value, note: approved.note }
            : null,
        after: {
          period: entry.period,
          value: entry.value,
          note: entry.note ?? null,
          status: 'pending',
          ...(entry.analysis || entry.nextSteps
            ? {
                analysis: entry.analysis?.trim() || null,
                nextSteps: entry.nextSteps?.trim() || null,
                commentaryPublic: entry.commentaryPublic === true,
              }
            : {}),
        },
      });
    }
    await options.alsoWrite?.(trx);
  });
  return { submitted: checked.length };
}

/** Records typed-in entries as pending, all or nothing (see checkEntries and writeEntries). */
export async function submitEntries(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  entries: readonly ReportEntry[],
  now: Date,
): Promise<{ submitted: number }> {
  const user = requireUser(principal);
  const checked = await checkEntries(db, plan, principal, entries, now);
  // checkEntries refused every entry that did not pass, so the checked ones are the entries in order.
  const missing = await missingCommentary(db, checked);
  if (missing.length > 0) throw new EntryValidationError(missing);
  return writeEntries(db, user, checked, now, { action: 'measurement.submit' });
}

/**
 * The commentary a typed-in value lacks: a value that would leave its indicator at risk or off track
 * (the status packages/core computes with it approved, as of its period) needs both its analysis
 * and its next steps, each refused at its own field.
 */
export async function missingCommentary(db: Db, checked: readonly CheckedEntry[]): Promise<EntryError[]> {
  const statuses = await statusesIfApproved(
    db,
    checked.map(({ entry, indicator }) => ({
      indicatorId: indicator.id,
      period: entry.period,
      value: entry.value,
    })),
  );
  const errors: EntryError[] = [];
  checked.forEach(({ entry, indicator }, i) => {
    const status = statuses[i];
    if (status !== 'at_risk' && status !== 'off_track') return;
    const row = i + 1;
    for (const field of ['analysis', 'nextSteps'] as const) {
      if (!entry[field]?.trim())
        errors.push({
          row,
          field,
          ...problem(field === 'analysis' ? 'analysis_required' : 'next_steps_required', {
            code: indicator.code,
            period: entry.period,
            status,
          }),
        });
    }
  });
  return errors;
}

/** Whether a stored value carries both halves of its commentary (원인 분석 and 향후 대책). */
export function hasCommentary(value: { analysis: string | null; next_steps: string | null }): boolean {
  return Boolean(value.analysis?.trim() && value.next_steps?.trim());
}

/**
 * Approves a pending value: it replaces the approved value of its period (which is kept as
 * superseded). A value that would leave its indicator at risk or off track is refused while it owes
 * its commentary.
 */
export async function approveReport(db: Db, principal: Principal, id: number, now: Date) {
  const user = requireUser(principal);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const pending = await findMeasurementById(trx, user.organisationId, id);
    if (pending?.status !== 'pending') {
      throw refuse('NOT_FOUND', 'no_pending_value', { id });
    }
    if (pending.entered_by_user_id === user.id) {
      throw refuse('FORBIDDEN', 'self_approval');
    }
    // Nothing slipping is approved without its why: a value imported without its commentary waits
    // for its bureau head to add it (reports.submit with the same value and the commentary).
    const [status] = await statusesIfApproved(trx, [
      { indicatorId: pending.indicator_id, period: pending.period, value: pending.value },
    ]);
    if ((status === 'at_risk' || status === 'off_track') && !hasCommentary(pending)) {
      const indicator = await trx
        .selectFrom('indicators')
        .select('code')
        .where('id', '=', pending.indicator_id)
        .executeTakeFirst();
      throw refuse('CONFLICT', 'approval_commentary_owed', {
        id,
        code: indicator?.code ?? '',
        period: pending.period,
        status,
      });
    }
    const approved = await findApprovedOf(trx, pending.indicator_id, pending.period);
    if (approved) await setMeasurementStatus(trx, approved.id, 'approved', 'superseded', null);
    // Decided meanwhile by someone else (approved or returned): this transaction writes nothing.
    if (!(await setMeasurementStatus(trx, id, 'pending', 'approved', { userId: user.id, at, reason: null })))
      throw refuse('NOT_FOUND', 'no_pending_value', { id });
    // The figures the approval moves, stored in the same transaction: never a moment when they lag.
    await refreshAfterApproval(trx, pending.indicator_id, pending.period);
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'measurement.approve',
      entityType: 'measurement',
      entityId: String(id),
      indicatorId: pending.indicator_id,
      before: approved ? { status: 'approved', value: approved.value } : null,
      after: { period: pending.period, value: pending.value, status: 'approved' },
    });
    return { approved: id };
  });
}

/** Returns a pending value to its reporter with a reason; the approved value (if any) stays. */
export async function returnReport(db: Db, principal: Principal, id: number, reason: string, now: Date) {
  const user = requireUser(principal);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const pending = await findMeasurementById(trx, user.organisationId, id);
    if (pending?.status !== 'pending') {
      throw refuse('NOT_FOUND', 'no_pending_value', { id });
    }
    if (!(await setMeasurementStatus(trx, id, 'pending', 'returned', { userId: user.id, at, reason })))
      throw refuse('NOT_FOUND', 'no_pending_value', { id });
    await appendAudit(trx, {
      organisationId: user.organisationId,
      at,
      actorUserId: user.id,
      actor: user.username,
      action: 'measurement.return',
      entityType: 'measurement',
      entityId: String(id),
      indicatorId: pending.indicator_id,
      before: { period: pending.period, value: pending.value, status: 'pending' },
      after: { status: 'returned' },
      reason,
    });
    await enqueueReturnedMail(trx, pending, reason, now);
    return { returned: id };
  });
}

export type PeriodState = 'approved' | 'pending' | 'returned' | 'missing' | 'overdue' | 'not_ended';

/** A plan as far as its reports' due dates go: its periods, and its calendar's working days. */
export interface DuePlan {
  id: number;
  year: number;
  report_due_working_days: number;
}

/**
 * A department's reporting, period by period: what is approved, pending, returned, missing or
 * overdue (missing after its due date) for each of its measured indicators. Admins see every
 * department; `departmentCode` narrows it.
 */
export async function reportingStatus(db: Db, plan: DuePlan, departmentCode: string | undefined, now: Date) {
  return (await reportingStatusPage(db, plan, departmentCode, now)).indicators;
}

/** reportingStatus for one page of the measured indicators (in plan order), and how many there are. */
export async function reportingStatusPage(
  db: Db,
  plan: DuePlan,
  departmentCode: string | undefined,
  now: Date,
  /** All of them without. */
  window?: { limit: number; offset: number },
) {
  const measured = (await findIndicators(db, plan.id, { departmentCode })).filter(
    (i) => i.aggregation !== 'milestones',
  );
  const indicators = window ? measured.slice(window.offset, window.offset + window.limit) : measured;
  const valuesOf = new Map<number, Awaited<ReturnType<typeof findReportedValues>>>();
  const values = await findReportedValues(db, plan.id, {
    departmentCode,
    indicatorIds: window ? indicators.map((i) => i.id) : undefined,
  });
  for (const value of values) {
    const own = valuesOf.get(value.indicator_id);
    if (own) own.push(value);
    else valuesOf.set(value.indicator_id, [value]);
  }
  const today = dateIn(CITY_TIME_ZONE, now);
  const rows = indicators.map((indicator) => {
    const own = valuesOf.get(indicator.id) ?? [];
    const periods = periodsOfYear(plan.year, indicator.frequency).map((period) => {
      const text = formatPeriod(period);
      const forPeriod = own.filter((v) => v.period === text);
      const approved = forPeriod.find((v) => v.status === 'approved') ?? null;
      const pending = forPeriod.find((v) => v.status === 'pending') ?? null;
      const returned = forPeriod.filter((v) => v.status === 'returned').pop() ?? null;
      const dueDate = reportDueDate(period, plan.report_due_working_days);
      let state: PeriodState;
      if (pending) state = 'pending';
      else if (approved) state = 'approved';
      else if (returned) state = 'returned';
      else if (periodEndDate(period) >= today) state = 'not_ended';
      else state = dueDate < today ? 'overdue' : 'missing';
      return {
        period: text,
        dueDate,
        state,
        approved: approved && { id: approved.id, value: approved.value, note: approved.note },
        pending: pending && {
          id: pending.id,
          value: pending.value,
          note: pending.note,
          enteredAt: pending.entered_at,
        },
        returned: returned && {
          id: returned.id,
          value: returned.value,
          reason: returned.review_reason,
          at: returned.reviewed_at,
        },
      };
    });
    return {
      code: indicator.code,
      name: { ko: indicator.name_ko, en: indicator.name_en },
      unit: indicator.unit,
      frequency: indicator.frequency,
      department: {
        code: indicator.department_code,
        name: { ko: indicator.department_name_ko, en: indicator.department_name_en },
      },
      periods,
    };
  });
  return { indicators: rows, total: measured.length };
}
