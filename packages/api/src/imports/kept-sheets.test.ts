import { type Db, seededTestDatabase } from '@tangible/db';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFor, signIn } from '../testing.js';
import { commitImport, previewImport } from './preview.js';

const cp949 = (lines: string[]) => new Uint8Array(iconv.encode(lines.join('\r\n'), 'cp949'));
const utf8 = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

let db: Db;
const plan = { id: 0, year: 2024 };
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const row = await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow();
  plan.id = row.id;
});
afterAll(async () => {
  await db.destroy();
});

async function as(username: string) {
  const { token } = await signIn(db, username);
  return principalFor(db, token);
}

// The tourism bureau's sheet as Korean Excel saves it: a title, a blank line, the header with
// 연번/단위/합계/비고, two indicators (one month not reported yet), and a 합계 row.
const kept = cp949([
  '2024년 관광마이스국 주요 지표 실적,,,,,,',
  ',,,,,,',
  '연번,지표명,단위,2024년 1월,2024년 2월,합계,비고',
  '1,외국인 관광객 수,명,"180,000","195,000","380,000",',
  '2,국제회의 개최 건수,건,,,,분기 지표',
  '합계,,,"180,000","195,000","380,000",',
  '',
]);
const wide = { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const;

describe('a sheet as departments keep it', () => {
  it('is read below its title, its total row skipped, blanks listed as not reported, the total checked', async () => {
    const tourism = await as('tourism.head');
    const preview = await previewImport(db, plan, tourism, kept, wide, new Date());
    expect(preview.encoding).toBe('CP949');
    expect(preview.layout).toMatchObject({ headerRow: 3, titleRows: [1], totalRows: [6] });
    expect(preview.layout.roles.map((r) => [r.position, r.role])).toEqual([
      ['A3', 'serial'],
      ['C3', 'unit'],
      ['F3', 'total'],
      ['G3', 'remark'],
    ]);
    expect(preview.rows.map((r) => [r.position, r.code, r.period, r.value, r.outcome])).toEqual([
      ['D4', 'CUL-01', '2024-01', 180_000, 'same'],
      ['E4', 'CUL-01', '2024-02', 195_000, 'same'],
    ]);
    expect(preview.problems).toEqual([]);
    // The quarterly indicator's empty cells are not reported; nothing about them is an error.
    expect(preview.notReported.map((n) => [n.position, n.code])).toEqual([
      ['D5', 'CUL-02'],
      ['E5', 'CUL-02'],
    ]);
    expect(preview.warnings).toMatchObject([
      { position: 'F4', code: 'total_mismatch', params: { total: 380_000, sum: 375_000 } },
    ]);
    expect(preview.nothingToImport).toBe(true);
    expect(preview.canCommit).toBe(false);
  });

  it('is read from the header row the person chose', async () => {
    const tourism = await as('tourism.head');
    const preview = await previewImport(db, plan, tourism, kept, { kind: 'template' }, new Date(), {
      headerRow: 1,
    });
    expect(preview.needsMapping).toBe(true);
    expect(preview.layout).toMatchObject({
      headerRow: 1,
      headerChosen: true,
      header: ['2024년 관광마이스국 주요 지표 실적'],
    });
  });

  it('refuses, by its code, a header row that is not in the file and a column that is not in the header', async () => {
    const tourism = await as('tourism.head');
    const missingRow = await previewImport(db, plan, tourism, kept, wide, new Date(), { headerRow: 2 }).catch(
      (e) => e,
    );
    expect(missingRow.cause?.problem).toMatchObject({ code: 'no_header_row', params: { row: 2 } });
    const missingColumn = await previewImport(
      db,
      plan,
      tourism,
      kept,
      { ...wide, indicator: '지표' },
      new Date(),
    ).catch((e) => e);
    expect(missingColumn.cause?.problem).toMatchObject({
      code: 'mapping_column_missing',
      params: { name: '지표' },
    });
  });
});

describe('the template sent back unchanged', () => {
  it('has nothing to import: approved values are the same, empty values are not reported', async () => {
    const tourism = await as('tourism.head');
    const file = utf8([
      'kpi_code,kpi_name,period,value,note,evidence_url',
      'CUL-01,외국인 관광객 수,2024-01,180000,,',
      'CUL-02,국제회의 개최 건수,2024-Q4,,,',
      '',
    ]);
    const preview = await previewImport(db, plan, tourism, file, { kind: 'template' }, new Date());
    expect(preview.counts).toEqual({ new: 0, change: 0, same: 1, error: 0 });
    expect(preview.notReported).toMatchObject([{ position: 'D3', code: 'CUL-02', period: '2024-Q4' }]);
    // The screen says indicators by name, never by code alone.
    expect(preview.names).toEqual({
      'CUL-01': { ko: '외국인 관광객 수', en: 'Foreign visitors' },
      'CUL-02': { ko: '국제회의 개최 건수', en: 'International conferences held' },
    });
    expect(preview.nothingToImport).toBe(true);
    expect(preview.canCommit).toBe(false);
  });
});

describe('a mapping a department chose', () => {
  const march = cp949([
    '관광마이스국 실적,,',
    '지표명,2024년 3월,비고',
    '외국인 관광객 수,"231,000",정정',
    '',
  ]);
  const april = cp949([
    '관광마이스국 실적 (4월),,,',
    ',,,',
    '지표명,2024년 3월,2024년 4월,비고',
    '외국인 관광객 수,,"241,000",',
    '',
  ]);

  it('is remembered for its next upload of the same layout, and only for that department', async () => {
    const tourism = await as('tourism.head');
    const before = await previewImport(db, plan, tourism, april, { kind: 'template' }, new Date());
    expect(before.needsMapping).toBe(true);

    const committed = await commitImport(db, plan, tourism, march, wide, new Date(), 'march.csv');
    expect(committed.written).toBe(1);

    const next = await previewImport(db, plan, tourism, april, { kind: 'template' }, new Date());
    expect(next.needsMapping).toBe(false);
    expect(next.mapping).toEqual({ source: 'remembered', value: wide });
    expect(next.layout.headerRow).toBe(3);
    expect(next.rows.map((r) => [r.position, r.code, r.period, r.value])).toEqual([
      ['C4', 'CUL-01', '2024-04', 241_000],
    ]);

    const finance = await as('fin.head');
    const theirs = await previewImport(db, plan, finance, april, { kind: 'template' }, new Date());
    expect(theirs.needsMapping).toBe(true);
  });

  it('takes next month’s column when remembered, though the screen listed last month’s columns', async () => {
    const culture = await as('tourism.head');
    // Values near the plan's (about 250,000 a month), so that none needs commentary.
    const january = utf8([
      '관광 실적',
      '',
      '지표명,2024년 5월,2024년 6월,비고',
      '외국인 관광객 수,260000,270000,',
      '',
    ]);
    const february = utf8([
      '관광 실적',
      '',
      '지표명,2024년 5월,2024년 6월,2024년 7월,비고',
      '외국인 관광객 수,260000,270000,280000,',
      '',
    ]);
    // The mapping screen always sends the period columns it showed ticked.
    const chosen = { ...wide, periodColumns: ['2024년 5월', '2024년 6월'] };
    await commitImport(db, plan, culture, january, chosen, new Date(), 'january.csv');
    const next = await previewImport(db, plan, culture, february, { kind: 'template' }, new Date());
    expect(next.mapping?.source).toBe('remembered');
    expect(next.rows.map((r) => [r.period, r.value, r.outcome])).toEqual([
      ['2024-05', 260_000, 'same'],
      ['2024-06', 270_000, 'same'],
      ['2024-07', 280_000, 'change'],
    ]);
    expect(next.nothingToImport).toBe(false);
  });
});

describe('hidden sheets and rows', () => {
  // A workbook as departments keep one: a hidden working sheet first, and last month's figure kept
  // in a hidden row under this month's.
  async function workbook(): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    const working = book.addWorksheet('계산용', { state: 'hidden' });
    working.addRow(['kpi_code', 'period', 'value']);
    working.addRow(['CUL-01', '2024-01', 555_555]);
    const sheet = book.addWorksheet('실적');
    sheet.addRow(['kpi_code', 'period', 'value']);
    sheet.addRow(['CUL-01', '2024-01', 180_000]);
    sheet.addRow(['CUL-01', '2024-02', 999]);
    sheet.getRow(3).hidden = true;
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  it('reads the first visible sheet by default, marks hidden sheets, and never imports a hidden row', async () => {
    const tourism = await as('tourism.head');
    const preview = await previewImport(
      db,
      plan,
      tourism,
      await workbook(),
      { kind: 'template' },
      new Date(),
      {
        filename: 'report.xlsx',
      },
    );
    expect(preview.layout.sheet).toBe('실적');
    expect(preview.layout.sheets).toEqual([
      { name: '계산용', rows: 2, hidden: true },
      { name: '실적', rows: 3, hidden: false },
    ]);
    expect(preview.layout.hiddenRows).toEqual([3]);
    expect(preview.rows.map((r) => [r.position, r.period, r.value])).toEqual([
      ['실적!C2', '2024-01', 180_000],
    ]);
    expect(preview.notReported).toEqual([]);
  });

  it('reads a hidden sheet the person picks, knowingly', async () => {
    const tourism = await as('tourism.head');
    const preview = await previewImport(
      db,
      plan,
      tourism,
      await workbook(),
      { kind: 'template' },
      new Date(),
      {
        filename: 'report.xlsx',
        sheet: '계산용',
      },
    );
    expect(preview.rows.map((r) => [r.position, r.value])).toEqual([['계산용!C2', 555_555]]);
  });
});
