/**
 * An HTML table saved with an .xls name, as other government systems export "Excel" files: read
 * with parse5, each table a sheet, rows numbered as Excel numbers them when it opens the file (see
 * placedTables). A cell spanning columns or rows (colspan, rowspan) keeps its value in its top-left
 * position only, as a merged cell in a workbook does, and the span is listed as a merge. A row the
 * page hides is flagged hidden, as a hidden row in a workbook is.
 */

import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { ImportFileError } from '../decode.js';
import type { SourceCell, SourceRow, SourceSheet } from '../source.js';
import { CellCount, refuseColumns } from './limits.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (node: Node): node is Element => 'tagName' in node;

/** Whether decoded text is a web page rather than delimited text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|table|style)\b/i.test(
    text.slice(0, 2048),
  );
}

/** The rows of this table, not of tables nested in its cells. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (node: Element) => {
    for (const child of node.childNodes) {
      if (!isElement(child) || child.tagName === 'table') continue;
      if (child.tagName === 'tr') rows.push(child);
      else walk(child);
    }
  };
  walk(table);
  return rows;
}

/** What the cell shows: its text, line breaks for <br>, spacing collapsed as a browser would. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(node)) return '';
  if (node.tagName === 'br') return '\n';
  if (node.tagName === 'style' || node.tagName === 'script') return '';
  return node.childNodes.map(textOf).join('');
}

const clean = (text: string) =>
  text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .trim();

const span = (cell: Element, name: string) => {
  const value = Number(cell.attrs.find((a) => a.name === name)?.value ?? 1);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, 1000) : 1;
};

/** A row the page does not show (`style="display:none"`, `hidden`): hidden, as in a workbook. */
function isHidden(tr: Element): boolean {
  if (tr.attrs.some((a) => a.name === 'hidden')) return true;
  const style = tr.attrs.find((a) => a.name === 'style')?.value ?? '';
  return /(^|;)\s*display\s*:\s*none\b/i.test(style);
}

/** Elements that start and end a line of their own, as a browser lays them out. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'ul',
]);
/** What a page has that is never shown in its body. */
const UNSEEN = new Set(['head', 'title', 'script', 'style', 'template', 'noscript']);

/** Text that shows (a non-breaking space shows as a blank; the source's own spacing does not). */
const shows = (text: string) => /[^\t\n\f\r ]/.test(text);

/**
 * Each table that is a sheet, with the row Excel puts its first row on. Excel opens a page by
 * writing its body into one sheet from A1 down, in order ("the data in the body is stored in a
 * worksheet starting with cell A1", Microsoft's Office HTML reference), so a title above the table
 * moves the table down. The rule here: each line of text outside a table is one row (a line ends at
 * a block element's edge, <p>, <h1>, <div>…, or at a <br>, and a <br> with nothing before it is a
 * blank row); a table's caption is one row above it; each <tr> is one row, shown or not, and the
 * next table starts under the last. Elements with no text take no row, nor does the source's own
 * spacing (CSS margins are not rows in Excel). Every table is still offered as a sheet of its own
 * (`표1`, `표2`, Excel shows them one under another on one sheet), numbered where Excel puts it.
 * A table inside another's cell is that cell's layout, not a sheet, and moves nothing.
 */
function placedTables(document: Node): { table: Element; first: number }[] {
  const placed: { table: Element; first: number }[] = [];
  let next = 1;
  let lineHasText = false;
  const endLine = () => {
    if (lineHasText) next += 1;
    lineHasText = false;
  };
  const walk = (node: Node) => {
    for (const child of 'childNodes' in node ? node.childNodes : []) {
      if (child.nodeName === '#text') {
        if (shows((child as DefaultTreeAdapterMap['textNode']).value)) lineHasText = true;
      } else if (!isElement(child) || UNSEEN.has(child.tagName)) {
        // A comment, or what a page never shows.
      } else if (child.tagName === 'br') {
        next += 1;
        lineHasText = false;
      } else if (child.tagName === 'table') {
        endLine();
        const caption = child.childNodes.find((c) => isElement(c) && c.tagName === 'caption');
        if (caption && shows(textOf(caption))) next += 1;
        const rows = rowsOf(child).length;
        if (rows > 0) placed.push({ table: child, first: next });
        next += rows;
      } else if (BLOCKS.has(child.tagName)) {
        endLine();
        walk(child);
        endLine();
      } else walk(child);
    }
  };
  walk(document);
  return placed;
}

function sheetOf(table: Element, first: number, name: string | null, count: CellCount): SourceSheet {
  const rows: SourceRow[] = [];
  const merges: NonNullable<SourceSheet['merges']> = [];
  // Columns still covered by a rowspan from above: column → rows left.
  const covered = new Map<number, number>();
  rowsOf(table).forEach((tr, index) => {
    const number = first + index;
    const cells: SourceCell[] = [];
    let column = 0;
    const skipCovered = () => {
      while ((covered.get(column) ?? 0) > 0) column += 1;
    };
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      skipCovered();
      const columns = span(cell, 'colspan');
      const down = span(cell, 'rowspan');
      // Each span is capped, but a row of many spans is not: the row's width is.
      refuseColumns(column + columns);
      cells[column] = { text: clean(textOf(cell)) };
      if (columns > 1 || down > 1)
        merges.push({ top: number, left: column, bottom: number + down - 1, right: column + columns - 1 });
      for (let c = column; c < column + columns; c++) if (down > 1) covered.set(c, down);
      column += columns;
    }
    for (const [c, left] of covered) covered.set(c, left - 1);
    count.add(cells.length);
    const filled = Array.from({ length: cells.length }, (_, i) => cells[i] ?? { text: '' });
    while (filled.length > 0 && filled[filled.length - 1]?.text === '') filled.pop();
    if (filled.length > 0) rows.push({ row: number, hidden: isHidden(tr), cells: filled });
  });
  return { name, rows, merges };
}

export function sheetsFromHtml(text: string): SourceSheet[] {
  const tables = placedTables(parse(text));
  if (tables.length === 0) throw new ImportFileError('file_html_no_table');
  const count = new CellCount();
  return tables.map(({ table, first }, index) =>
    sheetOf(table, first, tables.length === 1 ? null : `표${index + 1}`, count),
  );
}
