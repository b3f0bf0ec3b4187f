/**
 * The ambition check's reading of a series: which years count as a year's actual in the trend.
 */

import { describe, expect, it } from 'vitest';
import { judge, pastOf, sectorShares } from './ambition.js';
import { seriesOf } from './series.js';
import { row } from './year-rows.testing.js';

describe('the ambition check of a series', () => {
  // The next year's plan is drafted while this year runs: a sum indicator's figures as of June are
  // half a year's total, not the year's actual. 100, 110 and 60 by June (on pace for 120).
  const series = seriesOf([
    row(2022, { actual_to_date: 100 }),
    row(2023, { actual_to_date: 110 }),
    row(2024, { actual_to_date: 60, month: 6, last_period: '2024-06' }),
  ]);

  it('does not take a sum indicator’s year to date, before December, as the year’s actual', () => {
    const [only] = series;
    if (!only) throw new Error('one series');
    // 125 is within 5 % of any honest trend (120 from 2022–2023; 130 through a full 2024); through
    // the half year the line falls to 50 and 125 reads as "above the best year on record".
    expect(judge(only, 2025, 125).label).toBe('on_trend');
  });

  it('keeps a level indicator’s latest value before December (it is the year as it stands)', () => {
    const [level] = seriesOf([
      row(2023, { aggregation: 'last', actual_to_date: 40 }),
      row(2024, { aggregation: 'last', actual_to_date: 45, month: 6 }),
    ]);
    if (!level) throw new Error('one series');
    expect(pastOf(level, 2025).map((p) => p.year)).toEqual([2023, 2024]);
  });
});

describe('sectorShares', () => {
  // The years tests only ever see a share of 0: a stub that never counted a stretch would pass them.
  it('counts stretch and above-the-best targets among those with a trend, sector by sector', () => {
    const [series] = seriesOf([row(2022, { actual_to_date: 100 }), row(2023, { actual_to_date: 110 })]);
    if (!series) throw new Error('one series');
    const judged = [
      judge(series, 2024, 130), // above the best year (trend 120, best 110)
      { ...judge(series, 2024, 90), code: 'CUL-02' }, // below trend
      { ...judge(series, 2024, 119), code: 'CUL-03' }, // on trend
      { ...judge({ ...series, years: [] }, 2024, 1), code: 'ECO-01', sectorCode: 'ECO' }, // no trend
    ];
    expect(judged.map((t) => t.label)).toEqual(['above_best', 'below_trend', 'on_trend', 'no_trend']);
    expect(sectorShares(judged)).toEqual([
      {
        sectorCode: 'CUL',
        judged: 3,
        stretch: 1,
        share: 1 / 3,
        labels: { below_trend: 1, on_trend: 1, stretch: 0, above_best: 1, no_trend: 0 },
      },
      {
        sectorCode: 'ECO',
        judged: 0,
        stretch: 0,
        share: null,
        labels: { below_trend: 0, on_trend: 0, stretch: 0, above_best: 0, no_trend: 1 },
      },
    ]);
  });
});
