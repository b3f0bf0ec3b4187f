/**
 * Which columns hold what. A file in the template's shape is recognised by its headers (Korean or
 * English); any other file is described by a mapping: long (one row per indicator and period) or
 * wide (one row per indicator, one column per period). A mapping may also say which indicator a
 * name in the file means, when the name is not the plan's (chosen on the screen from candidates).
 */

import { z } from 'zod';
import { refuse } from '../problems.js';
import { readPeriod } from './cells.js';
import { type ColumnRole, isPeriodHeader } from './layout.js';
import type { SourceCell } from './source.js';

/** Names as the file writes them → the indicator code the person chose for each. */
const names = z.record(z.string().min(1).max(200), z.string().regex(/^[A-Za-z0-9-]{1,32}$/)).optional();

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
    /** The commentary's columns (원인 분석, 향후 대책): needed where a value leaves its indicator slipping. */
    analysis: z.string().min(1).optional(),
    nextSteps: z.string().min(1).optional(),
    names,
  }),
  z.object({
    kind: z.literal('wide'),
    indicator: z.string().min(1),
    indicatorBy: z.enum(['code', 'name']),
    /** The columns that are periods; by default every column whose header reads as a period. */
    periodColumns: z.array(z.string().min(1)).optional(),
    names,
  }),
]);

export type Mapping = z.infer<typeof mappingSchema>;

const TEMPLATE_NAMES: Record<
  'code' | 'period' | 'value' | 'note' | 'evidence' | 'analysis' | 'nextSteps',
  string[]
> = {
  code: ['kpi_code', '지표 코드', '지표코드', 'code'],
  period: ['period', '기간'],
  value: ['value', '값', '실적'],
  note: ['note', '비고', '메모'],
  evidence: ['evidence_url', '증빙 링크', '증빙'],
  analysis: ['analysis', '원인 분석', '원인분석'],
  nextSteps: ['next_steps', 'next steps', '향후 대책', '향후대책'],
};

const clean = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

function find(header: readonly string[], names: string[]): number {
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
  /** The commentary's columns; a wide file has none (one row holds many periods). */
  analysis: number | null;
  nextSteps: number | null;
  /** Wide: each period column and its header cell (read per row, in the indicator's frequency). */
  periodColumns: { column: number; cell: SourceCell }[];
  /** Wide: a total column (합계, 누계), checked against the sum of the periods, never imported. */
  total: number | null;
  names: Record<string, string>;
}

/** The header, its cells, and the columns the layout knows are never values. */
export interface MappedHeader {
  header: readonly string[];
  cells: readonly SourceCell[];
  roles: readonly { column: number; role: ColumnRole }[];
  planYear: number;
}

const isHalf = (cell: SourceCell, planYear: number) => {
  const reading = readPeriod(cell, { planYear });
  return reading.kind === 'problem' && reading.code === 'half_year_period';
};

/** `2024.1`: Excel's number for 2024.10, or January. Read as a period column so it is refused there. */
const isAmbiguous = (cell: SourceCell, planYear: number) => {
  const reading = readPeriod(cell, { planYear });
  return reading.kind === 'problem' && reading.code === 'ambiguous_period';
};

function columnOf(header: readonly string[], name: string): number {
  const index = header.findIndex((h) => clean(h) === clean(name));
  if (index === -1)
    throw refuse('BAD_REQUEST', 'mapping_column_missing', {
      name,
      columns: header.filter((h) => h !== '').join(', '),
    });
  return index;
}

/** The template's columns, or null when the header is not the template's. */
export function templateMapping(header: readonly string[]): ResolvedMapping | null {
  const code = find(header, TEMPLATE_NAMES.code);
  const period = find(header, TEMPLATE_NAMES.period);
  const value = find(header, TEMPLATE_NAMES.value);
  if (code === -1 || period === -1 || value === -1) return null;
  const note = find(header, TEMPLATE_NAMES.note);
  const evidence = find(header, TEMPLATE_NAMES.evidence);
  const analysis = find(header, TEMPLATE_NAMES.analysis);
  const nextSteps = find(header, TEMPLATE_NAMES.nextSteps);
  return {
    kind: 'long',
    indicatorBy: 'code',
    indicator: code,
    period,
    value,
    note: note === -1 ? null : note,
    evidence: evidence === -1 ? null : evidence,
    analysis: analysis === -1 ? null : analysis,
    nextSteps: nextSteps === -1 ? null : nextSteps,
    periodColumns: [],
    total: null,
    names: {},
  };
}

/** A long or wide mapping's columns in this header; refuses, naming the column, what is not there. */
export function resolveMapping(
  { header, cells, roles, planYear }: MappedHeader,
  mapping: Exclude<Mapping, { kind: 'template' }>,
): ResolvedMapping {
  if (mapping.kind === 'long') {
    return {
      kind: 'long',
      indicatorBy: mapping.indicatorBy,
      indicator: columnOf(header, mapping.indicator),
      period: columnOf(header, mapping.period),
      value: columnOf(header, mapping.value),
      note: mapping.note ? columnOf(header, mapping.note) : null,
      evidence: mapping.evidence ? columnOf(header, mapping.evidence) : null,
      analysis: mapping.analysis ? columnOf(header, mapping.analysis) : null,
      nextSteps: mapping.nextSteps ? columnOf(header, mapping.nextSteps) : null,
      periodColumns: [],
      total: null,
      names: mapping.names ?? {},
    };
  }
  const indicator = columnOf(header, mapping.indicator);
  const chosen = mapping.periodColumns?.map((name) => columnOf(header, name));
  const roleOf = new Map(roles.map((r) => [r.column, r.role]));
  const periodColumns: ResolvedMapping['periodColumns'] = [];
  header.forEach((name, column) => {
    const cell = cells[column] ?? { text: name };
    if (column === indicator || roleOf.has(column)) return;
    // Taken even when not ticked (the screen cannot tick what it cannot read): each value under it
    // is refused at the header, so the file is not committed without that month.
    if (isAmbiguous(cell, planYear)) periodColumns.push({ column, cell });
    else if (chosen && !chosen.includes(column)) return;
    else if (isPeriodHeader(cell, planYear)) periodColumns.push({ column, cell });
    else if (chosen) throw refuse('BAD_REQUEST', 'mapping_not_a_period', { name });
  });
  if (periodColumns.length === 0) {
    // 상반기/하반기 as the only periods: say that halves are not kept, not that there are no periods.
    // (Beside quarters, a half is a subtotal column, read as nothing.)
    const half = cells.find((cell) => isHalf(cell, planYear));
    if (half) throw refuse('BAD_REQUEST', 'half_year_period', { value: half.text.trim() });
  }
  if (periodColumns.length === 0)
    throw refuse('BAD_REQUEST', 'mapping_no_periods', {
      columns: header.filter((h) => h !== '').join(', '),
    });
  return {
    kind: 'wide',
    indicatorBy: mapping.indicatorBy,
    indicator,
    period: null,
    value: null,
    note: null,
    evidence: null,
    analysis: null,
    nextSteps: null,
    periodColumns,
    total: roles.find((r) => r.role === 'total')?.column ?? null,
    names: mapping.names ?? {},
  };
}
