/**
 * sendCsv reads its rows in slices and gives the event loop a turn between them, so what arrives
 * meanwhile is seen while the export runs: another request, or the client closing the connection.
 * The response here takes everything at once, as a fast client on the same machine does, so no
 * back-pressure ever makes the sender wait (but one that stops taking: a PostgreSQL export's next
 * batch is not read until the response can take it).
 */

import { Writable } from 'node:stream';
import type { Cell } from '@tangible/api';
import type { RowSource } from '@tangible/db';
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { SLICE_ROWS, sendCsv } from './csv.js';

const TOTAL = 50_000;

/**
 * A response that takes every write at once, and can be closed as a socket is. As Node's HTTP
 * response does on a fast socket, a write past 16 KB returns false and `drain` follows on the next
 * tick, before the event loop looks at anything else.
 */
class InstantResponse extends Writable {
  readonly headers = new Map<string, string>();
  readonly chunks: Buffer[] = [];
  bytes = 0;
  constructor() {
    super({
      write: (chunk: Buffer, _encoding, done) => {
        this.bytes += chunk.length;
        this.chunks.push(chunk);
        done();
      },
    });
  }
  override write(chunk: Buffer): boolean {
    super.write(chunk);
    if (chunk.length < 16_384) return true;
    process.nextTick(() => this.emit('drain'));
    return false;
  }
  setHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }
}

/** TOTAL rows, counting how many were read and whether the source was closed (as a statement is reset). */
function counted() {
  const source = { read: 0, closed: false };
  function* rows(): Generator<Cell[]> {
    try {
      for (let i = 0; i < TOTAL; i++) {
        source.read += 1;
        // A slice of these passes 16 KB.
        yield [`row ${i} ${'x'.repeat(100)}`, i];
      }
    } finally {
      source.closed = true;
    }
  }
  return { source, rows: rows() };
}

const table = (rows: RowSource<Cell[]>) => ({ name: 'test', columns: ['a', 'b'], header: ['a', 'b'], rows });

/** Rows in batches, as a PostgreSQL cursor gives them, counting the batches read and whether the source was closed. */
function batched(rows: Cell[][], size: number) {
  const source = { batches: 0, closed: false };
  async function* batches(): AsyncGenerator<Cell[][]> {
    try {
      for (let i = 0; i < rows.length; i += size) {
        source.batches += 1;
        yield rows.slice(i, i + size);
      }
    } finally {
      source.closed = true;
    }
  }
  return { source, rows: batches() };
}

/** A response that takes the first write, then waits for a drain that never comes until it is closed. */
class StalledResponse extends InstantResponse {
  override write(chunk: Buffer): boolean {
    super.write(Buffer.alloc(0));
    this.bytes += chunk.length;
    return false;
  }
}

describe('sendCsv', () => {
  it('stops reading rows within a slice when the client goes, and closes the row source', async () => {
    const res = new InstantResponse();
    const { source, rows } = counted();
    // The close arrives as a socket's does: in a later turn of the event loop.
    setImmediate(() => res.destroy());
    const written = await sendCsv(res as unknown as Response, table(rows));
    expect(res.destroyed).toBe(true);
    expect(source.read).toBeLessThanOrEqual(2 * SLICE_ROWS);
    expect(written).toBeLessThan(TOTAL);
    expect(source.closed).toBe(true);
  });

  it('lets other work run while a long export is under way, and sends every row', async () => {
    const res = new InstantResponse();
    const { source, rows } = counted();
    let readWhenOtherWorkRan = -1;
    setImmediate(() => {
      readWhenOtherWorkRan = source.read;
    });
    const written = await sendCsv(res as unknown as Response, table(rows));
    expect(readWhenOtherWorkRan).toBeGreaterThan(0);
    expect(readWhenOtherWorkRan).toBeLessThanOrEqual(2 * SLICE_ROWS);
    expect(written).toBe(TOTAL);
    expect(res.writableEnded).toBe(true);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('writes rows read in batches as the same bytes as rows read one by one, and an empty table as its header', async () => {
    const rows: Cell[][] = Array.from({ length: 2_500 }, (_, i) => [
      i % 7 === 0 ? `=cell ${i}, "quoted"` : `row ${i}`,
      i,
    ]);
    const oneByOne = new InstantResponse();
    await sendCsv(oneByOne as unknown as Response, table(rows));
    const inBatches = new InstantResponse();
    const { source, rows: batches } = batched(rows, 1_000);
    expect(await sendCsv(inBatches as unknown as Response, table(batches))).toBe(rows.length);
    expect(source.batches).toBe(3);
    expect(Buffer.concat(inBatches.chunks).equals(Buffer.concat(oneByOne.chunks))).toBe(true);
    expect(inBatches.writableEnded).toBe(true);
    const empty = new InstantResponse();
    await sendCsv(empty as unknown as Response, table(batched([], 1_000).rows));
    expect(Buffer.concat(empty.chunks).toString()).toBe('\ufeffa,b\r\n');
  });

  it('reads no batch ahead of a response that cannot take more, and closes the batches when the client goes', async () => {
    const res = new StalledResponse();
    const { source, rows } = batched(
      Array.from({ length: 10_000 }, (_, i) => [`row ${i}`, i]),
      1_000,
    );
    const sending = sendCsv(res as unknown as Response, table(rows));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.batches).toBe(1);
    res.destroy();
    expect(await sending).toBe(1_000);
    expect(source.batches).toBe(1);
    expect(source.closed).toBe(true);
  });
});
