/**
 * An HTML table saved with an .xls name, as other government systems export "Excel" files: read
 * with parse5, each table a sheet, rows numbered as Excel numbers them when it opens the file. A
 * cell spanning columns or rows (colspan, rowspan) keeps its value in its top-left position only,
 * as a merged cell in a workbook does, and the span is listed as a merge. A row the page hides is
 * flagged hidden, as a hidden row in a workbook is.
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

function elements(node: Node, tag: string, found: Element[] = []): Element[] {
  for (const child of 'childNodes' in node ? node.childNodes : []) {
    if (!isElement(child)) continue;
    if (child.tagName === tag) {
      found.push(child);
      // A table laid out inside another table's cell is the page's layout, not a second sheet.
      if (tag === 'table') continue;
    }
    elements(child, tag, found);
  }
  return found;
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

function sheetOf(table: Element, name: string | null, count: CellCount): SourceSheet {
  const rows: SourceRow[] = [];
  const merges: NonNullable<SourceSheet['merges']> = [];
  // Columns still covered by a rowspan from above: column → rows left.
  const covered = new Map<number, number>();
  rowsOf(table).forEach((tr, index) => {
    const number = index + 1;
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
  const tables = elements(parse(text), 'table').filter((table) => rowsOf(table).length > 0);
  if (tables.length === 0) throw new ImportFileError('file_html_no_table');
  const count = new CellCount();
  return tables.map((table, index) => sheetOf(table, tables.length === 1 ? null : `표${index + 1}`, count));
}
