import { describe, expect, it } from 'vitest';
import { proposedTarget, rescaledInterim } from './next-year.js';

describe('proposedTarget (the source stretch on the new baseline)', () => {
  it.each([
    ['increase: 100 → 120 proposes 20 % over a new baseline of 150: 180', 'increase', 100, 120, 150, 180],
    ['increase: rounds like the source target', 'increase', 1820057, 2130000, 2463000, 2882432],
    ['decrease: 40 → 30 proposes a quarter below a new baseline of 36: 27', 'decrease', 40, 30, 36, 27],
    [
      'increase: a source target below its baseline proposes the new baseline, never less',
      'increase',
      100,
      90,
      150,
      150,
    ],
    [
      'decrease: a source target above its baseline proposes the new baseline, never more',
      'decrease',
      30,
      33,
      25,
      25,
    ],
    ['no source baseline: the source target again', 'increase', null, 50000, 63209, 63209],
    [
      'no source baseline, the year short of the target: the source target',
      'increase',
      null,
      50000,
      40000,
      50000,
    ],
    ['a zero source baseline: the source target', 'increase', 0, 10, 4, 10],
    ['one decimal stays one decimal', 'increase', 40, 45.5, 41, 46.6],
    // Rounding never makes a proposal easier than the new baseline: a decimal more where it would.
    ['decrease: 8.2 → 8 on a new baseline of 7.925 proposes 7.7, not 8', 'decrease', 8.2, 8, 7.925, 7.7],
    ['decrease: 5.4 → 5 on a new baseline of 4.9917 proposes 4.6, not 5', 'decrease', 5.4, 5, 4.9917, 4.6],
    [
      'increase: a target at its baseline on a new baseline of 150.4 proposes 150.4, not 150',
      'increase',
      100,
      100,
      150.4,
      150.4,
    ],
  ] as const)('%s', (_name, direction, baseline, target, newBaseline, expected) => {
    expect(proposedTarget(direction, { baseline, target }, newBaseline)).toBe(expected);
  });
});

describe('rescaledInterim (an interim keeps its place in the year)', () => {
  it.each([
    [
      'a sum keeps its share of the total: 20,000 of 50,000 → 32,000 of 80,000',
      'sum',
      20000,
      0,
      50000,
      0,
      80000,
      32000,
    ],
    [
      'a level keeps its place between baseline and target: 6 of 4 → 8 → 7 of 5 → 9',
      'last',
      6,
      4,
      8,
      5,
      9,
      7,
    ],
    ['a level with a flat source (target = baseline) sits at the new target', 'average', 8, 8, 8, 5, 9, 9],
  ] as const)(
    '%s',
    (_name, aggregation, interim, fromBaseline, fromTarget, toBaseline, toTarget, expected) => {
      expect(
        rescaledInterim(
          aggregation,
          interim,
          { baseline: fromBaseline, target: fromTarget },
          { baseline: toBaseline, target: toTarget },
        ),
      ).toBe(expected);
    },
  );
});
