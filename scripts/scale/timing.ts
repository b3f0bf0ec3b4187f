/** Repeating a piece of work within a budget, and the median and 95th percentile of its times. */

export interface Samples {
  count: number;
  medianMs: number;
  p95Ms: number;
}

/** The value at a percentile (nearest rank) of sorted times. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Runs `work` one call after another: at least 3 calls, then until `calls` are done or `ms` have
 * passed, so a screen that takes seconds at the national size still fits the bench's time.
 */
export async function sampled(
  budget: { calls: number; ms: number },
  work: () => Promise<unknown> | unknown,
): Promise<Samples> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < budget.calls && (times.length < 3 || performance.now() - started < budget.ms)) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95) };
}
