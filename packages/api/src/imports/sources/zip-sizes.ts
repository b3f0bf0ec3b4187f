/**
 * What a zip says its entries inflate to, read from its central directory before anything is
 * inflated: an 8.5 MB workbook of repeated shared strings inflates to 3.5 GB, which exceljs would
 * hold in memory. The sizes are what the zip declares; zip-inflation.ts checks what they really are.
 */

import { ImportFileError } from '../decode.js';

/**
 * What a workbook may unpack to. exceljs reads a workbook whole (see xlsx.ts), peaking at about 14
 * times its unpacked size: 40 MB keeps one import under about 600 MB, and holds a 100,000-row sheet
 * (about 22 MB unpacked). A larger one is better sent as CSV, which is read in far less.
 */
export const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/** One central directory entry: how it is packed, what it declares, where its local header is. */
export interface DirectoryEntry {
  method: number;
  packedBytes: number;
  declaredBytes: number;
  localHeader: number;
}

/** The zip's central directory, or null when it cannot be found. */
export function directoryEntries(bytes: Uint8Array): DirectoryEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, followed by a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--)
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end === -1) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: DirectoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    entries.push({
      method: view.getUint16(at + 10, true),
      packedBytes: view.getUint32(at + 20, true),
      declaredBytes: view.getUint32(at + 24, true),
      localHeader: view.getUint32(at + 42, true),
    });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The sum of the declared uncompressed sizes, or null when the zip's directory cannot be found. */
export function declaredUnpackedBytes(bytes: Uint8Array): number | null {
  const entries = directoryEntries(bytes);
  if (!entries) return null;
  // 0xFFFFFFFF says the size is in a zip64 field: 4 GB or more, past any budget.
  return entries.reduce(
    (total, e) => total + (e.declaredBytes === 0xffffffff ? Number.POSITIVE_INFINITY : e.declaredBytes),
    0,
  );
}

export function tooLarge(budget: number = MAX_UNPACKED_BYTES): ImportFileError {
  return new ImportFileError('file_workbook_too_large', { limit: `${budget / 1024 / 1024} MB` });
}

export function refuseLargeUnpacked(bytes: Uint8Array, budget: number = MAX_UNPACKED_BYTES): void {
  const total = declaredUnpackedBytes(bytes);
  if (total !== null && total > budget) throw tooLarge(budget);
}
