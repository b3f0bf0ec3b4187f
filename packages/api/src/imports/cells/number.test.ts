import { describe, expect, it } from 'vitest';
import { readNumberText, readTypedNumber } from './number.js';

describe('a number written as people write it is read in the indicator’s unit', () => {
  it.each([
    ['1234', 'count', 1234],
    ['32,450', 'people', 32450],
    ['1,234,567.5', 'krw_100m', 1234567.5],
    [' 12.5 ', 'score', 12.5],
    ['.5', 'score', 0.5],
    ['+7', 'cases', 7],
    ['-3', 'score', -3],
    ['１２３', 'count', 123],
    ['３２，４５０', 'people', 32450],
    ['43건', 'cases', 43],
    ['43 건', 'cases', 43],
    ['32,450명', 'people', 32450],
    ['94.9%', 'percent', 94.9],
    ['94.9 ％', 'percent', 94.9],
    ['120억원', 'krw_100m', 120],
    ['120 억 원', 'krw_100m', 120],
    ['3위', 'rank', 3],
    ['12.5MW', 'mw', 12.5],
    ['1,200 households', 'households', 1200],
    ['△0', 'cases', 0],
    ['12 345', 'count', 12345],
    ['1 234 567.5', 'krw_100m', 1234567.5],
    ['- 3', 'score', -3],
    // A decimal is meant where the unit has decimals, and a leading zero groups no thousands.
    ['1.000', 'score', 1],
    ['0.125', 'count', 0.125],
  ])('%s on a %s indicator is %d', (text, unit, expected) => {
    expect(readNumberText(text, { unit })).toEqual({ kind: 'value', value: expected });
  });
});

describe('a number that can be read two ways, or that Excel changed, is refused with the fix', () => {
  it.each([
    ['1,5', 'score', 'unclear_separator'],
    ['1,23', 'score', 'unclear_separator'],
    ['1.234,5', 'score', 'unclear_separator'],
    ['1.234.567', 'count', 'unclear_separator'],
    ['12,34,567', 'count', 'unclear_separator'],
    ['1.23457E+11', 'count', 'excel_lost_digits'],
    ['1E+12', 'count', 'excel_lost_digits'],
    ['2.5e-3', 'score', 'excel_lost_digits'],
    ['1234567890123456', 'count', 'too_many_digits'],
    ['#DIV/0!', 'percent', 'excel_error'],
    ['#N/A', 'count', 'excel_error'],
    ['########', 'count', 'excel_column_too_narrow'],
    ['abc', 'count', 'not_a_number'],
    ['약 40', 'count', 'not_a_number'],
    ['43¹', 'cases', 'marked_digit'],
    ['①', 'count', 'marked_digit'],
    ['²', 'count', 'marked_digit'],
    ['12 34', 'count', 'unclear_separator'],
    ['1 2 3', 'count', 'unclear_separator'],
    ['1 234 5', 'count', 'unclear_separator'],
    ['1.000', 'people', 'dot_thousands'],
    ['32.450명', 'people', 'dot_thousands'],
    ['△1.000', 'cases', 'dot_thousands'],
  ])('%s on a %s indicator is refused as %s', (text, unit, code) => {
    expect(readNumberText(text, { unit })).toMatchObject({ kind: 'problem', code });
  });
});

describe('a unit word is read only when it is the indicator’s unit', () => {
  it.each([
    ['43명', 'cases', '명'],
    ['94.9%', 'people', '%'],
    ['3만명', 'people', '만명'],
    ['12개', 'percent', '개'],
    ['40 이상', 'count', '이상'],
    ['12%', '', '%'],
  ])('%s on a %s indicator is refused: %s is not its unit', (text, unit, word) => {
    expect(readNumberText(text, { unit })).toEqual({
      kind: 'problem',
      code: 'unit_word_mismatch',
      params: { value: text, word, unit },
    });
  });
});

describe('△ and ▲ are minus signs, and the refusal says so where a unit cannot be negative', () => {
  it.each([
    ['△3', 'cases', '△', -3],
    ['▲1,200', 'people', '▲', -1200],
    ['△ 5%', 'percent', '△', -5],
    ['△1', 'rank', '△', -1],
  ])('%s on a %s indicator: %s read as minus gives %d, refused', (text, unit, sign, number) => {
    expect(readNumberText(text, { unit })).toEqual({
      kind: 'problem',
      code: 'minus_sign_below_zero',
      params: { value: text, sign, number, unit },
    });
  });
});

describe('an empty cell or a placeholder is not reported, never an error', () => {
  it.each([
    ['', null],
    [' ', null],
    ['\u200b', null],
    ['-', '-'],
    ['–', '–'],
    ['—', '—'],
    ['N/A', 'N/A'],
    ['n/a', 'n/a'],
    ['해당없음', '해당없음'],
    ['해당 없음', '해당 없음'],
    ['미집계', '미집계'],
    ['자료없음', '자료없음'],
    ['－', '-'],
    ['ㅡ', 'ᅳ'],
    ['…', '...'],
    ['·', '·'],
    ['N.A.', 'N.A.'],
    ['x', 'x'],
    ['X', 'X'],
    ['집계중', '집계중'],
    ['집계 중', '집계 중'],
    ['미보고', '미보고'],
  ])('%j is a blank (placeholder %j)', (text, placeholder) => {
    expect(readNumberText(text, { unit: 'count' })).toEqual({ kind: 'blank', placeholder });
  });

  it('없음 is not a placeholder: it may mean zero, so it is refused rather than dropped', () => {
    expect(readNumberText('없음', { unit: 'count' })).toMatchObject({
      kind: 'problem',
      code: 'not_a_number',
    });
  });
});

describe('a number cell (xlsx) is its value; a percentage cell is its percentage', () => {
  it.each([
    [{ value: 32450, percent: false }, 'people', 32450],
    [{ value: 0.949, percent: true }, 'percent', 94.9],
    [{ value: 0.0725, percent: true }, 'percent', 7.25],
    [{ value: 1, percent: true }, 'percent', 100],
    [{ value: 94.9, percent: false }, 'percent', 94.9],
  ])('%j on a %s indicator is %d', (typed, unit, expected) => {
    expect(readTypedNumber(typed, { unit })).toEqual({ kind: 'value', value: expected });
  });

  it('a percentage cell on an indicator in people is refused, saying the sheet and indicator disagree', () => {
    expect(readTypedNumber({ value: 0.949, percent: true }, { unit: 'people' })).toEqual({
      kind: 'problem',
      code: 'percent_on_non_percent',
      params: { value: '94.9%', unit: 'people' },
    });
  });
});

describe('a number cell whose format writes a unit word', () => {
  it.each([
    [{ value: 32450, percent: false, unitWord: '명' }, 'people', 32450],
    [{ value: 12, percent: false, unitWord: '억원' }, 'krw_100m', 12],
  ])('%j on a %s indicator: the word is its unit, the number is read', (typed, unit, expected) => {
    expect(readTypedNumber(typed, { unit })).toEqual({ kind: 'value', value: expected });
  });

  it('a word of another unit is refused as a typed one is', () => {
    expect(readTypedNumber({ value: 3, percent: false, unitWord: '건' }, { unit: 'people' })).toEqual({
      kind: 'problem',
      code: 'unit_word_mismatch',
      params: { value: '3건', word: '건', unit: 'people' },
    });
  });

  // 293 shown as 293만명 is 2,930,000 people to the person who typed it; the cell holds 293.
  it.each([
    [{ value: 293, percent: false, unitWord: '만명' }, 'people', '만', 2_930_000],
    [{ value: 32, percent: false, unitWord: '천명' }, 'people', '천', 32_000],
    [{ value: 5, percent: false, unitWord: '억' }, 'count', '억', 500_000_000],
  ])(
    '%j on a %s indicator is refused: the multiplier %s is not in the value',
    (typed, unit, multiplier, whole) => {
      expect(readTypedNumber(typed, { unit })).toEqual({
        kind: 'problem',
        code: 'format_unit_multiplier',
        params: { value: `${typed.value}${typed.unitWord}`, word: typed.unitWord, multiplier, whole, unit },
      });
    },
  );
});
