/**
 * The one path from stored figures to what the screens and exports show. Indicators' figures are
 * computed with packages/core when the data changes and stored (packages/db/src/figures/); here they
 * are read and put in views, so no figure is computed in two places and none on request.
 * Milestones are few and read at the as-of date as they are.
 */

import {
  type AsOf,
  asOfDate,
  expectedDate,
  formatAsOf,
  type IndicatorFigures,
  isDone,
  milestoneState,
  parseAsOf,
  parsePeriod,
  periodEndMonth,
  type SeriesPoint,
  slippageDays,
  type Thresholds,
} from '@tangible/core';
import {
  type Db,
  findIndicatorFigures,
  findMilestones,
  findPlan,
  findPlanFigures,
  findPlanYears,
  type IndicatorFigureRecord,
  type IndicatorFilter,
  type MilestoneFilter,
  milestoneDates,
  readAtOneMoment,
  storedFigures,
  storedSeries,
  thresholdsOf,
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
 * Runs an answer's reads in one read transaction, so that everything it shows belongs to one moment:
 * stored figures and the values they were computed from, a roll-up and the lists beside it, a page
 * and its count. Read apart, a change committing between two reads (another request's turn on the
 * connection, or another process) gives an answer that contradicts itself.
 *
 * On the connection the work is given, in a deferred transaction: it takes no lock, its first read
 * fixes a WAL snapshot, and writers elsewhere go on. Kysely runs one statement at a time on a
 * SQLite connection anyway; the transaction only keeps other requests waiting through the
 * milliseconds between this answer's reads instead of between its statements. A snapshot
 * connection of its own (openSnapshot, as exports use) would cost opening the file per request.
 * `work` must read through the connection it is given: the outer one waits for this transaction.
 */
export async function atOneMoment<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  return readAtOneMoment(db, work);
}

/**
 * Finds the organisation's plan of the year and settles the as-of month: the one asked for, which must fall in the
 * plan year, or else the latest month with a reported value (December when nothing is reported).
 */
export async function resolveView(db: Db, organisationId: number, input: ViewInput): Promise<ResolvedView> {
  const found = await findPlan(db, organisationId, input.year);
  // A draft is not the plan of record: it is shown only to those who ask for drafts.
  const plan = found?.status === 'draft' && !input.drafts ? null : found;
  if (!plan) {
    const years = await findPlanYears(db, organisationId, { drafts: input.drafts ?? false });
    throw refuse('NOT_FOUND', 'no_such_plan', { year: input.year, years: years.join(', ') });
  }
  let asOf: AsOf | null = input.asOf ? parseAsOf(input.asOf) : null;
  if (asOf && asOf.year !== plan.year) {
    throw refuse('BAD_REQUEST', 'as_of_outside_plan', { asOf: input.asOf ?? '', year: plan.year });
  }
  asOf ??= { year: plan.year, month: await latestReportedMonth(db, plan) };
  return { plan, asOf, asOfText: formatAsOf(asOf) };
}

/** Stored with the plan's figures (packages/db/src/figures/); December when nothing is reported. */
async function latestReportedMonth(db: Db, plan: Plan): Promise<number> {
  const stored = await findPlanFigures(db, plan.id);
  if (!stored)
    throw new Error(`No stored figures for the ${plan.year} plan: run \`pnpm cli figures rebuild\`.`);
  return stored.latest_month ?? 12;
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
}

const bilingual = (ko: string, en: string): Bilingual => ({ ko, en });

/** The view of an indicator with its stored figures at the as-of month (see findIndicatorFigures). */
export function indicatorView(record: IndicatorFigureRecord, asOf: AsOf): IndicatorEvaluation {
  const figures = storedFigures(record);
  if (!figures || record.series === null || record.annual_target === null) {
    // Every write keeps them (packages/db/src/figures/); only data written around the application lacks them.
    throw new Error(
      `No stored figures for indicator ${record.code} as of ${formatAsOf(asOf)}: run \`pnpm cli figures rebuild\`.`,
    );
  }
  const series = storedSeries(record.series);
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
        record.baseline_value === null ? null : { value: record.baseline_value, year: record.baseline_year },
      annualTarget: record.annual_target,
      weight: record.weight,
      headline: record.headline === 1,
      source: record.source,
      thresholds: thresholdsOf(record),
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
  };
}

/**
 * Every indicator matching the filter with its figures and series as of the view's month: read as
 * stored when the data last changed (packages/db/src/figures/), never recomputed here.
 */
export async function storedIndicators(
  db: Db,
  view: ResolvedView,
  filter: IndicatorFilter = {},
): Promise<IndicatorEvaluation[]> {
  const records = await findIndicatorFigures(db, view.plan.id, view.asOf.month, filter);
  return records.map((record) => indicatorView(record, view.asOf));
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
  /**
   * Whether notes are shown: not on the public view, where staff remarks stay internal. A window
   * reads one page of them.
   */
  options: { notes: boolean; window?: { limit: number; offset: number } } = { notes: true },
): Promise<MilestoneView[]> {
  const date = asOfDate(view.asOf);
  const records = await findMilestones(db, view.plan.id, filter, options.window);
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
