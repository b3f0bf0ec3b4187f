/**
 * Review 9: previews that would commit a value the file does not hold. Each is a whole preview
 * against the seeded database, as the web screen and the CLI run it.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFor, signIn } from '../testing.js';
import { previewImport } from './preview.js';
import { workbookParts, zipOf } from './sources/review9-zip.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

let db: Db;
const plan = { id: 0, year: 2024 };
beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  plan.id = (await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await db.destroy();
});

async function as(username: string) {
  const { token } = await signIn(db, username);
  return principalFor(db, token);
}

const written = (preview: Awaited<ReturnType<typeof previewImport>>) =>
  preview.rows.filter((r) => r.outcome !== 'error').map((r) => [r.position, r.period, r.value]);

describe('an unquoted thousands comma in a CSV', () => {
  it('is refused in a wide file whose later months are blank (the split moves values into them)', async () => {
    // Meant: 1월 "1,200", 2월 900. Written unquoted, 1,200 is two fields; the row's trailing blanks
    // are trimmed, so it is no wider than the header and field_past_header never fires, and
    // split_thousands is checked for long files only (reading.ts: `!wide && sheet.commaSeparated`).
    const preview = await previewImport(
      db,
      plan,
      await as('tourism.head'),
      utf8('지표명,1월,2월,3월,4월\n외국인 관광객 수,1,200,900,,\n'),
      { kind: 'wide', indicator: '지표명', indicatorBy: 'name' },
      new Date(),
    );
    // Today: B2 1, C2 200, D2 900 are all ready to write.
    expect(written(preview)).toEqual([]);
    expect(preview.canCommit).toBe(false);
  });

  it('is refused in a long file when the three digits carry the indicator’s unit word (32,450명)', async () => {
    // `32,450명` reads as 32450 people; split, it is 32 with the note "450명". split_thousands looks
    // only for three bare digits in the next cell.
    const preview = await previewImport(
      db,
      plan,
      await as('tourism.head'),
      utf8('kpi_code,period,value,note\nCUL-01,2024-10,32,450명\n'),
      { kind: 'template' },
      new Date(),
    );
    expect(preview.problems.map((p) => [p.position, p.code])).toEqual([['C2', 'split_thousands']]);
  });
});

describe('a workbook written by openpyxl (pandas.to_excel)', () => {
  it('reads the visible 실적 sheet by default, not the hidden working sheet', async () => {
    const text = (t: string, ref: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const sheet = (value: number) =>
      `<row r="1">${text('kpi_code', 'A1')}${text('period', 'B1')}${text('value', 'C1')}</row>` +
      `<row r="2">${text('CUL-01', 'A2')}${text('2024-03', 'B2')}<c r="C2"><v>${value}</v></c></row>`;
    const { head, sheetParts } = workbookParts(
      [
        { name: '계산용', file: 1, state: 'hidden', rows: sheet(1) },
        { name: '실적', file: 2, rows: sheet(230000) },
      ],
      { absoluteTargets: true },
    );
    const preview = await previewImport(
      db,
      plan,
      await as('tourism.head'),
      zipOf([...sheetParts, ...head]),
      { kind: 'template' },
      new Date(),
      { filename: 'report.xlsx' },
    );
    // Today: sheet "Sheet1" (the hidden 계산용), CUL-01 2024-03 = 1, ready to write.
    expect([preview.layout.sheet, written(preview)]).toEqual(['실적', [['실적!C2', '2024-03', 230000]]]);
  });
});

describe('a formula whose result is TRUE in the value column', () => {
  it('is refused, not written as 1', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('실적');
    sheet.addRow(['kpi_code', 'period', 'value']);
    sheet.addRow(['CUL-01', '2024-03', null]);
    sheet.getCell('C2').value = { formula: 'D2>0', result: true };
    const preview = await previewImport(
      db,
      plan,
      await as('tourism.head'),
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      { kind: 'template' },
      new Date(),
      { filename: 'report.xlsx' },
    );
    // Today: the streamed reading gives the number 1 (whole reading: TRUE, refused as not a number).
    expect(written(preview)).toEqual([]);
  });
});

describe('a name merged down the rows of a long sheet that names no indicator', () => {
  it('is one problem, at the merged cell that holds the name', async () => {
    // The fill-down gives rows 3 and 4 the name, and Candidate.place('code') names their own (covered,
    // empty) cells, A3 and A4: the problem list, deduplicated by position, says it three times.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('실적');
    sheet.addRow(['지표명', '기간', '실적']);
    sheet.addRow(['없는 지표', '2024-01', 1]);
    sheet.addRow([null, '2024-02', 2]);
    sheet.addRow([null, '2024-03', 3]);
    sheet.mergeCells('A2:A4');
    const preview = await previewImport(
      db,
      plan,
      await as('tourism.head'),
      new Uint8Array(await workbook.xlsx.writeBuffer()),
      { kind: 'long', indicator: '지표명', indicatorBy: 'name', period: '기간', value: '실적' },
      new Date(),
      { filename: 'report.xlsx' },
    );
    expect(preview.problems.map((p) => p.position)).toEqual(['실적!A2']);
  });
});
