/**
 * An xlsx workbook, every sheet of it, read whole with exceljs (its workbook model, then our rows).
 *
 * Not streamed: exceljs 4.4's streaming reader was tried for every workbook and gave wrong sheets
 * without failing — it dropped sheets it had copied to temporary files (exceljs#2790, #3064; a
 * hidden sheet then became the one read by default), named every sheet of an openpyxl/pandas
 * workbook `SheetN` and showed it visible, read a TRUE formula result as 1, an inline string in
 * several runs as its last run, a string with a phonetic reading as the reading, and read zip entries
 * the central directory does not list. The whole reading gets each of these right (tests in
 * other-writers.test.ts). Its memory is bounded instead by what the workbook unpacks to, checked
 * before exceljs opens it (zip-inflation.ts, MAX_UNPACKED_BYTES): about 14 times the unpacked size at
 * its peak (scripts/import-bench.ts).
 */

import { ImportFileError } from '../decode.js';
import { excel } from '../excel.js';
import type { SourceCell, SourceRow, SourceSheet } from '../source.js';
import { sourceCell } from './cells.js';
import { CellCount, refuseColumns, refuseLongCell } from './limits.js';
import { refuseLargeInflation } from './zip-inflation.js';

type Merge = NonNullable<SourceSheet['merges']>[number];

function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

/** `B2:F3` → rows as Excel numbers them, columns from 0 as in SourceRow.cells. */
function mergeOf(ref: string): Merge {
  const [, c1 = 'A', r1 = '1', c2 = 'A', r2 = '1'] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref) ?? [];
  return { top: Number(r1), left: columnNumber(c1), bottom: Number(r2), right: columnNumber(c2) };
}

interface RowLike {
  number: number;
  hidden?: boolean;
  eachCell(options: { includeEmpty: boolean }, each: (cell: CellLike, column: number) => void): void;
}
interface CellLike {
  value: unknown;
  numFmt?: string;
  /** exceljs answers a merged cell with its range's value: only the top-left has it. */
  master?: unknown;
}

function sourceRow(row: RowLike, hidden: boolean, date1904: boolean, count: CellCount): SourceRow | null {
  const cells: SourceCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (cell.master !== undefined && cell.master !== cell) return;
    refuseColumns(column);
    const read = sourceCell(cell.value, cell.numFmt, date1904);
    if (read.text === '') return;
    refuseLongCell(read.text);
    count.add(1);
    while (cells.length < column - 1) cells.push({ text: '' });
    cells[column - 1] = read;
  });
  return cells.length === 0 ? null : { row: row.number, hidden, cells };
}

/** Exported for the tests that compare it with what other writers' workbooks hold. */
export async function whole(bytes: Uint8Array): Promise<SourceSheet[]> {
  const workbook = new (await excel()).Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const date1904 = !!workbook.properties?.date1904;
  const count = new CellCount();
  return workbook.worksheets.map((sheet) => {
    const rows: SourceRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const read = sourceRow(row as unknown as RowLike, row.hidden, date1904, count);
      if (read) rows.push(read);
    });
    const merges = ((sheet.model as { merges?: string[] }).merges ?? []).map(mergeOf);
    return { name: sheet.name, rows, hidden: sheet.state !== 'visible', merges };
  });
}

export async function sheetsFromXlsx(bytes: Uint8Array): Promise<SourceSheet[]> {
  // exceljs does not bound what it inflates (JSZip checks an entry's size only once it is inflated):
  // the zip is inflated first, within the budget, and must be what it says.
  refuseLargeInflation(bytes);
  try {
    return await whole(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    // Keep what exceljs said, for the log; the reader is told the workbook cannot be opened.
    throw Object.assign(new ImportFileError('file_workbook_unreadable'), { cause: error });
  }
}
