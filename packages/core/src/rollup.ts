/**
 * Roll-ups: what a group of indicators adds up to (score, status counts, how many, the latest period
 * reported, how many are not reported). A roll-up of groups is the roll-up of their roll-ups
 * (combineRollups), so stored roll-ups of small groups (a sector's indicators of one department)
 * make every larger one — sector, department, plan — without reading the indicators again.
 */

import type { IndicatorFigures } from './indicator.js';
import { combineScoreParts, type ScoreParts, scoreOfParts, scoreParts } from './score.js';
import { countStatuses, type Status } from './status.js';

/** What a roll-up reads of an indicator: its weight, kind and five of its figures. */
export interface RolledInput {
  readonly weight: number;
  readonly aggregation: string;
  readonly figures: Pick<
    IndicatorFigures,
    'attainment' | 'status' | 'lastPeriod' | 'periodsDue' | 'periodsReported'
  >;
}

export interface RollupParts {
  readonly score: ScoreParts;
  readonly statusCounts: Record<Status, number>;
  readonly indicatorCount: number;
  /** The latest period any of the indicators has a value for. */
  readonly lastPeriod: string | null;
  /** Measured indicators with a period ended by the as-of month and no approved value (isUnreported). */
  readonly unreportedCount: number;
}

/**
 * A measured indicator with a period that has ended by the as-of month but has no approved value
 * yet. (packages/db's queries/indicator-pages.ts says the same in SQL to page through them; a test
 * holds both equal.)
 */
export function isUnreported(indicator: {
  aggregation: string;
  periodsReported: number;
  periodsDue: number;
}): boolean {
  return indicator.aggregation !== 'milestones' && indicator.periodsReported < indicator.periodsDue;
}

export function rollupParts(indicators: readonly RolledInput[]): RollupParts {
  let lastPeriod: string | null = null;
  let unreportedCount = 0;
  for (const { aggregation, figures } of indicators) {
    if (figures.lastPeriod !== null) lastPeriod = laterPeriod(lastPeriod, figures.lastPeriod);
    if (isUnreported({ aggregation, ...figures })) unreportedCount += 1;
  }
  return {
    score: scoreParts(indicators.map((i) => ({ attainment: i.figures.attainment, weight: i.weight }))),
    statusCounts: countStatuses(indicators.map((i) => i.figures.status)),
    indicatorCount: indicators.length,
    lastPeriod,
    unreportedCount,
  };
}

export const EMPTY_ROLLUP: RollupParts = rollupParts([]);

/** The roll-up of groups from theirs, added in the order given. */
export function combineRollups(groups: readonly RollupParts[]): RollupParts {
  const statusCounts = countStatuses([]);
  let indicatorCount = 0;
  let unreportedCount = 0;
  let lastPeriod: string | null = null;
  for (const group of groups) {
    for (const status of Object.keys(statusCounts) as Status[])
      statusCounts[status] += group.statusCounts[status];
    indicatorCount += group.indicatorCount;
    unreportedCount += group.unreportedCount;
    if (group.lastPeriod !== null) lastPeriod = laterPeriod(lastPeriod, group.lastPeriod);
  }
  return {
    score: combineScoreParts(groups.map((group) => group.score)),
    statusCounts,
    indicatorCount,
    lastPeriod,
    unreportedCount,
  };
}

/** A roll-up as screens show it: the score made of its parts. */
export interface Rollup {
  /** Weighted mean attainment (capped at 100 %) over indicators with data; null when none has data. */
  score: number | null;
  statusCounts: Record<Status, number>;
  indicatorCount: number;
  lastPeriod: string | null;
  unreportedCount: number;
}

export function shownRollup(parts: RollupParts): Rollup {
  return {
    score: scoreOfParts(parts.score),
    statusCounts: { ...parts.statusCounts },
    indicatorCount: parts.indicatorCount,
    lastPeriod: parts.lastPeriod,
    unreportedCount: parts.unreportedCount,
  };
}

/** Orders periods of mixed frequency by their last month: `2024-Q2` ends with `2024-06`. */
export function periodEndKey(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}`;
  return /^\d{4}$/.test(period) ? `${period}-12` : period;
}

/** Monthly before quarterly before annual: of periods ending in the same month, the finest is named. */
function coarseness(period: string): number {
  if (/^\d{4}-\d{2}$/.test(period)) return 0;
  return /^\d{4}-Q[1-4]$/.test(period) ? 1 : 2;
}

/**
 * The later of two periods by their last month; of two ending in the same month (`2024-03` and
 * `2024-Q1`), the finer. An order of its own, not of the arguments, so that a roll-up of groups names
 * the same latest period however its indicators were grouped.
 */
function laterPeriod(current: string | null, next: string): string {
  if (current === null) return next;
  const a = periodEndKey(current);
  const b = periodEndKey(next);
  if (a !== b) return b > a ? next : current;
  return coarseness(next) < coarseness(current) ? next : current;
}
