/**
 * A digest spanning December and January: the latest stored figure of an indicator is the one of
 * the latest year and month, so the digest names January 2025 (and its status), not December 2024.
 */

import { describe, expect, it } from 'vitest';
import { latestFigures } from './digest.js';

const row = (code: string, year: number, month: number, status: string) => ({ code, year, month, status });

describe('the digest picks the latest figure of each indicator', () => {
  it.each([
    {
      name: 'January of the next year comes after December',
      rows: [row('ADM-01', 2024, 12, 'on_track'), row('ADM-01', 2025, 1, 'off_track')],
      latest: [row('ADM-01', 2025, 1, 'off_track')],
    },
    {
      name: 'December does not displace a January read before it',
      rows: [row('ADM-01', 2025, 1, 'off_track'), row('ADM-01', 2024, 12, 'on_track')],
      latest: [row('ADM-01', 2025, 1, 'off_track')],
    },
    {
      name: 'within one year the later month wins',
      rows: [row('ECO-02', 2024, 11, 'off_track'), row('ECO-02', 2024, 3, 'on_track')],
      latest: [row('ECO-02', 2024, 11, 'off_track')],
    },
    {
      name: 'each indicator keeps its own latest figure',
      rows: [row('A', 2024, 12, 'at_risk'), row('B', 2025, 2, 'off_track'), row('A', 2025, 1, 'on_track')],
      latest: [row('A', 2025, 1, 'on_track'), row('B', 2025, 2, 'off_track')],
    },
  ])('$name', ({ rows, latest }) => {
    expect(latestFigures(rows)).toEqual(latest);
  });
});
