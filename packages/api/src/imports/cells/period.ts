/**
 * Periods as people write them in Korean spreadsheets, read to Tangible's forms (`2024-03`,
 * `2024-Q1`, `2024`). Every form a spelling fits is tried and each gives what it would mean; one
 * meaning is the period, none is not a period, two are refused, never guessed. The case that made
 * this rule: Excel stores `2024.10` as the number 2024.1, so `2024.1` is January or October.
 */

import type { Frequency } from '@tangible/core';
import { type Reading, readingOf, refused } from './reading.js';
import { excelMark, foldCell, placeholderOf } from './spelling.js';

/** What a spelling names before the indicator's frequency is applied. */
export type PeriodSense =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }
  | { kind: 'date'; year: number; month: number; day: number }
  | { kind: 'half'; year: number; half: number };

export interface PeriodContext {
  /** The plan's year: a period written without one (`3월`, `1분기`) is in it. */
  planYear?: number;
  /** The indicator's frequency: a date is the month, quarter or year it falls in. */
  frequency?: Frequency;
}

// Excel's date serials for 1990-01-01 … 2099-12-31: a five-digit number in a period column is a date
// Excel wrote without its format; outside this span such a number is not read as one.
const SERIAL_FIRST = 32874;
const SERIAL_LAST = 73050;

// Four digits are a year only within a span a work plan can be about: 0202 or 3024 are not years.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

const fullYear = (digits: string) => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;

type Form = (match: RegExpExecArray, planYear: number | undefined) => PeriodSense[];

const month = (year: number, m: number): PeriodSense[] =>
  m >= 1 && m <= 12 ? [{ kind: 'month', year, month: m }] : [];

const date = (year: number, m: number, day: number): PeriodSense[] => {
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return m >= 1 && m <= 12 && day >= 1 && day <= last ? [{ kind: 'date', year, month: m, day }] : [];
};

const withYear = (digits: string | undefined, planYear: number | undefined) =>
  digits === undefined ? planYear : fullYear(digits);

/** Each form of a period, with what it means. Matched against the folded, lower-cased text. */
const FORMS: [RegExp, Form][] = [
  // 2024-3, 2024/03: Excel and ISO never drop a zero here.
  [/^(\d{4}) ?[-/] ?(\d{1,2})$/, (m) => month(Number(m[1]), Number(m[2]))],
  // 2024.03 is a decimal number, so one digit after the point may have lost its zero: 2024.1 is
  // January, or October typed as 2024.10. The Korean date style (2024. 3. and 2024.3.) is no
  // number: the trailing point or the space says the month is written whole.
  [
    /^(\d{4})( ?\. ?)(\d{1,2})( ?\.)?$/,
    (m) => {
      const year = Number(m[1]);
      const digits = m[3] ?? '';
      const asNumber = m[2] === '.' && m[4] === undefined && digits.length === 1;
      return asNumber
        ? [...month(year, Number(digits)), ...month(year, Number(digits) * 10)]
        : month(year, Number(digits));
    },
  ],
  [/^(\d{4})(\d{2})$/, (m) => month(Number(m[1]), Number(m[2]))],
  [
    /^(?:(\d{4}|\d{2}) ?년(?:도)? ?)?(\d{1,2}) ?월(?: ?분)?$/,
    (m, planYear) => {
      const year = withYear(m[1], planYear);
      return year === undefined ? [] : month(year, Number(m[2]));
    },
  ],
  [
    new RegExp(String.raw`^(\d{4}) ?([-./]) ?(\d{1,2}) ?\2 ?(\d{1,2}) ?\.?${TIME}$`),
    (m) => date(Number(m[1]), Number(m[3]), Number(m[4])),
  ],
  [/^(\d{4}) ?년 ?(\d{1,2}) ?월 ?(\d{1,2}) ?일$/, (m) => date(Number(m[1]), Number(m[2]), Number(m[3]))],
  [
    /^(\d{5})(?:\.\d+)?$/,
    (m) => {
      const serial = Number(m[1]);
      if (serial < SERIAL_FIRST || serial > SERIAL_LAST) return [];
      const day = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return date(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    },
  ],
  [/^(\d{4}) ?[-./]? ?q([1-4])$|^q([1-4]) ?[-./]? ?(\d{4})$/, (m) => quarter(m[1] ?? m[4], m[2] ?? m[3])],
  [/^(\d{4}) ?[-./]? ?([1-4])q$|^([1-4])q ?[-./]? ?(\d{4})$/, (m) => quarter(m[1] ?? m[4], m[2] ?? m[3])],
  [/^q([1-4])$|^([1-4])q$/, (m, planYear) => (planYear ? quarter(String(planYear), m[1] ?? m[2]) : [])],
  [
    /^(?:(\d{4}|\d{2}) ?년(?:도)? ?)?(?:제 ?)?([1-4]) ?(?:\/ ?4 ?)?분기$/,
    (m, planYear) => {
      const year = withYear(m[1], planYear);
      return year === undefined ? [] : quarter(String(year), m[2]);
    },
  ],
  [/^(\d{4})$/, (m) => [{ kind: 'year', year: Number(m[1]) }]],
  [/^(\d{4}|\d{2}) ?(?:년|년도|연도)$/, (m) => [{ kind: 'year', year: fullYear(m[1] ?? '') }]],
  [
    /^(?:(\d{4}|\d{2}) ?년(?:도)? ?)?(상|하) ?반기$/,
    (m, planYear) => {
      const year = withYear(m[1], planYear);
      return year === undefined ? [] : [{ kind: 'half', year, half: m[2] === '상' ? 1 : 2 }];
    },
  ],
  [
    /^(?:(\d{4}) ?)?h([12])$|^([12])h(?: ?(\d{4}))?$/,
    (m, planYear) => {
      const year = withYear(m[1] ?? m[4], planYear);
      return year === undefined ? [] : [{ kind: 'half', year, half: Number(m[2] ?? m[3]) }];
    },
  ],
];

function quarter(year: string | undefined, q: string | undefined): PeriodSense[] {
  return year && q ? [{ kind: 'quarter', year: Number(year), quarter: Number(q) }] : [];
}

/** Everything a period's text may mean, every form that fits it tried. */
export function periodSenses(text: string, planYear?: number): PeriodSense[] {
  const folded = foldCell(text).toLowerCase();
  return FORMS.flatMap(([pattern, form]) => {
    const match = pattern.exec(folded);
    return match ? form(match, planYear) : [];
  }).filter((sense) => sense.year >= FIRST_YEAR && sense.year <= LAST_YEAR);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A sense as a Tangible period; a date is the period of the indicator's frequency it falls in (its
 * month when the frequency is not known): 2024-03-15 → `2024-03`, quarterly `2024-Q1`, annual `2024`.
 * A half year is no period Tangible keeps: null.
 */
export function periodOfSense(sense: PeriodSense, frequency?: Frequency): string | null {
  switch (sense.kind) {
    case 'month':
      return `${sense.year}-${pad(sense.month)}`;
    case 'quarter':
      return `${sense.year}-Q${sense.quarter}`;
    case 'year':
      return String(sense.year);
    case 'half':
      return null;
    case 'date':
      if (frequency === 'quarterly') return `${sense.year}-Q${Math.ceil(sense.month / 3)}`;
      if (frequency === 'annual') return String(sense.year);
      return `${sense.year}-${pad(sense.month)}`;
  }
}

/** The distinct periods a text may be: exactly one is a reading, more are refused. */
export function periodReadings(text: string, context: PeriodContext = {}): string[] {
  const periods = periodSenses(text, context.planYear).map((s) => periodOfSense(s, context.frequency));
  return [...new Set(periods.filter((p): p is string => p !== null))].sort();
}

/** The period a text names, a blank, or why it is not one (`2024.1` asks for 2024-01 or 2024-10). */
export function readPeriodText(text: string, context: PeriodContext): Reading<string> {
  const value = foldCell(text);
  if (value === '') return { kind: 'blank', placeholder: null };
  const placeholder = placeholderOf(value);
  if (placeholder) return { kind: 'blank', placeholder };
  const mark = excelMark(value);
  if (mark) return refused(mark, { value });
  if (periodSenses(value, context.planYear).some((s) => s.kind === 'half'))
    return refused('half_year_period', { value });
  const [first, second] = periodReadings(value, context);
  if (first === undefined) return refused('bad_period', { value });
  if (second !== undefined) return refused('ambiguous_period', { value, first, second });
  return readingOf(first);
}

/** A date cell's period, by the indicator's frequency (its month when the frequency is not known). */
export function periodOfDate(
  day: { year: number; month: number; day: number },
  frequency?: Frequency,
): string {
  return periodOfSense({ kind: 'date', ...day }, frequency) ?? '';
}
