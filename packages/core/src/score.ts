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
  let weighted = 0;
  let weights = 0;
  for (const item of items) {
    if (item.attainment === null) continue;
    weighted += Math.min(item.attainment, 1) * item.weight;
    weights += item.weight;
  }
  return weights > 0 ? weighted / weights : null;
}
