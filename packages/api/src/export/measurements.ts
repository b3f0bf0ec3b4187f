/** `measurements.csv`: one row per reported value, with its review state, who and when. Streamed. */

import { hasEnded, parseAsOf, parsePeriod } from '@tangible/core';
import { type Db, type MeasurementStatus, mapRows, measurementRows } from '@tangible/db';
import { resolveView } from '../figures.js';
import { type Cell, type ExportTable, headerFor, type Lang } from './table.js';

export const MEASUREMENT_COLUMNS = [
  'sector_code',
  'kpi_code',
  'kpi_name',
  'unit',
  'department',
  'period',
  'value',
  'status',
  'note',
  'evidence_url',
  'source',
  'entered_by',
  'entered_at',
  'reviewed_at',
  'review_reason',
  'analysis',
  'next_steps',
] as const;

export interface MeasurementExportInput {
  year: number;
  asOf?: string | undefined;
  sector?: string | undefined;
  department?: string | undefined;
  indicator?: string | undefined;
  status?: MeasurementStatus | undefined;
  lang: Lang;
}

/**
 * Reported values in the order they were entered; with `asOf`, only periods that had ended by then.
 * The rows are read from the database as they are sent, each already in the columns' order.
 */
export async function measurementExport(
  db: Db,
  organisationId: number,
  input: MeasurementExportInput,
): Promise<ExportTable> {
  const { plan } = await resolveView(db, organisationId, { year: input.year });
  const asOf = input.asOf ? parseAsOf(input.asOf) : null;
  const { lang } = input;
  const source = measurementRows(db, plan.id, lang, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
    indicatorCode: input.indicator?.toUpperCase(),
    status: input.status,
  });
  // measurementRows gives the cells in MEASUREMENT_COLUMNS' order: the sixth is the period.
  const ended = (until: NonNullable<typeof asOf>) =>
    mapRows<Cell[], Cell[]>(source, (row) => {
      const period = parsePeriod(row[5] as string);
      return period && hasEnded(period, until) ? row : undefined;
    });
  const scope = [input.sector, input.department, input.indicator, input.status].filter(Boolean).join('-');
  return {
    name: `measurements-${plan.year}${input.asOf ? `-as-of-${input.asOf}` : ''}${scope ? `-${scope}` : ''}-${lang}`,
    columns: MEASUREMENT_COLUMNS,
    header: headerFor(MEASUREMENT_COLUMNS, lang),
    rows: asOf ? ended(asOf) : source,
  };
}
