import { describe, expect, it } from 'vitest';
import type { SourceSheet } from '../source.js';
import { blankMergedCopies, MergesByRow } from './merges.js';

describe('a merged range', () => {
  it('is read in its top-left cell only, also where a tool wrote the value into every cell', () => {
    const sheet: SourceSheet = {
      name: '실적',
      rows: [
        {
          row: 1,
          hidden: false,
          cells: [{ text: '지표명' }, { text: '1월' }, { text: '2월' }, { text: '3월' }],
        },
        {
          row: 2,
          hidden: false,
          cells: [{ text: '방문객' }, { text: '600000' }, { text: '600000' }, { text: '600000' }],
        },
        { row: 3, hidden: false, cells: [{ text: '' }, { text: '5' }] },
      ],
      merges: [
        { top: 2, left: 1, bottom: 2, right: 3 },
        { top: 2, left: 0, bottom: 3, right: 0 },
      ],
    };
    expect(blankMergedCopies(sheet).rows.map((r) => [r.row, ...r.cells.map((c) => c.text)])).toEqual([
      [1, '지표명', '1월', '2월', '3월'],
      [2, '방문객', '600000'],
      [3, '', '5'],
    ]);
  });
});

describe('the merges covering a row', () => {
  const a = { top: 5, left: 0, bottom: 6, right: 0 };
  const b = { top: 2, left: 1, bottom: 4, right: 2 };
  const c = { top: 3, left: 3, bottom: 3, right: 3 };

  it('are those whose rows hold it, whatever order the merges are listed in', () => {
    const byRow = new MergesByRow([a, b, c]);
    expect([1, 2, 3, 4, 5, 6, 7].map((row) => byRow.covering(row))).toEqual([
      [],
      [b],
      [b, c],
      [b],
      [a],
      [a],
      [],
    ]);
  });

  it('are found again for a row asked after one below it, and for rows skipped over', () => {
    const byRow = new MergesByRow([a, b, c]);
    expect(byRow.covering(6)).toEqual([a]);
    expect(byRow.covering(3)).toEqual([b, c]);
    expect(byRow.covering(3)).toEqual([b, c]);
    expect(byRow.covering(7)).toEqual([]);
  });
});
