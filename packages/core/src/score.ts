/** Sector and plan scores. */

export interface Scored {
  readonly attainment: number | null;
  readonly weight: number;
}

/**
 * A score: the weighted mean of attainment, each capped at 100 %, over the indicators with data.
 * Weights 1 and 3 with attainment 0.5 and 1.2 → (0.5 × 1 + 1 × 3) / 4 = 0.875.
 * Indicators with no data are left out; null when none has data.
 */
export function score(items: readonly Scored[]): number | null {
  return scoreOfParts(scoreParts(items));
}

/**
 * What a score is made of: the capped, weighted attainment summed and the weights summed, over the
 * indicators with data. Parts add up, so a score of many groups is the score of their parts added
 * (combineScoreParts) — which is how stored roll-ups make a plan's score from its sectors' parts.
 */
export interface ScoreParts {
  readonly weighted: number;
  readonly weights: number;
}

export function scoreParts(items: readonly Scored[]): ScoreParts {
  let weighted = 0;
  let weights = 0;
  for (const item of items) {
    if (item.attainment === null) continue;
    weighted += Math.min(item.attainment, 1) * item.weight;
    weights += item.weight;
  }
  return { weighted, weights };
}

/** Parts added in the order given (a sum's rounding depends on its order). */
export function combineScoreParts(parts: readonly ScoreParts[]): ScoreParts {
  let weighted = 0;
  let weights = 0;
  for (const part of parts) {
    weighted += part.weighted;
    weights += part.weights;
  }
  return { weighted, weights };
}

export function scoreOfParts(parts: ScoreParts): number | null {
  return parts.weights > 0 ? parts.weighted / parts.weights : null;
}
