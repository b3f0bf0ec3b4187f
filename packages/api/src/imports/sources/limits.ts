/**
 * How big a table an upload may unpack to. The upload itself is capped (10 MB), but a few bytes
 * can say a great deal: `<td colspan=1000>` is 18 bytes for 1,000 columns, a CSV row of commas is a
 * column a byte, and a zipped workbook inflates a thousandfold. Past these the file is refused with
 * a code, before the table is built, so one upload cannot take the server's memory or its time.
 */

import { ImportFileError } from '../decode.js';

/** Excel's own limits: a sheet has at most 16,384 columns, a cell at most 32,767 characters. */
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_CHARS = 32_767;
/** Cells in one file, all sheets together: a year's plan for every department is far below this. */
export const MAX_CELLS = 2_000_000;

export function refuseColumns(columns: number): void {
  if (columns > MAX_COLUMNS) throw new ImportFileError('file_too_many_columns', { limit: MAX_COLUMNS });
}

/** Counts the cells a file holds as it is read, refusing the file past MAX_CELLS. */
export class CellCount {
  private total = 0;
  add(cells: number): void {
    this.total += cells;
    if (this.total > MAX_CELLS) throw new ImportFileError('file_too_many_cells', { limit: MAX_CELLS });
  }
}

export function refuseLongCell(text: string): void {
  if (text.length > MAX_CELL_CHARS)
    throw new ImportFileError('file_cell_too_long', { limit: MAX_CELL_CHARS });
}
