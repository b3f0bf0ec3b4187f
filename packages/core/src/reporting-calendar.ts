/**
 * The reporting calendar: when each period's report falls due, counted in working days.
 *
 * A working day is a weekday that is not a Korean public holiday. The holidays are the gazette's
 * (월력요항, published each year by the Korea AeroSpace Administration) as packaged by
 * `@hyunbinseo/holidays-kr` for 2018–2027: lunar holidays (설날, 추석, 부처님 오신 날) resolved to
 * their solar dates, substitute holidays (대체공휴일), election days and temporary holidays
 * (임시공휴일, e.g. 2024-10-01) included. A year outside that table is refused rather than silently
 * counted with weekends alone: a due date a week early is worse than a message saying so.
 */

import * as gazette from '@hyunbinseo/holidays-kr/all';
import { type Period, periodEndMonth } from './period.js';

/** Working days after a period ends by which its report is due, unless a plan says otherwise. */
export const DEFAULT_REPORT_DUE_WORKING_DAYS = 7;

/** The first and last years the holiday table covers. */
export const HOLIDAY_YEARS = { first: 2018, last: 2027 } as const;

const HOLIDAYS: ReadonlySet<string> = new Set(
  Object.values(gazette as Record<string, Record<string, readonly string[]>>).flatMap((year) =>
    Object.keys(year),
  ),
);

/** A date of a year the holiday table does not cover. */
export class HolidaysUnknown extends Error {
  constructor(readonly year: number) {
    super(`Korean public holidays are known for ${HOLIDAY_YEARS.first}–${HOLIDAY_YEARS.last}, not ${year}`);
  }
}

function dayOf(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function isoOf(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** Whether a date is a Korean public holiday (substitute and temporary ones included). `2024-09-17` (추석) → true. */
export function isKoreanHoliday(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  if (year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last) throw new HolidaysUnknown(year);
  return HOLIDAYS.has(iso);
}

/** Monday to Friday. */
function isWeekday(iso: string): boolean {
  const weekday = dayOf(iso).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether a date is a working day: a weekday and not a public holiday. Saturday `2024-09-14` → false. */
export function isWorkingDay(iso: string): boolean {
  return isWeekday(iso) && !isKoreanHoliday(iso);
}

/**
 * The date `count` working days after a date (the date itself not counted; a negative count goes
 * back). Friday 2024-09-13 plus 1 → Thursday 2024-09-19 (the weekend, then 추석 16–18 September).
 */
export function addWorkingDays(iso: string, count: number): string {
  const step = count < 0 ? -1 : 1;
  const day = dayOf(iso);
  for (let left = Math.abs(count); left > 0; ) {
    day.setUTCDate(day.getUTCDate() + step);
    if (isWorkingDay(isoOf(day))) left -= 1;
  }
  return isoOf(day);
}

/** Working days from one date to a later one (the first not counted, the last counted): 0 for the same day. */
export function workingDaysBetween(from: string, to: string): number {
  return daysCounted(from, to, isWorkingDay);
}

/**
 * Working days between two dates as far as they are known: by the holiday table where it reaches,
 * and past it weekends alone (as `earliestReportDueOn`), so a count that spans the table's end is at
 * least the true one (an unknown holiday counts as a working day). `2027-12-31` → `2028-01-12`: 8
 * (2028's holidays not yet in the table).
 */
export function knownWorkingDaysBetween(from: string, to: string): number {
  return daysCounted(from, to, (iso) => {
    const year = Number(iso.slice(0, 4));
    if (year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last) return isWeekday(iso);
    return isWorkingDay(iso);
  });
}

function daysCounted(from: string, to: string, counts: (iso: string) => boolean): number {
  if (to < from) return -daysCounted(to, from, counts);
  let count = 0;
  const day = dayOf(from);
  while (isoOf(day) < to) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (counts(isoOf(day))) count += 1;
  }
  return count;
}

/** The last day of a period: `2024-Q3` → `2024-09-30`. */
export function periodLastDay(period: Period): string {
  return isoOf(new Date(Date.UTC(period.year, periodEndMonth(period), 0)));
}

/**
 * The date a period's report is due: `workingDays` working days after its last day.
 * `2024-08` with 7 → 2024-09-10; `2024-Q3` with 7 → 2024-10-14 (10-01 임시공휴일, 10-03 개천절 and
 * 10-09 한글날 skipped with the weekends).
 */
export function reportDueOn(period: Period, workingDays: number = DEFAULT_REPORT_DUE_WORKING_DAYS): string {
  return addWorkingDays(periodLastDay(period), workingDays);
}

/**
 * Past the holiday table's last year: the due date counting weekends alone, the earliest it can be
 * (a holiday only moves it later). The inbox and the reminders use it rather than drop a report
 * (the server warns at start when the table ends before next year: update @hyunbinseo/holidays-kr).
 */
export function earliestReportDueOn(
  period: Period,
  workingDays: number = DEFAULT_REPORT_DUE_WORKING_DAYS,
): string {
  const day = dayOf(periodLastDay(period));
  for (let left = workingDays; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWeekday(isoOf(day))) left -= 1;
  }
  return isoOf(day);
}

/**
 * The due date of a period's report wherever it is shown or acted on (the report screen, the overdue
 * list, the inbox, the reminders), by the plan's calendar: `reportDueOn`, and past the holiday table
 * `earliestReportDueOn` rather than no date at all. `2024-Q3` with 7 → 2024-10-14; `2027-12` with 7 →
 * 2028-01-11 (2028's holidays are not in the table yet: weekends alone).
 */
export function reportDueDate(period: Period, workingDays: number): string {
  try {
    return reportDueOn(period, workingDays);
  } catch (error) {
    if (!(error instanceof HolidaysUnknown)) throw error;
    return earliestReportDueOn(period, workingDays);
  }
}

/** Where a period's report stands on a day, before it is reported. */
export type ReportTiming = 'not_ended' | 'open' | 'due_soon' | 'overdue';

/** Working days before the due date at which a reminder goes out. */
export const REMINDER_WORKING_DAYS = 2;

/**
 * A period's timing on a day: `not_ended` until its last day has passed; `due_soon` from
 * REMINDER_WORKING_DAYS working days before its due date to the due date itself; `overdue` after it;
 * `open` in between. Due 2024-09-10 (Tuesday): 2024-09-06 (Friday) → due_soon, 2024-09-11 → overdue.
 */
export function reportTiming(period: Period, today: string, workingDays?: number): ReportTiming {
  if (today <= periodLastDay(period)) return 'not_ended';
  const due = reportDueOn(period, workingDays);
  if (today > due) return 'overdue';
  return workingDaysBetween(today, due) <= REMINDER_WORKING_DAYS ? 'due_soon' : 'open';
}
