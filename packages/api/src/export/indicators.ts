/**
 * The indicators export: one row per indicator with the columns of PRODUCT.md's public contract.
 * Returns plain cells; turning them into CSV text is the caller's job, with a CSV library.
 */

import type { Db } from '@tangible/db';
import { resolveView, storedIndicators } from '../figures.js';
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
  rows: Cell[][];
}

/** Rows for `indicators.csv`: names in the chosen language; attainment as a fraction (1 = on target). */
export async function indicatorExport(
  db: Db,
  input: IndicatorFilterInput & { lang: Lang },
): Promise<IndicatorExport> {
  const resolved = await resolveView(db, input);
  const evaluations = await storedIndicators(db, resolved, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
  });
  const { lang } = input;
  const rows = evaluations
    .map((e) => e.view)
    .filter((i) => input.status === undefined || i.figures.status === input.status)
    .map((i): Cell[] => [
      i.sector.code,
      i.sector.name[lang],
      i.strategy.name[lang],
      i.project.name[lang],
      i.code,
      i.name[lang],
      i.unit,
      i.direction,
      i.aggregation,
      i.frequency,
      i.department.name[lang],
      i.baseline?.value ?? null,
      plain(i.annualTarget),
      plain(i.figures.targetToDate),
      plain(i.figures.actualToDate),
      plain(i.figures.attainment, 4),
      i.figures.status,
      plain(i.figures.forecastYearEnd),
      i.figures.forecastMeetsTarget === null ? null : String(i.figures.forecastMeetsTarget),
      i.figures.lastPeriod,
      resolved.asOfText,
      i.source,
    ]);
  const scope = [input.sector, input.department, input.status].filter(Boolean).join('-');
  return {
    name: `indicators-${resolved.plan.year}-as-of-${resolved.asOfText}${scope ? `-${scope}` : ''}-${lang}`,
    asOf: resolved.asOfText,
    year: resolved.plan.year,
    columns: INDICATOR_COLUMNS,
    header: headerFor(INDICATOR_COLUMNS, lang),
    rows,
  };
}
