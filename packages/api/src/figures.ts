/**
 * The one path from stored plan to computed figures: load with the db queries, compute with core.
 * Every router and export goes through here, so no figure is computed in two places.
 */

import {
  type AsOf,
  asOfDate,
  DEFAULT_THRESHOLDS,
  evaluateIndicator,
  evaluateMilestoneIndicator,
  expectedDate,
  formatAsOf,
  type IndicatorFigures,
  type IndicatorSpec,
  indicatorSeries,
  isDone,
  type MilestoneDates,
  milestoneSeries,
  milestoneState,
  parseAsOf,
  parsePeriod,
  periodEndMonth,
  type SeriesPoint,
  slippageDays,
  type Thresholds,
  unitRange,
} from '@tangible/core';
import {
  type Db,
  findIndicators,
  findMeasurements,
  findMilestones,
  findPlan,
  findPlanYears,
  findReportedPeriods,
  findTargets,
  type IndicatorFilter,
  type IndicatorRecord,
  type MeasurementRecord,
  type MilestoneFilter,
  type MilestoneRecord,
} from '@tangible/db';
import type { ViewInput } from './inputs.js';
import { refuse } from './problems.js';

export interface Bilingual {
  ko: string;
  en: string;
}

export interface Named {
  code: string;
  name: Bilingual;
}

type Plan = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export interface ResolvedView {
  plan: Plan;
  asOf: AsOf;
  /** The as-of month as text, `2024-06`. */
  asOfText: string;
}

/**
 * Finds the plan of the year and settles the as-of month: the one asked for, which must fall in the
 * plan year, or else the latest month with a reported value (December when nothing is reported).
 */
export async function resolveView(db: Db, input: ViewInput): Promise<ResolvedView> {
  const plan = await findPlan(db, input.year);
  if (!plan) {
    const years = await findPlanYears(db);
    throw refuse('NOT_FOUND', 'no_such_plan', { year: input.year, years: years.join(', ') });
  }
  let asOf: AsOf | null = input.asOf ? parseAsOf(input.asOf) : null;
  if (asOf && asOf.year !== plan.year) {
    throw refuse('BAD_REQUEST', 'as_of_outside_plan', { asOf: input.asOf ?? '', year: plan.year });
  }
  asOf ??= { year: plan.year, month: await latestReportedMonth(db, plan) };
  return { plan, asOf, asOfText: formatAsOf(asOf) };
}

async function latestReportedMonth(db: Db, plan: Plan): Promise<number> {
  let latest = 0;
  for (const text of await findReportedPeriods(db, plan.id)) {
    const period = parsePeriod(text);
    if (period && period.year === plan.year) latest = Math.max(latest, periodEndMonth(period));
  }
  return latest || 12;
}

export interface IndicatorView {
  code: string;
  name: Bilingual;
  unit: string;
  direction: 'increase' | 'decrease';
  aggregation: 'sum' | 'last' | 'average' | 'milestones';
  frequency: 'monthly' | 'quarterly' | 'annual';
  baseline: { value: number; year: number | null } | null;
  annualTarget: number;
  weight: number;
  headline: boolean;
  source: string;
  thresholds: Thresholds;
  sector: Named;
  strategy: Named;
  project: Named;
  department: Named;
  figures: IndicatorFigures;
  /** The year period by period: reported value, actual-to-date, target path, forecast after the as-of month. */
  series: SeriesPoint[];
  /** Actual-to-date minus target-to-date, in the indicator's unit; null without data. */
  gapToDate: number | null;
  /** Per period up to the as-of month: the reported value (milestones: % done); null where missing. */
  trend: (number | null)[];
}

export interface IndicatorEvaluation {
  /** The indicator's row id, for follow-up queries. */
  id: number;
  view: IndicatorView;
  series: SeriesPoint[];
  measurements: MeasurementRecord[];
  interimTargets: { period: string; value: number }[];
}

const bilingual = (ko: string, en: string): Bilingual => ({ ko, en });

function thresholdsOf(record: IndicatorRecord): Thresholds {
  return {
    onTrack: record.on_track_threshold ?? DEFAULT_THRESHOLDS.onTrack,
    atRisk: record.at_risk_threshold ?? DEFAULT_THRESHOLDS.atRisk,
  };
}

export function milestoneDates(record: MilestoneRecord): MilestoneDates {
  return {
    planned: record.planned_date,
    forecast: record.forecast_date,
    actual: record.actual_date,
    weight: record.weight,
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Everything stored about a set of indicators, loaded once and computed at as many months as needed. */
export interface IndicatorData {
  records: IndicatorRecord[];
  targetsOf: Map<number, Awaited<ReturnType<typeof findTargets>>>;
  measurementsOf: Map<number, MeasurementRecord[]>;
  milestonesOf: Map<number, MilestoneRecord[]>;
}

/** Loads the indicators matching the filter with their targets, values and (for milestone indicators) milestones. */
export async function loadIndicatorData(
  db: Db,
  view: ResolvedView,
  filter: IndicatorFilter = {},
): Promise<IndicatorData> {
  const records = await findIndicators(db, view.plan.id, filter);
  const ids = records.map((r) => r.id);
  const [targets, measurements] = await Promise.all([findTargets(db, ids), findMeasurements(db, ids)]);
  const milestoneProjects = records.filter((r) => r.aggregation === 'milestones').map((r) => r.project_id);
  const milestones = milestoneProjects.length
    ? await findMilestones(db, view.plan.id, { projectIds: milestoneProjects })
    : [];
  return {
    records,
    targetsOf: groupBy(targets, (t) => t.indicator_id),
    measurementsOf: groupBy(measurements, (m) => m.indicator_id),
    milestonesOf: groupBy(milestones, (m) => m.project_id),
  };
}

/** Computes every loaded indicator as of a month. */
export function computeIndicators(data: IndicatorData, asOf: AsOf): IndicatorEvaluation[] {
  const { records, targetsOf, measurementsOf, milestonesOf } = data;
  return records.map((record) => {
    const own = targetsOf.get(record.id) ?? [];
    const interimTargets = own
      .filter((t) => t.kind === 'interim')
      .map(({ period, value }) => ({ period, value }));
    const readings = measurementsOf.get(record.id) ?? [];
    const thresholds = thresholdsOf(record);
    let figures: IndicatorFigures;
    let series: SeriesPoint[];
    let annualTarget: number;
    if (record.aggregation === 'milestones') {
      const dates = (milestonesOf.get(record.project_id) ?? []).map(milestoneDates);
      figures = evaluateMilestoneIndicator(dates, asOf, thresholds);
      series = milestoneSeries(dates, asOf);
      annualTarget = series[series.length - 1]?.targetToDate ?? 0;
    } else {
      annualTarget = own.find((t) => t.kind === 'annual')?.value ?? 0;
      const spec: IndicatorSpec = {
        direction: record.direction,
        aggregation: record.aggregation,
        frequency: record.frequency,
        baseline: record.baseline_value,
        annualTarget,
        interimTargets,
        thresholds,
        range: unitRange(record.unit),
      };
      figures = evaluateIndicator(spec, readings, asOf);
      series = indicatorSeries(spec, readings, asOf);
    }
    const past = series.filter((point) => parsePeriodEnd(point.period) <= asOf.month);
    const trend =
      record.aggregation === 'milestones' ? past.map((p) => p.actualToDate) : past.map((p) => p.value);
    return {
      id: record.id,
      view: {
        code: record.code,
        name: bilingual(record.name_ko, record.name_en),
        unit: record.unit,
        direction: record.direction,
        aggregation: record.aggregation,
        frequency: record.frequency,
        baseline:
          record.baseline_value === null
            ? null
            : { value: record.baseline_value, year: record.baseline_year },
        annualTarget,
        weight: record.weight,
        headline: record.headline === 1,
        source: record.source,
        thresholds,
        sector: { code: record.sector_code, name: bilingual(record.sector_name_ko, record.sector_name_en) },
        strategy: {
          code: record.strategy_code,
          name: bilingual(record.strategy_name_ko, record.strategy_name_en),
        },
        project: {
          code: record.project_code,
          name: bilingual(record.project_name_ko, record.project_name_en),
        },
        department: {
          code: record.department_code,
          name: bilingual(record.department_name_ko, record.department_name_en),
        },
        figures,
        series,
        gapToDate: figures.actualToDate === null ? null : figures.actualToDate - figures.targetToDate,
        trend,
      },
      series,
      measurements: readings,
      interimTargets,
    };
  });
}

/** Computes every indicator matching the filter, with its series, as of the view's month. */
export async function evaluateIndicators(
  db: Db,
  view: ResolvedView,
  filter: IndicatorFilter = {},
): Promise<IndicatorEvaluation[]> {
  return computeIndicators(await loadIndicatorData(db, view, filter), view.asOf);
}

function parsePeriodEnd(text: string): number {
  const period = parsePeriod(text);
  return period ? periodEndMonth(period) : 13;
}

export interface MilestoneView {
  code: string;
  name: Bilingual;
  project: Named;
  sector: Named;
  department: Named;
  planned: string;
  /** The forecast date, when the milestone is not done by the as-of date. */
  forecast: string | null;
  /** The date it was done, when that is on or before the as-of date. */
  actual: string | null;
  expected: string;
  weight: number;
  state: ReturnType<typeof milestoneState>;
  slippageDays: number;
  note: string | null;
  source: string;
}

/** Every milestone matching the filter, as it stood at the view's as-of date. */
export async function evaluateMilestones(
  db: Db,
  view: ResolvedView,
  filter: MilestoneFilter = {},
  /** Whether notes are shown: not on the public view, where staff remarks stay internal. */
  options: { notes: boolean } = { notes: true },
): Promise<MilestoneView[]> {
  const date = asOfDate(view.asOf);
  const records = await findMilestones(db, view.plan.id, filter);
  return records.map((record) => {
    const dates = milestoneDates(record);
    const done = isDone(dates, date);
    return {
      code: record.code,
      name: bilingual(record.name_ko, record.name_en),
      project: { code: record.project_code, name: bilingual(record.project_name_ko, record.project_name_en) },
      sector: { code: record.sector_code, name: bilingual(record.sector_name_ko, record.sector_name_en) },
      department: {
        code: record.department_code,
        name: bilingual(record.department_name_ko, record.department_name_en),
      },
      planned: record.planned_date,
      forecast: done ? null : record.forecast_date,
      actual: done ? record.actual_date : null,
      expected: expectedDate(dates, date),
      weight: record.weight,
      state: milestoneState(dates, date),
      slippageDays: slippageDays(dates, date),
      note: options.notes ? record.note : null,
      source: record.source,
    };
  });
}
