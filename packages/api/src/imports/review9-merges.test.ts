/**
 * Review 9: merged cells in a wide sheet. A value merged down over two indicators' rows, and a name
 * merged down over a 실적 row and a 목표 row, each read as one reading where the sheet shows two.
 */

import { describe, expect, it } from 'vitest';
import { layoutOf } from './layout.js';
import { type Mapping, resolveMapping } from './mapping.js';
import { type KnownIndicator, readSheet } from './reading.js';
import type { SourceSheet } from './source.js';

const indicators: KnownIndicator[] = [
  {
    code: 'CUL-01',
    name_ko: '외국인 관광객 수',
    name_en: 'Foreign visitors',
    unit: 'people',
    frequency: 'monthly',
    aggregation: 'sum',
  },
  {
    code: 'CUL-02',
    name_ko: '축제 방문객 수',
    name_en: 'Festival visitors',
    unit: 'people',
    frequency: 'monthly',
    aggregation: 'sum',
  },
];

function read(
  rows: string[][],
  merges: SourceSheet['merges'],
  mapping: Exclude<Mapping, { kind: 'template' }>,
) {
  const sheet: SourceSheet = {
    name: '실적',
    rows: rows.map((cells, i) => ({ row: i + 1, hidden: false, cells: cells.map((text) => ({ text })) })),
    merges,
  };
  const layout = layoutOf(sheet, 2024, 1);
  if (!layout) throw new Error('no layout');
  const map = resolveMapping({ ...layout, cells: layout.headerCells, planYear: 2024 }, mapping);
  return readSheet('실적', layout, map, indicators, 2024, merges);
}

const wide = { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const;

describe('a wide sheet', () => {
  it('refuses a month merged down over two indicators’ rows, as it refuses one merged across months', () => {
    // D2:D3 holds 500 beside both indicators: it is CUL-01's, CUL-02's, or both. reading.ts's
    // acrossPeriods takes a wide merge only when it spans two period columns, so CUL-01 gets 500 and
    // CUL-02's March is listed as not reported.
    const reading = read(
      [
        ['지표명', '1월', '2월', '3월'],
        ['외국인 관광객 수', '100', '200', '500'],
        ['축제 방문객 수', '10', '20', ''],
      ],
      [{ top: 2, left: 3, bottom: 3, right: 3 }],
      wide,
    );
    const march = reading.candidates.filter((c) => c.period === '2024-03');
    expect(march.map((c) => [c.line, c.entry?.value ?? null, c.problems.map((p) => p.code)])).toEqual([
      [2, null, ['merged_value_across_periods']],
    ]);
  });

  it('does not read a 목표 row as actuals because its name is merged with the 실적 row above', () => {
    // 지표명 A2:A3 over a 실적 row and a 목표 row (구분 tells them apart, and is not read). Before the
    // fill-down, row 3 had no name and was refused; now its April target is an actual to write, and
    // the only sign is a column_not_read warning on 구분.
    const reading = read(
      [
        ['지표명', '구분', '1월', '2월', '3월', '4월'],
        ['외국인 관광객 수', '실적', '100', '200', '300', ''],
        ['', '목표', '', '', '', '400'],
      ],
      [{ top: 2, left: 0, bottom: 3, right: 0 }],
      wide,
    );
    const fromTargetRow = reading.candidates.filter((c) => c.line === 3 && c.entry !== null);
    expect(fromTargetRow.map((c) => c.entry)).toEqual([]);
  });
});
