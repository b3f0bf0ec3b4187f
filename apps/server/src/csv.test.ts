/**
 * sendCsv reads its rows in slices and gives the event loop a turn between them, so what arrives
 * meanwhile is seen while the export runs: another request, or the client closing the connection.
 * The response here takes everything at once, as a fast client on the same machine does, so no
 * back-pressure ever makes the sender wait.
 */

import { Writable } from 'node:stream';
import type { Cell } from '@tangible/api';
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
  bytes = 0;
  constructor() {
    super({
      write: (chunk: Buffer, _encoding, done) => {
        this.bytes += chunk.length;
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

const table = (rows: Iterable<Cell[]>) => ({ name: 'test', columns: ['a', 'b'], header: ['a', 'b'], rows });

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
});
