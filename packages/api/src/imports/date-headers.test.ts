/**
 * A wide workbook whose month headers Excel stores as dates: the preview names each column as the
 * sheet shows it (`2024-10`, `2024년 11월`), not as the date behind it, and still reads its month.
 */

import { type Db, seededTestDatabase } from '@tangible/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFor, signIn } from '../testing.js';
import { previewImport } from './preview.js';

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

async function monthHeaders(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('실적');
  sheet.addRow(['지표명', new Date(Date.UTC(2024, 9, 1)), new Date(Date.UTC(2024, 10, 1))]);
  sheet.addRow(['외국인 관광객 수', 'abc', 250_000]);
  sheet.getCell('B1').numFmt = 'yyyy-mm';
  sheet.getCell('C1').numFmt = 'yyyy"년" m"월"';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('month headers typed as dates', () => {
  it('are named as the sheet shows them, in the header, the rows and the problems', async () => {
    const { token } = await signIn(db, 'tourism.head');
    const tourism = await principalFor(db, token);
    const wide = { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const;
    const preview = await previewImport(db, plan, tourism, await monthHeaders(), wide, new Date(), {
      filename: '관광.xlsx',
    });
    expect(preview.layout.header).toEqual(['지표명', '2024-10', '2024년 11월']);
    expect(preview.layout.firstRows[0]?.cells).toEqual(['지표명', '2024-10', '2024년 11월']);
    expect(preview.rows.map((r) => [r.column, r.position, r.period])).toEqual([
      ['2024-10', '실적!B2', '2024-10'],
      ['2024년 11월', '실적!C2', '2024-11'],
    ]);
    expect(preview.problems.map((p) => [p.column, p.position, p.code])).toEqual([
      ['2024-10', '실적!B2', 'not_a_number'],
    ]);
  });
});
