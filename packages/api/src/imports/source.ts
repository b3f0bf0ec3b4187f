/**
 * A file as the import reads it, whatever its format: sheets of rows of cells, each cell with the
 * text a person sees and, where the format has types (xlsx), its typed value, and each row with the
 * number the person sees beside it (Excel's row number; for text files the record's number, which is
 * Excel's row number once the file is opened there, also after a cell holding a line break).
 * Everything after this (layout, mapping, cell readings) works on this shape only.
 */

/** How a text file separates its cells. */
export type Delimiter = ',' | ';' | '\t';

/**
 * What a typed cell holds (xlsx): a number (whether it is formatted as a percentage, and the word its
 * format writes after it: `0"만명"` shows 293 as 293만명), or a date.
 */
export type TypedValue =
  | { kind: 'number'; value: number; percent: boolean; unitWord?: string }
  | { kind: 'date'; year: number; month: number; day: number };

export interface SourceCell {
  /** The cell as text ('' when empty): for a typed cell, its value written plainly (no grouping). */
  text: string;
  /** The typed value, when the file says it (xlsx; a formula cell gives its cached result). */
  typed?: TypedValue;
}

export interface SourceRow {
  /** The row number the person sees: Excel's row number, or the text file's record number. */
  row: number;
  /**
   * Hidden in the file (a workbook's hidden row, an HTML row with display:none): kept and flagged,
   * so the layout can skip it and the preview list it as skipped (layout.ts, hiddenRows).
   */
  hidden: boolean;
  cells: SourceCell[];
  /**
   * The fields the record had, trailing empty ones included (text files only): `cells` ends at the
   * last non-empty one, and a record split by an unquoted comma may be wider only by empty fields.
   */
  fields?: number;
}

export interface SourceSheet {
  /** The sheet's name (xlsx), or null for a text file. */
  name: string | null;
  /** Every row that has any non-empty cell, in order; trailing empty cells are trimmed. */
  rows: SourceRow[];
  /**
   * Hidden in the workbook (xlsx): listed all the same, marked, so the person can pick it knowingly;
   * never read by default (the preview reads the first visible sheet).
   */
  hidden?: boolean;
  /**
   * Merged ranges (xlsx; an HTML table's colspan and rowspan): Excel keeps the value in the top-left
   * cell only and the rest are empty, so a merged title row reads as one cell. Rows as numbered,
   * columns from 0 as in `cells`.
   */
  merges?: { top: number; left: number; bottom: number; right: number }[];
}

export type SourceFormat = 'csv' | 'text-utf16' | 'xlsx' | 'html-table';

export interface SourceFile {
  format: SourceFormat;
  /** How text was decoded (text formats), e.g. 'UTF-8', 'UTF-8 (BOM)', 'CP949', 'UTF-16LE'. */
  encoding: string | null;
  /** The delimiter found (text formats). */
  delimiter: Delimiter | null;
  sheets: SourceSheet[];
}

/** Excel's name of a column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/**
 * Where a cell is, as the person finds it: `실적!D14` in a workbook, `D14` in a text file (its row
 * number is the line Excel shows when it opens the file).
 */
export function cellPosition(sheet: string | null, row: number, column: number): string {
  const cell = `${columnLetter(column)}${row}`;
  return sheet === null
    ? cell
    : `${/[\s!'"]/.test(sheet) ? `'${sheet.replaceAll("'", "''")}'` : sheet}!${cell}`;
}
