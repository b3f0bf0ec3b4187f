/**
 * Merged ranges as Excel means them: the value is the top-left cell's, the rest are empty. Some
 * tools (and exceljs reading some files) repeat the value into every cell of the range, which would
 * read one value as several (a quarter's 600000 as January, February and March); every reader's
 * sheet goes through here so that cannot happen, whatever wrote the file.
 */

import type { SourceRow, SourceSheet } from '../source.js';

export type Merge = NonNullable<SourceSheet['merges']>[number];

/**
 * The merges covering each row, for rows asked top to bottom (as a sheet's rows come): merges,
 * sorted by their top row, are taken up as the rows reach them and dropped once passed, so a sheet
 * costs its rows plus its merged cells, not its rows times its merges (a formatted sheet merges a
 * remark over two columns on every row). A row asked above the last one starts again from the top.
 */
export class MergesByRow<M extends Merge = Merge> {
  private readonly byTop: readonly M[];
  private next = 0;
  private last = Number.NEGATIVE_INFINITY;
  private active: M[] = [];

  constructor(merges: readonly M[]) {
    this.byTop = [...merges].sort((a, b) => a.top - b.top);
  }

  /** The merges over the row; the list given is never changed afterwards. */
  covering(row: number): readonly M[] {
    if (row < this.last) {
      this.next = 0;
      this.active = [];
    }
    this.last = row;
    const start = this.next;
    while (this.next < this.byTop.length && (this.byTop[this.next] as M).top <= row) this.next += 1;
    if (this.next > start || this.active.some((m) => m.bottom < row))
      this.active = [...this.active, ...this.byTop.slice(start, this.next)].filter((m) => m.bottom >= row);
    return this.active;
  }
}

function blankRow(row: SourceRow, covering: readonly Merge[]): SourceRow | null {
  let cells = row.cells;
  if (covering.length > 0) {
    cells = [...cells];
    for (const m of covering)
      for (let column = m.left; column <= m.right && column < cells.length; column++)
        if (row.row !== m.top || column !== m.left) cells[column] = { text: '' };
  }
  let end = cells.length;
  while (end > 0 && cells[end - 1]?.text === '' && !cells[end - 1]?.typed) end -= 1;
  if (end === 0) return null;
  return cells === row.cells && end === cells.length ? row : { ...row, cells: cells.slice(0, end) };
}

/** The sheet with every merged cell but the top-left read as empty (rows left empty dropped). */
export function blankMergedCopies(sheet: SourceSheet): SourceSheet {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return sheet;
  const byRow = new MergesByRow(merges);
  const rows = sheet.rows
    .map((row) => blankRow(row, byRow.covering(row.row)))
    .filter((row): row is SourceRow => row !== null);
  return { ...sheet, rows };
}
