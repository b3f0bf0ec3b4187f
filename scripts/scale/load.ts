/** Many clients at once (autocannon): requests per second, 99th percentile latency, errors. */

import autocannon from 'autocannon';

export const TIMEOUT_SECONDS = 5;

export interface LoadResult {
  connections: number;
  /** Answers that succeeded (2xx) per second. */
  requestsPerSecond: number;
  p99Ms: number;
  /** 95th percentile of the answers that came (autocannon reports 97.5 and 99, not 95). */
  p95Ms: number;
  /** Requests that did not end in a 2xx: connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** Of the errors: answers that were not 2xx (e.g. 503 refusals), and requests over TIMEOUT_SECONDS. */
  non2xx: number;
  timeouts: number;
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
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, headers, connections, duration: seconds, timeout: TIMEOUT_SECONDS },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      times.push(ms);
    });
  });
  times.sort((a, b) => a - b);
  return {
    connections,
    requestsPerSecond: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? Number.NaN,
    errors: result.errors + result.non2xx,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    requests: result['2xx'] + result.non2xx + result.errors,
  };
}
