/**
 * Reading one cell as what its column holds: a period, a number in the indicator's unit, or an
 * indicator's name. Each reading is a value, a blank (not reported: empty, or a placeholder such as
 * `-` or `해당없음`), or a problem with its code; a cell that can be read two ways is a problem that
 * says how to write it, never a guess. The rules for the text forms live in normalize.ts.
 */

import type { Frequency, Unit } from '@tangible/core';
import type { ProblemCode } from '../problem-sentences.js';
import { normalizeNumber, normalizePeriod } from './normalize.js';
import type { SourceCell } from './source.js';

type Params = Record<string, string | number>;

export type Reading<T> =
  | { kind: 'value'; value: T }
  /** Nothing reported: an empty cell, or a placeholder (which one, to list it in the preview). */
  | { kind: 'blank'; placeholder: string | null }
  | { kind: 'problem'; code: ProblemCode; params: Params };

export interface PeriodContext {
  /** The plan's year: a period written without one (`3월`, `1분기`) is in it. */
  planYear: number;
  /** The indicator's frequency, when known: `상반기` or a date is read within it. */
  frequency?: Frequency;
}

const blank = (cell: SourceCell) => cell.text.trim() === '' && cell.typed === undefined;

/** The period a cell names (Tangible's form: `2024-03`, `2024-Q1`, `2024`). */
export function readPeriod(cell: SourceCell, _context: PeriodContext): Reading<string> {
  if (blank(cell)) return { kind: 'blank', placeholder: null };
  const period = normalizePeriod(cell.text);
  return period
    ? { kind: 'value', value: period }
    : { kind: 'problem', code: 'bad_period', params: { value: cell.text.trim() } };
}

/** The number a cell holds, in the indicator's unit. */
export function readNumber(cell: SourceCell, _context: { unit: Unit | string }): Reading<number> {
  if (cell.typed?.kind === 'number') return { kind: 'value', value: cell.typed.value };
  if (blank(cell)) return { kind: 'blank', placeholder: null };
  const value = normalizeNumber(cell.text);
  return value === null
    ? { kind: 'problem', code: 'not_a_number', params: { value: cell.text.trim() } }
    : { kind: 'value', value };
}

export interface NamedIndicator {
  code: string;
  name_ko: string;
  name_en: string;
}

/** An indicator named in a cell, or the closest candidates when none matches. */
export type NameMatch = { kind: 'match'; code: string } | { kind: 'none'; candidates: string[] };

const clean = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Matches a Korean or English indicator name. */
export function matchIndicatorName(text: string, indicators: readonly NamedIndicator[]): NameMatch {
  const wanted = clean(text);
  const found = indicators.find((i) => clean(i.name_ko) === wanted || clean(i.name_en) === wanted);
  return found ? { kind: 'match', code: found.code } : { kind: 'none', candidates: [] };
}
