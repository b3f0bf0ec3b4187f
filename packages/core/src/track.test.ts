import { describe, expect, it } from 'vitest';
import { byAttention, trackFigures } from './track.js';

const m = (planned: string, actual: string | null = null, forecast: string | null = null, weight = 1) => ({
  planned,
  actual,
  forecast,
  weight,
});

describe('a milestone track at an as-of date', () => {
  it('counts done, overdue and slipping, its worst slippage and the next milestone', () => {
    const track = [
      m('2024-02-29', '2024-03-10'), // done late, 10 days
      m('2024-05-31'), // overdue at 06-30: 30 days and counting
      m('2024-09-30', null, '2024-11-30'), // slipping: 61 days
      m('2024-08-31'), // planned
    ];
    expect(trackFigures(track, '2024-06-30', '2024-12-31')).toEqual({
      milestoneCount: 4,
      doneCount: 1,
      overdueCount: 1,
      slippingCount: 1,
      progress: 0.25,
      plannedProgress: 0.5,
      attainment: 0.5,
      maxSlippageDays: 61,
      // Expected dates: 05-31 (overdue, as planned), 11-30, 08-31: the overdue one comes first.
      next: 1,
    });
  });

  it('has no next milestone once all are done, and ties go to the first in plan order', () => {
    expect(trackFigures([m('2024-01-31', '2024-01-20')], '2024-12-31', '2024-12-31').next).toBeNull();
    expect(trackFigures([m('2024-10-31'), m('2024-10-31')], '2024-06-30', '2024-12-31').next).toBe(0);
  });

  it('orders tracks needing attention first', () => {
    const calm = { overdueCount: 0, slippingCount: 0, maxSlippageDays: 0 };
    const late = { overdueCount: 1, slippingCount: 0, maxSlippageDays: 3 };
    const slipping = { overdueCount: 0, slippingCount: 2, maxSlippageDays: 40 };
    expect([calm, slipping, late].sort(byAttention)).toEqual([late, slipping, calm]);
  });
});
