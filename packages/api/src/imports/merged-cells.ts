/**
 * What a sheet's merged ranges mean to its data rows. Excel keeps a range's value in its top-left
 * cell and shows it across the range (the sheet's readers have already read the other cells as
 * empty, see sources/merges.ts):
 * - a name or a period merged down rows of a long sheet (one indicator's twelve months) is each of
 *   those rows', and is where they were read (a problem with it is named once, at that cell);
 * - a value merged over several periods (1–3월 in one cell; down a long sheet's value column) or
 *   down a wide sheet's rows (two indicators' March in one cell) cannot be split: its top-left cell
 *   is refused, and the cells it covers are neither read nor listed as not reported.
 * A wide sheet's names are not filled down: a name merged over a 실적 row and a 목표 row would make
 * the target an actual; the row without a name of its own is refused as nameless.
 */

import type { ResolvedMapping } from './mapping.js';
import type { SourceCell, SourceRow, SourceSheet } from './source.js';
import { type Merge, MergesByRow } from './sources/merges.js';

/** A field's cell for a row: its own, or the top-left cell of the merge that covers it. */
export interface ReadCell {
  cell: SourceCell;
  row: number;
  column: number | null;
}

/** A merged value, refused at its top-left cell. */
export interface ValueMerge extends Merge {
  code: 'merged_value_across_periods' | 'merged_value_across_rows';
}

export interface MergedRow {
  indicator: ReadCell;
  /** The period cell of a long sheet's row (a wide sheet's periods are its header). */
  period: ReadCell;
  /** The merge a value cell of this row is part of, if it is refused for it. */
  valueMerge(column: number): ValueMerge | undefined;
}

const EMPTY: SourceCell = { text: '' };
const own = (row: SourceRow, column: number | null): ReadCell => ({
  cell: column === null ? EMPTY : (row.cells[column] ?? EMPTY),
  row: row.row,
  column,
});
const covers = (m: Merge, column: number) => m.left <= column && column <= m.right;

/**
 * How each data row reads through the sheet's merges; give it the rows top to bottom. Each index
 * holds only the merges that matter to it, so a row costs the merges covering it, not all of them.
 */
export function mergedRows(
  merges: SourceSheet['merges'],
  map: ResolvedMapping,
  headerRow: number,
): (row: SourceRow) => MergedRow {
  const all = merges ?? [];
  const down = (column: number | null) =>
    column === null ? [] : all.filter((m) => covers(m, column) && m.bottom > m.top);
  const long = map.kind === 'long';
  const indicators = new MergesByRow(long ? down(map.indicator) : []);
  const periods = new MergesByRow(long ? down(map.period) : []);
  const values = new MergesByRow<ValueMerge>(valueMerges(all, map, headerRow));
  const tops = new Map<Merge, ReadCell>();
  // The columns read as values end at the header's: a merge to column XFD costs no more.
  const last =
    map.kind === 'long' ? (map.value ?? 0) : map.periodColumns.reduce((n, p) => Math.max(n, p.column), 0);

  const filled = (row: SourceRow, column: number | null, index: MergesByRow): ReadCell => {
    // Merges down one column do not overlap: at most one covers the row.
    const merge = index.covering(row.row)[0];
    if (!merge) return own(row, column);
    if (merge.top === row.row) {
      const top = own(row, merge.left);
      tops.set(merge, top);
      return top;
    }
    // The merge's top row is not a data row (hidden, say): nothing to fill down from.
    return tops.get(merge) ?? own(row, column);
  };

  return (row) => {
    const covering = values.covering(row.row);
    let byColumn: Map<number, ValueMerge> | null = null;
    return {
      indicator: filled(row, map.indicator, indicators),
      period: long ? filled(row, map.period, periods) : own(row, null),
      valueMerge(column) {
        if (covering.length === 0) return undefined;
        if (byColumn === null) {
          byColumn = new Map();
          for (const m of covering)
            for (let c = m.left; c <= Math.min(m.right, last); c++) byColumn.set(c, m);
        }
        return byColumn.get(column);
      },
    };
  };
}

/** The merges over value cells that refuse them, each with why. */
function valueMerges(merges: readonly Merge[], map: ResolvedMapping, headerRow: number): ValueMerge[] {
  const refused: ValueMerge[] = [];
  for (const m of merges) {
    if (map.kind === 'long') {
      if (map.value !== null && covers(m, map.value) && m.bottom > m.top)
        refused.push({ ...m, code: 'merged_value_across_periods' });
      continue;
    }
    const periods = map.periodColumns.filter(({ column }) => covers(m, column)).length;
    if (periods > 1) refused.push({ ...m, code: 'merged_value_across_periods' });
    // A header merged down into the row under it (a two-row header) covers no value of a data row.
    else if (periods === 1 && m.bottom > m.top && m.top > headerRow)
      refused.push({ ...m, code: 'merged_value_across_rows' });
  }
  return refused;
}
