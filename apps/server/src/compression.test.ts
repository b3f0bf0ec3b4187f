/** Compressed answers: brotli or gzip as the client asks, nothing when it does not; exports still stream. */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliDecompressSync, createBrotliDecompress, gunzipSync } from 'node:zlib';
import { createApiToken } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

let db: Db;
let server: Server;
let base: string;
let token: string;
const logs: Record<string, unknown>[] = [];
/** A script of the built web app, big enough to be worth compressing. */
const script = `export const figures = [${Array.from({ length: 2000 }, (_, i) => i * 7).join(', ')}];\n`;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const webDist = mkdtempSync(join(tmpdir(), 'tangible-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Tangible</title>');
  writeFileSync(join(webDist, 'assets/app.js'), script);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  server = createApp({ db, logger: pino({ level: 'info' }, sink), webDist }).listen(0, '127.0.0.1');
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const analyst = await findUserByUsername(db, 'analyst');
  token = (await createApiToken(db, analyst?.id ?? 0, 'compression test', new Date())).token;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

/** A GET whose body is read as sent, not decoded (fetch would decode it, hiding the encoding). */
function raw(path: string, acceptEncoding: string | null) {
  return new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (acceptEncoding !== null) headers['accept-encoding'] = acceptEncoding;
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const overview = `/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }))}`;

describe('an API answer', () => {
  it('is sent as it is to a client that accepts no compression', async () => {
    for (const accept of [null, 'identity']) {
      const { res, body } = await raw(overview, accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(JSON.parse(body.toString('utf8')).result.data.plan.year).toBe(2024);
    }
  });

  it('is gzip when the client accepts it, as browsers do, and a quarter of the size or less', async () => {
    const plain = (await raw(overview, null)).body;
    const { res, body } = await raw(overview, 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(body).equals(plain)).toBe(true);
    expect(body.length).toBeLessThan(plain.length / 4);
  });

  it('is brotli for a client that accepts brotli alone', async () => {
    const plain = (await raw(overview, null)).body;
    const { res, body } = await raw(overview, 'br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(body).equals(plain)).toBe(true);
  });

  it('is gzip when the client accepts gzip and not brotli', async () => {
    const plain = (await raw(overview, null)).body;
    const { res, body } = await raw(overview, 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body).equals(plain)).toBe(true);
  });
});

describe('the web app', () => {
  it('sends its scripts compressed', async () => {
    const { res, body } = await raw('/assets/app.js', 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(body).toString('utf8')).toBe(script);
  });
});

describe('a compressed export', () => {
  it('is the same file once decoded', async () => {
    const path = '/api/export/milestones.csv?year=2024&asOf=2024-06&lang=ko';
    const plain = (await raw(path, null)).body;
    const { res, body } = await raw(path, 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(body).equals(plain)).toBe(true);
  });

  it('compresses its rows together, not one by one (which would barely shrink them)', async () => {
    const path = '/api/export/measurements.csv?year=2024&lang=ko';
    const plain = (await raw(path, null)).body;
    const { body } = await raw(path, 'br');
    expect(brotliDecompressSync(body).equals(plain)).toBe(true);
    expect(body.length).toBeLessThan(plain.length / 3);
  });

  it('streams: its first bytes decode while the database is still being read, and stop it when the client goes', async () => {
    const rows = 100_000;
    await sql`
      insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
      select (select min(id) from indicators), '2024-01', n.i * 1.37, 'note ' || (n.i * 7919 % 100003),
        'test', 'superseded', 'test', '2025-01-01'
      from n`.execute(db);
    logs.length = 0;
    // Reads until the header line has been decoded, then goes away.
    const first = await new Promise<{ encoding: string | undefined; text: string }>((resolve, reject) => {
      const req = request(`${base}/api/export/measurements.csv?year=2024&lang=en`, {
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br' },
      });
      req.on('error', () => {}); // destroyed on purpose below
      req.on('response', (res) => {
        const decoder = createBrotliDecompress();
        let text = '';
        decoder.on('error', reject);
        decoder.on('data', (decoded: Buffer) => {
          text += decoded.toString('utf8');
          if (!text.includes('\r\n')) return;
          resolve({ encoding: res.headers['content-encoding'], text });
          req.destroy();
        });
        res.on('data', (chunk: Buffer) => {
          decoder.write(chunk);
          decoder.flush();
        });
      });
      req.end();
    });
    expect(first.encoding).toBe('br');
    expect(first.text.startsWith('\ufeffsector_code,kpi_code')).toBe(true);
    const logged = () => logs.find((l) => l.msg === 'export' && String(l.export).startsWith('measurements'));
    await expect.poll(logged, { timeout: 10_000 }).toBeTruthy();
    expect(Number(logged()?.rows)).toBeLessThan(rows);
  });
});
