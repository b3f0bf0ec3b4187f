/**
 * Years side by side (issue 12): an indicator's years as one series, keyed by organisation and code.
 * A year with a plan shows that plan's stored figures (measured); a year without one is stood for by
 * the nearest later plan's baseline of that year (marked as a baseline, with the indicator's source),
 * never as a measured value.
 */

import type { StatusColumn } from '@tangible/db';
import {
  type Db,
  findIndicatorYears,
  type IndicatorYearRecord,
  type IndicatorYearsFilter,
} from '@tangible/db';
import type { Bilingual } from '../figures.js';

export interface IndicatorYear {
  year: number;
  /** measured: the year's plan's stored figure; baseline: a later plan's baseline standing for a year without a plan. */
  kind: 'measured' | 'baseline';
  /** The year's plan is a draft (shown only to those who asked for drafts). */
  draft: boolean;
  /** The month the year's figures stand at (its latest with an approved value); null for a baseline. */
  month: number | null;
  actual: number | null;
  /** The annual target as set, and its last approved revision (the one attainment is measured against). */
  target: { original: number; revised: number | null } | null;
  attainment: number | null;
  status: StatusColumn | null;
  /** Where a baseline came from: the plan indicator's source (`illustrative` when invented). */
  source: string | null;
  /** The year's plan's own baseline (a measured year only). */
  baseline: { value: number; year: number | null } | null;
}

export interface IndicatorSeries {
  code: string;
  name: Bilingual;
  unit: string;
  direction: 'increase' | 'decrease';
  aggregation: IndicatorYearRecord['aggregation'];
  /** The latest year's sector. */
  sectorCode: string;
  years: IndicatorYear[];
}

function measured(row: IndicatorYearRecord): IndicatorYear {
  const original = row.target_original ?? row.annual_target;
  return {
    year: row.year,
    kind: 'measured',
    draft: row.plan_status === 'draft',
    month: row.month,
    actual: row.actual_to_date,
    target: original === null ? null : { original, revised: row.target_revised },
    attainment: row.attainment,
    status: row.status,
    source: null,
    baseline: row.baseline_value === null ? null : { value: row.baseline_value, year: row.baseline_year },
  };
}

/**
 * The rows of findIndicatorYears (year order) as one series per code, in code order. A baseline
 * stands for its year only when no plan of that year holds the indicator, and only a later plan's
 * (the nearest later one wins: it was set last from what was known).
 */
export function seriesOf(rows: readonly IndicatorYearRecord[]): IndicatorSeries[] {
  const byCode = new Map<string, IndicatorYearRecord[]>();
  for (const row of rows) {
    const list = byCode.get(row.code);
    if (list) list.push(row);
    else byCode.set(row.code, [row]);
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, list]) => {
      const years = new Map<number, IndicatorYear>(list.map((row) => [row.year, measured(row)]));
      for (const row of list) {
        const { baseline_value: value, baseline_year: year } = row;
        if (value === null || year === null || year >= row.year || years.has(year)) continue;
        years.set(year, {
          year,
          kind: 'baseline',
          // A draft's baseline is not yet the plan of record's, as the draft's own year is not.
          draft: row.plan_status === 'draft',
          month: null,
          actual: value,
          target: null,
          attainment: null,
          status: null,
          source: row.source,
          baseline: null,
        });
      }
      // biome-ignore lint/style/noNonNullAssertion: every code in the map has at least one row.
      const latest = list[list.length - 1]!;
      return {
        code,
        name: { ko: latest.name_ko, en: latest.name_en },
        unit: latest.unit,
        direction: latest.direction,
        aggregation: latest.aggregation,
        sectorCode: latest.sector_code,
        years: [...years.values()].sort((a, b) => a.year - b.year),
      };
    });
}

/** The series of the organisation's indicators (one code, or all) across the years asked. */
export async function findSeries(
  db: Db,
  organisationId: number,
  filter: IndicatorYearsFilter,
): Promise<IndicatorSeries[]> {
  return seriesOf(await findIndicatorYears(db, organisationId, filter));
}
