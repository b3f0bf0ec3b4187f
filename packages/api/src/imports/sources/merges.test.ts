import { describe, expect, it } from 'vitest';
import type { SourceSheet } from '../source.js';
import { blankMergedCopies } from './merges.js';

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
