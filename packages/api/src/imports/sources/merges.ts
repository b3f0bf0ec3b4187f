/**
 * Merged ranges as Excel means them: the value is the top-left cell's, the rest are empty. Some
 * tools (and exceljs reading some files) repeat the value into every cell of the range, which would
 * read one value as several (a quarter's 600000 as January, February and March); every reader's
 * sheet goes through here so that cannot happen, whatever wrote the file.
 */

import type { SourceRow, SourceSheet } from '../source.js';

function blankRow(row: SourceRow, merges: NonNullable<SourceSheet['merges']>): SourceRow | null {
  const cells = row.cells.map((cell, column) =>
    merges.some(
      (m) =>
        row.row >= m.top &&
        row.row <= m.bottom &&
        column >= m.left &&
        column <= m.right &&
        (row.row !== m.top || column !== m.left),
    )
      ? { text: '' }
      : cell,
  );
  while (cells.length > 0 && cells[cells.length - 1]?.text === '' && !cells[cells.length - 1]?.typed)
    cells.pop();
  return cells.length === 0 ? null : { ...row, cells };
}

/** The sheet with every merged cell but the top-left read as empty (rows left empty dropped). */
export function blankMergedCopies(sheet: SourceSheet): SourceSheet {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return sheet;
  const rows = sheet.rows.map((row) => blankRow(row, merges)).filter((row): row is SourceRow => row !== null);
  return { ...sheet, rows };
}
