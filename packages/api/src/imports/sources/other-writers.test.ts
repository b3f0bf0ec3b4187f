/**
 * Workbooks as programs other than Excel write them, part by part (openpyxl, pandas, exporters of
 * other systems): each is read as the whole reading reads it. These are the workbooks on which
 * exceljs's streaming reader, once used for every xlsx, gave wrong sheets or cells (see xlsx.ts).
 */

import { describe, expect, it } from 'vitest';
import { readSource } from './index.js';
import { workbookParts, zipOf } from './workbook-parts.js';
import { whole } from './xlsx.js';

const text = (t: string, ref: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
const header = `<row r="1">${text('kpi_code', 'A1')}${text('period', 'B1')}${text('value', 'C1')}</row>`;
const dataRow = (value: number) =>
  `<row r="2">${text('CUL-01', 'A2')}${text('2024-03', 'B2')}<c r="C2"><v>${value}</v></c></row>`;

const shape = (sheets: { name: string | null; hidden?: boolean; rows: { cells: { text: string }[] }[] }[]) =>
  sheets.map((s) => ({
    name: s.name,
    hidden: s.hidden === true,
    values: s.rows.map((r) => r.cells.map((c) => c.text)),
  }));

describe('a workbook as openpyxl (and pandas.to_excel) writes it', () => {
  // openpyxl writes the sheets first, inline strings, no sharedStrings.xml, and relationship targets
  // that are absolute (`/xl/worksheets/sheet1.xml`). exceljs's streaming reader matches a sheet to its
  // name only by the relative target `worksheets/sheetN.xml`: each sheet comes out as `SheetN`, and
  // visible, so a hidden first sheet (a working sheet) is the one the preview reads by default.
  const { head, sheetParts } = workbookParts(
    [
      { name: '계산용', file: 1, state: 'hidden', rows: header + dataRow(1) },
      { name: '실적', file: 2, rows: header + dataRow(230000) },
    ],
    { absoluteTargets: true },
  );
  const bytes = zipOf([...sheetParts, ...head]);

  it('names each sheet and keeps the hidden one hidden, as the whole reading does', async () => {
    const expected = shape(await whole(bytes));
    expect(expected.map((s) => [s.name, s.hidden])).toEqual([
      ['계산용', true],
      ['실적', false],
    ]);
    expect(shape((await readSource(bytes, 'report.xlsx')).sheets)).toEqual(expected);
  });
});

describe('a workbook whose sheets the streaming reader copies to temporary files', () => {
  // With no shared strings before them (none at all, or Excel's order: sheets, then styles and
  // sharedStrings), every sheet is copied to a temporary file and read at the end; exceljs 4.4.0 then
  // loses sheets (exceljs#2790, #3064), and the streamed reading is taken as it is.
  it('lists both sheets of a two-sheet workbook with no shared strings', async () => {
    const { head, sheetParts } = workbookParts([
      { name: '작년', file: 1, state: 'hidden', rows: header + dataRow(1) },
      { name: '실적', file: 2, rows: header + dataRow(230000) },
    ]);
    const bytes = zipOf([...head, ...sheetParts]);
    for (let attempt = 0; attempt < 3; attempt++) {
      const sheets = (await readSource(bytes, 'report.xlsx')).sheets;
      // With 실적 lost, the only sheet is the hidden one, and the preview reads it (value 1).
      expect(sheets.map((s) => s.name)).toEqual(['작년', '실적']);
    }
  });

  it('lists the twelve monthly sheets of a workbook in Excel’s part order', async () => {
    const months = Array.from({ length: 12 }, (_, i) => ({
      name: `${i + 1}월`,
      file: i + 1,
      rows: Array.from(
        { length: 50 },
        (_, r) =>
          `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>0</v></c><c r="B${r + 1}"><v>${r}</v></c></row>`,
      ).join(''),
    }));
    const { head, sheetParts } = workbookParts(months, { sharedStrings: ['<si><t>지표</t></si>'] });
    const [types, rels, workbook, workbookRels, styles, strings] = head as [
      (typeof head)[0],
      (typeof head)[0],
      (typeof head)[0],
      (typeof head)[0],
      (typeof head)[0],
      (typeof head)[0],
    ];
    const bytes = zipOf([types, rels, workbook, workbookRels, ...sheetParts, styles, strings]);
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await readSource(bytes, 'monthly.xlsx')).sheets.map((s) => s.name)).toEqual(
        months.map((m) => m.name),
      );
  });
});

describe('cells exceljs’s streaming reader read otherwise', () => {
  const oneCell = (cell: string, sharedStrings?: string[]) => {
    const { head, sheetParts } = workbookParts(
      [{ name: '실적', file: 1, rows: `<row r="1">${cell}</row>` }],
      sharedStrings ? { sharedStrings } : {},
    );
    return zipOf([...head, ...sheetParts]);
  };
  const cellOf = async (bytes: Uint8Array) =>
    (await readSource(bytes, 'a.xlsx')).sheets[0]?.rows[0]?.cells[0];

  it('a formula whose cached result is TRUE is TRUE, not the number 1', async () => {
    // `=C2>0` in a value column: the streaming reader parses a t="b" result as parseFloat("1").
    const bytes = oneCell('<c r="A1" t="b"><f>C2&gt;0</f><v>1</v></c>');
    expect((await whole(bytes))[0]?.rows[0]?.cells[0]).toEqual({ text: 'TRUE' });
    expect(await cellOf(bytes)).toEqual({ text: 'TRUE' });
  });

  it('an inline string in several runs is all its runs (150), not the last one (50)', async () => {
    // The streaming reader starts the value afresh at every <t>: only the last run is kept.
    const bytes = oneCell(
      '<c r="A1" t="inlineStr"><is><r><t>1</t></r><r><rPr><b/></rPr><t>50</t></r></is></c>',
    );
    expect((await whole(bytes))[0]?.rows[0]?.cells[0]).toEqual({ text: '150' });
    expect(await cellOf(bytes)).toEqual({ text: '150' });
  });

  it('a shared string with a phonetic reading is its text, not the reading', async () => {
    // <rPh> (Japanese IME furigana, kept by Excel) restarts the streamed text: 150 reads as 9.
    const bytes = oneCell('<c r="A1" t="s"><v>0</v></c>', [
      '<si><t>150</t><rPh sb="0" eb="3"><t>9</t></rPh><phoneticPr fontId="1"/></si>',
    ]);
    expect((await whole(bytes))[0]?.rows[0]?.cells[0]).toEqual({ text: '150' });
    expect(await cellOf(bytes)).toEqual({ text: '150' });
  });
});

describe('a cell stored as an ISO date', () => {
  it('is refused at its cell, never read as the number 2024', async () => {
    const { head, sheetParts } = workbookParts([
      {
        name: '실적',
        file: 1,
        rows: `${header}<row r="2">${text('CUL-01', 'A2')}${text('2024-03', 'B2')}<c r="C2" t="d"><v>2024-03-01</v></c></row>`,
      },
    ]);
    await expect(readSource(zipOf([...head, ...sheetParts]), 'a.xlsx')).rejects.toMatchObject({
      code: 'file_iso_date_cells',
      params: { cell: 'C2' },
    });
  });
});

describe('a zip entry the central directory does not list', () => {
  // refuseLargeInflation checks the entries the central directory lists; unzipper's streaming parse
  // reads every local header in the file, listed or not, inflating it without a bound (exceljs copies
  // it to a temporary file first). The whole reading (JSZip) reads the directory only.
  it('is not read as a sheet', async () => {
    const { head, sheetParts } = workbookParts([{ name: '실적', file: 1, rows: header + dataRow(230000) }]);
    const smuggled = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${text('unchecked', 'A1')}</row></sheetData></worksheet>`;
    const bytes = zipOf([...head, ...sheetParts], [['xl/worksheets/sheet7.xml', smuggled]]);
    expect(shape(await whole(bytes)).map((s) => s.name)).toEqual(['실적']);
    expect((await readSource(bytes, 'a.xlsx')).sheets.map((s) => s.name)).toEqual(['실적']);
  });
});
