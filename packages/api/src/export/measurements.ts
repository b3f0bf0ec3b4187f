/** `measurements.csv`: one row per reported value, with its review state, who and when. Streamed. */

import { hasEnded, parseAsOf, parsePeriod } from '@tangible/core';
import { type Db, type MeasurementStatus, streamMeasurements } from '@tangible/db';
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
 * The rows are an async stream straight from the database.
 */
export async function measurementExport(db: Db, input: MeasurementExportInput): Promise<ExportTable> {
  const { plan } = await resolveView(db, { year: input.year });
  const asOf = input.asOf ? parseAsOf(input.asOf) : null;
  const { lang } = input;
  const source = streamMeasurements(db, plan.id, {
    sectorCode: input.sector?.toUpperCase(),
    departmentCode: input.department?.toUpperCase(),
    indicatorCode: input.indicator?.toUpperCase(),
    status: input.status,
  });
  async function* rows(): AsyncGenerator<Cell[]> {
    for await (const m of source) {
      if (asOf) {
        const period = parsePeriod(m.period);
        if (!period || !hasEnded(period, asOf)) continue;
      }
      yield [
        m.sector_code,
        m.kpi_code,
        lang === 'ko' ? m.name_ko : m.name_en,
        m.unit,
        lang === 'ko' ? m.department_name_ko : m.department_name_en,
        m.period,
        m.value,
        m.status,
        m.note,
        m.evidence_url,
        m.source,
        m.entered_by,
        m.entered_at,
        m.reviewed_at,
        m.review_reason,
      ];
    }
  }
  const scope = [input.sector, input.department, input.indicator, input.status].filter(Boolean).join('-');
  return {
    name: `measurements-${plan.year}${input.asOf ? `-as-of-${input.asOf}` : ''}${scope ? `-${scope}` : ''}-${lang}`,
    columns: MEASUREMENT_COLUMNS,
    header: headerFor(MEASUREMENT_COLUMNS, lang),
    rows: rows(),
  };
}
