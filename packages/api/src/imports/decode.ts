/**
 * From the bytes of an uploaded file to text: UTF-8 with or without a byte-order mark, CP949 /
 * EUC-KR (what Korean Excel saves by default), or UTF-16 with its byte-order mark (Excel's "유니코드
 * 텍스트"). Refuses, with a code the reader's language says, what is not text.
 */

import iconv from 'iconv-lite';
import { type ProblemCode, problemSentences } from '../problem-sentences.js';
import { type Problem, problem } from '../problems.js';

type Params = Record<string, string | number>;

/**
 * A problem with the file as a whole (not a row): a code and its parameters, said in the reader's
 * language, with the row where it was found when known (the row number Excel shows, also after a
 * cell holding a line break).
 */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  readonly problem: Problem;
  readonly line: number | null;
  constructor(code: ProblemCode, params?: Params, line?: number | null);
  /** @deprecated A sentence without a code, for mapping.ts until its problems have codes. */
  constructor(message: string, line?: number | null);
  constructor(codeOrMessage: string, paramsOrLine?: Params | number | null, line: number | null = null) {
    const coded = Object.hasOwn(problemSentences.en, codeOrMessage);
    const found = coded
      ? problem(codeOrMessage as ProblemCode, (paramsOrLine ?? {}) as Params)
      : problem('file_problem', { reason: codeOrMessage });
    super(found.message);
    this.problem = found;
    this.line = coded ? line : ((paramsOrLine as number | null | undefined) ?? null);
  }
  get code(): ProblemCode {
    return this.problem.code;
  }
  get params(): Params {
    return this.problem.params;
  }
}

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export type Encoding = 'UTF-8' | 'UTF-8 (BOM)' | 'CP949' | 'UTF-16LE' | 'UTF-16BE';

/** The row a person sees a character on: lines counted from 1 (see sources/text.ts for records). */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

export function refuseTooLarge(bytes: Uint8Array): void {
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new ImportFileError('file_too_large', {
      limit: `${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
      size: `${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
    });
  }
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
