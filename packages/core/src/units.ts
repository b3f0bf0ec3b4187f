/**
 * Units, and what a reported value may be in each: the one place that says "a percentage lies
 * within 0–100, a count is a whole number of at least 0, a rank a whole number of at least 1".
 */

export const UNITS = [
  'count',
  'people',
  'companies',
  'institutions',
  'cases',
  'places',
  'households',
  'percent',
  'krw_100m',
  'usd_million',
  'rank',
  'mt_co2eq',
  'kt_co2eq',
  'tonnes',
  'mw',
  'score',
  'minutes',
  'days',
] as const;

export type Unit = (typeof UNITS)[number];

const COUNTS: readonly Unit[] = [
  'count',
  'people',
  'companies',
  'institutions',
  'cases',
  'places',
  'households',
];

export type ValueProblem = 'not_a_number' | 'not_whole' | 'below_zero' | 'above_hundred' | 'below_one';

/**
 * What is wrong with a value in a unit, or null when it is acceptable:
 * - every value is a finite number;
 * - counts (people, companies, cases, …) are whole numbers ≥ 0: 12 yes, 12.5 no, −1 no;
 * - a percentage lies within 0–100: 101 no;
 * - a rank is a whole number ≥ 1: 0 no;
 * - amounts, emissions, durations and scores are ≥ 0.
 */
export function valueProblem(unit: Unit, value: number): ValueProblem | null {
  if (!Number.isFinite(value)) return 'not_a_number';
  if (unit === 'rank') {
    if (!Number.isInteger(value)) return 'not_whole';
    return value < 1 ? 'below_one' : null;
  }
  if (COUNTS.includes(unit) && !Number.isInteger(value)) return 'not_whole';
  if (value < 0) return 'below_zero';
  if (unit === 'percent' && value > 100) return 'above_hundred';
  return null;
}

export function isUnit(text: string): text is Unit {
  return (UNITS as readonly string[]).includes(text);
}

/** The values a unit can take: percentages 0–100, ranks from 1 up, everything else from 0 up. */
export function unitRange(unit: string): { min: number; max: number } {
  if (unit === 'percent') return { min: 0, max: 100 };
  if (unit === 'rank') return { min: 1, max: Number.POSITIVE_INFINITY };
  return { min: 0, max: Number.POSITIVE_INFINITY };
}
