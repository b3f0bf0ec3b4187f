import { describe, expect, it } from 'vitest';
import { ambitionOf, leastSquaresAt, stretchOverBaseline } from './ambition.js';

const visitors = [
  { year: 2021, value: 1_000_000 },
  { year: 2022, value: 1_400_000 },
  { year: 2023, value: 1_800_000 },
];

describe('leastSquaresAt', () => {
  it.each([
    ['a straight rise carries on', visitors, 2024, 2_200_000],
    ['two points give the line through both', visitors.slice(1), 2024, 2_200_000],
    [
      'an odd middle year moves the line less than the ends',
      [
        { year: 2021, value: 10 },
        { year: 2022, value: 16 },
        { year: 2023, value: 14 },
      ],
      2024,
      52 / 3,
    ],
    [
      'a flat series stays flat',
      [
        { year: 2022, value: 5 },
        { year: 2023, value: 5 },
      ],
      2024,
      5,
    ],
  ])('%s', (_name, points, at, expected) => {
    expect(leastSquaresAt(points, at)).toBeCloseTo(expected, 6);
  });
});

describe('ambitionOf', () => {
  it.each([
    ['a target short of the trend is below trend', 'increase', 2_000_000, visitors, 'below_trend'],
    ['a target within 5 % of the trend is on trend', 'increase', 2_250_000, visitors, 'on_trend'],
    ['4.5 % under the trend is still on trend', 'increase', 2_100_000, visitors, 'on_trend'],
    [
      'a target past the trend and every year is above the best year',
      'increase',
      2_500_000,
      visitors,
      'above_best',
    ],
    [
      'a target past a falling trend but short of the peak is a stretch',
      'increase',
      1_700_000,
      [
        { year: 2021, value: 2_000_000 },
        { year: 2022, value: 1_800_000 },
        { year: 2023, value: 1_600_000 },
      ],
      'stretch',
    ],
    [
      'a lower rank than the trend reaches is a stretch for a decrease indicator',
      'decrease',
      20,
      [
        { year: 2019, value: 18 },
        { year: 2021, value: 31 },
        { year: 2022, value: 29 },
        { year: 2023, value: 27 },
      ],
      'stretch',
    ],
    [
      'a higher rank than the trend reaches is below trend for a decrease indicator',
      'decrease',
      30,
      [
        { year: 2021, value: 31 },
        { year: 2022, value: 29 },
        { year: 2023, value: 27 },
      ],
      'below_trend',
    ],
    [
      'a rank better than ever is above the best year for a decrease indicator',
      'decrease',
      15,
      [
        { year: 2021, value: 31 },
        { year: 2022, value: 29 },
        { year: 2023, value: 27 },
      ],
      'above_best',
    ],
    [
      'one past year is no trend, not a guess',
      'increase',
      3_000_000,
      [{ year: 2023, value: 1_820_057 }],
      'no_trend',
    ],
    ['no past year is no trend', 'increase', 10, [], 'no_trend'],
    [
      'years older than three before the target make no trend',
      'increase',
      10,
      [
        { year: 2018, value: 5 },
        { year: 2019, value: 6 },
        { year: 2023, value: 8 },
      ],
      'no_trend',
    ],
  ] as const)('%s', (_name, direction, target, past, expected) => {
    expect(ambitionOf({ year: 2024, target, direction, past }).label).toBe(expected);
  });

  it('fits the last three years only and says which', () => {
    const ambition = ambitionOf({
      year: 2024,
      target: 20,
      direction: 'increase',
      past: [{ year: 2019, value: 100 }, ...visitors.map((p) => ({ ...p, value: p.value / 100_000 }))],
    });
    expect(ambition.trendYears).toEqual([2021, 2022, 2023]);
    expect(ambition.projection).toBeCloseTo(22, 6);
    expect(ambition.stretchOverTrend).toBeCloseTo(-2 / 22, 6);
    // The best year on record looks further back than the trend does.
    expect(ambition.best).toEqual({ year: 2019, value: 100 });
  });

  it('ignores the target year and later ones', () => {
    const ambition = ambitionOf({
      year: 2023,
      target: 2_200_000,
      direction: 'increase',
      past: [...visitors, { year: 2024, value: 9_000_000 }],
    });
    expect(ambition.trendYears).toEqual([2021, 2022]);
    expect(ambition.projection).toBeCloseTo(1_800_000, 6);
  });

  it('measures a stretch over a zero projection against the years’ size, not as infinite', () => {
    const ambition = ambitionOf({
      year: 2024,
      target: 1,
      direction: 'increase',
      past: [
        { year: 2022, value: 2 },
        { year: 2023, value: 1 },
      ],
    });
    expect(ambition.projection).toBeCloseTo(0, 9);
    expect(ambition.stretchOverTrend).toBeCloseTo(1 / 1.5, 6);
  });
});

describe('stretchOverBaseline', () => {
  it.each([
    ['a higher target over its baseline', 50, 40, 'increase', 0.25],
    ['a lower target for a decrease indicator', 30, 40, 'decrease', 0.25],
    ['a target below its baseline asks for less', 30, 40, 'increase', -0.25],
    ['no baseline, no share', 30, null, 'increase', null],
    ['a zero baseline, no share', 30, 0, 'increase', null],
  ] as const)('%s', (_name, target, baseline, direction, expected) => {
    const stretch = stretchOverBaseline(target, baseline, direction);
    if (expected === null) expect(stretch).toBeNull();
    else expect(stretch).toBeCloseTo(expected, 9);
  });
});

describe('ambitionOf at its edges (review of the years branch)', () => {
  it('a target exactly 5 % over the trend is on trend, as "within 5 %" says', () => {
    // (2022, 12), (2023, 14): the trend reaches 16; 16.8 is 5 % over it (0.8 / 16 in binary is 0.05000000000000004).
    const ambition = ambitionOf({
      year: 2024,
      target: 16.8,
      direction: 'increase',
      past: [
        { year: 2022, value: 12 },
        { year: 2023, value: 14 },
      ],
    });
    expect(ambition.label).toBe('on_trend');
  });

  it('a target of zero for a falling count whose line runs below zero is not below trend', () => {
    // Deaths 40, 20, 5: the straight line reaches −13 in 2024, a count no city can reach. Zero is the
    // best a target can ask, better than every year on record; it must not read as asking for less.
    const ambition = ambitionOf({
      year: 2024,
      target: 0,
      direction: 'decrease',
      past: [
        { year: 2021, value: 40 },
        { year: 2022, value: 20 },
        { year: 2023, value: 5 },
      ],
    });
    expect(ambition.label).not.toBe('below_trend');
  });
});
