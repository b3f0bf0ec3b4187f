/**
 * Any file a department uploads, read into a SourceFile: the format is found from the bytes (the
 * file name is only a hint an upload may get wrong: government systems save HTML tables and text
 * with an .xls name). Read: xlsx, CSV and tab-separated text in UTF-8, CP949 or UTF-16 (Excel's
 * "유니코드 텍스트"), HTML tables. Refused with the format's name and what to do: Excel 97-2003
 * .xls, password-protected workbooks, .xlsb, OpenDocument, XML Spreadsheet 2003, anything else.
 *
 * The decoding of text (iconv-lite) and the reading of HTML (parse5) are set up with the first text
 * file, not at the server's start (issue 10.5).
 */

import { ImportFileError, refuseTooLarge } from '../decode.js';
import type { SourceFile } from '../source.js';
import { blankMergedCopies } from './merges.js';
import { sheetFromText } from './text.js';
import { sheetsFromXlsx } from './xlsx.js';

const starts = (bytes: Uint8Array, signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes hold a name, as zip directories (ASCII) or OLE2 directories (UTF-16LE) write it. */
function holds(bytes: Uint8Array, name: string, utf16 = false): boolean {
  const needle = utf16 ? Buffer.from(name, 'utf16le') : Buffer.from(name, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** A zip that is not an xlsx workbook, or an OLE2 file: what it is, for the refusal. */
function refuseContainer(bytes: Uint8Array): never {
  if (starts(bytes, OLE2)) {
    // An encrypted xlsx is an OLE2 file too, holding the workbook as its "EncryptedPackage".
    if (holds(bytes, 'EncryptedPackage', true)) throw new ImportFileError('file_encrypted');
    if (holds(bytes, 'Workbook', true) || holds(bytes, 'Book', true))
      throw new ImportFileError('file_xls_legacy');
    throw new ImportFileError('file_format_unsupported', { format: 'OLE2 (.doc, .hwp …)' });
  }
  if (holds(bytes, 'xl/workbook.bin'))
    throw new ImportFileError('file_format_unsupported', { format: 'Excel .xlsb' });
  if (holds(bytes, 'application/vnd.oasis.opendocument'))
    throw new ImportFileError('file_format_unsupported', { format: 'OpenDocument .ods' });
  throw new ImportFileError('file_format_unsupported', { format: 'zip' });
}

export async function readSource(bytes: Uint8Array, filename: string): Promise<SourceFile> {
  refuseTooLarge(bytes);
  if (starts(bytes, ZIP) && holds(bytes, 'xl/workbook.xml')) {
    const sheets = (await sheetsFromXlsx(bytes)).map(blankMergedCopies);
    if (sheets.every((sheet) => sheet.rows.length === 0)) throw new ImportFileError('file_empty');
    return { format: 'xlsx', encoding: null, delimiter: null, sheets };
  }
  if (starts(bytes, ZIP) || starts(bytes, OLE2)) refuseContainer(bytes);
  const { decodeText } = await import('../decode-text.js');
  const { text, encoding } = decodeText(bytes);
  if (/^\s*<\?xml[^>]*>\s*(<\?mso-application[^>]*>\s*)?<Workbook\b/.test(text.slice(0, 1024)))
    throw new ImportFileError('file_format_unsupported', { format: 'XML Spreadsheet 2003' });
  const { looksLikeHtml, sheetsFromHtml } = await import('./html.js');
  if (looksLikeHtml(text) || (/\.(xls|html?)$/i.test(filename) && /<table\b/i.test(text)))
    return {
      format: 'html-table',
      encoding,
      delimiter: null,
      sheets: sheetsFromHtml(text).map(blankMergedCopies),
    };
  const { delimiter, sheet } = sheetFromText(text);
  return {
    format: encoding.startsWith('UTF-16') ? 'text-utf16' : 'csv',
    encoding,
    delimiter,
    sheets: [sheet],
  };
}
