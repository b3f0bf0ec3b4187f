import { describe, expect, it } from 'vitest';
import { levelAttainment, meetsTarget, ratioAttainment } from './attainment.js';

describe('ratioAttainment (sums and averages)', () => {
  it.each([
    ['increase: 90 of a target of 100 is 0.9', 'increase', 100, 90, 0.9],
    ['increase: beating the target goes above 1', 'increase', 100, 130, 1.3],
    ['increase: a zero target is met by any non-negative actual', 'increase', 0, 0, 1],
    ['decrease: 50 against a ceiling of 40 is 0.8', 'decrease', 40, 50, 0.8],
    ['decrease: staying under the ceiling goes above 1', 'decrease', 40, 20, 2],
    ['decrease: an actual of zero meets the target', 'decrease', 40, 0, 1],
    ['decrease: a zero target is missed by any positive actual', 'decrease', 0, 3, 0],
  ] as const)('%s', (_name, direction, target, actual, expected) => {
    expect(ratioAttainment(direction, target, actual)).toBeCloseTo(expected, 10);
  });
});

describe('levelAttainment (levels: gap closed from baseline)', () => {
  it.each([
    ['increase: half the gap from 40 to 50 is 0.5', 'increase', 40, 50, 45, 0.5],
    ['increase: reaching the target is 1', 'increase', 40, 50, 50, 1],
    ['increase: falling below the baseline is floored at 0', 'increase', 40, 50, 35, 0],
    ['decrease: rank 27 → 23, now 25, is 0.5', 'decrease', 27, 23, 25, 0.5],
    ['decrease: rank 27 → 23, now 29, is 0', 'decrease', 27, 23, 29, 0],
    ['target equal to baseline, held: 1', 'increase', 50, 50, 50, 1],
    ['target equal to baseline, bettered: 1', 'decrease', 10, 10, 8, 1],
    ['target equal to baseline, missed: the ratio', 'increase', 50, 50, 40, 0.8],
    ['no baseline: the ratio', 'increase', null, 50, 40, 0.8],
  ] as const)('%s', (_name, direction, baseline, target, actual, expected) => {
    expect(levelAttainment(direction, baseline, target, actual)).toBeCloseTo(expected, 10);
  });
});

describe('meetsTarget', () => {
  it.each([
    ['increase at the target', 'increase', 10, 10, true],
    ['increase below the target', 'increase', 9, 10, false],
    ['decrease at the ceiling', 'decrease', 10, 10, true],
    ['decrease above the ceiling', 'decrease', 11, 10, false],
  ] as const)('%s', (_name, direction, value, target, expected) => {
    expect(meetsTarget(direction, value, target)).toBe(expected);
  });
});
