/**
 * A text file (CSV, or tab-separated as Excel's "유니코드 텍스트" saves it) as one sheet. Rows are
 * numbered as Excel numbers them when it opens the file: by record, so a cell holding a line break
 * does not shift the rows after it, and an empty line is a row of its own.
 */

import { CsvError, parse } from 'csv-parse/sync';
import { ImportFileError } from '../decode.js';
import type { Delimiter, SourceCell, SourceRow, SourceSheet } from '../source.js';
import { CellCount, MAX_COLUMNS, refuseColumns } from './limits.js';

const DELIMITERS: Delimiter[] = ['\t', ',', ';'];
const SAMPLE_LINES = 50;

/**
 * The delimiter that separates the most lines among the first ones (title rows above the header
 * have none, so the first line alone cannot tell); on a tie a tab wins, then a comma: a tab is
 * never part of a value, and numbers like 1,234 put commas in tab-separated rows.
 */
export function findDelimiter(text: string): Delimiter | null {
  const lines = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLE_LINES);
  let best: Delimiter | null = null;
  let bestLines = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    for (const line of lines) {
      let quoted = false;
      for (const char of line) {
        if (char === '"') quoted = !quoted;
        else if (!quoted && char === delimiter) {
          count += 1;
          break;
        }
      }
    }
    if (count > bestLines) {
      best = delimiter;
      bestLines = count;
    }
  }
  return best;
}

/**
 * Refuses text with a record wider than Excel's sheet before csv-parse builds it: a 10 MB row of
 * commas is five million fields, which the layout would then look through column by column.
 */
function refuseWideRecords(text: string, delimiter: Delimiter): void {
  const separator = delimiter.charCodeAt(0);
  let quoted = false;
  let fields = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (char === separator) {
      fields += 1;
      if (fields > MAX_COLUMNS) refuseColumns(fields);
    } else if (char === 10) fields = 1;
  }
}

export function sheetFromText(text: string): { delimiter: Delimiter; sheet: SourceSheet } {
  const delimiter = findDelimiter(text);
  if (!delimiter) {
    const row = text.split(/\r?\n/).findIndex((line) => line.trim() !== '') + 1;
    throw new ImportFileError('file_one_column', { row }, row);
  }
  refuseWideRecords(text, delimiter);
  let records: string[][];
  try {
    // Empty lines are kept as records (of one empty field), so a record's index is its row. (Rows
    // are made after parsing: csv-parse's on_record builds a context object for every record,
    // which costs more than the second pass.)
    records = parse(text, { delimiter, trim: true, relax_column_count: true, relax_quotes: false });
  } catch (error) {
    if (error instanceof CsvError) {
      // The record being read when the error was found is the next one.
      const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
      throw new ImportFileError(csvProblem(error.code), { row }, row);
    }
    throw error;
  }
  const rows: SourceRow[] = [];
  const count = new CellCount();
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as string[];
    let end = record.length;
    while (end > 0 && record[end - 1] === '') end -= 1;
    if (end === 0) continue;
    count.add(end);
    const cells: SourceCell[] = new Array(end);
    for (let column = 0; column < end; column++) cells[column] = { text: record[column] as string };
    rows.push({ row: index + 1, hidden: false, cells, fields: record.length });
  }
  return { delimiter, sheet: { name: null, rows } };
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
