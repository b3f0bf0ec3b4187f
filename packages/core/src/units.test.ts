import { describe, expect, it } from 'vitest';
import { valueProblem } from './units.js';

describe('valueProblem', () => {
  it.each([
    ['a whole count is fine', 'companies', 12, null],
    ['a count of zero is fine', 'people', 0, null],
    ['half a company is not a count', 'companies', 12.5, 'not_whole'],
    ['a negative count is refused', 'cases', -1, 'below_zero'],
    ['a percentage of 100 is fine', 'percent', 100, null],
    ['a percentage of 100.1 is refused', 'percent', 100.1, 'above_hundred'],
    ['a negative percentage is refused', 'percent', -0.5, 'below_zero'],
    ['a rank of 1 is fine', 'rank', 1, null],
    ['a rank of 0 is refused', 'rank', 0, 'below_one'],
    ['a rank of 2.5 is refused', 'rank', 2.5, 'not_whole'],
    ['an amount may have decimals', 'krw_100m', 1234.5, null],
    ['a negative amount is refused', 'usd_million', -3, 'below_zero'],
    ['infinity is not a number', 'score', Number.POSITIVE_INFINITY, 'not_a_number'],
    ['NaN is not a number', 'minutes', Number.NaN, 'not_a_number'],
    ['ten billion people is the most a count of people holds', 'people', 1e10, null],
    ['more people than ten billion is refused', 'people', 1e10 + 1, 'above_maximum'],
    ['a value typed in won instead of 100 million won is refused', 'krw_100m', 5e12, 'above_maximum'],
    ['10^308 tonnes is refused before any sum overflows', 'tonnes', 1e308, 'above_maximum'],
    ['a rank of a million is the largest', 'rank', 1e6, null],
  ] as const)('%s', (_name, unit, value, expected) => {
    expect(valueProblem(unit, value)).toBe(expected);
  });
});
