import { describe, expect, it } from 'vitest';
import { latestMonthOf } from './evaluate.js';

describe('the latest month with a reported value', () => {
  it.each([
    { periods: ['2024-03'], latest: 3 },
    { periods: ['2024-03', '2024-Q2'], latest: 6 },
    { periods: ['2024-11', '2024'], latest: 12 },
    { periods: ['2023-12', '2025-01'], latest: null },
    { periods: ['2024-13', 'Q2'], latest: null },
    { periods: [], latest: null },
  ])('of $periods in 2024 is $latest', ({ periods, latest }) => {
    expect(latestMonthOf(periods, 2024)).toBe(latest);
  });
});
