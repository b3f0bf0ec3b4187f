/**
 * Reading one cell as what its column holds: a period, a number in the indicator's unit, or an
 * indicator's name. Each reading is a value, a blank (not reported: empty, or a placeholder such as
 * `-` or `해당없음`), or a problem with its code; a cell that can be read two ways is a problem that
 * says how to write it, never a guess. Typed cells (xlsx) are read for what they are; text is read
 * by the rules in cells/: period.ts, number.ts, names.ts, spelling.ts.
 */

import type { Unit } from '@tangible/core';
import { type NumberContext, readNumberText, readTypedNumber } from './cells/number.js';
import { periodOfDate, readPeriodText, type PeriodContext as TextPeriodContext } from './cells/period.js';
import { type Reading, readingOf, refused } from './cells/reading.js';
import type { SourceCell } from './source.js';

export type { NameCandidate, NamedIndicator, NameMatch } from './cells/names.js';
export { matchName as matchIndicatorName, nameKey, nameProblem } from './cells/names.js';
export { unitWords } from './cells/number.js';
export { periodReadings } from './cells/period.js';
export { excelMark, foldCell, isEmptyCell, placeholderOf } from './cells/spelling.js';
export type { NumberContext, Reading };

export interface PeriodContext extends TextPeriodContext {
  /** The plan's year: a period written without one (`3월`, `1분기`, `상반기`) is in it. */
  planYear: number;
  /**
   * The cell is a wide sheet's header: a date there names a column of months (as `1월` does), so it
   * is its month whatever the indicator's frequency, and a quarterly indicator's January is refused
   * as the text form is. Only a long layout's period cell, one date per value, is the period of the
   * indicator's frequency it falls in.
   */
  header?: boolean;
}

/**
 * The period a cell names (Tangible's form: `2024-03`, `2024-Q1`, `2024`). A date cell in a long
 * layout's period column is the period of the indicator's frequency it falls in, in a wide header
 * its month; a number cell is read as its digits, so 2024.1 (what
 * Excel keeps of `2024.10`) is refused asking for 2024-01 or 2024-10.
 */
export function readPeriod(cell: SourceCell, context: PeriodContext): Reading<string> {
  if (cell.typed?.kind === 'date')
    return readingOf(periodOfDate(cell.typed, context.header ? undefined : context.frequency));
  if (cell.typed?.kind === 'number') return readPeriodText(String(cell.typed.value), context);
  return readPeriodText(cell.text, context);
}

/** The number a cell holds, in the indicator's unit (`32,450명`, `94.9%`, a number cell as it is). */
export function readNumber(cell: SourceCell, context: { unit: Unit | string }): Reading<number> {
  if (cell.typed?.kind === 'number') return readTypedNumber(cell.typed, context);
  if (cell.typed?.kind === 'date') return refused('not_a_number', { value: cell.text.trim() });
  return readNumberText(cell.text, context satisfies NumberContext);
}
