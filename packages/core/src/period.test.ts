import { describe, expect, it } from 'vitest';
import { dateIn, daysBetween, isIsoDate } from './dates.js';
import { asOfDate, completedPeriods, hasEnded, parseAsOf, parsePeriod } from './period.js';

describe('parsePeriod', () => {
  it.each([
    ['2024-03', { year: 2024, frequency: 'monthly', index: 3 }],
    ['2024-Q4', { year: 2024, frequency: 'quarterly', index: 4 }],
    ['2024', { year: 2024, frequency: 'annual', index: 1 }],
    ['2024-13', null],
    ['2024-Q5', null],
    ['2024-3', null],
    ['', null],
  ] as const)('%s', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it('parses as-of months only', () => {
    expect(parseAsOf('2024-06')).toEqual({ year: 2024, month: 6 });
    expect(parseAsOf('2024-Q2')).toBeNull();
  });
});

describe('periods ended by an as-of month', () => {
  it.each([
    ['monthly at May: 5', 'monthly', 5, 5],
    ['quarterly at May: only Q1', 'quarterly', 5, 1],
    ['quarterly at June: Q1 and Q2', 'quarterly', 6, 2],
    ['annual at November: none', 'annual', 11, 0],
    ['annual at December: the year', 'annual', 12, 1],
  ] as const)('%s', (_name, frequency, month, expected) => {
    expect(completedPeriods(frequency, { year: 2024, month })).toBe(expected);
  });

  it('counts a quarter once its last month has passed, and never another year', () => {
    const q2 = parsePeriod('2024-Q2');
    if (!q2) throw new Error('unparsed');
    expect(hasEnded(q2, { year: 2024, month: 5 })).toBe(false);
    expect(hasEnded(q2, { year: 2024, month: 6 })).toBe(true);
    expect(hasEnded(q2, { year: 2025, month: 12 })).toBe(false);
  });
});

describe('dates', () => {
  it('gives the last day of the as-of month, leap years included', () => {
    expect(asOfDate({ year: 2024, month: 2 })).toBe('2024-02-29');
    expect(asOfDate({ year: 2023, month: 2 })).toBe('2023-02-28');
    expect(asOfDate({ year: 2024, month: 12 })).toBe('2024-12-31');
  });

  it('counts days between ISO dates and rejects impossible dates', () => {
    expect(daysBetween('2024-05-31', '2024-06-30')).toBe(30);
    expect(daysBetween('2024-06-30', '2024-06-20')).toBe(-10);
    expect(isIsoDate('2024-02-30')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('dateIn', () => {
  it('gives the date in the city’s time zone, not in UTC', () => {
    expect(dateIn('Asia/Seoul', new Date('2024-04-30T20:00:00Z'))).toBe('2024-05-01');
    expect(dateIn('Asia/Seoul', new Date('2024-04-30T14:59:59Z'))).toBe('2024-04-30');
  });
});
