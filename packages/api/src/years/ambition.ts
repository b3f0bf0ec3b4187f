/**
 * The ambition check over a plan (issue 12, item 5): each target of the year judged by core's
 * ambitionOf against the indicator's earlier years (series.ts), the plan's least ambitious targets
 * first, and each sector's share of stretch targets. Milestone indicators have no numeric target
 * to judge and are left out.
 */

import {
  type Ambition,
  type AmbitionLabel,
  ambitionOf,
  isStretch,
  stretchOverBaseline,
  type YearValue,
} from '@tangible/core';
import type { Db } from '@tangible/db';
import { findSeries, type IndicatorSeries } from './series.js';

/**
 * The actuals known before a year: measured ones and baselines standing for years without a plan.
 * A sum indicator's figures standing before December are a year to date, not the year's actual (the
 * next plan is drafted while this year runs): such a year is left out of the trend, not guessed at.
 */
export function pastOf(series: IndicatorSeries, year: number): YearValue[] {
  const partial = (y: IndicatorSeries['years'][number]) =>
    series.aggregation === 'sum' && y.kind === 'measured' && y.month !== null && y.month < 12;
  return series.years.flatMap((y) =>
    y.year < year && y.actual !== null && !partial(y) ? [{ year: y.year, value: y.actual }] : [],
  );
}

export interface JudgedTarget extends Ambition {
  code: string;
  name: IndicatorSeries['name'];
  unit: string;
  direction: IndicatorSeries['direction'];
  sectorCode: string;
  /** The target judged: the approved revision where there is one. */
  target: number;
  baseline: YearValue | null;
  stretchOverBaseline: number | null;
}

/**
 * One target of the year judged against the series' earlier years; its stretch over the baseline is
 * over the year's plan's own baseline, or else the latest earlier actual (a new plan being drafted).
 */
export function judge(series: IndicatorSeries, year: number, target: number): JudgedTarget {
  const past = pastOf(series, year);
  const own = series.years.find((y) => y.year === year)?.baseline;
  const baseline = own ? { year: own.year ?? year - 1, value: own.value } : (past.at(-1) ?? null);
  return {
    ...ambitionOf({ year, target, direction: series.direction, past }),
    code: series.code,
    name: series.name,
    unit: series.unit,
    direction: series.direction,
    sectorCode: series.sectorCode,
    target,
    baseline,
    stretchOverBaseline: stretchOverBaseline(target, baseline?.value ?? null, series.direction),
  };
}

/** Every numeric target of the year's plan, judged; drafts only when asked for. */
export async function judgedTargets(
  db: Db,
  organisationId: number,
  year: number,
  drafts: boolean,
): Promise<JudgedTarget[]> {
  const series = await findSeries(db, organisationId, { toYear: year, drafts });
  return series.flatMap((s) => {
    const current = s.years.find((y) => y.year === year && y.kind === 'measured');
    if (!current?.target || s.aggregation === 'milestones') return [];
    return [judge(s, year, current.target.revised ?? current.target.original)];
  });
}

/**
 * Least ambitious first: the lowest stretch over the trend, then (no trend to judge by) the lowest
 * stretch over the baseline, then targets with neither; code order within a tie.
 */
export function byAmbition(a: JudgedTarget, b: JudgedTarget): number {
  const keys = (t: JudgedTarget) =>
    [
      t.stretchOverTrend === null ? 1 : 0,
      t.stretchOverTrend ?? 0,
      t.stretchOverBaseline === null ? 1 : 0,
      t.stretchOverBaseline ?? 0,
    ] as const;
  const [ka, kb] = [keys(a), keys(b)];
  for (let i = 0; i < ka.length; i += 1) {
    const difference = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export interface SectorAmbition {
  sectorCode: string;
  /** Targets with a trend to judge by. */
  judged: number;
  stretch: number;
  /** stretch / judged; null when none could be judged. */
  share: number | null;
  labels: Record<AmbitionLabel, number>;
}

/** Each sector's share of stretch targets (stretch or above the best year) among those with a trend. */
export function sectorShares(targets: readonly JudgedTarget[]): SectorAmbition[] {
  const sectors = new Map<string, SectorAmbition>();
  for (const t of targets) {
    let sector = sectors.get(t.sectorCode);
    if (!sector) {
      sector = {
        sectorCode: t.sectorCode,
        judged: 0,
        stretch: 0,
        share: null,
        labels: { below_trend: 0, on_trend: 0, stretch: 0, above_best: 0, no_trend: 0 },
      };
      sectors.set(t.sectorCode, sector);
    }
    sector.labels[t.label] += 1;
    if (t.label === 'no_trend') continue;
    sector.judged += 1;
    if (isStretch(t.label)) sector.stretch += 1;
  }
  return [...sectors.values()].map((s) => ({ ...s, share: s.judged === 0 ? null : s.stretch / s.judged }));
}
