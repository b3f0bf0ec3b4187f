/**
 * How a sheet is laid out, the way departments keep them: title rows and blank rows above the
 * header row, a 합계 (total) row under the data, and besides the indicator and period columns some
 * that are never values: 연번 (serial number), 단위 (unit), 비고 (remarks) and totals (합계, 누계…).
 * The header row is found by looking, and the person may say otherwise (the mapping screen offers
 * the first rows to choose from).
 */

import type { Frequency } from '@tangible/core';
import { readPeriod } from './cells.js';
import type { SourceCell, SourceRow, SourceSheet } from './source.js';

/** What a column is, when it is one of the columns that never hold a reported value. */
export type ColumnRole = 'total' | 'serial' | 'unit' | 'remark';

export interface SheetLayout {
  /** The header row's number, as the person sees it. */
  headerRow: number;
  /** Whether the header row was chosen by the person (true) or found (false). */
  headerChosen: boolean;
  header: string[];
  headerCells: SourceCell[];
  /** Rows above the header that hold something (titles, dates, the department's name). */
  titleRows: number[];
  /** Rows under the header that hold data. */
  dataRows: SourceRow[];
  /** Total rows (합계, 계, 소계, 누계, total): read, never imported. */
  totalRows: number[];
  /**
   * Rows under the header hidden in the file (a workbook's hidden rows, an HTML table's display:none
   * rows): never imported, only listed. What a person hides is last month's copy or a working
   * figure, not what they report; a value that counts is one they can see.
   */
  hiddenRows: number[];
  /** Columns that never hold a reported value, by index. */
  roles: { column: number; role: ColumnRole }[];
}

/** How far down a header row is looked for: title blocks are a few rows, not dozens. */
export const HEADER_SEARCH_ROWS = 20;

const squeeze = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
/** `(합계)`, `[계]`, `합계:` are the same word as `합계`. */
const bare = (text: string) => squeeze(text).replace(/^[([{<]+|[)\]}>:.]+$/g, '');

const ROLE_WORDS: Record<ColumnRole, readonly string[]> = {
  total: ['합계', '계', '소계', '누계', '총계', '연계', '연간합계', '합', 'total', 'sum', 'subtotal'],
  serial: ['연번', '순번', '번호', 'no', 'no.', '#'],
  unit: ['단위', 'unit', 'units'],
  remark: ['비고', 'remark', 'remarks'],
};

/** The role a header names (`합 계` → total, `연번` → serial), or null. */
export function roleOfHeader(text: string): ColumnRole | null {
  const word = bare(text);
  for (const role of Object.keys(ROLE_WORDS) as ColumnRole[])
    if (ROLE_WORDS[role].includes(word)) return role;
  return null;
}

/** Whether a cell's text is a total's label (`합계`, `소 계`, `Total`). */
export function isTotalLabel(text: string): boolean {
  return ROLE_WORDS.total.includes(bare(text));
}

const filled = (cell: SourceCell | undefined) =>
  cell !== undefined && (cell.text.trim() !== '' || cell.typed !== undefined);

const FREQUENCIES: (Frequency | undefined)[] = [undefined, 'monthly', 'quarterly', 'annual'];

/** Whether a header names a period in some frequency (`2024-03`, `3월`, `1분기`, `상반기`). */
export function isPeriodHeader(cell: SourceCell, planYear: number): boolean {
  return FREQUENCIES.some((frequency) => readPeriod(cell, { planYear, frequency }).kind === 'value');
}

/** A number that is not also a period: what a data row has and a header row does not. */
function isPlainNumber(cell: SourceCell, planYear: number): boolean {
  const numeric =
    cell.typed?.kind === 'number' || /^[+-]?[\d,]+(\.\d+)?%?$/.test(cell.text.trim().replace(/\s/g, ''));
  return numeric && !isPeriodHeader(cell, planYear);
}

/**
 * The header row: the first row, among the first few, that is about as wide as the sheet's widest
 * row and holds words rather than numbers. A title (one merged cell, or `작성일`/`부서` beside it)
 * is narrower; a data row holds numbers. `2024년 관광 실적 (단위: 명)` / blank / `연번, 지표명, 1월,
 * …, 합계` → the third row.
 */
export function findHeaderRow(sheet: SourceSheet, planYear: number): number | null {
  const head = sheet.rows.slice(0, HEADER_SEARCH_ROWS);
  const widths = head.map((row) => row.cells.filter(filled).length);
  const widest = Math.max(0, ...widths);
  const wideEnough = Math.max(2, Math.ceil(widest * 0.6));
  const found = head.find((row, index) => {
    const cells = row.cells.filter(filled);
    if ((widths[index] ?? 0) < wideEnough) return false;
    const numbers = cells.filter((cell) => isPlainNumber(cell, planYear)).length;
    return numbers * 2 < cells.length;
  });
  return found?.row ?? sheet.rows[0]?.row ?? null;
}

/**
 * The sheet's layout with the header at `headerRow` (found when not given). A row under the header
 * whose first words are a total's label is a total row; a column whose header is one of the
 * role words has that role.
 */
export function layoutOf(
  sheet: SourceSheet,
  planYear: number,
  headerRow: number | undefined,
): SheetLayout | null {
  const chosen = headerRow ?? findHeaderRow(sheet, planYear);
  const at = sheet.rows.findIndex((row) => row.row === chosen);
  const headerLine = sheet.rows[at];
  if (chosen === null || !headerLine) return null;
  const headerCells = headerLine.cells;
  const header = headerCells.map((cell) => cell.text.trim());
  const roles: SheetLayout['roles'] = [];
  header.forEach((text, column) => {
    const role = roleOfHeader(text);
    if (role) roles.push({ column, role });
  });
  const dataRows: SourceRow[] = [];
  const totalRows: number[] = [];
  const hiddenRows: number[] = [];
  for (const row of sheet.rows.slice(at + 1)) {
    if (row.hidden) {
      hiddenRows.push(row.row);
      continue;
    }
    // The label sits in one of the first text cells, whichever column the sheet puts it in (연번
    // columns are often merged into the label on a total row).
    const labels = row.cells.filter(filled).slice(0, 3);
    if (labels.some((cell) => isTotalLabel(cell.text))) totalRows.push(row.row);
    else dataRows.push(row);
  }
  return {
    headerRow: chosen,
    headerChosen: headerRow !== undefined,
    header,
    headerCells,
    titleRows: sheet.rows.slice(0, at).map((row) => row.row),
    dataRows,
    totalRows,
    hiddenRows,
    roles,
  };
}

/**
 * What identifies a layout from one month to the next: its header's words, apart from periods (a
 * sheet that gains a month is the same layout) and empty cells.
 */
export function layoutFingerprint(cells: readonly SourceCell[], planYear: number): string {
  return cells
    .filter((cell) => filled(cell) && !isPeriodHeader(cell, planYear))
    .map((cell) => squeeze(cell.text))
    .join('|');
}
