import { describe, expect, it } from 'vitest';
import { findHeaderRow, layoutFingerprint, layoutOf, roleOfHeader } from './layout.js';
import type { SourceSheet } from './source.js';

const sheet = (rows: [number, string[]][]): SourceSheet => ({
  name: null,
  rows: rows.map(([row, cells]) => ({ row, hidden: false, cells: cells.map((text) => ({ text })) })),
});

// A department's monthly sheet: a title, the author and date, a blank row, the header, two
// indicators, a total row.
const kept = sheet([
  [1, ['2024년 관광마이스국 주요 지표 실적 (단위: 명, 건)']],
  [2, ['작성: 관광정책과', '', '', '', '', '', '2024.12.31']],
  [4, ['연번', '지표명', '단위', '2024년 1월', '2024년 2월', '합 계', '비고']],
  [5, ['1', '외국인 관광객 수', '명', '180,000', '195,000', '375,000', '']],
  [6, ['2', '크루즈 관광객', '명', '', '3,000', '3,000', '2월부터']],
  [7, ['합계', '', '', '180,000', '198,000', '378,000']],
]);

describe('the header row', () => {
  it('is found below title rows and blank rows', () => {
    expect(findHeaderRow(kept, 2024)).toBe(4);
  });

  it('is the first row when the sheet starts with it', () => {
    expect(
      findHeaderRow(
        sheet([
          [1, ['kpi_code', 'period', 'value']],
          [2, ['CUL-01', '2024-03', '5']],
        ]),
        2024,
      ),
    ).toBe(1);
  });

  it('is a row of words, not the widest row of numbers under a narrow header', () => {
    const numbersFirst = sheet([
      [1, ['실적 보고']],
      [2, ['지표', '2024-01', '2024-02']],
      [3, ['CUL-01', '1', '2']],
    ]);
    expect(findHeaderRow(numbersFirst, 2024)).toBe(2);
  });
});

describe('the layout of a kept sheet', () => {
  it('names its titles, its total row, and the columns that are never values', () => {
    const layout = layoutOf(kept, 2024, undefined);
    expect(layout).toMatchObject({
      headerRow: 4,
      headerChosen: false,
      titleRows: [1, 2],
      totalRows: [7],
      roles: [
        { column: 0, role: 'serial' },
        { column: 2, role: 'unit' },
        { column: 5, role: 'total' },
        { column: 6, role: 'remark' },
      ],
    });
    expect(layout?.dataRows.map((r) => r.row)).toEqual([5, 6]);
  });

  it('takes the header row the person chose', () => {
    const layout = layoutOf(kept, 2024, 2);
    expect(layout).toMatchObject({ headerRow: 2, headerChosen: true, titleRows: [1] });
  });

  it('has none at a row that is not in the sheet', () => {
    expect(layoutOf(kept, 2024, 3)).toBeNull();
  });
});

describe('column roles', () => {
  it.each([
    ['합계', 'total'],
    ['합 계', 'total'],
    ['(누계)', 'total'],
    ['소계', 'total'],
    ['계', 'total'],
    ['Total', 'total'],
    ['연번', 'serial'],
    ['No.', 'serial'],
    ['단위', 'unit'],
    ['비고', 'remark'],
    ['지표명', null],
    ['계획', null],
    ['2024년 1월', null],
  ])('%s is %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });
});

describe('a layout’s fingerprint', () => {
  it('is its header apart from periods: the sheet that gains a month is the same layout', () => {
    const cells = (texts: string[]) => texts.map((text) => ({ text }));
    const october = layoutFingerprint(cells(['연번', '지표명', '2024년 9월', '2024년 10월', '비고']), 2024);
    const november = layoutFingerprint(
      cells(['연번', ' 지표명', '2024년 9월', '2024년 10월', '2024년 11월', '비고', '']),
      2024,
    );
    expect(october).toBe('연번|지표명|비고');
    expect(november).toBe(october);
    expect(layoutFingerprint(cells(['지표명', '단위', '2024-01']), 2024)).not.toBe(october);
  });
});

describe('a hidden row', () => {
  it('is never a data row: it is listed as hidden, and not read', () => {
    const withHidden: SourceSheet = {
      name: null,
      rows: [
        { row: 1, hidden: false, cells: [{ text: '지표 코드' }, { text: '기간' }, { text: '값' }] },
        { row: 2, hidden: false, cells: [{ text: 'CUL-01' }, { text: '2024-01' }, { text: '100' }] },
        { row: 3, hidden: true, cells: [{ text: 'CUL-01' }, { text: '2024-02' }, { text: '999' }] },
      ],
    };
    const layout = layoutOf(withHidden, 2024, undefined);
    expect(layout?.dataRows.map((r) => r.row)).toEqual([2]);
    expect(layout?.hiddenRows).toEqual([3]);
  });
});
