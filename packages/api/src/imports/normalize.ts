/**
 * Periods and numbers read from text alone, where there is no cell or indicator to read them with
 * (a column's header, a template's value): `2024-03`, `2024.03`, `202403`, `2024년 3월` → `2024-03`;
 * `2024-Q1`, `2024년 1분기` → `2024-Q1`; `2024`, `2024년` → `2024`; `1,234,567` → 1234567. Any text
 * with two readings (`2024.1`: January, or October typed 2024.10) is null, as is anything else that
 * is not one. The rules are in cells/period.ts and cells/number.ts.
 */

import { readNumberText } from './cells/number.js';
import { readPeriodText } from './cells/period.js';

/**
 * The period in Tangible's form, or null when the text is not exactly one period; with the plan's
 * year, a period written without one (`3월`, `1분기`) is in it.
 */
export function normalizePeriod(text: string, planYear?: number): string | null {
  const reading = readPeriodText(text, planYear === undefined ? {} : { planYear });
  return reading.kind === 'value' ? reading.value : null;
}

/**
 * A number written with or without thousands separators (commas in groups of three), or null when
 * the text is not one: `1,234.5` → 1234.5; `1,23` → null (not a thousands grouping); `12%` → null
 * (a unit word needs the indicator's unit: see readNumber in cells.ts).
 */
export function normalizeNumber(text: string): number | null {
  const reading = readNumberText(text, { unit: '' });
  return reading.kind === 'value' ? reading.value : null;
}
