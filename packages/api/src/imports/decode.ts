/**
 * What is refused of an uploaded file as a whole (ImportFileError) and how large it may be. Its
 * decoding to text is decode-text.ts, set up with the first text file, not at the server's start
 * (issue 10.5).
 */

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

export function refuseTooLarge(bytes: Uint8Array): void {
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new ImportFileError('file_too_large', {
      limit: `${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
      size: `${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
    });
  }
}
