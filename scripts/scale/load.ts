/** Many clients at once (autocannon): requests per second, 99th percentile latency, errors. */

import autocannon from 'autocannon';

export const TIMEOUT_SECONDS = 5;

export interface LoadResult {
  connections: number;
  /** Answers that succeeded (2xx) per second. */
  requestsPerSecond: number;
  p99Ms: number;
  /** Requests that did not end in a 2xx: connection errors, timeouts and non-2xx answers. */
  errors: number;
  requests: number;
}

/**
 * Keeps `connections` connections busy with the same GET for `seconds`. A request that takes longer
 * than TIMEOUT_SECONDS counts as an error (a user has given up by then); the run should last longer
 * than that, or requests stuck in a queue would never show.
 */
export async function loadRun(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({ url, headers, connections, duration: seconds, timeout: TIMEOUT_SECONDS });
  return {
    connections,
    requestsPerSecond: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    requests: result['2xx'] + result.non2xx + result.errors,
  };
}
