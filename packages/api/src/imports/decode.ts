/**
 * From the bytes of an uploaded file to text: UTF-8 with or without a byte-order mark, or CP949 /
 * EUC-KR (what Korean Excel saves by default). Refuses, with a clear reason, what is not text.
 */

import iconv from 'iconv-lite';

/** A problem with the file as a whole (not a row), with the line where it was found when known. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type Encoding = 'UTF-8' | 'UTF-8 (BOM)' | 'CP949';

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

export function decodeFile(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new ImportFileError(
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it by department or by quarter.`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ImportFileError(
      `This is not a CSV text file: it contains binary data (a zero byte at position ${nul + 1}). Save the sheet as CSV and try again.`,
    );
  }
  let text: string;
  let encoding: Encoding;
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    encoding = hasBom ? 'UTF-8 (BOM)' : 'UTF-8';
  } catch {
    if (hasBom)
      throw new ImportFileError('The file starts as UTF-8 (byte-order mark) but is not valid UTF-8.');
    text = iconv.decode(Buffer.from(bytes), 'cp949');
    encoding = 'CP949';
    const bad = text.indexOf('\uFFFD');
    if (bad !== -1) {
      throw new ImportFileError(
        `The file is neither UTF-8 nor CP949/EUC-KR text (unreadable bytes on line ${lineOf(text, bad)}). Save it as "CSV UTF-8" and try again.`,
        lineOf(text, bad),
      );
    }
  }
  const innerBom = text.indexOf('\uFEFF');
  if (innerBom !== -1) {
    const line = lineOf(text, innerBom);
    throw new ImportFileError(
      `A byte-order mark appears inside the file on line ${line}: it looks like two files joined together. Save it again as one CSV.`,
      line,
    );
  }
  // Control characters other than tab, line feed and carriage return mean this is not a sheet.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const control = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const line = lineOf(text, control.index);
    throw new ImportFileError(
      `This is not a CSV text file: it contains control characters (line ${line}).`,
      line,
    );
  }
  if (text.trim() === '') throw new ImportFileError('The file is empty.');
  return { text, encoding };
}
