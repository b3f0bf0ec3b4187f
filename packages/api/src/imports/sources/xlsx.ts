/**
 * An xlsx workbook, every sheet of it, read with exceljs's streaming reader: rows are read as the
 * zip entry inflates, never as a whole workbook model (100,000 rows: see scripts/source-figures.ts).
 * The streaming reader skips two things the import needs, so the sheet's XML is watched on its way
 * to exceljs for them: hidden rows (`<row hidden="1">`: flagged, and never imported, see layout.ts) and merged ranges (whose
 * value Excel keeps in the top-left cell only, the others being empty: listed, so a merged title
 * can be told from data). A workbook whose parts come in an order the streaming reader cannot
 * follow (a sheet before the workbook's sheet names or its number formats) is read whole instead.
 */

import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportFileError } from '../decode.js';
import { columnLetter, type SourceCell, type SourceRow, type SourceSheet } from '../source.js';
import { sourceCell } from './cells.js';
import { CellCount, refuseColumns, refuseLongCell } from './limits.js';
import { refuseLargeInflation } from './zip-inflation.js';

type Merge = NonNullable<SourceSheet['merges']>[number];

/** Tags of a sheet's XML as it passes, across chunk boundaries (tags are ASCII, so latin1 is safe). */
export class SheetMarkup {
  readonly hidden = new Set<number>();
  readonly merges: Merge[] = [];
  /** A formula's error (`#DIV/0!`), which the streaming reader turns into NaN: cell → error. */
  readonly errors = new Map<string, string>();
  /** Text held back, in pieces: joined only once what it waits for arrives, so it is read once. */
  private held: string[] = [];
  /** What ends the held text: `>` for an unfinished tag, `</c>` for an unfinished cell. */
  private awaiting = '>';
  /** The last characters held, for an `</c>` split across chunks. */
  private tail = '';

  see(chunk: Buffer | string): void {
    const piece = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (this.held.length > 0) {
      const seam = this.tail + piece;
      this.tail = seam.slice(-3);
      this.held.push(piece);
      if (!seam.includes(this.awaiting)) return;
    } else this.held.push(piece);
    const text = this.held.length === 1 ? piece : this.held.join('');
    // Hold back an unfinished tag, and an unfinished cell when the sheet has error cells to find.
    let cut = text.length;
    this.awaiting = '>';
    const tag = text.lastIndexOf('<');
    if (tag !== -1 && text.indexOf('>', tag) === -1) cut = tag;
    const cell = text.lastIndexOf('<c ');
    if (cell !== -1 && text.indexOf('</c>', cell) === -1) {
      const opened = text.indexOf('>', cell);
      if (opened === -1) cut = Math.min(cut, cell);
      else if (text[opened - 1] !== '/') {
        cut = Math.min(cut, cell);
        this.awaiting = '</c>';
      }
    }
    const complete = text.slice(0, cut);
    const rest = text.slice(cut);
    this.held = rest === '' ? [] : [rest];
    this.tail = rest.slice(-3);
    for (const [, attributes = ''] of complete.matchAll(/<row\b([^>]*)>/g)) {
      if (/\shidden="(1|true)"/.test(attributes)) {
        const row = /\sr="(\d+)"/.exec(attributes)?.[1];
        if (row) this.hidden.add(Number(row));
      }
    }
    for (const [, ref = ''] of complete.matchAll(/<mergeCell\b[^>]*\sref="([A-Z]+\d+:[A-Z]+\d+)"/g))
      this.merges.push(mergeOf(ref));
    if (complete.includes('t="e"'))
      for (const [, ref = '', error = ''] of complete.matchAll(
        /<c\s+r="([A-Z]+\d+)"[^>]*\st="e"[^>]*>(?:(?!<\/c>)[\s\S])*?<v>([^<]*)<\/v>/g,
      ))
        this.errors.set(ref, error);
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

/** `B2:F3` → rows as Excel numbers them, columns from 0 as in SourceRow.cells. */
function mergeOf(ref: string): Merge {
  const [, c1 = 'A', r1 = '1', c2 = 'A', r2 = '1'] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref) ?? [];
  return { top: Number(r1), left: columnNumber(c1), bottom: Number(r2), right: columnNumber(c2) };
}

interface RowLike {
  number: number;
  hidden?: boolean;
  eachCell(options: { includeEmpty: boolean }, each: (cell: CellLike, column: number) => void): void;
}
interface CellLike {
  value: unknown;
  numFmt?: string;
  /** The whole-workbook reader answers a merged cell with its range's value: only the top-left has it. */
  master?: unknown;
}

function sourceRow(
  row: RowLike,
  hidden: boolean,
  date1904: boolean,
  count: CellCount,
  errors?: Map<string, string>,
): SourceRow | null {
  const cells: SourceCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (cell.master !== undefined && cell.master !== cell) return;
    refuseColumns(column);
    const error = errors?.get(`${columnLetter(column - 1)}${row.number}`);
    const read = error ? { text: error } : sourceCell(cell.value, cell.numFmt, date1904);
    if (read.text === '') return;
    refuseLongCell(read.text);
    count.add(1);
    while (cells.length < column - 1) cells.push({ text: '' });
    cells[column - 1] = read;
  });
  return cells.length === 0 ? null : { row: row.number, hidden, cells };
}

interface StreamedSheet {
  name: string;
  state?: string;
  iterator: AsyncIterable<Buffer | string>;
  [Symbol.asyncIterator](): AsyncIterator<RowLike>;
}

/** Exported for the test that both readings agree. */
export async function streamed(bytes: Uint8Array): Promise<SourceSheet[] | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  const seen: string[] = [];
  // The reader is an EventEmitter, which its types do not say.
  (reader as unknown as NodeJS.EventEmitter).on('entry', ({ type }: { type: string }) => seen.push(type));
  const sheets: SourceSheet[] = [];
  const count = new CellCount();
  for await (const found of reader as unknown as AsyncIterable<StreamedSheet>) {
    // A sheet read before the names or the number formats would come out nameless, or with its
    // dates as numbers and its percentages as fractions: give up and read the workbook whole.
    if (!seen.includes('workbook')) return null;
    const markup = new SheetMarkup();
    const source = found.iterator;
    found.iterator = (async function* () {
      for await (const chunk of source) {
        markup.see(chunk);
        yield chunk;
      }
    })();
    // exceljs keeps the workbook's <workbookPr> parser here, its reading under .model (as its own
    // worksheet reader does); formula results come as bare serials, converted by this flag.
    const properties = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
    const date1904 = !!properties?.model?.date1904;
    const rows: SourceRow[] = [];
    for await (const row of found) {
      const read = sourceRow(row, false, date1904, count, markup.errors);
      if (read) rows.push(read);
    }
    for (const row of rows) row.hidden = markup.hidden.has(row.row);
    sheets.push({
      name: found.name,
      rows,
      hidden: found.state !== undefined && found.state !== 'visible',
      merges: markup.merges,
    });
  }
  const firstSheet = seen.indexOf('worksheet');
  const styles = seen.indexOf('styles');
  if (styles > firstSheet && firstSheet !== -1) return null;
  return sheets;
}

export async function whole(bytes: Uint8Array): Promise<SourceSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const date1904 = !!workbook.properties?.date1904;
  const count = new CellCount();
  return workbook.worksheets.map((sheet) => {
    const rows: SourceRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const read = sourceRow(row as unknown as RowLike, row.hidden, date1904, count);
      if (read) rows.push(read);
    });
    const merges = ((sheet.model as { merges?: string[] }).merges ?? []).map(mergeOf);
    return { name: sheet.name, rows, hidden: sheet.state !== 'visible', merges };
  });
}

/**
 * Every workbook is streamed first (about twice as fast as the whole reading, and without its
 * workbook model: scripts/import-bench.ts), and read whole when streaming fails or cannot follow the
 * parts' order, so a workbook is refused only when neither reading can open it. The streaming reader
 * once refused a valid workbook now and then under load (seen in the corpus test, never alone); 520
 * readings of the corpus's workbooks, 13 at a time on a loaded machine, then gave the whole reading's
 * sheets every time, and a refusal would now fall back to the whole reading anyway.
 */
export async function sheetsFromXlsx(bytes: Uint8Array): Promise<SourceSheet[]> {
  // Neither reader bounds what it inflates (JSZip and unzipper check an entry's size only once it
  // is inflated, if at all): the zip is inflated first, within the budget, and must be what it says.
  refuseLargeInflation(bytes);
  let streamFailure: unknown = null;
  try {
    const sheets = await streamed(bytes);
    if (sheets) return sheets;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    streamFailure = error;
  }
  try {
    return await whole(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    // Keep what exceljs said, for the log; the reader is told the workbook cannot be opened.
    throw Object.assign(new ImportFileError('file_workbook_unreadable'), { cause: streamFailure ?? error });
  }
}
