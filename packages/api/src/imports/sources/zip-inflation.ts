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
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + entry.packedBytes > bytes.length) throw damaged();
    const packed = bytes.subarray(start, start + entry.packedBytes);
    const left = budget - total;
    let size: number;
    if (entry.method === STORED) size = packed.length;
    else if (entry.method === DEFLATED) size = inflatedBytes(packed, left, budget);
    else throw damaged();
    total += size;
    if (total > budget) throw tooLarge(budget);
    if (size !== entry.declaredBytes) throw damaged();
  }
}

function inflatedBytes(packed: Uint8Array, left: number, budget: number): number {
  try {
    // One byte past what is left, so an entry that fills the budget exactly still reads.
    return inflateRawSync(packed, { maxOutputLength: left + 1 }).length;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(budget);
    throw damaged();
  }
}

function damaged(): ImportFileError {
  return new ImportFileError('file_workbook_unreadable');
}
