/**
 * Writing a table as CSV for Excel and LibreOffice: csv-stringify (RFC 4180 quoting, CRLF), UTF-8
 * with a byte-order mark so Korean shows correctly, empty cells for missing values, plain numbers,
 * and text that would run as a formula neutralised. Rows are written as they come, respecting
 * back-pressure; when the client goes away, or takes the file too slowly (transfer.ts), the row
 * source is closed (which stops the query).
 */

import { Transform, type TransformCallback } from 'node:stream';
import { type Cell, csvOptions, type ExportTable } from '@tangible/api';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import {
  type CutReason,
  DEFAULT_TRANSFER_LIMITS,
  enforceTransferLimits,
  type TransferLimits,
} from './transfer.js';

export function csvStringifier(header: string[]) {
  return stringify(csvOptions(header));
}

const BATCH_BYTES = 64 * 1024;

/**
 * Joins the CSV's chunks (one per row) into writes of up to 64 KB, each leaving by the end of the
 * event loop's turn: one write per batch rather than per row, since each write to the response is a
 * system call, or a pass of the compressor (compression.ts), which on a row alone barely compresses.
 */
export class Batches extends Transform {
  #chunks: Buffer[] = [];
  #size = 0;
  #scheduled = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    if (this.#size >= BATCH_BYTES) this.#send();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#send();
      });
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.#send();
    done();
  }

  #send(): void {
    if (this.#size === 0 || this.destroyed) return;
    this.push(Buffer.concat(this.#chunks, this.#size));
    this.#chunks = [];
    this.#size = 0;
  }
}

/** Waits until the CSV stream can take more, or the client has gone; leaves no listener behind. */
function drainedOrClosed(csv: NodeJS.EventEmitter, res: Response): Promise<void> {
  return new Promise((resolve) => {
    // The client may already have gone, in which case 'close' has fired and will not fire again.
    if (res.destroyed || res.closed) {
      resolve();
      return;
    }
    const done = () => {
      csv.off('drain', done);
      res.off('close', done);
      resolve();
    };
    csv.once('drain', done);
    res.once('close', done);
  });
}

async function* asAsync(rows: Cell[][] | AsyncIterable<Cell[]>): AsyncGenerator<Cell[]> {
  yield* rows;
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
  const csv = csvStringifier(table.header);
  csv.pipe(new Batches()).pipe(res);
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  const gone = () => closed || res.destroyed;
  enforceTransferLimits(res, csv, options.limits ?? DEFAULT_TRANSFER_LIMITS, options.onCut);
  let written = 0;
  const rows = asAsync(table.rows);
  let failed: unknown = null;
  try {
    for await (const row of rows) {
      if (gone()) break;
      if (!csv.write(Object.fromEntries(row.map((cell, i) => [String(i), cell])))) {
        await drainedOrClosed(csv, res);
      }
      written += 1;
    }
  } catch (error) {
    failed = error;
  } finally {
    // Leaving the loop early (client gone) returns the generator, which closes the database statement.
    await rows.return(undefined);
  }
  if (failed) {
    // Cut the response rather than end it: a CSV that stops half way must not look complete.
    res.destroy(failed instanceof Error ? failed : new Error(String(failed)));
    throw failed;
  }
  csv.end();
  return written;
}
