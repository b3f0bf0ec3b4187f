import { describe, expect, it } from 'vitest';
import { evaluateIndicator, type IndicatorSpec, indicatorSeries, type Reading } from './indicator.js';
import type { AsOf } from './period.js';
import { DEFAULT_THRESHOLDS } from './status.js';

function spec(overrides: Partial<IndicatorSpec> = {}): IndicatorSpec {
  return {
    direction: 'increase',
    aggregation: 'sum',
    frequency: 'monthly',
    baseline: null,
    annualTarget: 120,
    interimTargets: [],
    thresholds: DEFAULT_THRESHOLDS,
    ...overrides,
  };
}

/** Monthly readings from January: monthly(10, 12) → 2024-01: 10, 2024-02: 12. */
function monthly(...values: number[]): Reading[] {
  return values.map((value, i) => ({ period: `2024-${String(i + 1).padStart(2, '0')}`, value }));
}

const asOf = (month: number): AsOf => ({ year: 2024, month });

interface Case {
  name: string;
  spec: IndicatorSpec;
  readings: Reading[];
  asOf: AsOf;
  expected: {
    actualToDate: number | null;
    targetToDate: number;
    attainment: number | null;
    status: string;
    forecastYearEnd: number | null;
    forecastMeetsTarget: boolean | null;
    runRateNeeded: number | null;
    lastPeriod: string | null;
    periodsDue?: number;
    periodsReported?: number;
  };
}

const cases: Case[] = [
  {
    name: 'sum × increase: 10 a month against 120 a year is exactly on the path',
    spec: spec(),
    readings: monthly(10, 10, 10, 10, 10, 10),
    asOf: asOf(6),
    expected: {
      actualToDate: 60,
      targetToDate: 60,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 120,
      forecastMeetsTarget: true,
      runRateNeeded: 10,
      lastPeriod: '2024-06',
    },
  },
  {
    name: 'sum × decrease: 12 a month against a ceiling of 120 a year is at risk',
    spec: spec({ direction: 'decrease' }),
    readings: monthly(12, 12, 12, 12, 12, 12),
    asOf: asOf(6),
    expected: {
      actualToDate: 72,
      targetToDate: 60,
      attainment: 60 / 72,
      status: 'at_risk',
      forecastYearEnd: 144,
      forecastMeetsTarget: false,
      runRateNeeded: 8,
      lastPeriod: '2024-06',
    },
  },
  {
    name: 'last × increase: a third of the way from 40 towards 46 by June is off track',
    spec: spec({ aggregation: 'last', baseline: 40, annualTarget: 52 }),
    readings: [
      { period: '2024-01', value: 41 },
      { period: '2024-06', value: 44 },
    ],
    asOf: asOf(6),
    expected: {
      actualToDate: 44,
      targetToDate: 46,
      attainment: 4 / 6,
      status: 'off_track',
      forecastYearEnd: 47.6,
      forecastMeetsTarget: false,
      runRateNeeded: 8 / 6,
      lastPeriod: '2024-06',
    },
  },
  {
    name: 'last × decrease, quarterly: rank 27 in Q1 from 29 towards 25 is on the path at June, Q2 unreported; one value holds the level',
    spec: spec({
      aggregation: 'last',
      direction: 'decrease',
      frequency: 'quarterly',
      baseline: 29,
      annualTarget: 25,
    }),
    readings: [{ period: '2024-Q1', value: 27 }],
    asOf: asOf(6),
    expected: {
      actualToDate: 27,
      targetToDate: 27,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 27,
      forecastMeetsTarget: false,
      runRateNeeded: -1,
      lastPeriod: '2024-Q1',
      periodsDue: 2,
      periodsReported: 1,
    },
  },
  {
    name: 'average × increase: a mean of 74.3 against 80 is at risk',
    spec: spec({ aggregation: 'average', annualTarget: 80 }),
    readings: monthly(70, 78, 75),
    asOf: asOf(3),
    expected: {
      actualToDate: 223 / 3,
      targetToDate: 80,
      attainment: 223 / 3 / 80,
      status: 'at_risk',
      forecastYearEnd: 223 / 3,
      forecastMeetsTarget: false,
      runRateNeeded: (80 * 12 - 223) / 9,
      lastPeriod: '2024-03',
    },
  },
  {
    name: 'average × decrease: a mean response of 9 minutes against 8 is at risk',
    spec: spec({ aggregation: 'average', direction: 'decrease', annualTarget: 8 }),
    readings: monthly(8, 10),
    asOf: asOf(2),
    expected: {
      actualToDate: 9,
      targetToDate: 8,
      attainment: 8 / 9,
      status: 'at_risk',
      forecastYearEnd: 9,
      forecastMeetsTarget: false,
      runRateNeeded: (8 * 12 - 18) / 10,
      lastPeriod: '2024-02',
    },
  },
  {
    name: 'no data: nothing reported gives no attainment, no forecast and the whole target still to do',
    spec: spec(),
    readings: [],
    asOf: asOf(6),
    expected: {
      actualToDate: null,
      targetToDate: 60,
      attainment: null,
      status: 'no_data',
      forecastYearEnd: null,
      forecastMeetsTarget: null,
      runRateNeeded: 20,
      lastPeriod: null,
      periodsDue: 6,
      periodsReported: 0,
    },
  },
  {
    name: 'a missing month is not imputed: January and March only',
    spec: spec(),
    readings: [
      { period: '2024-01', value: 10 },
      { period: '2024-03', value: 10 },
    ],
    asOf: asOf(3),
    expected: {
      actualToDate: 20,
      targetToDate: 30,
      attainment: 20 / 30,
      status: 'off_track',
      forecastYearEnd: 110,
      forecastMeetsTarget: false,
      runRateNeeded: 100 / 9,
      lastPeriod: '2024-03',
      periodsDue: 3,
      periodsReported: 2,
    },
  },
  {
    name: 'a zero target is met by any actual of an increase indicator',
    spec: spec({ annualTarget: 0 }),
    readings: monthly(5),
    asOf: asOf(1),
    expected: {
      actualToDate: 5,
      targetToDate: 0,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 60,
      forecastMeetsTarget: true,
      runRateNeeded: 0,
      lastPeriod: '2024-01',
    },
  },
  {
    name: 'a zero ceiling met with zero (decrease) is on track',
    spec: spec({ direction: 'decrease', annualTarget: 0 }),
    readings: monthly(0, 0),
    asOf: asOf(2),
    expected: {
      actualToDate: 0,
      targetToDate: 0,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 0,
      forecastMeetsTarget: true,
      runRateNeeded: 0,
      lastPeriod: '2024-02',
    },
  },
  {
    name: 'a target equal to the baseline, missed by 1 in 50, is on track at 98 %',
    spec: spec({ aggregation: 'last', baseline: 50, annualTarget: 50 }),
    readings: [{ period: '2024-06', value: 49 }],
    asOf: asOf(6),
    expected: {
      actualToDate: 49,
      targetToDate: 50,
      attainment: 0.98,
      status: 'on_track',
      forecastYearEnd: 49,
      forecastMeetsTarget: false,
      runRateNeeded: 1 / 6,
      lastPeriod: '2024-06',
    },
  },
  {
    name: 'quarterly at a monthly as-of: at May only Q1 counts, the early Q2 report waits',
    spec: spec({ frequency: 'quarterly', annualTarget: 400 }),
    readings: [
      { period: '2024-Q1', value: 100 },
      { period: '2024-Q2', value: 90 },
    ],
    asOf: asOf(5),
    expected: {
      actualToDate: 100,
      targetToDate: 100,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 400,
      forecastMeetsTarget: true,
      runRateNeeded: 100,
      lastPeriod: '2024-Q1',
      periodsDue: 1,
      periodsReported: 1,
    },
  },
  {
    name: 'quarterly at June: Q1 and Q2 count, 190 of 200 is on track',
    spec: spec({ frequency: 'quarterly', annualTarget: 400 }),
    readings: [
      { period: '2024-Q1', value: 100 },
      { period: '2024-Q2', value: 90 },
    ],
    asOf: asOf(6),
    expected: {
      actualToDate: 190,
      targetToDate: 200,
      attainment: 0.95,
      status: 'on_track',
      forecastYearEnd: 380,
      forecastMeetsTarget: false,
      runRateNeeded: 105,
      lastPeriod: '2024-Q2',
    },
  },
  {
    name: 'an annual indicator has no data before December',
    spec: spec({ frequency: 'annual', aggregation: 'last', baseline: 10, annualTarget: 12 }),
    readings: [{ period: '2024', value: 11 }],
    asOf: asOf(6),
    expected: {
      actualToDate: null,
      targetToDate: 10,
      attainment: null,
      status: 'no_data',
      forecastYearEnd: null,
      forecastMeetsTarget: null,
      runRateNeeded: 2,
      lastPeriod: null,
    },
  },
  {
    name: 'an annual indicator counts in December: half the gap is off track',
    spec: spec({ frequency: 'annual', aggregation: 'last', baseline: 10, annualTarget: 12 }),
    readings: [{ period: '2024', value: 11 }],
    asOf: asOf(12),
    expected: {
      actualToDate: 11,
      targetToDate: 12,
      attainment: 0.5,
      status: 'off_track',
      forecastYearEnd: 11,
      forecastMeetsTarget: false,
      runRateNeeded: null,
      lastPeriod: '2024',
    },
  },
  {
    name: 'an interim target replaces the pro-rated path once its period has ended (back-loaded year)',
    spec: spec({ interimTargets: [{ period: '2024-Q2', value: 30 }] }),
    readings: monthly(5, 5, 5, 5, 5, 5),
    asOf: asOf(6),
    expected: {
      actualToDate: 30,
      targetToDate: 30,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 60,
      forecastMeetsTarget: false,
      runRateNeeded: 15,
      lastPeriod: '2024-06',
    },
  },
  {
    name: 'before the interim period ends, the path runs straight towards it (back-loaded: 25 by May on the way to 30 by June)',
    spec: spec({ interimTargets: [{ period: '2024-Q2', value: 30 }] }),
    readings: monthly(5, 5, 5, 5, 5),
    asOf: asOf(5),
    expected: {
      actualToDate: 25,
      targetToDate: 25,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 60,
      forecastMeetsTarget: false,
      runRateNeeded: 95 / 7,
      lastPeriod: '2024-05',
    },
  },
  {
    name: 'after the last interim target, the path runs on to the annual target (30 by June, 120 by December → 75 by September)',
    spec: spec({ interimTargets: [{ period: '2024-Q2', value: 30 }] }),
    readings: monthly(5, 5, 5, 5, 5, 5, 15, 15, 15),
    asOf: asOf(9),
    expected: {
      actualToDate: 75,
      targetToDate: 75,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 100,
      forecastMeetsTarget: false,
      runRateNeeded: 15,
      lastPeriod: '2024-09',
    },
  },
  {
    name: 'a decrease sum is compared over the periods reported: two unreported months do not flatter it',
    spec: spec({ direction: 'decrease', annualTarget: 84 }),
    readings: monthly(8, 8, 8, 8),
    asOf: asOf(6),
    expected: {
      actualToDate: 32,
      targetToDate: 28,
      attainment: 28 / 32,
      status: 'at_risk',
      forecastYearEnd: 96,
      forecastMeetsTarget: false,
      runRateNeeded: 52 / 6,
      lastPeriod: '2024-04',
      periodsDue: 6,
      periodsReported: 4,
    },
  },
  {
    name: 'readings of another year and of the wrong frequency never count',
    spec: spec(),
    readings: [
      { period: '2023-12', value: 100 },
      { period: '2024-Q1', value: 100 },
      { period: '2024-01', value: 10 },
    ],
    asOf: asOf(1),
    expected: {
      actualToDate: 10,
      targetToDate: 10,
      attainment: 1,
      status: 'on_track',
      forecastYearEnd: 120,
      forecastMeetsTarget: true,
      runRateNeeded: 10,
      lastPeriod: '2024-01',
    },
  },
  {
    name: 'per-indicator thresholds: 85 % is on track when on track starts at 85 %',
    spec: spec({ thresholds: { onTrack: 0.85, atRisk: 0.6 } }),
    readings: monthly(8.5),
    asOf: asOf(1),
    expected: {
      actualToDate: 8.5,
      targetToDate: 10,
      attainment: 0.85,
      status: 'on_track',
      forecastYearEnd: 102,
      forecastMeetsTarget: false,
      runRateNeeded: 111.5 / 11,
      lastPeriod: '2024-01',
    },
  },
];

describe('evaluateIndicator', () => {
  it.each(cases)('$name', ({ spec: s, readings, asOf: at, expected }) => {
    const figures = evaluateIndicator(s, readings, at);
    for (const [key, value] of Object.entries(expected)) {
      const actual = figures[key as keyof typeof figures];
      if (typeof value === 'number') expect(actual, key).toBeCloseTo(value, 9);
      else expect(actual, key).toBe(value);
    }
  });
});

describe('figures that would overflow', () => {
  it('a sum of huge stored values is no actual and no data, never on track with Infinity', () => {
    const figures = evaluateIndicator(spec(), monthly(1e308, 1e308), asOf(2));
    expect(figures.actualToDate).toBeNull();
    expect(figures.attainment).toBeNull();
    expect(figures.status).toBe('no_data');
  });

  it('an attainment against a target of almost zero that overflows is no attainment, not on track', () => {
    const figures = evaluateIndicator(spec({ annualTarget: 1e-320 }), monthly(5), asOf(12));
    expect(figures.actualToDate).toBe(5);
    expect(figures.attainment).toBeNull();
    expect(figures.status).toBe('no_data');
  });
});

describe('indicatorSeries', () => {
  it('gives actual to date up to the as-of month, the target path all year, and the forecast after', () => {
    const series = indicatorSeries(spec(), monthly(10, 12, 14), asOf(3));
    expect(series).toHaveLength(12);
    expect(series[2]).toEqual({
      period: '2024-03',
      value: 14,
      actualToDate: 36,
      targetToDate: 30,
      forecast: null,
    });
    expect(series[3]).toEqual({
      period: '2024-04',
      value: null,
      actualToDate: null,
      targetToDate: 40,
      forecast: 48,
    });
    expect(series[11]).toEqual({
      period: '2024-12',
      value: null,
      actualToDate: null,
      targetToDate: 120,
      forecast: 144,
    });
  });

  it('follows the straight path of a level and the running value of an average', () => {
    const level = indicatorSeries(
      spec({ aggregation: 'last', baseline: 40, annualTarget: 52 }),
      monthly(41),
      asOf(1),
    );
    expect(level[0]?.targetToDate).toBeCloseTo(41, 9);
    expect(level[11]?.targetToDate).toBeCloseTo(52, 9);
    expect(level[11]?.forecast).toBe(41);
    const trending = indicatorSeries(
      spec({ aggregation: 'last', baseline: 40, annualTarget: 52 }),
      monthly(41, 42),
      asOf(2),
    );
    expect(trending[11]?.forecast).toBeCloseTo(52, 9);
    const average = indicatorSeries(
      spec({ aggregation: 'average', annualTarget: 80 }),
      monthly(70, 90),
      asOf(2),
    );
    expect(average.map((point) => point.actualToDate).slice(0, 3)).toEqual([70, 80, null]);
  });

  it('has one point per quarter for a quarterly indicator', () => {
    const series = indicatorSeries(spec({ frequency: 'quarterly', annualTarget: 400 }), [], asOf(6));
    expect(series.map((point) => point.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(series.map((point) => point.targetToDate)).toEqual([100, 200, 300, 400]);
  });
});

describe('forecasts stay within the unit', () => {
  it('stops a rising percentage at 100 and a falling rank at 1', () => {
    const rate = evaluateIndicator(
      spec({ aggregation: 'last', baseline: 80, annualTarget: 98, range: { min: 0, max: 100 } }),
      monthly(85, 90, 95),
      asOf(3),
    );
    expect(rate.forecastYearEnd).toBe(100);
    const rank = evaluateIndicator(
      spec({
        aggregation: 'last',
        direction: 'decrease',
        frequency: 'quarterly',
        baseline: 30,
        annualTarget: 20,
        range: { min: 1, max: Number.POSITIVE_INFINITY },
      }),
      [
        { period: '2024-Q1', value: 20 },
        { period: '2024-Q2', value: 8 },
      ],
      asOf(6),
    );
    expect(rank.forecastYearEnd).toBe(1);
  });
});
