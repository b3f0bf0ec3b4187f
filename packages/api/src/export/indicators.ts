/**
 * The indicators export: one row per indicator with the columns of PRODUCT.md's public contract,
 * read with its stored figures as the file is sent. Returns plain cells; turning them into CSV text
 * is the caller's job, with a CSV library.
 */

import {
  concatRows,
  type Db,
  findIndicatorYears,
  findPlan,
  type IndicatorFigureRow,
  indicatorFigureRows,
  mapRows,
} from '@tangible/db';
import { resolveView } from '../figures.js';
import type { IndicatorFilterInput } from '../routers/indicators.js';
import { type Cell, type ExportTable, headerFor, type Lang, plain } from './table.js';

export const INDICATOR_COLUMNS = [
  'sector_code',
  'sector_name',
  'strategy',
  'project',
  'kpi_code',
  'kpi_name',
  'unit',
  'direction',
  'aggregation',
  'frequency',
  'department',
  'baseline',
  'annual_target',
  'target_to_date',
  'actual_to_date',
  'attainment',
  'status',
  'forecast_year_end',
  'forecast_meets_target',
  'last_period',
  'as_of',
  'source',
  'original_target',
  'revised_target',
  'revised_at',
  'revision_reason',
  // measured: the year's plan's stored figures; baseline: a year without a plan, stood for by the
  // baseline of the plan named in baseline_of_plan (export/years.ts), never a measured value.
  'kind',
  'baseline_of_plan',
] as const;

export type { Cell } from './table.js';

export interface IndicatorExport extends ExportTable {
  asOf: string;
  year: number;
}

/** Rows for `indicators.csv`: names in the chosen language; attainment as a fraction (1 = on target). */
export async function indicatorExport(
  db: Db,
  organisationId: number,
  input: IndicatorFilterInput & { lang: Lang },
): Promise<IndicatorExport> {
  const resolved = await resolveView(db, organisationId, input);
  const source = indicatorFigureRows(db, resolved.plan.id, resolved.asOf.month, input.lang, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
    status: input.status,
  });
  const scope = [input.sector, input.department, input.status].filter(Boolean).join('-');
  return {
    name: `indicators-${resolved.plan.year}-as-of-${resolved.asOfText}${scope ? `-${scope}` : ''}-${input.lang}`,
    asOf: resolved.asOfText,
    year: resolved.plan.year,
    columns: INDICATOR_COLUMNS,
    header: headerFor(INDICATOR_COLUMNS, input.lang),
    rows: mapRows(source, (row) => cells(row, resolved.asOfText)),
  };
}

/** One indicator's cells, as the screens show its stored figures (figures.ts indicatorView). */
function cells(row: IndicatorFigureRow, asOf: string): Cell[] {
  const [
    sector,
    sectorName,
    strategy,
    project,
    code,
    name,
    unit,
    direction,
    aggregation,
    frequency,
    department,
    baseline,
    annualTarget,
    targetToDate,
    actualToDate,
    attainment,
    status,
    forecastYearEnd,
    meetsTarget,
    lastPeriod,
    source,
    originalTarget,
    revisedTarget,
    revisedAt,
    revisionReason,
  ] = row;
  return [
    sector,
    sectorName,
    strategy,
    project,
    code,
    name,
    unit,
    direction,
    aggregation,
    frequency,
    department,
    baseline,
    plain(annualTarget),
    plain(targetToDate),
    plain(actualToDate),
    plain(attainment, 4),
    status,
    plain(forecastYearEnd),
    meetsTarget === null ? null : String(meetsTarget === 1),
    lastPeriod,
    asOf,
    source,
    plain(originalTarget),
    plain(revisedTarget),
    revisedAt,
    revisionReason,
    'measured',
    null,
  ];
}

/**
 * Rows for `indicators.csv` of a year without a plan (export/years.ts yearsOnRecord): one row per
 * indicator that a later confirmed plan gives a baseline of that year, the nearest later plan's (as
 * years.indicator shows it). The baseline is the year's actual, `kind` says it is a baseline and
 * `baseline_of_plan` whose, `source` is that plan's source of the indicator; it has no target,
 * attainment, status, forecast or month. Names, sector and department are that plan's, and the
 * sector and department filters read them; a status filter matches none (a baseline has no status).
 */
export async function indicatorBaselineExport(
  db: Db,
  organisationId: number,
  input: Omit<IndicatorFilterInput, 'asOf'> & { lang: Lang },
): Promise<IndicatorExport> {
  const { year, lang } = input;
  const scope = [input.sector, input.department, input.status].filter(Boolean).join('-');
  const table = {
    name: `indicators-${year}-baselines${scope ? `-${scope}` : ''}-${lang}`,
    asOf: '',
    year,
    columns: INDICATOR_COLUMNS,
    header: headerFor(INDICATOR_COLUMNS, lang),
  };
  if (input.status) return { ...table, rows: [] };
  // Each code's baseline of the year from the nearest later plan that has one (year order).
  const standing = new Map<string, { plan: number; value: number }>();
  for (const row of await findIndicatorYears(db, organisationId, { drafts: false, fromYear: year + 1 }))
    if (row.baseline_year === year && row.baseline_value !== null && !standing.has(row.code))
      standing.set(row.code, { plan: row.year, value: row.baseline_value });
  const planYears = [...new Set([...standing.values()].map((s) => s.plan))].sort((a, b) => a - b);
  const sources = [];
  for (const planYear of planYears) {
    const plan = await findPlan(db, organisationId, planYear);
    if (!plan) continue;
    const rows = indicatorFigureRows(db, plan.id, 12, lang, {
      sectorCode: input.sector?.toUpperCase(),
      departmentCode: input.department?.toUpperCase(),
    });
    sources.push(
      mapRows<IndicatorFigureRow, Cell[]>(rows, (row) => {
        const stood = standing.get(row[4]);
        return stood?.plan === planYear ? baselineCells(row, stood.value, planYear) : undefined;
      }),
    );
  }
  return { ...table, rows: concatRows(sources) };
}

/** A baseline's cells: the later plan's names and source, the baseline as the year's actual, nothing measured. */
function baselineCells(row: IndicatorFigureRow, value: number, planYear: number): Cell[] {
  const identity = row.slice(0, 11) as Cell[];
  const source = row[20];
  return [
    ...identity,
    null, // baseline: a year stood for by a baseline has none of its own
    null, // annual_target
    null, // target_to_date
    plain(value),
    null, // attainment
    null, // status
    null, // forecast_year_end
    null, // forecast_meets_target
    null, // last_period
    null, // as_of: a whole year's figure, of no month
    source,
    null, // original_target
    null, // revised_target
    null, // revised_at
    null, // revision_reason
    'baseline',
    planYear,
  ];
}
