/**
 * How a stored series is written: one JSON array per period, `[period, value, actualToDate,
 * targetToDate, forecast]`, a third the size of the objects it stands for. Numbers survive the trip
 * exactly (JavaScript writes the shortest text that reads back as the same number); a number JSON
 * cannot carry (NaN, ±Infinity) becomes null, as it did in every answer before figures were stored.
 */

import type { SeriesPoint } from '@tangible/core';

type StoredPoint = [string, number | null, number | null, number, number | null];

export function encodeSeries(series: readonly SeriesPoint[]): string {
  return JSON.stringify(
    series.map((p): StoredPoint => [p.period, p.value, p.actualToDate, p.targetToDate, p.forecast]),
  );
}

export function decodeSeries(text: string): SeriesPoint[] {
  return (JSON.parse(text) as StoredPoint[]).map(([period, value, actualToDate, targetToDate, forecast]) => ({
    period,
    value,
    actualToDate,
    targetToDate,
    forecast,
  }));
}
