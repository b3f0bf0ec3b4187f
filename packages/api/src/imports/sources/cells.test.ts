import { describe, expect, it } from 'vitest';
import { dateText, sourceCell } from './cells.js';

describe('a number format that writes a word after the number', () => {
  it.each([
    ['0"만명"', '만명'],
    ['#,##0"천명"', '천명'],
    ['#,##0"명";[Red]-#,##0"명"', '명'],
    ['#,##0 "억원"', '억원'],
    ['0\\건', '건'],
  ])('%s keeps its word (%s) with the typed number', (format, word) => {
    expect(sourceCell(293, format, false).typed).toEqual({
      kind: 'number',
      value: 293,
      percent: false,
      unitWord: word,
    });
  });

  it.each(['0', '#,##0.0', 'General', '[$-412]#,##0'])('%s has none', (format) => {
    expect(sourceCell(293, format, false).typed).toEqual({ kind: 'number', value: 293, percent: false });
  });
});

describe('a date cell’s text: what Excel shows, its typed date kept for reading', () => {
  const october = { year: 2024, month: 10, day: 1 };
  it.each([
    ['yyyy-mm', '2024-10'],
    ['yyyy"년" m"월"', '2024년 10월'],
    ['[$-412]yyyy"년" mm"월"', '2024년 10월'],
    ['yyyy\\.mm', '2024.10'],
    ['yy/mm', '24/10'],
    ['m"월"', '10월'],
    ['yyyy-mm-dd', '2024-10-01'],
    ['yyyy"년" m"월" d"일";@', '2024년 10월 1일'],
    ['[Blue]yyyy-mm', '2024-10'],
  ])('%s shows %s', (format, shown) => {
    expect(dateText(october, format)).toBe(shown);
  });

  // What Excel shows depends on the reader's Excel there (its language's month names, its short
  // date): the ISO form, a month when the format shows no day.
  it.each([
    ['mmm-yy', '2024-10'],
    ['mmmm yyyy', '2024-10'],
    ['d-mmm-yy', '2024-10-01'],
    ['mm-dd-yy', '2024-10-01'],
    ['yyyy-mm-dd hh:mm', '2024-10-01'],
    ['[$-F800]dddd, mmmm dd, yyyy', '2024-10-01'],
    [undefined, '2024-10-01'],
  ])('%s shows the ISO form %s', (format, shown) => {
    expect(dateText(october, format)).toBe(shown);
  });

  it('reads a serial with a month format as its date, shown as the month', () => {
    expect(sourceCell(45566, 'yyyy-mm', false)).toEqual({
      text: '2024-10',
      typed: { kind: 'date', year: 2024, month: 10, day: 1 },
    });
    expect(sourceCell(new Date(Date.UTC(2024, 9, 1)), 'yyyy"년" m"월"', false).text).toBe('2024년 10월');
  });
});
