/**
 * Periods and the as-of month.
 *
 * A reported value belongs to a period written as text: `2024-03` (a month), `2024-Q1` (a quarter)
 * or `2024` (a year). The as-of point of every computation is a month, `2024-06`, and means "the
 * end of June 2024": a period counts once its last month is on or before the as-of month.
 */

export type Frequency = 'monthly' | 'quarterly' | 'annual';

export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'annual'];

/** An as-of month: year and month (1–12). */
export interface AsOf {
  readonly year: number;
  readonly month: number;
}

/** A period of a given frequency: its year and its 1-based position in that year. */
export interface Period {
  readonly year: number;
  readonly frequency: Frequency;
  /** 1–12 for months, 1–4 for quarters, 1 for a year. */
  readonly index: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** Parses `YYYY-MM` as an as-of month; null when the text is not one. `2024-06` → {2024, 6}. */
export function parseAsOf(text: string): AsOf | null {
  const match = MONTH.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

export function formatAsOf(asOf: AsOf): string {
  return `${asOf.year}-${String(asOf.month).padStart(2, '0')}`;
}

/**
 * Parses a period of any frequency. `2024-03` → monthly 3, `2024-Q2` → quarterly 2, `2024` → annual 1.
 * Returns null for anything else.
 */
export function parsePeriod(text: string): Period | null {
  let match = MONTH.exec(text);
  if (match) return { year: Number(match[1]), frequency: 'monthly', index: Number(match[2]) };
  match = QUARTER.exec(text);
  if (match) return { year: Number(match[1]), frequency: 'quarterly', index: Number(match[2]) };
  match = YEAR.exec(text);
  if (match) return { year: Number(match[1]), frequency: 'annual', index: 1 };
  return null;
}

export function formatPeriod(period: Period): string {
  switch (period.frequency) {
    case 'monthly':
      return `${period.year}-${String(period.index).padStart(2, '0')}`;
    case 'quarterly':
      return `${period.year}-Q${period.index}`;
    case 'annual':
      return String(period.year);
  }
}

/** Periods in a year: 12 months, 4 quarters, 1 year. */
export function periodsPerYear(frequency: Frequency): number {
  switch (frequency) {
    case 'monthly':
      return 12;
    case 'quarterly':
      return 4;
    case 'annual':
      return 1;
  }
}

/** The last month (1–12) of a period: `2024-Q2` → 6, `2024` → 12. */
export function periodEndMonth(period: Period): number {
  return (period.index * 12) / periodsPerYear(period.frequency);
}

/**
 * Whether a period has ended by the as-of month: `2024-Q2` has ended at `2024-06` but not at `2024-05`.
 * Periods of other years never count towards this year's figures.
 */
export function hasEnded(period: Period, asOf: AsOf): boolean {
  return period.year === asOf.year && periodEndMonth(period) <= asOf.month;
}

/**
 * How many periods of a frequency have ended by the as-of month:
 * at `2024-05`, 5 months, 1 quarter, 0 years.
 */
export function completedPeriods(frequency: Frequency, asOf: AsOf): number {
  return Math.floor((asOf.month * periodsPerYear(frequency)) / 12);
}

/** Every period of a frequency in a year, in order: quarterly 2024 → 2024-Q1 … 2024-Q4. */
export function periodsOfYear(year: number, frequency: Frequency): Period[] {
  return Array.from({ length: periodsPerYear(frequency) }, (_, i) => ({ year, frequency, index: i + 1 }));
}

/** The last day of the as-of month as an ISO date: `2024-02` → `2024-02-29`. */
export function asOfDate(asOf: AsOf): string {
  const lastDay = new Date(Date.UTC(asOf.year, asOf.month, 0)).getUTCDate();
  return `${formatAsOf(asOf)}-${String(lastDay).padStart(2, '0')}`;
}
