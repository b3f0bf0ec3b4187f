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

export type ValueProblem =
  | 'not_a_number'
  | 'not_whole'
  | 'below_zero'
  | 'above_hundred'
  | 'below_one'
  | 'above_maximum';

/**
 * The largest value a unit plausibly takes in a city's plan, with room to spare: anything above is a
 * typing or unit mistake (a value entered in won instead of 억원, a pasted serial number). The bounds
 * also keep every sum finite: twelve months, or a thousand indicators, of the largest values still
 * add up to far below what a number can hold (about 1.8 × 10^308), so no figure becomes Infinity.
 * - counts: people 10^10 (more than the world's population; yearly visitor totals stay far below),
 *   households 10^9, companies 10^8, institutions 10^6, places 10^8, cases and other counts 10^12;
 * - money: 10^9 × 100 million won (10^17 won, about forty times Korea's GDP), 10^8 million dollars;
 * - emissions: 10^5 Mt CO2eq (the world emits about 4 × 10^4), 10^8 kt, 10^11 tonnes;
 * - power 10^8 MW; a rank up to 10^6; a score up to 10^6; durations up to 10^7 minutes (19 years)
 *   and 10^5 days (273 years); a percentage up to 100.
 */
export const UNIT_MAXIMUM: Readonly<Record<Unit, number>> = {
  count: 1e12,
  people: 1e10,
  companies: 1e8,
  institutions: 1e6,
  cases: 1e12,
  places: 1e8,
  households: 1e9,
  percent: 100,
  krw_100m: 1e9,
  usd_million: 1e8,
  rank: 1e6,
  mt_co2eq: 1e5,
  kt_co2eq: 1e8,
  tonnes: 1e11,
  mw: 1e8,
  score: 1e6,
  minutes: 1e7,
  days: 1e5,
};

/**
 * What is wrong with a value in a unit, or null when it is acceptable:
 * - every value is a finite number;
 * - counts (people, companies, cases, …) are whole numbers ≥ 0: 12 yes, 12.5 no, −1 no;
 * - a percentage lies within 0–100: 101 no;
 * - a rank is a whole number ≥ 1: 0 no;
 * - amounts, emissions, durations and scores are ≥ 0;
 * - nothing exceeds the unit's plausible maximum (UNIT_MAXIMUM): 3 × 10^10 people no.
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
  if (value > UNIT_MAXIMUM[unit]) return 'above_maximum';
  return null;
}

export function isUnit(text: string): text is Unit {
  return (UNITS as readonly string[]).includes(text);
}

/**
 * The values a unit can take: percentages 0–100, ranks from 1 up, everything else from 0 up, each
 * up to its plausible maximum (UNIT_MAXIMUM); a unit this version does not know has no maximum.
 */
export function unitRange(unit: string): { min: number; max: number } {
  const max = isUnit(unit) ? UNIT_MAXIMUM[unit] : Number.POSITIVE_INFINITY;
  return { min: unit === 'rank' ? 1 : 0, max };
}
