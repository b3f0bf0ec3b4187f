/**
 * Where each reporting period sits in the monthly grid, how a typed value is read, and how the
 * server's refusals (rows of the submitted list) are put back on the cells they came from.
 * Layout and parsing only: every state and check is the server's.
 */

import type { EntryError, ReportPeriod } from './types';

/** One cell of the grid: an indicator and one of its periods (`CUL-01 2024-03`, `CUL-02 2024-Q1`). */
export function cellKey(code: string, period: string): string {
  return `${code} ${period}`;
}

/** A DOM id for a cell's descriptions (codes and periods hold letters, digits and hyphens only). */
export function cellId(code: string, period: string): string {
  return `report-${code}-${period}`;
}

/** The months a period covers in the grid: 2024-03 → March; 2024-Q2 → April to June; 2024 → the whole year. */
export function placement(period: string): { start: number; span: number } {
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return { start: Number(month[1]) - 1, span: 1 };
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return { start: (Number(quarter[1]) - 1) * 3, span: 3 };
  return { start: 0, span: 12 };
}

/** Periods laid out left to right over twelve months. */
export function periodsInColumns(periods: readonly ReportPeriod[]): { period: ReportPeriod; span: number }[] {
  return [...periods]
    .map((period) => ({ period, ...placement(period.period) }))
    .sort((a, b) => a.start - b.start)
    .map(({ period, span }) => ({ period, span }));
}

/** A typed value as a number ("1,250" → 1250); null when it is not a number at all. */
export function parseTypedValue(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** The server's refusals, keyed by the cell of the submitted row they name (rows are 1-based). */
export function errorsByCell(
  errors: readonly EntryError[],
  submittedKeys: readonly string[],
): Record<string, EntryError[]> {
  const byCell: Record<string, EntryError[]> = {};
  for (const error of errors) {
    const key = submittedKeys[error.row - 1];
    if (key === undefined) continue;
    byCell[key] = [...(byCell[key] ?? []), error];
  }
  return byCell;
}

/** Whether a refusal asks for commentary (원인 분석, 향후 대책) rather than finding the value wrong. */
export function isCommentaryError(error: EntryError): boolean {
  return error.field === 'analysis' || error.field === 'nextSteps';
}
