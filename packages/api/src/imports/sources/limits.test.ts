import { describe, expect, it } from 'vitest';
import { readSource } from './index.js';
import { MAX_CELLS, MAX_COLUMNS } from './limits.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const table = (rows: string) => utf8(`<html><body><table>${rows}</table></body></html>`);

describe('readSource: a small file that says a large table is refused before the table is built', () => {
  it('refuses an HTML row whose spans add up past 16,384 columns', async () => {
    const row = `<tr><td>지표</td>${'<td colspan=1000></td>'.repeat(17)}</tr>`;
    await expect(readSource(table(row), '실적.xls')).rejects.toMatchObject({
      code: 'file_too_many_columns',
      params: { limit: MAX_COLUMNS },
    });
  });

  it('refuses an HTML table of rows each within the width but too many cells in all', async () => {
    const row = `<tr>${'<td colspan=1000></td>'.repeat(16)}<td>끝</td></tr>`;
    const rows = Math.ceil(MAX_CELLS / 16_001) + 1;
    await expect(readSource(table(row.repeat(rows)), '실적.xls')).rejects.toMatchObject({
      code: 'file_too_many_cells',
      params: { limit: MAX_CELLS },
    });
  });

  it('keeps an HTML table exactly as wide as Excel allows', async () => {
    const row = `<tr><td>지표</td>${'<td>1</td>'.repeat(MAX_COLUMNS - 1)}</tr><tr><td>a</td><td>b</td></tr>`;
    const file = await readSource(table(row), '실적.xls');
    expect(file.sheets[0]?.rows[0]?.cells).toHaveLength(MAX_COLUMNS);
  });

  it('refuses a CSV row wider than 16,384 columns, commas in quotes not counted', async () => {
    const wide = `지표,기간,값\nA,2024-01,${'1,'.repeat(MAX_COLUMNS)}\n`;
    await expect(readSource(utf8(wide), 'a.csv')).rejects.toMatchObject({
      code: 'file_too_many_columns',
      params: { limit: MAX_COLUMNS },
    });
    const quoted = `지표,기간,값\nA,2024-01,"${','.repeat(MAX_COLUMNS)}"\n`;
    const file = await readSource(utf8(quoted), 'a.csv');
    expect(file.sheets[0]?.rows[1]?.cells).toHaveLength(3);
  });
});
