/**
 * directives.xlsx keeps a directive's text exactly: in a workbook a text cell is never run as a
 * formula, so text starting with `=`, `+`, `-` or `@` is written as a text cell, without the
 * apostrophe that CSV needs (read back: the cell's type is string and its text is the original).
 */

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { workbookOf } from './export.js';

const TEXTS = [
  '=금융기관 유치 전략 수립',
  '+82 51 888 1234',
  '-외국인 관광객 300만',
  '@부산시',
  '=HYPERLINK("http://evil.example","x")',
];

async function readBack(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  return sheet;
}

describe('the directives workbook', () => {
  it('writes text that starts like a formula as a string cell holding exactly the text', async () => {
    const body = await workbookOf({
      name: 'directives-2024-ko',
      columns: ['directive', 'due_date', 'overdue'],
      header: ['=지시사항', '기한', '기한 경과'],
      rows: TEXTS.map((text) => [text, '2024-03-31', 1]),
    });
    const sheet = await readBack(body);
    expect(sheet.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A1').value).toBe('=지시사항');
    TEXTS.forEach((text, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type, text).toBe(ExcelJS.ValueType.String);
      expect(cell.value, text).toBe(text);
      expect(cell.formula, text).toBeUndefined();
      // Shown and edited as text (@), so Excel does not turn it into a formula when the cell is edited.
      expect(cell.numFmt, text).toBe('@');
      // Numbers stay numbers.
      expect(sheet.getRow(i + 2).getCell(3).value).toBe(1);
    });
  });

  it('replaces NUL, which XML cannot carry, and nothing else', async () => {
    const body = await workbookOf({ name: 'd', columns: ['a'], header: ['a'], rows: [['a\0b']] });
    expect((await readBack(body)).getCell('A2').value).toBe('a\uFFFDb');
  });
});
