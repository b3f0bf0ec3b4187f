import { describe, expect, it } from 'vitest';
import { combineRollups, type RolledInput, rollupParts, shownRollup } from './rollup.js';
import { score } from './score.js';

const indicator = (
  weight: number,
  attainment: number | null,
  lastPeriod: string | null,
  reported = 1,
): RolledInput => ({
  weight,
  aggregation: 'sum',
  figures: {
    attainment,
    status: attainment === null ? 'no_data' : attainment >= 1 ? 'on_track' : 'off_track',
    lastPeriod,
    periodsDue: 2,
    periodsReported: reported,
  },
});

describe('roll-ups', () => {
  it('add up score, counts, the latest period and what is not reported', () => {
    const rolled = shownRollup(
      rollupParts([
        indicator(1, 0.5, '2024-02'),
        indicator(3, 1.2, '2024-Q1', 2),
        indicator(2, null, null, 0),
      ]),
    );
    expect(rolled).toEqual({
      score: (0.5 * 1 + 1 * 3) / 4,
      statusCounts: { on_track: 1, at_risk: 0, off_track: 1, no_data: 1 },
      indicatorCount: 3,
      lastPeriod: '2024-Q1',
      unreportedCount: 2,
    });
  });

  it('of groups equal the roll-up of all their indicators, however they are grouped', () => {
    const all = [
      indicator(1, 0.25, '2024-03'),
      indicator(2, 0.75, '2024-Q1'),
      indicator(1, null, null),
      indicator(4, 1.5, '2024-01'),
      indicator(1, 0.9, '2024'),
    ];
    const whole = shownRollup(rollupParts(all));
    for (const cut of [1, 2, 3, 4]) {
      const groups = [rollupParts(all.slice(0, cut)), rollupParts(all.slice(cut))];
      for (const order of [groups, [...groups].reverse()]) {
        const combined = shownRollup(combineRollups(order));
        expect({ ...combined, score: null }).toEqual({ ...whole, score: null });
        expect(combined.score).toBeCloseTo(whole.score as number, 12);
      }
    }
    // December, named by the finest period ending then: the monthly one.
    expect(shownRollup(rollupParts([indicator(1, 1, '2024'), indicator(1, 1, '2024-12')])).lastPeriod).toBe(
      '2024-12',
    );
    expect(
      shownRollup(rollupParts([indicator(1, 1, '2024-03'), indicator(1, 1, '2024-Q1')])).lastPeriod,
    ).toBe('2024-03');
  });

  it('score as core scores: one group is the score itself, to the bit', () => {
    const items = [indicator(1, 0.3, null), indicator(0.7, 0.81, null), indicator(2.2, 1.4, null)];
    expect(shownRollup(rollupParts(items)).score).toBe(
      score(items.map((i) => ({ attainment: i.figures.attainment, weight: i.weight }))),
    );
    expect(shownRollup(combineRollups([])).score).toBeNull();
  });
});
