/**
 * Writing a table as CSV for Excel and LibreOffice: RFC 4180 quoting (every line break quoted), CRLF,
 * UTF-8 with a byte-order mark so Korean shows correctly, empty cells for missing values, plain
 * numbers, and text that would run as a formula neutralised: what csv-stringify writes with
 * csvOptions, written by csvText (both in @tangible/api export/table.ts).
 *
 * Rows are taken from the table in slices, a few milliseconds of reading each, and each slice is
 * written as one piece. Between slices the sender gives the event loop a turn, or waits until the
 * client has taken what it was sent: the database is read synchronously, so a long export would
 * otherwise keep every other request waiting until it ended, and would learn that its client had
 * gone only when the socket's buffers were full. When the client goes, or takes the file too
 * slowly (transfer.ts), the row source is closed (which stops the query).
 */

import { type Cell, csvText, type ExportTable } from '@tangible/api';
import type { Response } from 'express';
import {
  type CutReason,
  DEFAULT_TRANSFER_LIMITS,
  enforceTransferLimits,
  type TransferLimits,
} from './transfer.js';

/**
 * A slice ends after this long, or after SLICE_ROWS rows (about 200 KB of CSV): what another request
 * may wait behind one running export, and the most of one export held in memory at once.
 */
export const SLICE_MS = 4;
export const SLICE_ROWS = 1_000;

/** The next rows of the table, up to a slice; `done` when the table has no more. */
function slice(rows: Iterator<Cell[]>): { rows: Cell[][]; done: boolean } {
  const taken: Cell[][] = [];
  const started = performance.now();
  while (taken.length < SLICE_ROWS) {
    const next = rows.next();
    if (next.done) return { rows: taken, done: true };
    taken.push(next.value);
    // After each row: one row may stand for many read (a department's roll-up of its indicators).
    if (performance.now() - started >= SLICE_MS) break;
  }
  return { rows: taken, done: false };
}

/** A turn of the event loop: what arrived meanwhile (requests, a closed socket) is handled first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits until the response can take more, or the client has gone; leaves no listener behind. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    // The client may already have gone, in which case 'close' has fired and will not fire again.
    if (res.destroyed || res.closed) {
      resolve();
      return;
    }
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

export interface SendOptions {
  limits?: TransferLimits;
  /** Told when the transfer is cut for breaking a limit (for the log). */
  onCut?: (reason: CutReason) => void;
}

/** Streams the table to the response; returns how many rows were written (fewer if the client left or was cut). */
export async function sendCsv(res: Response, table: ExportTable, options: SendOptions = {}): Promise<number> {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="tangible-${table.name}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  const width = table.header.length;
  let sent = 0;
  enforceTransferLimits(res, () => sent, options.limits ?? DEFAULT_TRANSFER_LIMITS, options.onCut);
  const gone = () => res.closed || res.destroyed;
  const rows = table.rows[Symbol.iterator]();
  let written = 0;
  let failed: unknown = null;
  try {
    while (!gone()) {
      const next = slice(rows);
      // The first slice carries the byte-order mark and the header row.
      const text = Buffer.from(csvText(next.rows, width, sent === 0 ? table.header : undefined));
      sent += text.length;
      written += next.rows.length;
      const more = res.write(text);
      if (next.done) break;
      if (!more) await drainedOrClosed(res);
      // A turn of the loop even after a drain: on a fast socket Node's response says it is full after
      // every slice and drains on the next tick, before the loop has looked at anything else.
      await nextTurn();
    }
  } catch (error) {
    failed = error;
  } finally {
    // Leaving early (client gone, a failure) returns the generator, which resets the database statement.
    rows.return?.();
  }
  if (failed) {
    // Cut the response rather than end it: a CSV that stops half way must not look complete.
    res.destroy(failed instanceof Error ? failed : new Error(String(failed)));
    throw failed;
  }
  if (!gone()) res.end();
  return written;
}
