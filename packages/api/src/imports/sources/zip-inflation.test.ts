import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSource } from './index.js';
import { refuseLargeInflation } from './zip-inflation.js';
import { MAX_UNPACKED_BYTES } from './zip-sizes.js';

/** A one-entry zip of these bytes deflated, its headers declaring `declared` bytes unpacked. */
function zipDeclaring(unpacked: Buffer, declared: number): Uint8Array {
  const name = Buffer.from('xl/workbook.xml');
  const packed = deflateRawSync(unpacked, { level: 1 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + name.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, name, packed, central, name, end]));
}

const MB = 1024 * 1024;

describe('refuseLargeInflation: a zip is inflated within the budget before exceljs opens it', () => {
  it('refuses a zip declaring 1 KB whose entry inflates past the budget', () => {
    const bomb = zipDeclaring(Buffer.alloc(2 * MB), 1024);
    expect(() => refuseLargeInflation(bomb, MB)).toThrow(
      expect.objectContaining({ code: 'file_workbook_too_large', params: { limit: '1 MB' } }),
    );
  });

  it('refuses as damaged a zip whose entry is not the size it declares, within the budget', () => {
    const lying = zipDeclaring(Buffer.alloc(5000), 1024);
    expect(() => refuseLargeInflation(lying, MB)).toThrow(
      expect.objectContaining({ code: 'file_workbook_unreadable' }),
    );
    expect(() => refuseLargeInflation(zipDeclaring(Buffer.alloc(5000), 5000), MB)).not.toThrow();
  });

  it('refuses a workbook that lies past the budget by its size, where exceljs inflated it all', async () => {
    const bomb = zipDeclaring(Buffer.alloc(MAX_UNPACKED_BYTES + MB), 1024);
    await expect(readSource(bomb, 'a.xlsx')).rejects.toMatchObject({
      code: 'file_workbook_too_large',
      params: { limit: '40 MB' },
    });
  });

  it('still reads a correct workbook', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('실적').getCell('A1').value = '지표';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    expect(() => refuseLargeInflation(bytes, MB)).not.toThrow();
    expect((await readSource(bytes, 'a.xlsx')).sheets[0]?.rows[0]?.cells[0]?.text).toBe('지표');
  });
});
