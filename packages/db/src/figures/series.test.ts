import { describe, expect, it } from 'vitest';
import { decodeSeries, encodeSeries } from './series.js';

describe('a stored series', () => {
  it('reads back as the series written, numbers exactly', () => {
    const series = [
      { period: '2024-Q1', value: 0.1 + 0.2, actualToDate: 1 / 3, targetToDate: 1e-300, forecast: null },
      { period: '2024-Q2', value: null, actualToDate: null, targetToDate: 2_929_192.5, forecast: -7 },
    ];
    expect(decodeSeries(encodeSeries(series))).toEqual(series);
  });

  it('is written as arrays, not objects: a third of the size', () => {
    expect(
      encodeSeries([{ period: '2024', value: 1, actualToDate: 1, targetToDate: 2, forecast: null }]),
    ).toBe('[["2024",1,1,2,null]]');
  });
});
