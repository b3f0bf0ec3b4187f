import { describe, expect, it } from 'vitest';
import { parsePeriod } from './period.js';
import {
  addWorkingDays,
  HolidaysUnknown,
  isWorkingDay,
  knownWorkingDaysBetween,
  reportDueDate,
  reportDueOn,
  reportTiming,
  workingDaysBetween,
} from './reporting-calendar.js';

const period = (text: string) => {
  const parsed = parsePeriod(text);
  if (!parsed) throw new Error(text);
  return parsed;
};

describe('isWorkingDay', () => {
  it.each([
    ['2024-09-13', true, 'the Friday before Chuseok'],
    ['2024-09-14', false, 'a Saturday'],
    ['2024-09-17', false, 'Chuseok itself (a lunar holiday)'],
    ['2024-02-12', false, "the substitute for Seollal's day falling on a Saturday"],
    ['2024-05-06', false, "the substitute for Children's Day on a Sunday"],
    ['2024-10-01', false, 'the temporary holiday of Armed Forces Day 2024'],
    ['2024-04-10', false, 'the National Assembly election'],
    ['2025-10-08', false, 'the substitute for Chuseok 2025 (Chuseok on a Sunday)'],
    ['2025-06-03', false, 'the presidential election of 2025'],
    ['2027-12-27', false, 'the substitute for Christmas 2027'],
    ['2024-05-01', true, "Workers' Day 2024 (not a public holiday that year)"],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('refuses a year the holiday table does not cover rather than counting weekends alone', () => {
    expect(() => isWorkingDay('2028-01-03')).toThrow(HolidaysUnknown);
  });
});

describe('knownWorkingDaysBetween', () => {
  it('counts as workingDaysBetween inside the holiday table', () => {
    expect(knownWorkingDaysBetween('2024-09-13', '2024-09-19')).toBe(1);
    expect(knownWorkingDaysBetween('2024-09-19', '2024-09-13')).toBe(-1);
  });

  it('counts weekdays past the table, where workingDaysBetween refuses', () => {
    expect(() => workingDaysBetween('2027-12-31', '2028-01-12')).toThrow(HolidaysUnknown);
    // 3–7 and 10–12 January 2028.
    expect(knownWorkingDaysBetween('2027-12-31', '2028-01-12')).toBe(8);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it.each([
    ['2024-09-13', 1, '2024-09-19', 'over the weekend and Chuseok'],
    ['2024-09-19', -1, '2024-09-13', 'back over them'],
    ['2024-02-08', 1, '2024-02-13', 'over Seollal and its substitute'],
    ['2024-03-04', 0, '2024-03-04', 'zero days'],
  ])('%s plus %i working days is %s (%s)', (from, count, expected) => {
    expect(addWorkingDays(from, count)).toBe(expected);
    expect(workingDaysBetween(from, expected)).toBe(count);
  });
});

describe('reportDueOn', () => {
  it.each([
    ['2024-08', 7, '2024-09-10', 'a month ending on a Saturday'],
    ['2024-01', 7, '2024-02-13', 'Seollal and its substitute holiday skipped'],
    ['2024-03', 7, '2024-04-09', 'the day before the election'],
    ['2024-04', 7, '2024-05-10', "Children's Day's substitute skipped"],
    ['2024-Q3', 7, '2024-10-14', 'the temporary holiday, National Foundation Day and Hangul Day skipped'],
    ['2025-Q3', 7, '2025-10-16', 'Chuseok 2025 with its substitute and Hangul Day skipped'],
    ['2024', 7, '2025-01-10', "New Year's Day skipped, into the next year"],
    ['2024-08', 3, '2024-09-04', 'a plan asking for three working days'],
  ])('%s with %i working days is due %s (%s)', (text, days, due) => {
    expect(reportDueOn(period(text), days)).toBe(due);
  });
});

describe('reportDueDate', () => {
  it.each([
    ['2024-Q3', 7, '2024-10-14', 'the gazette calendar inside the holiday table'],
    ['2027-12', 7, '2028-01-11', 'weekends alone past the holiday table, the earliest it can be'],
  ])('%s with %i working days is due %s (%s)', (text, days, due) => {
    expect(reportDueDate(period(text), days)).toBe(due);
  });
});

describe('reportTiming', () => {
  it.each([
    ['2024-08-31', 'not_ended', 'on its last day'],
    ['2024-09-02', 'open', 'six working days before it is due'],
    ['2024-09-05', 'open', 'three working days before'],
    ['2024-09-06', 'due_soon', 'two working days before (Friday; Monday and Tuesday left)'],
    ['2024-09-10', 'due_soon', 'on the due date'],
    ['2024-09-11', 'overdue', 'the day after'],
  ])('2024-08 (due 2024-09-10) on %s is %s (%s)', (today, expected) => {
    expect(reportTiming(period('2024-08'), today, 7)).toBe(expected);
  });
});
