import { type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createCaller } from './root.js';
import { callerAs } from './testing.js';

let db: Db;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  caller = await callerAs(db, 'mayor');
});
afterAll(async () => {
  await db.destroy();
});

describe('indicators.detail: which reported values the as-of month counts', () => {
  it('counts the monthly values up to June and not those reported for later months', async () => {
    const detail = await caller.indicators.detail({ year: 2024, asOf: '2024-06', code: 'CUL-01' });
    const counted = detail.measurements.filter((m) => m.countedAsOf).map((m) => m.period);
    expect(counted).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    const sum = detail.measurements.filter((m) => m.countedAsOf).reduce((total, m) => total + m.value, 0);
    expect(sum).toBe(detail.indicator.figures.actualToDate);
    expect(detail.measurements.some((m) => !m.countedAsOf)).toBe(true);
  });

  it('counts a quarter only once it has ended: Q2 is not counted as of May, counted as of June', async () => {
    const may = await caller.indicators.detail({ year: 2024, asOf: '2024-05', code: 'ECO-01' });
    const june = await caller.indicators.detail({ year: 2024, asOf: '2024-06', code: 'ECO-01' });
    const countedAt = (detail: typeof may) =>
      detail.measurements.filter((m) => m.countedAsOf).map((m) => m.period);
    expect(countedAt(may)).toEqual(['2024-Q1']);
    expect(countedAt(june)).toEqual(['2024-Q1', '2024-Q2']);
    expect(june.indicator.figures.periodsReported).toBe(2);
  });

  it('counts every value at the year end', async () => {
    const detail = await caller.indicators.detail({ year: 2024, asOf: '2024-12', code: 'ADM-01' });
    expect(detail.measurements.every((m) => m.countedAsOf)).toBe(true);
  });
});
