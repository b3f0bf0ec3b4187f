/**
 * Reading an uploaded plan workbook: the importer's readers make sheets of cells of any file it
 * reads (xlsx, CSV in UTF-8 or CP949, …: imports/sources), each sheet is found by its name (either
 * language) or, for a CSV, by its header row, and each cell is read by the importer's cell readers
 * (numbers as `1,234` or `12.5%`, periods, dates). Every problem names its sheet, row and column;
 * a cell that could mean two things is refused, never guessed.
 */

import { isIsoDate, startsFormula } from '@tangible/core';
import type { Reading } from '../../imports/cells/reading.js';
import { isEmptyCell } from '../../imports/cells/spelling.js';
import { readNumber, readPeriod } from '../../imports/cells.js';
import { cellPosition, type SourceCell, type SourceRow, type SourceSheet } from '../../imports/source.js';
import { readSource } from '../../imports/sources/index.js';
import { type Problem, problem } from '../../problems.js';
import { textRefusal } from '../../text.js';
import {
  columnOfHeader,
  columnsOf,
  headerOf,
  kindOfHeader,
  kindOfSheetName,
  SHEET_KINDS,
  SHEET_NAMES,
  type SheetKind,
  valueOfWord,
  WORDS,
} from './sheets.js';

export interface WorkbookProblem extends Problem {
  /** The sheet's name as in the file (null for a CSV file: its file name is `file`). */
  sheet: string | null;
  file: string;
  /** The row number Excel shows (0: the file or sheet as a whole). */
  line: number;
  /** The column's header as in the file ('' for a whole row or sheet). */
  column: string;
  /** `지표!D14`, or `D14` in a CSV. */
  position: string;
}

export interface SheetTable {
  kind: SheetKind;
  file: string;
  sheet: string | null;
  /** Column identifier → its index and header as written. */
  columns: Map<string, { index: number; header: string }>;
  rows: SourceRow[];
}

export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
}

export class Problems {
  readonly list: WorkbookProblem[] = [];
  at(table: SheetTable, line: number, column: string | null, ...found: Parameters<typeof problem>) {
    const place = column === null ? undefined : table.columns.get(column);
    this.list.push({
      ...problem(...found),
      sheet: table.sheet,
      file: table.file,
      line,
      column: place?.header ?? '',
      position: place ? cellPosition(table.sheet, line, place.index) : line > 0 ? String(line) : '',
    });
  }
  /** Whether a row already has a problem (a later check of the same row says nothing more). */
  onRow(table: SheetTable, line: number): boolean {
    return this.list.some((p) => p.file === table.file && p.sheet === table.sheet && p.line === line);
  }
  file(file: string, sheet: string | null, ...found: Parameters<typeof problem>) {
    this.list.push({ ...problem(...found), sheet, file, line: 0, column: '', position: '' });
  }
}

function tableOf(sheet: SourceSheet, file: string, problems: Problems): SheetTable | null {
  const [head, ...rows] = sheet.rows;
  const header = head?.cells.map((c) => c.text.trim()) ?? [];
  const kind = sheet.name === null ? kindOfHeader(header) : kindOfSheetName(sheet.name);
  if (!kind) {
    if (sheet.name === null) problems.file(file, null, 'workbook_not_a_sheet', { sheets: sheetList() });
    else
      problems.file(file, sheet.name, 'workbook_unknown_sheet', { sheet: sheet.name, sheets: sheetList() });
    return null;
  }
  const table: SheetTable = { kind, file, sheet: sheet.name, columns: new Map(), rows };
  header.forEach((text, index) => {
    if (text === '') return;
    const column = columnOfHeader(kind, text);
    if (!column || table.columns.has(column))
      problems.file(file, sheet.name, 'workbook_unknown_column', { column: text, sheet: sheetLabel(table) });
    else table.columns.set(column, { index, header: text });
  });
  for (const column of columnsOf(kind))
    if (!table.columns.has(column))
      problems.file(file, sheet.name, 'workbook_missing_column', {
        column: headerOf(kind, 'ko')[columnsOf(kind).indexOf(column)] ?? column,
        columnEn: column,
        sheet: sheetLabel(table),
      });
  return table;
}

const sheetList = () => SHEET_KINDS.map((k) => `${SHEET_NAMES[k].ko} (${SHEET_NAMES[k].en})`).join(', ');
export const sheetLabel = (table: SheetTable) => table.sheet ?? table.file;

/** The sheets of the uploaded files, by kind: a workbook, or one CSV per kind (any of them). */
export async function readWorkbookFiles(files: readonly UploadedFile[], problems: Problems) {
  const tables = new Map<SheetKind, SheetTable>();
  for (const { bytes, filename } of files) {
    const source = await readSource(bytes, filename);
    for (const sheet of source.sheets) {
      // A plan sheet hidden in Excel is still the plan's (ignoring it would drop its edits unseen);
      // another hidden sheet is the planner's own working sheet, not read.
      if (sheet.hidden && (sheet.name === null || kindOfSheetName(sheet.name) === null)) continue;
      const table = tableOf(sheet, filename, problems);
      if (!table) continue;
      if (tables.has(table.kind))
        problems.file(filename, sheet.name, 'workbook_duplicate_sheet', {
          sheet: SHEET_NAMES[table.kind].ko,
        });
      else tables.set(table.kind, table);
    }
  }
  return tables;
}

/** A row's cells by column, read with problems at their places. */
export class RowCells {
  constructor(
    readonly table: SheetTable,
    readonly row: SourceRow,
    private readonly problems: Problems,
  ) {}
  get line() {
    return this.row.row;
  }
  cell(column: string): SourceCell {
    const index = this.table.columns.get(column)?.index;
    return (index === undefined ? undefined : this.row.cells[index]) ?? { text: '' };
  }
  fail(column: string | null, ...found: Parameters<typeof problem>) {
    this.problems.at(this.table, this.line, column, ...found);
  }
  get hasProblem() {
    return this.problems.onRow(this.table, this.line);
  }
  isBlank(column: string) {
    return isEmptyCell(this.cell(column).text);
  }
  /** Free text of a kind of field (its length and characters checked), '' when empty. */
  text(column: string, field: Parameters<typeof textRefusal>[0], required = false): string {
    const value = unneutralised(this.cell(column).text.trim());
    if (value === '') {
      if (required) this.fail(column, 'workbook_cell_required');
      return '';
    }
    const refusal = textRefusal(field, value);
    if (refusal) this.fail(column, refusal.code, refusal.params);
    return value;
  }
  code(column: string): string {
    const value = this.cell(column).text.trim();
    if (value === '') this.fail(column, 'workbook_cell_required');
    else if (!/^[A-Za-z0-9-]{1,32}$/.test(value)) this.fail(column, 'workbook_bad_code', { value });
    return value.toUpperCase();
  }
  private reading<T>(column: string, reading: Reading<T>, required: boolean): T | null {
    if (reading.kind === 'value') return reading.value;
    if (reading.kind === 'problem') this.fail(column, reading.code, reading.params);
    else if (required) this.fail(column, 'workbook_cell_required');
    return null;
  }
  /** A number in a unit (`1,234`, `12.5%`, `32,450명`); '' for a plain number without unit words. */
  number(column: string, unit: string, required = false): number | null {
    return this.reading(column, readNumber(this.cell(column), { unit }), required);
  }
  period(column: string, planYear: number, frequency: 'monthly' | 'quarterly' | 'annual'): string | null {
    const cell = this.cell(column);
    // The annual target's period is the year itself, whatever the indicator's frequency.
    if (cell.text.trim() === String(planYear)) return String(planYear);
    return this.reading(column, readPeriod(cell, { planYear, frequency }), true);
  }
  word(column: string): string | null {
    const text = this.cell(column).text.trim();
    if (text === '') {
      this.fail(column, 'workbook_cell_required');
      return null;
    }
    const value = valueOfWord(column, text);
    if (value === null) {
      const choices = Object.entries(WORDS[column] ?? {}).map(([en, ko]) => `${ko} (${en})`);
      this.fail(column, 'workbook_bad_word', { value: text, choices: choices.join(', ') });
    }
    return value;
  }
  /** A date: a date cell, or text written YYYY-MM-DD (`3/5/25` could be March or May: refused). */
  date(column: string): string | null {
    const cell = this.cell(column);
    if (cell.typed?.kind === 'date') {
      const { year, month, day } = cell.typed;
      return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    const text = cell.text.trim();
    if (text === '') this.fail(column, 'workbook_cell_required');
    else if (!isIsoDate(text)) this.fail(column, 'workbook_bad_date', { value: text });
    else return text;
    return null;
  }
}

/**
 * A text as it was before a CSV export neutralised it (export/table.ts: `'=A1` for `=A1`, so that a
 * spreadsheet never runs it): a formula (산식) such as `= 유치 건수 합계` reads back as itself.
 */
function unneutralised(text: string): string {
  return text.startsWith("'") && startsFormula(text.slice(1)) ? text.slice(1) : text;
}

export function rowsOf(table: SheetTable | undefined, problems: Problems): RowCells[] {
  // Hidden rows are read as any other: a row hidden in Excel is still in the plan, not retired.
  return (table?.rows ?? []).map((row) => new RowCells(table as SheetTable, row, problems));
}
