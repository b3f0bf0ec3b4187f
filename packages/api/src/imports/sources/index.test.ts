import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../decode.js';
import { readSource } from './index.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cp949 = (text: string) => new Uint8Array(iconv.encode(text, 'cp949'));
/** Excel's "유니코드 텍스트": UTF-16LE with its byte-order mark, tab-separated. */
const utf16 = (text: string) => new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }));
const texts = (file: Awaited<ReturnType<typeof readSource>>) =>
  file.sheets[0]?.rows.map((r) => [r.row, ...r.cells.map((c) => c.text)]);

/** The first sectors of an OLE2 compound file, with a directory entry's name in UTF-16LE. */
const ole2 = (stream: string) =>
  new Uint8Array([
    0xd0,
    0xcf,
    0x11,
    0xe0,
    0xa1,
    0xb1,
    0x1a,
    0xe1,
    ...new Uint8Array(504),
    ...new Uint8Array(iconv.encode(`Root Entry\0${stream}\0`, 'utf-16le')),
  ]);
/** The start of a zip holding these entry names (their local headers name them in ASCII). */
const zip = (...names: string[]) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8(names.join('\0'))]);

describe('readSource: text', () => {
  it('numbers rows as Excel does: by record after a cell with a line break, empty lines counted', async () => {
    const file = await readSource(
      utf8('2024 실적\n\n지표,기간,값\r\nA,"첫 줄\n둘째 줄",3\n\nB,2024-03,4\n'),
      'a.csv',
    );
    expect(file).toMatchObject({ format: 'csv', encoding: 'UTF-8', delimiter: ',' });
    expect(texts(file)).toEqual([
      [1, '2024 실적'],
      [3, '지표', '기간', '값'],
      [4, 'A', '첫 줄\n둘째 줄', '3'],
      [6, 'B', '2024-03', '4'],
    ]);
  });

  it('finds the delimiter below a title row, and ignores trailing empty rows and columns', async () => {
    const file = await readSource(
      cp949('부산광역시 2024년 실적;;\n지표;기간;값;;\n관광객;2024-03;1,5;;\n;;;;\n;;;;\n'),
      'a.csv',
    );
    expect(file).toMatchObject({ encoding: 'CP949', delimiter: ';' });
    expect(texts(file)).toEqual([
      [1, '부산광역시 2024년 실적'],
      [2, '지표', '기간', '값'],
      [3, '관광객', '2024-03', '1,5'],
    ]);
  });

  it('reads UTF-16 tab-separated text (유니코드 텍스트), numbers with commas kept in their cell', async () => {
    const file = await readSource(utf16('지표\t기간\t값\r\n관광객\t2024-03\t"1,234"\r\n'), '실적.txt');
    expect(file).toMatchObject({ format: 'text-utf16', encoding: 'UTF-16LE', delimiter: '\t' });
    expect(texts(file)).toEqual([
      [1, '지표', '기간', '값'],
      [2, '관광객', '2024-03', '1,234'],
    ]);
  });

  it('says on which row a quoted cell is never closed, counted as Excel counts', async () => {
    await expect(readSource(utf8('a,b\n"x\ny",1\n2,"open\n'), 'a.csv')).rejects.toMatchObject({
      code: 'file_quote_not_closed',
      params: { row: 3 },
    });
  });
});

describe('readSource: HTML tables saved as .xls', () => {
  it('flags a row the page hides (display:none, the hidden attribute) as hidden, as a hidden row in a workbook', async () => {
    const file = await readSource(
      utf8(`<table>
        <tr><th>지표</th><th>기간</th><th>값</th></tr>
        <tr style="color: red; display : none"><td>관광객 수</td><td>2024-02</td><td>999</td></tr>
        <tr hidden><td>관광객 수</td><td>2024-02</td><td>998</td></tr>
        <tr style="display:block"><td>관광객 수</td><td>2024-03</td><td>1</td></tr>
      </table>`),
      '실적.xls',
    );
    expect(file.sheets[0]?.rows.map((r) => [r.row, r.hidden])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, false],
    ]);
  });

  const page = `<html><head><meta charset="euc-kr"></head><body>
    <table border=1>
      <tr><td colspan="3">2024년 실적 현황</td></tr>
      <tr><th>지표</th><th>기간</th><th>값</th></tr>
      <tr><td rowspan="2">관광객&nbsp;수</td><td>2024-03</td><td>1,234</td></tr>
      <tr><td>2024-04</td><td>1,500<br>(잠정)</td></tr>
    </table></body></html>`;

  it('reads the table (CP949 too), a span keeping its value in its top-left cell', async () => {
    const file = await readSource(cp949(page), '실적.xls');
    expect(file).toMatchObject({ format: 'html-table', encoding: 'CP949' });
    expect(texts(file)).toEqual([
      [1, '2024년 실적 현황'],
      [2, '지표', '기간', '값'],
      [3, '관광객 수', '2024-03', '1,234'],
      [4, '', '2024-04', '1,500\n(잠정)'],
    ]);
    expect(file.sheets[0]?.merges).toEqual([
      { top: 1, left: 0, bottom: 1, right: 2 },
      { top: 3, left: 0, bottom: 4, right: 0 },
    ]);
  });

  it('refuses a web page without a table', async () => {
    await expect(readSource(utf8('<html><body>로그인하세요</body></html>'), 'a.xls')).rejects.toMatchObject({
      code: 'file_html_no_table',
    });
  });
});

describe('readSource: refusals name the format and what to do', () => {
  it.each([
    ['legacy Excel 97-2003 .xls', ole2('Workbook'), 'file_xls_legacy', {}],
    ['a password-protected workbook', ole2('EncryptedPackage'), 'file_encrypted', {}],
    [
      'a Word or Hangul file',
      ole2('WordDocument'),
      'file_format_unsupported',
      { format: 'OLE2 (.doc, .hwp …)' },
    ],
    [
      'an xlsb workbook',
      zip('[Content_Types].xml', 'xl/workbook.bin'),
      'file_format_unsupported',
      { format: 'Excel .xlsb' },
    ],
    [
      'an OpenDocument sheet',
      zip('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
      'file_format_unsupported',
      { format: 'OpenDocument .ods' },
    ],
    [
      'XML Spreadsheet 2003',
      utf8(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
      ),
      'file_format_unsupported',
      { format: 'XML Spreadsheet 2003' },
    ],
    [
      'a PNG image',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'file_binary',
      { offset: 9 },
    ],
    ['an empty file', new Uint8Array(), 'file_empty', {}],
    ['one column only', utf8('제목\n값\n'), 'file_one_column', { row: 1 }],
    [
      'a file over the size limit',
      new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41),
      'file_too_large',
      { limit: '10 MB', size: '10.0 MB' },
    ],
  ])('refuses %s', async (_name, bytes, code, params) => {
    await expect(readSource(bytes, 'upload.xls')).rejects.toMatchObject({ code, params });
  });
});
