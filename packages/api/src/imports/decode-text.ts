/**
 * From the bytes of an uploaded file to text: UTF-8 with or without a byte-order mark, CP949 /
 * EUC-KR (what Korean Excel saves by default), or UTF-16 with its byte-order mark (Excel's "유니코드
 * 텍스트"). Refuses, with a code the reader's language says, what is not text.
 */

import iconv from 'iconv-lite';
import { type Encoding, ImportFileError } from './decode.js';

/** The row a person sees a character on: lines counted from 1 (see sources/text.ts for records). */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** UTF-16 text as Excel's "유니코드 텍스트" saves it: a byte-order mark, FF FE (or FE FF). */
export function utf16Of(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  return null;
}

/** Text from bytes that are not a workbook: the encoding is found, not asked for. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  let text: string;
  let encoding: Encoding;
  const utf16 = utf16Of(bytes);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (utf16) {
    try {
      text = new TextDecoder(utf16.toLowerCase(), { fatal: true }).decode(bytes.subarray(2));
      encoding = utf16;
    } catch {
      throw new ImportFileError('file_bad_encoding', { encoding: utf16 });
    }
  } else {
    const nul = bytes.indexOf(0);
    if (nul !== -1) throw new ImportFileError('file_binary', { offset: nul + 1 });
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
      encoding = hasBom ? 'UTF-8 (BOM)' : 'UTF-8';
    } catch {
      if (hasBom) throw new ImportFileError('file_bad_encoding', { encoding: 'UTF-8' });
      text = iconv.decode(Buffer.from(bytes), 'cp949');
      encoding = 'CP949';
      const bad = text.indexOf('\uFFFD');
      if (bad !== -1) {
        const line = lineOf(text, bad);
        throw new ImportFileError('file_unknown_encoding', { row: line }, line);
      }
    }
  }
  const innerBom = text.indexOf('\uFEFF');
  if (innerBom !== -1) {
    const line = lineOf(text, innerBom);
    throw new ImportFileError('file_bom_inside', { row: line }, line);
  }
  // Control characters other than tab, line feed and carriage return mean this is not a sheet.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const line = lineOf(text, control.index);
    throw new ImportFileError('file_control_characters', { row: line }, line);
  }
  if (text.trim() === '') throw new ImportFileError('file_empty');
  return { text, encoding };
}
