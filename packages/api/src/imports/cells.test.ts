import { describe, expect, it } from 'vitest';
import { matchIndicatorName, readNumber, readPeriod } from './cells.js';
import type { SourceCell } from './source.js';

const plan = { planYear: 2024 };
const number = (value: number, percent = false): SourceCell => ({
  text: String(value),
  typed: { kind: 'number', value, percent },
});
const date = (year: number, month: number, day: number): SourceCell => ({
  text: `${year}-${month}-${day}`,
  typed: { kind: 'date', year, month, day },
});

describe('a typed cell in a period column is read for what it is', () => {
  it.each([
    ['a date cell on a monthly indicator is its month', date(2024, 3, 1), 'monthly', '2024-03'],
    ['a date cell on a quarterly indicator is its quarter', date(2024, 5, 31), 'quarterly', '2024-Q2'],
    ['a date cell on an annual indicator is its year', date(2024, 12, 31), 'annual', '2024'],
    ['a date cell with no frequency known is its month', date(2024, 11, 15), undefined, '2024-11'],
    ['the number 2024 is the year', number(2024), 'annual', '2024'],
    ['the number 202403 is March', number(202403), 'monthly', '2024-03'],
    ['the number 2024.03 is March (two digits kept)', number(2024.03), 'monthly', '2024-03'],
    ['the number 2024.11 is November', number(2024.11), 'monthly', '2024-11'],
    ['the number 45352 is the Excel date 2024-03-01', number(45352), 'monthly', '2024-03'],
  ] as const)('%s', (_, cell, frequency, expected) => {
    expect(readPeriod(cell, { ...plan, frequency })).toEqual({ kind: 'value', value: expected });
  });

  it('the number 2024.1 (Excel’s 2024.10) is refused asking for 2024-01 or 2024-10', () => {
    expect(readPeriod(number(Number('2024.10')), { ...plan, frequency: 'monthly' })).toEqual({
      kind: 'problem',
      code: 'ambiguous_period',
      params: { value: '2024.1', first: '2024-01', second: '2024-10' },
    });
  });
});

describe('a typed cell in a value column is read for what it is', () => {
  it('a number cell is its value, whatever its text shows', () => {
    expect(
      readNumber(
        { text: '1.23457E+11', typed: { kind: 'number', value: 123456789012, percent: false } },
        { unit: 'count' },
      ),
    ).toEqual({ kind: 'value', value: 123456789012 });
  });

  it('a percentage cell on a percent indicator is its percentage', () => {
    expect(readNumber(number(0.949, true), { unit: 'percent' })).toEqual({ kind: 'value', value: 94.9 });
  });

  it('a date cell in a value column is not a number', () => {
    expect(readNumber(date(2024, 3, 1), { unit: 'count' })).toMatchObject({
      kind: 'problem',
      code: 'not_a_number',
    });
  });

  it('text is read by its spelling: 32,450명 in people', () => {
    expect(readNumber({ text: '32,450명' }, { unit: 'people' })).toEqual({ kind: 'value', value: 32450 });
  });
});

describe('names keep their entry point', () => {
  it('matchIndicatorName matches after normalisation', () => {
    const indicators = [{ code: 'ECO-14', name_ko: '청년 고용률', name_en: 'Youth employment rate' }];
    expect(matchIndicatorName('청년고용률', indicators)).toEqual({ kind: 'match', code: 'ECO-14' });
  });
});
