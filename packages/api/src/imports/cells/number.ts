/**
 * Numbers as people write them in Korean spreadsheets: `32,450`, full-width `１２３`, the unit
 * after the number when it is the indicator's (`43건`, `32,450명`, `94.9%`), and `△`/`▲` for minus
 * as in Korean accounts. A number that could mean two things (a decimal comma, digits Excel rounded
 * away into `1.23457E+11`) is refused with what to write instead.
 */

import { isUnit, type Unit, unitRange, valueProblem } from '@tangible/core';
import { type Reading, readingOf, refused } from './reading.js';
import { excelMark, foldCell, placeholderOf } from './spelling.js';

export interface NumberContext {
  /** The indicator's unit: a unit word after the number must be this one. */
  unit: Unit | string;
}

/** The words written after a number that name each unit, lower-case and without spaces. */
const UNIT_WORDS: Record<Unit, string[]> = {
  count: ['개'],
  people: ['명', '인', 'people', 'persons'],
  companies: ['개사', '사', '개기업', '기업', 'companies'],
  institutions: ['개기관', '기관', 'institutions'],
  cases: ['건', 'cases'],
  places: ['개소', '곳', 'places'],
  households: ['가구', '세대', 'households'],
  percent: ['%', '퍼센트', 'percent'],
  krw_100m: ['억원', '억'],
  usd_million: ['백만달러', '백만불', 'usdm'],
  rank: ['위', '등'],
  mt_co2eq: ['백만tco2eq', 'mtco2eq'],
  kt_co2eq: ['천tco2eq', 'ktco2eq'],
  tonnes: ['톤', 't', 'tonnes', 'tons'],
  mw: ['mw'],
  score: ['점', 'points'],
  minutes: ['분', 'min', 'minutes'],
  days: ['일', 'days'],
};

/** The unit words a cell may carry for a unit (none for a unit this version does not know). */
export function unitWords(unit: Unit | string): readonly string[] {
  return isUnit(unit) ? UNIT_WORDS[unit] : [];
}

const MINUS = new Set(['-', '−', '–']);
const TRIANGLES = new Set(['△', '▲']);
/** ASCII digits, no leading zero, within a double's exact digits: what the rules below read as itself. */
const WHOLE = /^(0|[1-9]\d{0,14})$/;
const PLAIN = /^(\d+(\.\d+)?|\.\d+)$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const SCIENTIFIC = /^(\d+(\.\d+)?|\.\d+)e[+-]?\d+$/i;
/** Digits spaced apart: allowed only as thousands groups (`12 345`), never `12 34` or `1 2 3`. */
const SPACED = /^\d{1,3}( \d{3})+(\.\d+)?$/;
/** `1.000`: a thousand where a dot groups thousands (as in much of Europe), one where it is a decimal point. */
const DOT_THOUSANDS = /^[1-9]\d{0,2}\.\d{3}$/;
/**
 * Superscript and circled digits, which NFKC would turn into plain ones: `43¹` (a footnote mark)
 * would read as 431, `①` as 1.
 */
const MARKED_DIGITS = /[\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u2776-\u2793\u3220-\u325f\u3280-\u32bf]/;

/** Whether a unit counts whole things (people, cases, a rank), where a decimal cannot be meant. */
const wholeUnit = (unit: Unit | string) => isUnit(unit) && valueProblem(unit, 0.5) === 'not_whole';
/** Past 15 significant digits a double (and Excel) rounds: the number read would not be the one written. */
const MAX_DIGITS = 15;

const significantDigits = (digits: string) =>
  digits.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;

/**
 * The number a text holds in the indicator's unit, a blank, or why it is not one:
 * `32,450명` (people) → 32450; `94.9%` (percent) → 94.9; `1,5` → refused (a decimal comma or a
 * mistyped thousands group); `1.23457E+11` → refused (Excel showed fewer digits than it had);
 * `△3` → −3, refused where the unit cannot be negative, saying the △ was read as minus.
 */
export function readNumberText(text: string, context: NumberContext): Reading<number> {
  // Most cells are plain whole numbers (`1234`): one reading, whatever the unit, read at once.
  if (WHOLE.test(text)) return readingOf(Number(text));
  if (MARKED_DIGITS.test(text)) return refused('marked_digit', { value: text.trim() });
  const value = foldCell(text);
  if (value === '') return { kind: 'blank', placeholder: null };
  const placeholder = placeholderOf(value);
  if (placeholder) return { kind: 'blank', placeholder };
  const mark = excelMark(value);
  if (mark) return refused(mark, { value });

  let rest = value;
  const sign = rest.charAt(0);
  const minus = MINUS.has(sign) || TRIANGLES.has(sign);
  if (minus || sign === '+') rest = rest.slice(1).trimStart();
  if (SCIENTIFIC.test(rest.replace(/\s/g, ''))) return refused('excel_lost_digits', { value });

  // Spaces inside the number are kept to be checked; the unit word after it may have any.
  const spaced = /^[\d.,]+( [\d.,]+)*/.exec(rest)?.[0] ?? '';
  if (spaced.includes(' ') && !SPACED.test(spaced)) return refused('unclear_separator', { value });
  const digits = spaced.replaceAll(' ', '');
  const word = rest.slice(spaced.length).replace(/\s/g, '').toLowerCase();
  if (digits === '' || !/\d/.test(digits)) return refused('not_a_number', { value });
  if (!PLAIN.test(digits) && !GROUPED.test(digits)) return refused('unclear_separator', { value });
  if (DOT_THOUSANDS.test(digits) && wholeUnit(context.unit))
    return refused('dot_thousands', { value, thousands: digits.replace('.', ''), unit: context.unit });
  if (word !== '' && !unitWords(context.unit).includes(word))
    return refused('unit_word_mismatch', { value, word, unit: context.unit });
  if (significantDigits(digits) > MAX_DIGITS) return refused('too_many_digits', { value, max: MAX_DIGITS });

  const magnitude = Number(digits.replaceAll(',', ''));
  const number = minus && magnitude !== 0 ? -magnitude : magnitude;
  if (TRIANGLES.has(sign) && number < unitRange(context.unit).min)
    return refused('minus_sign_below_zero', { value, sign, number, unit: context.unit });
  return readingOf(number);
}

/** Korean number words that multiply: a format writing them shows a number the cell does not hold. */
const MULTIPLIERS: [string, number][] = [
  ['천만', 10_000_000],
  ['백만', 1_000_000],
  ['십만', 100_000],
  ['만', 10_000],
  ['천', 1_000],
  ['억', 100_000_000],
];

/**
 * The word a number cell's format writes after it, checked as a typed one: the indicator's unit
 * word passes (`명`, `억원`); a multiplier (`0"만명"` shows 293 as 293만명, the cell holds 293) is
 * refused with the whole number to enter; any other word is not this indicator's unit.
 */
function formatWordProblem(value: number, word: string, unit: Unit | string): Reading<number> | null {
  const folded = foldCell(word).toLowerCase().replace(/\s/g, '');
  if (unitWords(unit).includes(folded)) return null;
  const shown = `${value}${word}`;
  const multiplier = MULTIPLIERS.find(([prefix]) => folded.startsWith(prefix));
  if (multiplier)
    return refused('format_unit_multiplier', {
      value: shown,
      word,
      multiplier: multiplier[0],
      whole: Number((value * multiplier[1]).toPrecision(MAX_DIGITS)),
      unit,
    });
  return refused('unit_word_mismatch', { value: shown, word, unit });
}

/**
 * A number cell's value (xlsx), in the indicator's unit: a cell formatted as a percentage holds a
 * fraction (0.949 shown as 94.9%), which on a percent indicator is 94.9; on any other indicator it is
 * refused, since the sheet and the indicator disagree about what the number is.
 */
export function readTypedNumber(
  typed: { value: number; percent: boolean; unitWord?: string },
  context: NumberContext,
): Reading<number> {
  if (!Number.isFinite(typed.value)) return refused('not_a_number', { value: String(typed.value) });
  const wordProblem = typed.unitWord ? formatWordProblem(typed.value, typed.unitWord, context.unit) : null;
  if (wordProblem) return wordProblem;
  if (!typed.percent) return readingOf(typed.value);
  // 0.949 × 100 is 94.89999999999999 in binary; fifteen digits are what Excel itself shows.
  const percentage = Number((typed.value * 100).toPrecision(MAX_DIGITS));
  return context.unit === 'percent'
    ? readingOf(percentage)
    : refused('percent_on_non_percent', { value: `${percentage}%`, unit: context.unit });
}
