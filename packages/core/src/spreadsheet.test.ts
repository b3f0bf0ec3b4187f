import { describe, expect, it } from 'vitest';
import { neutralizeCell } from './spreadsheet.js';

describe('neutralizeCell', () => {
  it.each([
    ['a formula', '=1+1', "'=1+1"],
    ['a plus sign', '+82-51-888-1234', "'+82-51-888-1234"],
    ['a minus sign in text', '-HYPERLINK("http://x")', '\'-HYPERLINK("http://x")'],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading carriage return', '\r=1', "'\r=1"],
    ['plain Korean text', '외국인 관광객 수', '외국인 관광객 수'],
    ['an equals sign later on', 'a=b', 'a=b'],
    ['an empty string', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it('leaves numbers and missing values alone', () => {
    expect(neutralizeCell(-5)).toBe(-5);
    expect(neutralizeCell(0.25)).toBe(0.25);
    expect(neutralizeCell(null)).toBeNull();
  });
});
