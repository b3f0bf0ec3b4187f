import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSource } from './index.js';

/** A department's sheet as Korean Excel users keep it: a merged title, a blank row, the header. */
async function departmentWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('실적');
  sheet.getCell('A1').value = '2024년 문화관광국 실적';
  sheet.mergeCells('A1:E1');
  sheet.getRow(3).values = ['지표', '기준월', '실적', '달성률', '합계'];
  sheet.getRow(4).values = ['외국인 관광객 수', new Date(Date.UTC(2024, 2, 1)), 230000, 0.949, null];
  sheet.getRow(5).values = ['축제 방문객', new Date(Date.UTC(2024, 9, 15)), 2024.1, 1, null];
  sheet.getRow(6).values = ['숨긴 행', '2024-04', 7, null, null];
  sheet.getRow(6).hidden = true;
  sheet.getCell('E4').value = { formula: 'C4+C5', result: 232024.1 };
  sheet.getCell('E5').value = { formula: 'C4/0', result: { error: '#DIV/0!' } };
  sheet.getCell('B6').value = { formula: 'B4', result: undefined as unknown as number };
  sheet.getCell('B4').numFmt = 'yyyy-mm';
  sheet.getCell('B5').numFmt = 'yyyy"년" m"월"';
  sheet.getCell('D4').numFmt = '0.0%';
  sheet.getCell('D5').numFmt = '0%';
  // Excel's trailing "empty" cells: formatted, no value.
  sheet.getCell('H9').numFmt = '0.0';
  sheet.getCell('G4').value = '   ';
  const hidden = workbook.addWorksheet('참고', { state: 'hidden' });
  hidden.getCell('A1').value = '작성 요령';
  workbook.addWorksheet('빈 시트');
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readSource: xlsx', () => {
  it('reads cell types, not their text; lists every sheet; flags hidden rows and merged titles', async () => {
    const file = await readSource(await departmentWorkbook(), 'report.xlsx');
    expect(file.format).toBe('xlsx');
    expect(file.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['실적', false],
      ['참고', true],
      ['빈 시트', false],
    ]);
    const [sheet] = file.sheets;
    expect(sheet?.merges).toEqual([{ top: 1, left: 0, bottom: 1, right: 4 }]);
    expect(sheet?.rows.map((r) => [r.row, r.hidden, r.cells.length])).toEqual([
      [1, false, 1],
      [3, false, 5],
      [4, false, 5],
      [5, false, 5],
      [6, true, 3],
    ]);
    const [, , march, october, hiddenRow] = sheet?.rows ?? [];
    expect(march?.cells).toEqual([
      { text: '외국인 관광객 수' },
      // A date shows as its format writes it (yyyy-mm); the typed date is what is read.
      { text: '2024-03', typed: { kind: 'date', year: 2024, month: 3, day: 1 } },
      { text: '230000', typed: { kind: 'number', value: 230000, percent: false } },
      { text: '94.9%', typed: { kind: 'number', value: 0.949, percent: true } },
      { text: '232024.1', typed: { kind: 'number', value: 232024.1, percent: false } },
    ]);
    expect(october?.cells.slice(1)).toEqual([
      { text: '2024년 10월', typed: { kind: 'date', year: 2024, month: 10, day: 15 } },
      // Excel's 2024.10 is the number 2024.1: the cell says so, the period reading decides.
      { text: '2024.1', typed: { kind: 'number', value: 2024.1, percent: false } },
      { text: '100%', typed: { kind: 'number', value: 1, percent: true } },
      { text: '#DIV/0!' },
    ]);
    // A formula with no cached result shows itself rather than reading as blank.
    expect(hiddenRow?.cells).toEqual([
      { text: '숨긴 행' },
      { text: '=B4' },
      { text: '7', typed: { kind: 'number', value: 7, percent: false } },
    ]);
  });

  it('reads long Korean text whole', async () => {
    // exceljs's streaming reader decoded each chunk of a part alone, so a Hangul syllable (three bytes)
    // cut by a chunk's end became replacement characters: 부산 came out as ��산 (see xlsx.ts).
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('실적');
    const names = Array.from({ length: 3000 }, (_, i) => `부산광역시 해운대구 지표 ${i} 비고`);
    names.forEach((name, i) => {
      sheet.getCell(`A${i + 1}`).value = name;
    });
    sheet.getCell('B1').value = '가'.repeat(32767);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const [read] = (await readSource(bytes, 'long.xlsx')).sheets;
    expect(read?.rows.map((row) => row.cells[0]?.text)).toEqual(names);
    expect(read?.rows[0]?.cells[1]?.text).toBe('가'.repeat(32767));
  });

  it('reads a 1904 workbook’s formula dates in its own date system', async () => {
    // Excel for Mac counts days from 1904: serial 43890 there is 2024-03-01, not 2020-02-29.
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('실적');
    sheet.getRow(1).values = ['지표 코드', '기간', '값'];
    sheet.getRow(2).values = ['CUL-01', null, 10];
    sheet.getCell('B2').value = { formula: 'DATE(2024,3,1)', result: 43890 };
    sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const [sheet1904] = (await readSource(bytes, '1904.xlsx')).sheets;
    expect(sheet1904?.rows[1]?.cells[1]).toEqual({
      text: '2024-03-01',
      typed: { kind: 'date', year: 2024, month: 3, day: 1 },
    });
  });

  it('refuses a damaged workbook by its code', async () => {
    const bytes = await departmentWorkbook();
    await expect(readSource(bytes.subarray(0, bytes.length - 200), 'report.xlsx')).rejects.toMatchObject({
      code: 'file_workbook_unreadable',
    });
  });

  it('refuses a workbook with nothing in it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(readSource(bytes, 'empty.xlsx')).rejects.toMatchObject({ code: 'file_empty' });
  });
});
