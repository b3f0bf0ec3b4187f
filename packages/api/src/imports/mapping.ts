/**
 * Which columns hold what. A file in the template's shape is recognised by its headers (Korean or
 * English); any other file is described by a mapping: long (one row per indicator and period) or
 * wide (one row per indicator, one column per period).
 */

import { z } from 'zod';
import { ImportFileError } from './decode.js';
import { normalizePeriod } from './normalize.js';

export const mappingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('template') }),
  z.object({
    kind: z.literal('long'),
    indicator: z.string().min(1),
    indicatorBy: z.enum(['code', 'name']),
    period: z.string().min(1),
    value: z.string().min(1),
    note: z.string().min(1).optional(),
    evidence: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('wide'),
    indicator: z.string().min(1),
    indicatorBy: z.enum(['code', 'name']),
    /** The columns that are periods; by default every column whose header reads as a period. */
    periodColumns: z.array(z.string().min(1)).optional(),
  }),
]);

export type Mapping = z.infer<typeof mappingSchema>;

const TEMPLATE_NAMES: Record<'code' | 'period' | 'value' | 'note' | 'evidence', string[]> = {
  code: ['kpi_code', '지표 코드', '지표코드', 'code'],
  period: ['period', '기간'],
  value: ['value', '값', '실적'],
  note: ['note', '비고', '메모'],
  evidence: ['evidence_url', '증빙 링크', '증빙'],
};

const clean = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function find(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(clean(h)));
}

/** Where each field is: column positions (null when absent), plus wide-format period columns. */
export interface ResolvedMapping {
  kind: 'long' | 'wide';
  indicatorBy: 'code' | 'name';
  indicator: number;
  period: number | null;
  value: number | null;
  note: number | null;
  evidence: number | null;
  periodColumns: { column: number; period: string }[];
}

function columnOf(header: string[], name: string, what: string): number {
  const index = header.findIndex((h) => clean(h) === clean(name));
  if (index === -1)
    throw new ImportFileError(
      `The ${what} column "${name}" is not in the file. Columns: ${header.join(', ')}.`,
      1,
    );
  return index;
}

export function resolveMapping(header: string[], mapping: Mapping): ResolvedMapping {
  if (mapping.kind === 'template') {
    const code = find(header, TEMPLATE_NAMES.code);
    const period = find(header, TEMPLATE_NAMES.period);
    const value = find(header, TEMPLATE_NAMES.value);
    if (code === -1 || period === -1 || value === -1) {
      throw new ImportFileError(
        `The columns are not the template's (kpi_code, period, value). Found: ${header.join(', ')}. Download the template, or choose which columns hold the indicator, the period and the value.`,
        1,
      );
    }
    const note = find(header, TEMPLATE_NAMES.note);
    const evidence = find(header, TEMPLATE_NAMES.evidence);
    return {
      kind: 'long',
      indicatorBy: 'code',
      indicator: code,
      period,
      value,
      note: note === -1 ? null : note,
      evidence: evidence === -1 ? null : evidence,
      periodColumns: [],
    };
  }
  if (mapping.kind === 'long') {
    return {
      kind: 'long',
      indicatorBy: mapping.indicatorBy,
      indicator: columnOf(header, mapping.indicator, 'indicator'),
      period: columnOf(header, mapping.period, 'period'),
      value: columnOf(header, mapping.value, 'value'),
      note: mapping.note ? columnOf(header, mapping.note, 'note') : null,
      evidence: mapping.evidence ? columnOf(header, mapping.evidence, 'evidence') : null,
      periodColumns: [],
    };
  }
  const indicator = columnOf(header, mapping.indicator, 'indicator');
  const chosen = mapping.periodColumns?.map((name) => columnOf(header, name, 'period'));
  const periodColumns: { column: number; period: string }[] = [];
  header.forEach((name, column) => {
    if (column === indicator || (chosen && !chosen.includes(column))) return;
    const period = normalizePeriod(name);
    if (period) periodColumns.push({ column, period });
    else if (chosen)
      throw new ImportFileError(
        `The column "${name}" is not a period (e.g. 2024-03, 2024년 3월, 2024-Q1).`,
        1,
      );
  });
  if (periodColumns.length === 0) {
    throw new ImportFileError(
      `No column header reads as a period (e.g. 2024-03, 2024.03, 2024년 3월, 2024-Q1). Found: ${header.join(', ')}.`,
      1,
    );
  }
  return {
    kind: 'wide',
    indicatorBy: mapping.indicatorBy,
    indicator,
    period: null,
    value: null,
    note: null,
    evidence: null,
    periodColumns,
  };
}
