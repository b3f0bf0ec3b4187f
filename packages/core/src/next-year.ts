/**
 * Next year's plan from this one (copy-forward): the baseline an indicator starts the new year from,
 * and the targets proposed for the planning office to edit in the draft. These are proposals, not
 * decisions: the office changes any of them before it confirms the plan.
 */

import type { Direction } from './attainment.js';

export interface CarriedTargets {
  /** The baseline of the source plan (null when it had none). */
  baseline: number | null;
  /** The source year's effective annual target (an approved revision's value when there is one). */
  target: number;
}

/**
 * The proposed annual target: the source target's stretch over its baseline, as a ratio, applied to
 * the new baseline; never easier than the new baseline itself (below it for "higher is better",
 * above it for "lower is better"). Rounded to the source target's decimals, so 2,130,000 proposes
 * a whole number and 4.5 % one decimal.
 * baseline 1,820,057, target 2,130,000, new baseline 2,463,000 → 2,463,000 × 1.1703 = 2,882,432.
 * Without a usable source baseline (none, or zero) the ratio is unknown: the source target is
 * proposed again, or the new baseline when the year already did better than it.
 * increase: baseline 100, target 120, new baseline 150 → 180.   decrease: 40 → 30, new 36 → 27.
 */
export function proposedTarget(direction: Direction, source: CarriedTargets, newBaseline: number): number {
  const stretch = source.baseline === null || source.baseline === 0 ? null : source.target / source.baseline;
  const raw = stretch === null || newBaseline === 0 ? source.target : newBaseline * stretch;
  const atLeastBaseline = direction === 'increase' ? Math.max(raw, newBaseline) : Math.min(raw, newBaseline);
  // Rounding may cross the baseline (8.2 → 8 on 7.925: 7.73 rounds to 8): then a decimal more, until
  // the proposal is no easier than the year it starts from (7.7).
  const easier = (value: number) => (direction === 'increase' ? value < newBaseline : value > newBaseline);
  const decimals = decimalsOf(source.target);
  for (let more = 0; more <= 4; more++) {
    const rounded = roundTo(atLeastBaseline, decimals + more);
    if (!easier(rounded)) return rounded;
  }
  return atLeastBaseline;
}

/**
 * An interim target (to date at a period's end) carried into the new year, rescaled the way its
 * annual target moved. For a flow (sum) the interim is a share of the year's total, kept:
 * 20,000 of 50,000 → 32,000 of 80,000. For a level (last, average) it is a point on the way from
 * baseline to target, kept: baseline 4, interim 6, target 8 → new baseline 5, new target 9 → 7.
 */
export function rescaledInterim(
  aggregation: 'sum' | 'last' | 'average' | 'milestones',
  interim: number,
  from: CarriedTargets,
  to: { baseline: number | null; target: number },
): number {
  if (
    aggregation === 'sum' ||
    aggregation === 'milestones' ||
    from.baseline === null ||
    to.baseline === null
  ) {
    const share = from.target === 0 ? 1 : interim / from.target;
    return roundLike(share * to.target, interim);
  }
  const span = from.target - from.baseline;
  const along = span === 0 ? 1 : (interim - from.baseline) / span;
  return roundLike(to.baseline + along * (to.target - to.baseline), interim);
}

/** The value rounded to as many decimals as `like` has (at most 4). */
function decimalsOf(like: number): number {
  const text = String(like);
  return Math.min(4, text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0);
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function roundLike(value: number, like: number): number {
  return roundTo(value, decimalsOf(like));
}
