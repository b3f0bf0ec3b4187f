/**
 * A CSV file as a SourceFile, through the existing decoder and table reader: the stand-in the
 * preview reads until `readSource` (every format) replaces it. The header row is not taken here:
 * all rows are kept, titles included, and the layout decides which one is the header.
 */

import { decodeFile } from './decode.js';
import type { SourceFile, SourceRow } from './source.js';
import { parseTable } from './table.js';

export function sourceFromCsv(bytes: Uint8Array): SourceFile {
  const { text, encoding } = decodeFile(bytes);
  const table = parseTable(text);
  // parseTable gives the first record apart, without its line: it is the first non-empty line.
  const firstLine = text.split(/\r?\n/).findIndex((line) => line.trim() !== '') + 1;
  const records = [{ line: firstLine, cells: table.header }, ...table.rows];
  const rows: SourceRow[] = [];
  for (const { line, cells } of records) {
    let width = cells.length;
    while (width > 0 && (cells[width - 1] ?? '').trim() === '') width -= 1;
    // Excel writes `,,,,` for an empty row and pads every row to the widest: neither is content.
    if (width === 0) continue;
    rows.push({ row: line, hidden: false, cells: cells.slice(0, width).map((text) => ({ text })) });
  }
  return { format: 'csv', encoding, delimiter: table.delimiter, sheets: [{ name: null, rows }] };
}
