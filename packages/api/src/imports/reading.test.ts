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
];

const sheetOf = (rows: string[][]): SourceSheet => ({
  name: '실적',
  rows: rows.map((cells, i) => ({ row: i + 1, hidden: false, cells: cells.map((text) => ({ text })) })),
});

function problemsOf(rows: string[][], mapping: Exclude<Mapping, { kind: 'template' }>) {
  const layout = layoutOf(sheetOf(rows), 2024, 1);
  if (!layout) throw new Error('no layout');
  const map = resolveMapping({ ...layout, cells: layout.headerCells, planYear: 2024 }, mapping);
  return readSheet('실적', layout, map, indicators, 2024).candidates.flatMap((c) =>
    c.problems.map((p) => [p.position, p.code]),
  );
}

describe('a value given twice for one indicator and period', () => {
  it.each([
    // Long: the second row's period cell is where the repeat is.
    [
      'long',
      [
        ['지표명', '기간', '실적'],
        ['외국인 관광객 수', '2024-01', '1'],
        ['외국인 관광객 수', '2024년 1월', '2'],
      ],
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '실적' } as const,
      [['실적!B3', 'duplicate_line']],
    ],
    // Wide: the period cell is the header, shared by both rows; the repeat is the second row's value
    // (a hidden row holding last month's copy, say).
    [
      'wide',
      [
        ['지표명', '1월', '2월'],
        ['외국인 관광객 수', '1', '2'],
        ['외국인 관광객 수', '3', '4'],
      ],
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const,
      [
        ['실적!B3', 'duplicate_line'],
        ['실적!C3', 'duplicate_line'],
      ],
    ],
  ])('%s: is named at the repeated cell', (_kind, rows, mapping, problems) => {
    expect(problemsOf(rows, mapping)).toEqual(problems);
  });
});

describe('a date in a wide header', () => {
  // Headers typed as dates and formatted yyyy-mm: each column is a month, whatever the indicator's
  // frequency, as the text `1월` is; a quarterly indicator's January is then refused, never moved to Q1.
  const quarterly: KnownIndicator = {
    code: 'ECO-09',
    name_ko: '분기 투자 유치액',
    name_en: 'Quarterly investment',
    unit: 'krw_100m',
    frequency: 'quarterly',
    aggregation: 'sum',
  };
  const date = (month: number) => ({
    text: `2024-0${month}-01`,
    typed: { kind: 'date' as const, year: 2024, month, day: 1 },
  });
  const sheet: SourceSheet = {
    name: '실적',
    rows: [
      { row: 1, hidden: false, cells: [{ text: '지표명' }, date(1), date(4)] },
      { row: 2, hidden: false, cells: [{ text: '분기 투자 유치액' }, { text: '10' }, { text: '20' }] },
    ],
  };

  it('is the month it names, for a quarterly indicator too', () => {
    const layout = layoutOf(sheet, 2024, 1);
    if (!layout) throw new Error('no layout');
    const map = resolveMapping(
      { ...layout, cells: layout.headerCells, planYear: 2024 },
      {
        kind: 'wide',
        indicator: '지표명',
        indicatorBy: 'name',
      },
    );
    const read = readSheet('실적', layout, map, [quarterly], 2024);
    expect(read.candidates.map((c) => [c.at.value.position, c.period])).toEqual([
      ['실적!B2', '2024-01'],
      ['실적!C2', '2024-04'],
    ]);
  });
});

describe('a value merged across periods', () => {
  const merged = (
    rows: string[][],
    merges: SourceSheet['merges'],
    mapping: Exclude<Mapping, { kind: 'template' }>,
  ) => {
    const sheet = { ...sheetOf(rows), merges };
    const layout = layoutOf(sheet, 2024, 1);
    if (!layout) throw new Error('no layout');
    const map = resolveMapping({ ...layout, cells: layout.headerCells, planYear: 2024 }, mapping);
    return readSheet('실적', layout, map, indicators, 2024, sheet.merges);
  };

  it('wide: a value merged over 1–3월 is a problem at its cell, not January with February and March unreported', () => {
    const read = merged(
      [
        ['지표명', '1월', '2월', '3월', '4월'],
        ['외국인 관광객 수', '600000', '', '', '7'],
      ],
      [{ top: 2, left: 1, bottom: 2, right: 3 }],
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
    );
    expect(
      read.candidates.map((c) => [
        c.at.value.position,
        c.entry?.value ?? null,
        c.problems.map((p) => p.code),
      ]),
    ).toEqual([
      ['실적!B2', null, ['merged_value_across_periods']],
      ['실적!E2', 7, []],
    ]);
    expect(read.notReported).toEqual([]);
  });

  it('long: a value merged down three rows of the value column is a problem at its cell', () => {
    const read = merged(
      [
        ['지표명', '기간', '실적'],
        ['외국인 관광객 수', '2024-01', '600000'],
        ['외국인 관광객 수', '2024-02', ''],
        ['외국인 관광객 수', '2024-03', ''],
      ],
      [{ top: 2, left: 2, bottom: 4, right: 2 }],
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '실적' },
    );
    expect(read.candidates.map((c) => [c.at.value.position, c.problems.map((p) => p.code)])).toEqual([
      ['실적!C2', ['merged_value_across_periods']],
    ]);
    expect(read.notReported).toEqual([]);
  });

  it('a merge within one period (a value over two columns that are not both periods) is read', () => {
    const read = merged(
      [
        ['지표명', '1월', '비고'],
        ['외국인 관광객 수', '5', ''],
      ],
      [{ top: 2, left: 1, bottom: 2, right: 2 }],
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
    );
    expect(read.candidates.map((c) => [c.at.value.position, c.entry?.value ?? null])).toEqual([
      ['실적!B2', 5],
    ]);
  });
});

describe('a wide header Excel turned into a number', () => {
  // 2024.10 typed into a cell Excel keeps as a number is 2024.1: October or January.
  it.each([
    ['without chosen columns', { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const],
    [
      'with the ticked columns the screen sends',
      { kind: 'wide' as const, indicator: '지표명', indicatorBy: 'name' as const, periodColumns: ['2024.9'] },
    ],
  ])('is named as ambiguous at the header cell, %s, never left out', (_how, mapping) => {
    const rows = [
      ['지표명', '2024.9', '2024.1'],
      ['외국인 관광객 수', '1', '2'],
    ];
    expect(problemsOf(rows, mapping)).toEqual([['실적!C1', 'ambiguous_period']]);
  });
});

describe('a wide sheet’s column that holds values and is read as nothing', () => {
  it('is listed at its header, never dropped unseen', () => {
    const layout = layoutOf(
      sheetOf([
        ['연번', '지표명', '1월', '2월', '4월(잠정)', '합계', '빈 열'],
        ['1', '외국인 관광객 수', '1', '2', '3', '3', ''],
      ]),
      2024,
      1,
    );
    if (!layout) throw new Error('no layout');
    const mapping = {
      kind: 'wide' as const,
      indicator: '지표명',
      indicatorBy: 'name' as const,
      periodColumns: ['1월'],
    };
    const map = resolveMapping({ ...layout, cells: layout.headerCells, planYear: 2024 }, mapping);
    const { warnings } = readSheet('실적', layout, map, indicators, 2024);
    const notRead = warnings.filter((w) => w.code === 'column_not_read');
    expect(notRead.map((w) => [w.position, w.code, w.params])).toEqual([
      ['실적!D1', 'column_not_read', { name: '2월' }],
      ['실적!E1', 'column_not_read', { name: '4월(잠정)' }],
    ]);
  });
});

describe('a name or a period merged down several rows', () => {
  it('is the name or the period of every row it covers, as Excel shows it beside each', () => {
    const sheet: SourceSheet = {
      ...sheetOf([
        ['지표명', '기간', '실적'],
        ['외국인 관광객 수', '2024-01', '1'],
        ['', '2024-02', '2'],
        ['', '2024-03', '3'],
        ['외국인 관광객 수', '2024-04', '4'],
        ['', '', '5'],
      ]),
      // The name over rows 2–4; the period 2024-04 over rows 5–6 (a second value for April).
      merges: [
        { top: 2, left: 0, bottom: 4, right: 0 },
        { top: 5, left: 1, bottom: 6, right: 1 },
      ],
    };
    const layout = layoutOf(sheet, 2024, 1);
    if (!layout) throw new Error('no layout');
    const map = resolveMapping(
      { ...layout, cells: layout.headerCells, planYear: 2024 },
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '실적' },
    );
    const read = readSheet('실적', layout, map, indicators, 2024, sheet.merges);
    expect(
      read.candidates.map((c) => [c.line, c.code, c.period, c.value, c.problems.map((p) => p.code)]),
    ).toEqual([
      [2, 'CUL-01', '2024-01', 1, []],
      [3, 'CUL-01', '2024-02', 2, []],
      [4, 'CUL-01', '2024-03', 3, []],
      [5, 'CUL-01', '2024-04', 4, []],
      // Row 6 has no name of its own and no merge above it: nameless, and April again.
      [6, null, '2024-04', 5, ['empty_indicator']],
    ]);
  });

  it('names a problem of a merged name or period at the merged cell, on every row it covers', () => {
    // One cell holds the unknown name: the list says it once (at A2), the rows table on each row.
    const sheet: SourceSheet = {
      ...sheetOf([
        ['지표명', '기간', '실적'],
        ['없는 지표', '2024-01', '1'],
        ['', '2024-13', '2'],
        ['', '', '3'],
      ]),
      merges: [
        { top: 2, left: 0, bottom: 4, right: 0 },
        { top: 3, left: 1, bottom: 4, right: 1 },
      ],
    };
    const layout = layoutOf(sheet, 2024, 1);
    if (!layout) throw new Error('no layout');
    const map = resolveMapping(
      { ...layout, cells: layout.headerCells, planYear: 2024 },
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '실적' },
    );
    const read = readSheet('실적', layout, map, indicators, 2024, sheet.merges);
    const name = (line: number) => [line, '실적!A2', 'unknown_indicator_by_name'];
    const period = (line: number) => [line, '실적!B3', 'bad_period'];
    expect(read.candidates.map((c) => [c.line, c.problems.map((p) => [p.line, p.position, p.code])])).toEqual(
      [
        [2, [name(2)]],
        [3, [name(3), period(3)]],
        [4, [name(4), period(4)]],
      ],
    );
  });
});

describe('merged cells down a wide sheet', () => {
  const read = (rows: string[][], merges: SourceSheet['merges']) => {
    const sheet = { ...sheetOf(rows), merges };
    const layout = layoutOf(sheet, 2024, 1);
    if (!layout) throw new Error('no layout');
    const map = resolveMapping(
      { ...layout, cells: layout.headerCells, planYear: 2024 },
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
    );
    return readSheet('실적', layout, map, [...indicators, festival], 2024, merges);
  };
  const festival: KnownIndicator = {
    code: 'CUL-02',
    name_ko: '축제 방문객 수',
    name_en: 'Festival visitors',
    unit: 'people',
    frequency: 'monthly',
    aggregation: 'sum',
  };

  it('a month’s value merged down two indicators’ rows is refused at its cell, the covered cell neither read nor listed', () => {
    // D2:D3 holds 500 beside both indicators: CUL-01's, CUL-02's, or both; not CUL-01's alone.
    const reading = read(
      [
        ['지표명', '1월', '2월', '3월'],
        ['외국인 관광객 수', '100', '200', '500'],
        ['축제 방문객 수', '10', '20', ''],
      ],
      [{ top: 2, left: 3, bottom: 3, right: 3 }],
    );
    const march = reading.candidates.filter((c) => c.period === '2024-03');
    expect(
      march.map((c) => [c.at.value.position, c.entry, c.problems.map((p) => [p.code, p.params])]),
    ).toEqual([['실적!D2', null, [['merged_value_across_rows', { value: '500', range: 'D2:D3' }]]]]);
    expect(reading.notReported).toEqual([]);
    expect(reading.candidates.filter((c) => c.entry).length).toBe(4);
  });

  it('a name merged over a 실적 row and a 목표 row is not the 목표 row’s: that row is nameless, as before', () => {
    // 구분 tells the rows apart and is not read; filling the name down would write April's target
    // as an actual.
    const reading = read(
      [
        ['지표명', '구분', '1월', '2월', '3월', '4월'],
        ['외국인 관광객 수', '실적', '100', '200', '300', ''],
        ['', '목표', '', '', '', '400'],
      ],
      [{ top: 2, left: 0, bottom: 3, right: 0 }],
    );
    expect(
      reading.candidates
        .filter((c) => c.line === 3)
        .map((c) => [c.at.value.position, c.entry, c.problems.map((p) => p.code)]),
    ).toEqual([['실적!F3', null, ['empty_indicator']]]);
  });
});

describe('a half-year subtotal beside the months', () => {
  it('is read as nothing without a warning, as 합계 is', () => {
    const layout = layoutOf(
      sheetOf([
        ['지표명', '1월', '2월', '상반기', '7월'],
        ['외국인 관광객 수', '1', '2', '3', '4'],
      ]),
      2024,
      1,
    );
    if (!layout) throw new Error('no layout');
    const map = resolveMapping(
      { ...layout, cells: layout.headerCells, planYear: 2024 },
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
    );
    const read = readSheet('실적', layout, map, indicators, 2024);
    expect(read.warnings).toEqual([]);
    expect(read.candidates.map((c) => [c.period, c.value])).toEqual([
      ['2024-01', 1],
      ['2024-02', 2],
      ['2024-07', 4],
    ]);
  });
});
