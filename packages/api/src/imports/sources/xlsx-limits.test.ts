import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSource } from './index.js';
import { MAX_CELL_CHARS } from './limits.js';
import { declaredUnpackedBytes, MAX_UNPACKED_BYTES } from './zip-sizes.js';

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('실적'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The same zip, its first central directory entry declaring this uncompressed size. */
function declaring(bytes: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let at = 0; at < copy.length - 4; at++)
    if (view.getUint32(at, true) === 0x02014b50) {
      view.setUint32(at + 24, size, true);
      return copy;
    }
  throw new Error('no central directory');
}

describe('readSource: a workbook that unpacks to more than is read is refused', () => {
  it('reads the declared sizes from the central directory', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = 'x'.repeat(100_000);
    });
    expect(declaredUnpackedBytes(bytes)).toBeGreaterThan(100_000);
    expect(declaredUnpackedBytes(new Uint8Array(100))).toBeNull();
  });

  it('refuses a workbook declaring more than the budget, before inflating it', async () => {
    const bytes = declaring(
      await workbook((sheet) => {
        sheet.getCell('A1').value = '지표';
      }),
      MAX_UNPACKED_BYTES + 1,
    );
    await expect(readSource(bytes, 'a.xlsx')).rejects.toMatchObject({
      code: 'file_workbook_too_large',
      params: { limit: '40 MB' },
    });
  });

  it("refuses a cell longer than Excel's 32,767 characters, and keeps one exactly that long", async () => {
    const long = await workbook((sheet) => {
      sheet.getCell('A1').value = '지표';
      sheet.getCell('B2').value = '가'.repeat(MAX_CELL_CHARS + 1);
    });
    await expect(readSource(long, 'a.xlsx')).rejects.toMatchObject({
      code: 'file_cell_too_long',
      params: { limit: MAX_CELL_CHARS },
    });
    const fits = await workbook((sheet) => {
      sheet.getCell('A1').value = '가'.repeat(MAX_CELL_CHARS);
    });
    expect((await readSource(fits, 'a.xlsx')).sheets[0]?.rows[0]?.cells[0]?.text).toHaveLength(
      MAX_CELL_CHARS,
    );
  });
});
