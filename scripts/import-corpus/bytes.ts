/**
 * How each kind of file in the corpus is written, the way the program a Busan official uses writes
 * it: Korean Excel's "CSV" (CP949, CRLF, every row as wide as the used range), "CSV UTF-8" (with a
 * byte-order mark), "유니코드 텍스트" (UTF-16LE, tab-separated), xlsx (exceljs, with a fixed creation
 * date so that only the zip's timestamps vary from one run to the next), an HTML table saved with an
 * .xls name, and the first bytes of an Excel 97-2003 workbook.
 */

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type Cell = string | number | null;

/** A field as Excel quotes it: only when it holds the delimiter, a quote or a line break. */
function field(cell: Cell, delimiter: string): string {
  const text = cell === null ? '' : String(cell);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows padded to the widest, as Excel saves the used range. */
function lines(rows: Cell[][], delimiter: string): string {
  const width = Math.max(...rows.map((r) => r.length));
  return rows
    .map((row) => [...row, ...Array<Cell>(width - row.length).fill(null)].map((c) => field(c, delimiter)))
    .map((cells) => `${cells.join(delimiter)}\r\n`)
    .join('');
}

/** Korean Excel's "CSV (쉼표로 분리)": CP949. */
export const cp949Csv = (rows: Cell[][]) => new Uint8Array(iconv.encode(lines(rows, ','), 'cp949'));

/** Excel's "CSV UTF-8 (쉼표로 분리)": UTF-8 with a byte-order mark. */
export const utf8BomCsv = (rows: Cell[][]) => new TextEncoder().encode(`\ufeff${lines(rows, ',')}`);

/** A CSV written by another program (a script, a web export): UTF-8 without a byte-order mark. */
export const utf8Csv = (rows: Cell[][]) => new TextEncoder().encode(lines(rows, ','));

/** Excel's "유니코드 텍스트": UTF-16LE with its byte-order mark, tab-separated. */
export const utf16Text = (rows: Cell[][]) =>
  new Uint8Array(iconv.encode(lines(rows, '\t'), 'utf16le', { addBOM: true }));

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A government system's "엑셀 저장": an HTML table with an .xls name, a title spanning the columns. */
export function htmlTable(title: string, rows: Cell[][]): Uint8Array {
  const width = Math.max(...rows.map((r) => r.length));
  const body = rows
    .map(
      (row) => `<tr>${row.map((c) => `<td>${escapeHtml(c === null ? '' : String(c))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body>
<table border="1">
<tr><td colspan="${width}">${escapeHtml(title)}</td></tr>
${body}
</table>
</body>
</html>
`;
  return new TextEncoder().encode(html);
}

const CREATED = new Date('2025-01-10T00:00:00Z');

/** A workbook made with exceljs; its creation date fixed so the workbook's own parts do not vary. */
export async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = '부산광역시';
  book.created = CREATED;
  book.modified = CREATED;
  build(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * The start of an Excel 97-2003 workbook (.xls): the OLE2 compound-file header and a directory entry
 * named "Workbook". No library here writes the old format; these are the bytes the import looks at
 * to tell it from other OLE2 files (a .doc, a .hwp), and it refuses the file on them.
 */
export function legacyXls(): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00, 0x06, 0x00], 24);
  const name = new Uint8Array(Buffer.from('Root Entry', 'utf16le'));
  bytes.set(name, 512);
  bytes.set(new Uint8Array(Buffer.from('Workbook', 'utf16le')), 640);
  return bytes;
}
