/**
 * Workbooks as programs other than Excel write them, previewed whole against the seeded database
 * (as the screen and the CLI run it): the value the preview would commit is the one the file holds.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFor, signIn } from '../testing.js';
import { previewImport } from './preview.js';
import { workbookParts, zipOf } from './sources/workbook-parts.js';

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
