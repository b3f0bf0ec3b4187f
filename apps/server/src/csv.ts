/**
 * Writing a table as CSV for Excel and LibreOffice: RFC 4180 quoting (every line break quoted), CRLF,
 * UTF-8 with a byte-order mark so Korean shows correctly, empty cells for missing values, plain
 * numbers, and text that would run as a formula neutralised: what csv-stringify writes with
 * csvOptions, written by csvBytes (both in @tangible/api export/table.ts).
 *
 * Rows are taken from the table in slices, a few milliseconds of reading each, and each slice is
 * written as one piece. Between slices the sender gives the event loop a turn, or waits until the
 * client has taken what it was sent: the database is read synchronously, so a long export would
 * otherwise keep every other request waiting until it ended, and would learn that its client had
 * gone only when the socket's buffers were full. Rows read in batches (PostgreSQL's cursor) are
 * written a batch at a time, the next read once the response can take it. When the client goes, or
 * takes the file too slowly (transfer.ts), the row source is closed (which stops the query).
 */

import { type Cell, csvBytes, type ExportTable } from '@tangible/api';
import { isBatched } from '@tangible/db';
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
  // A screen's table comes named already (the web app's exportFileName starts with `tangible-`).
  const name = table.name.startsWith('tangible-') ? table.name : `tangible-${table.name}`;
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  const width = table.header.length;
  let sent = 0;
  let written = 0;
  let failed: unknown = null;
  // Rows read in batches (PostgreSQL): the first is read before the transfer's clock starts, as rows
  // read synchronously are read before their first slice is written: the limits time the client.
  const batches = isBatched(table.rows) ? table.rows[Symbol.asyncIterator]() : null;
  const first = await batches?.next().catch((error: unknown) => {
    failed = error;
    return null;
  });
  if (!failed)
    enforceTransferLimits(res, () => sent, options.limits ?? DEFAULT_TRANSFER_LIMITS, options.onCut);
  const gone = () => res.closed || res.destroyed;
  /** Writes rows as one piece (the first carries the byte-order mark and the header row); true when the response can take more now. */
  const put = (rows: readonly (readonly Cell[])[]) => {
    const text = csvBytes(rows, width, sent === 0 ? table.header : undefined);
    sent += text.length;
    written += rows.length;
    return res.write(text);
  };
  try {
    if (batches && first) await sendBatches(batches, first, put, res, gone);
    else if (!batches) await sendSlices(table.rows as Iterable<Cell[]>, put, res, gone);
  } catch (error) {
    failed = error;
  } finally {
    await batches?.return?.();
  }
  if (failed) {
    // Cut the response rather than end it: a CSV that stops half way must not look complete.
    res.destroy(failed instanceof Error ? failed : new Error(String(failed)));
    throw failed;
  }
  if (!gone()) res.end();
  return written;
}

type Put = (rows: readonly (readonly Cell[])[]) => boolean;

/** Rows read synchronously (SQLite), a slice at a time with a turn of the event loop between slices. */
async function sendSlices(source: Iterable<Cell[]>, put: Put, res: Response, gone: () => boolean) {
  const rows = source[Symbol.iterator]();
  try {
    while (!gone()) {
      const next = slice(rows);
      const more = put(next.rows);
      if (next.done) break;
      if (!more) await drainedOrClosed(res);
      // A turn of the loop even after a drain: on a fast socket Node's response says it is full after
      // every slice and drains on the next tick, before the loop has looked at anything else.
      await nextTurn();
    }
  } finally {
    // Leaving early (client gone, a failure) returns the generator, which resets the database statement.
    rows.return?.();
  }
}

/**
 * Rows read a batch at a time (PostgreSQL's cursor): each batch is one piece, and the next is not
 * read until the response can take it, so a slow reader holds one batch, not the table. The caller
 * closes the batches (and so the cursor) however this ends.
 */
async function sendBatches(
  batches: AsyncIterator<readonly Cell[][]>,
  first: IteratorResult<readonly Cell[][]>,
  put: Put,
  res: Response,
  gone: () => boolean,
) {
  // An empty table is still its header row.
  if (first.done) {
    put([]);
    return;
  }
  let next: IteratorResult<readonly Cell[][]> = first;
  while (!gone() && !next.done) {
    if (!put(next.value)) await drainedOrClosed(res);
    if (gone()) break;
    next = await batches.next();
  }
}
