/**
 * Attainment: how much of the target to date has been achieved, as a fraction (1 = exactly on target).
 * Attainment is not capped here; scores cap it at 100 % (see score.ts).
 */

export type Direction = 'increase' | 'decrease';

/**
 * Attainment of a flow or an average: actual over target for "increase" indicators, target over
 * actual for "decrease" indicators (fewer is better).
 * increase: target 100, actual 90 → 0.9.   decrease: target 40, actual 50 → 0.8.
 * A zero target is met (1) when the actual is no worse than it, and missed (0) otherwise;
 * for a decrease indicator an actual of zero meets any target of zero or more (1).
 */
export function ratioAttainment(direction: Direction, target: number, actual: number): number {
  if (direction === 'increase') {
    if (target === 0) return actual >= 0 ? 1 : 0;
    return actual / target;
  }
  if (actual === 0) return target >= 0 ? 1 : 0;
  if (target === 0) return 0;
  return target / actual;
}

/**
 * Attainment of a level indicator: the share of the gap from baseline to target closed so far.
 * baseline 40, target 50, actual 45 → 0.5. Decrease indicators work the same way (target < baseline):
 * baseline 27, target 23, actual 25 → 0.5. Moving away from the target counts as 0, never below.
 * A target equal to the baseline ("hold the level") is met (1) when the actual is no worse than it;
 * otherwise it is measured as a ratio, as for flows. Without a baseline, it is a ratio too.
 */
export function levelAttainment(
  direction: Direction,
  baseline: number | null,
  target: number,
  actual: number,
): number {
  if (baseline === null) return ratioAttainment(direction, target, actual);
  if (target === baseline) {
    const noWorse = direction === 'increase' ? actual >= target : actual <= target;
    return noWorse ? 1 : ratioAttainment(direction, target, actual);
  }
  return Math.max(0, (actual - baseline) / (target - baseline));
}

/** Whether a value meets a target in the indicator's direction: ≥ for increase, ≤ for decrease. */
export function meetsTarget(direction: Direction, value: number, target: number): boolean {
  return direction === 'increase' ? value >= target : value <= target;
}
