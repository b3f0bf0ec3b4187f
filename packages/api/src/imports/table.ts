/**
 * From text to rows with csv-parse: the delimiter (comma, semicolon or tab) is detected from the
 * header line; quotes, CRLF and ragged rows are csv-parse's to judge, and its errors are reworded
 * with their line numbers.
 */

import { CsvError, parse } from 'csv-parse/sync';
import { ImportFileError } from './decode.js';

export type Delimiter = ',' | ';' | '\t';

export interface ParsedTable {
  delimiter: Delimiter;
  header: string[];
  /** Data rows with their line in the file (the header is line 1 when it is the first line). */
  rows: { line: number; cells: string[] }[];
}

/** Counts each candidate delimiter outside quotes on the first non-empty line; the most frequent wins. */
export function detectDelimiter(text: string): Delimiter {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of first) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0];
  if (!best || best[1] === 0) {
    throw new ImportFileError('file_one_column', { row: 1 }, 1);
  }
  return best[0];
}

/** What a csv-parse error means to the person who saved the file. */
export function csvProblem(code: string) {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'file_quote_not_closed';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'file_ragged_row';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'file_quote_misplaced';
    default:
      return 'file_not_csv';
  }
}

export function parseTable(text: string): ParsedTable {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns each record with where it was read (its types do not say so).
    records = parse(text, {
      delimiter,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new ImportFileError(csvProblem(error.code), { row: line ?? '?' }, line);
    }
    throw error;
  }
  const [head, ...body] = records;
  if (!head) throw new ImportFileError('file_empty');
  if (body.length === 0) throw new ImportFileError('file_no_data_rows', { row: 1 }, 1);
  return {
    delimiter,
    header: head.record,
    rows: body.map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}
