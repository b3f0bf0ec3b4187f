/**
 * Status: the one place that decides "on track", "at risk", "off track" and "no data".
 */

export type Status = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const STATUSES: readonly Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

/** The attainment at or above which an indicator is on track, and at risk. Per indicator; these are the defaults. */
export interface Thresholds {
  readonly onTrack: number;
  readonly atRisk: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { onTrack: 0.95, atRisk: 0.8 };

/**
 * Status from attainment: on track at ≥ 95 %, at risk at ≥ 80 %, off track below, and no data when
 * nothing has been reported (attainment null). The bounds are inclusive: exactly 0.95 is on track,
 * exactly 0.8 is at risk. Thresholds may be set per indicator. An attainment that is not a finite
 * number (NaN from 0 / 0, Infinity from an overflow) is no attainment: no data, never "on track".
 */
export function statusOf(attainment: number | null, thresholds: Thresholds = DEFAULT_THRESHOLDS): Status {
  if (attainment === null || !Number.isFinite(attainment)) return 'no_data';
  if (attainment >= thresholds.onTrack) return 'on_track';
  if (attainment >= thresholds.atRisk) return 'at_risk';
  return 'off_track';
}

/** How many of each status, every status present (zero when none): the sector cards' counts. */
export function countStatuses(statuses: Iterable<Status>): Record<Status, number> {
  const counts: Record<Status, number> = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}
