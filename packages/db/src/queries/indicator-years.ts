/**
 * An indicator's years: the same organisation and code in each of its plans (codes are stable across
 * years: issue 12's contract), with each year's targets and stored figures. One statement for any
 * number of indicators and years, so a plan's whole history is one read, not one per indicator.
 */

import type { Db } from '../connection.js';

export interface IndicatorYearsFilter {
  /** One series; without it, every indicator of the plans in the years. */
  readonly code?: string | undefined;
  readonly fromYear?: number | undefined;
  readonly toYear?: number | undefined;
  /** Draft plans too (the staff's); without it, confirmed plans only. */
  readonly drafts: boolean;
  /**
   * The month each year is read at; without it, each plan's latest month with an approved value
   * (December when none has one), i.e. the year's actual as it stands.
   */
  readonly month?: number | undefined;
}

/**
 * One row per plan year and indicator (retired ones left out, as from every figure), in year order:
 * the annual target as set and its last approved revision, the baseline with its year and the
 * indicator's source, and the stored figures at the month read.
 */
export async function findIndicatorYears(db: Db, organisationId: number, filter: IndicatorYearsFilter) {
  let query = db
    .selectFrom('plans')
    .innerJoin('sectors', 'sectors.plan_id', 'plans.id')
    .innerJoin('strategies', 'strategies.sector_id', 'sectors.id')
    .innerJoin('projects', 'projects.strategy_id', 'strategies.id')
    .innerJoin('indicators', 'indicators.project_id', 'projects.id')
    .leftJoin('plan_figures as pf', 'pf.plan_id', 'plans.id')
    .leftJoin('indicator_figures as f', (join) =>
      join
        .onRef('f.indicator_id', '=', 'indicators.id')
        .on((eb) =>
          eb(
            'f.month',
            '=',
            filter.month !== undefined ? eb.val(filter.month) : eb.fn.coalesce('pf.latest_month', eb.lit(12)),
          ),
        ),
    )
    .select((eb) => [
      'plans.year',
      'plans.status as plan_status',
      'sectors.code as sector_code',
      'indicators.id',
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicators.unit',
      'indicators.direction',
      'indicators.aggregation',
      'indicators.baseline_value',
      'indicators.baseline_year',
      'indicators.source',
      'f.month',
      'f.actual_to_date',
      'f.attainment',
      'f.status',
      'f.annual_target',
      'f.last_period',
      eb
        .selectFrom('targets as t')
        .select('t.value')
        .whereRef('t.indicator_id', '=', 'indicators.id')
        .where('t.kind', '=', 'annual')
        .limit(1)
        .as('target_original'),
      // One revision of a target waits at a time, so the highest approved id is the last decided.
      eb
        .selectFrom('target_revisions as r')
        .select('r.revised_value')
        .whereRef('r.indicator_id', '=', 'indicators.id')
        .where('r.kind', '=', 'annual')
        .where('r.state', '=', 'approved')
        .orderBy('r.id', 'desc')
        .limit(1)
        .as('target_revised'),
    ])
    .where('plans.organisation_id', '=', organisationId)
    .where('sectors.retired_at', 'is', null)
    .where('strategies.retired_at', 'is', null)
    .where('projects.retired_at', 'is', null)
    .where('indicators.retired_at', 'is', null);
  if (filter.code !== undefined) query = query.where('indicators.code', '=', filter.code);
  if (filter.fromYear !== undefined) query = query.where('plans.year', '>=', filter.fromYear);
  if (filter.toYear !== undefined) query = query.where('plans.year', '<=', filter.toYear);
  if (!filter.drafts) query = query.where('plans.status', '=', 'confirmed');
  return query.orderBy('plans.year').orderBy('indicators.code').execute();
}

export type IndicatorYearRecord = Awaited<ReturnType<typeof findIndicatorYears>>[number];
