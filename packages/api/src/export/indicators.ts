/**
 * The indicators export: one row per indicator with the columns of PRODUCT.md's public contract,
 * read with its stored figures as the file is sent. Returns plain cells; turning them into CSV text
 * is the caller's job, with a CSV library.
 */

import { type Db, type IndicatorFigureRow, indicatorFigureRows } from '@tangible/db';
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
] as const;

export type { Cell } from './table.js';

export interface IndicatorExport extends ExportTable {
  asOf: string;
  year: number;
}

/** Rows for `indicators.csv`: names in the chosen language; attainment as a fraction (1 = on target). */
export async function indicatorExport(
  db: Db,
  input: IndicatorFilterInput & { lang: Lang },
): Promise<IndicatorExport> {
  const resolved = await resolveView(db, input);
  const source = await indicatorFigureRows(db, resolved.plan.id, resolved.asOf.month, input.lang, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
    status: input.status,
  });
  function* rows(): Generator<Cell[]> {
    for (const row of source) yield cells(row, resolved.asOfText);
  }
  const scope = [input.sector, input.department, input.status].filter(Boolean).join('-');
  return {
    name: `indicators-${resolved.plan.year}-as-of-${resolved.asOfText}${scope ? `-${scope}` : ''}-${input.lang}`,
    asOf: resolved.asOfText,
    year: resolved.plan.year,
    columns: INDICATOR_COLUMNS,
    header: headerFor(INDICATOR_COLUMNS, input.lang),
    rows: rows(),
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
  ] = row;
  if (status === null || targetToDate === null || annualTarget === null) {
    // Every write keeps them (packages/db/src/figures/); only data written around the application lacks them.
    throw new Error(
      `No stored figures for indicator ${code} as of ${asOf}: run \`pnpm cli figures rebuild\`.`,
    );
  }
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
  ];
}
