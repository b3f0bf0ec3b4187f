/**
 * What a zip's entries really inflate to, checked before exceljs opens it. zip-sizes.ts trusts
 * the central directory, and neither reader behind exceljs bounds what it inflates: JSZip compares
 * an entry's size with the declared one only once the entry is inflated, unzipper never does. A zip
 * declaring 1 KB whose deflate stream unpacks to gigabytes would be inflated whole. So every entry
 * is inflated here first, never past what is left of the budget, and a zip whose entries are not
 * what it declares is refused as damaged. It costs one more inflation of the workbook (figures in
 * the commit message), bounded by the budget, one entry at a time.
 */

import { inflateRawSync } from 'node:zlib';
import { ImportFileError } from '../decode.js';
import { directoryEntries, MAX_UNPACKED_BYTES, refuseLargeUnpacked, tooLarge } from './zip-sizes.js';

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function refuseLargeInflation(bytes: Uint8Array, budget: number = MAX_UNPACKED_BYTES): void {
  refuseLargeUnpacked(bytes, budget);
  // A file with no directory is not a zip: exceljs refuses it without inflating anything.
  const entries = directoryEntries(bytes);
  if (!entries) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    const at = entry.localHeader;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw damaged();
    // The local header's sizes may be zeros (they follow the data): the directory's are used.
    const nameLength = view.getUint16(at + 26, true);
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    if (start + entry.packedBytes > bytes.length) throw damaged();
    const packed = bytes.subarray(start, start + entry.packedBytes);
    const left = budget - total;
    let content: Uint8Array;
    if (entry.method === STORED) content = packed;
    else if (entry.method === DEFLATED) content = inflated(packed, left, budget);
    else throw damaged();
    const size = content.length;
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 30, nameLength).toString('latin1');
    if (SHEET_PART.test(name)) refuseIsoDateCells(content);
    total += size;
    if (total > budget) throw tooLarge(budget);
    if (size !== entry.declaredBytes) throw damaged();
  }
}

function inflated(packed: Uint8Array, left: number, budget: number): Uint8Array {
  try {
    // One byte past what is left, so an entry that fills the budget exactly still reads.
    return inflateRawSync(packed, { maxOutputLength: left + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(budget);
    throw damaged();
  }
}

const SHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/;
const ISO_DATE_CELL = Buffer.from(' t="d"', 'latin1');

/**
 * A cell stored as an ISO date (`<c t="d"><v>2024-03-01</v>`, written by some programs, never by
 * Excel's default save) reads through exceljs as the number 2024: refused at its cell, with how to
 * save the file so that it holds what it shows. Sheets are looked through here because each is
 * inflated here anyway.
 */
function refuseIsoDateCells(content: Uint8Array): void {
  const xml = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const found = xml.indexOf(ISO_DATE_CELL);
  if (found === -1) return;
  const cell = xml.lastIndexOf('<c ', found, 'latin1');
  const ref = /\sr="([A-Z]+\d+)"/.exec(
    xml.subarray(cell, found + ISO_DATE_CELL.length).toString('latin1'),
  )?.[1];
  throw new ImportFileError('file_iso_date_cells', { cell: ref ?? '' });
}

function damaged(): ImportFileError {
  return new ImportFileError('file_workbook_unreadable');
}
