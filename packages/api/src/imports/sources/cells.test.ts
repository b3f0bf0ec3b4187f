import { describe, expect, it } from 'vitest';
import { sourceCell } from './cells.js';

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
