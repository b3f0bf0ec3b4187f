import { describe, expect, it } from 'vitest';
import { cellPosition, columnLetter } from './source.js';

describe('positions as a person finds them', () => {
  it.each([
    [0, 'A'],
    [3, 'D'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });

  it.each([
    ['실적', 14, 3, '실적!D14'],
    [null, 2, 0, 'A2'],
    ['2024 실적', 5, 1, "'2024 실적'!B5"],
  ] as const)('sheet %s row %i column %i is %s', (sheet, row, column, expected) => {
    expect(cellPosition(sheet, row, column)).toBe(expected);
  });
});
