/**
 * Exports cannot starve each other: a reader that stops or trickles through a large export does not
 * hold what another export needs; more exports than allowed at once are refused with a code; and a
 * trickling or endless transfer is cut (small limits here, through the app's options).
 */

import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApiToken } from '@tangible/api';
import {
  type Db,
  findUserByUsername,
  openDatabase,
  prepareDatabase,
  SEED_DIR,
  seededTestDatabase,
} from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppOptions, createApp } from './app.js';
import { jsonOf } from './test-json.js';

const EXTRA_ROWS = 150_000;
/** The large export, in Korean for the slow reader and in English for the normal one (told apart in the log). */
const LARGE = '/api/export/measurements.csv?year=2024&lang=en';
const SLOW = '/api/export/measurements.csv?year=2024&lang=ko';
const SLOW_NAME = 'measurements-2024-ko';

let db: Db;
let headers: Record<string, string>;
let total: number;
const servers: Server[] = [];

/** Values enough that their CSV (about 15 MB) cannot sit whole in the socket buffers. */
async function addValues(database: Db, rows: number) {
  await sql`
    insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
    select (select min(id) from indicators), '2024-01', n.i, 'a value added for the test', 'test',
           'superseded', 'test', '2025-01-01T00:00:00.000Z'
    from n`.execute(database);
}

async function tokenFor(database: Db) {
  const analyst = await findUserByUsername(database, 'analyst');
  const { token } = await createApiToken(database, analyst?.id ?? 0, 'throttle test', new Date());
  return { authorization: `Bearer ${token}` };
}

/** A server of its own, with its own log lines to look at. */
async function serve(options: Partial<AppOptions>) {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const server = createApp({
    db,
    logger: pino({ level: 'info' }, sink),
    webDist: '/nonexistent',
    ...options,
  }).listen(0, '127.0.0.1');
  servers.push(server);
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const exported = (name: string) => logs.find((l) => l.msg === 'export' && l.export === name);
  const cut = (name: string) => logs.find((l) => l.msg === 'export cut' && l.export === name);
  return { base, logs, exported, cut };
}

/** Opens a download and reads nothing: the response stays paused, so the server soon waits on it. */
function open(url: string, withHeaders = headers): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, { headers: withHeaders }, resolve).on('error', reject);
  });
}

/** How a download ended: every byte arrived, or the server cut it. */
function ending(res: IncomingMessage): Promise<'complete' | 'cut'> {
  return new Promise((resolve) => {
    res.on('error', () => {});
    res.once('close', () => resolve(res.complete ? 'complete' : 'cut'));
  });
}

/**
 * Reads the rest of a download at full speed: a server that cuts a response closes its socket, but
 * the client learns it only after reading what the kernel had already taken.
 */
function drain(res: IncomingMessage): void {
  res.removeAllListeners('readable');
  res.on('data', () => {});
  setImmediate(() => res.resume());
}

/** Takes `bytes` of the download every `everyMs`: a reader on a very slow line. */
function trickle(res: IncomingMessage, bytes: number, everyMs: number): void {
  res.on('readable', () => {});
  const timer = setInterval(() => {
    if (res.readableLength > 0) res.read(Math.min(bytes, res.readableLength));
  }, everyMs);
  res.once('close', () => clearInterval(timer));
}

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  await addValues(db, EXTRA_ROWS);
  headers = await tokenFor(db);
  // Busan's values (the token's organisation's): Busan's 57 indicators come first.
  const counted = await db
    .selectFrom('measurements')
    .where('indicator_id', '<=', 57)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  total = Number(counted?.n);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await db.destroy();
});

describe('a slow reader beside a normal one', () => {
  it('holds nothing another export needs: the normal one completes while the slow one waits', async () => {
    const { base, exported } = await serve({});
    const slow = await open(`${base}${SLOW}`);
    expect(slow.statusCode).toBe(200);
    const slowEnding = ending(slow);

    for (const path of [`${LARGE}&indicator=CUL-01`, '/api/export/indicators.csv?year=2024&lang=en', LARGE]) {
      const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
      expect(res.status, path).toBe(200);
      const rows = parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true });
      expect(rows.length, path).toBeGreaterThan(0);
      if (path === LARGE) expect(rows.length).toBe(total);
    }
    // The slow reader's export was under way all along…
    expect(exported(SLOW_NAME)).toBeUndefined();
    // …and when the reader goes, it stops reading the database.
    slow.destroy();
    expect(await slowEnding).toBe('cut');
    await expect.poll(() => exported(SLOW_NAME), { timeout: 10_000 }).toBeDefined();
    expect(Number(exported(SLOW_NAME)?.rows)).toBeLessThan(total);
  }, 60_000);
});

describe('a bound on exports running at once', () => {
  it('refuses one more with 503, Retry-After and a code, and takes it again once a slot is free', async () => {
    const { base } = await serve({ exportLimits: { maxConcurrent: 1 } });
    const slow = await open(`${base}${SLOW}`);
    const slowEnding = ending(slow);
    const refused = await fetch(`${base}/api/export/indicators.csv?year=2024`, { headers });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({
      error: expect.stringMatching(/try again in 10 seconds/),
      problem: { code: 'export_busy', params: { running: 1, seconds: 10 } },
    });
    // The directives workbook reads the database too: it waits its turn like the CSV exports.
    const workbook = await fetch(`${base}/api/export/directives.xlsx?year=2024`, { headers });
    expect(workbook.status).toBe(503);
    expect(await workbook.json()).toMatchObject({ problem: { code: 'export_busy' } });
    // A screen's table export reads no database: the long database export does not refuse it.
    const table = await fetch(`${base}/api/export/table.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'shown', header: ['a'], rows: [['1']] }),
    });
    expect(table.status).toBe(200);
    slow.destroy();
    await slowEnding;
    // Each answer is read to its end: an export holds its slot until it has been sent, and on
    // PostgreSQL until its transaction has ended, a moment after the client has the last byte.
    const statusOf = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      return res.status;
    };
    await expect.poll(() => statusOf('/api/export/indicators.csv?year=2024'), { timeout: 10_000 }).toBe(200);
    await expect.poll(() => statusOf('/api/export/directives.xlsx?year=2024'), { timeout: 10_000 }).toBe(200);
  }, 30_000);
});

describe('a share per caller', () => {
  it('lets one caller run two exports at once, refuses a third with 429, and leaves others their slots', async () => {
    const { base } = await serve({ exportLimits: { maxConcurrent: 4 } });
    const first = await open(`${base}${SLOW}`);
    const second = await open(`${base}${SLOW}`);
    const endings = [ending(first), ending(second)];
    const third = await fetch(`${base}/api/export/indicators.csv?year=2024`, { headers });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('10');
    expect((await jsonOf(third)).problem).toEqual({
      code: 'export_busy_caller',
      params: { running: 2, seconds: 10 },
    });
    // Another caller (another token) still exports while the first holds its two.
    const other = await fetch(`${base}/api/export/indicators.csv?year=2024`, { headers: await tokenFor(db) });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    first.destroy();
    second.destroy();
    await Promise.all(endings);
    await expect
      .poll(async () => (await fetch(`${base}/api/export/indicators.csv?year=2024`, { headers })).status, {
        timeout: 10_000,
      })
      .toBe(200);
  }, 30_000);
});

describe('an export that does not keep moving', () => {
  it('is cut when its reader trickles below the minimum rate, while a normal reader beside it completes', async () => {
    const { base, exported, cut } = await serve({
      exportLimits: { minBytesPerSecond: 16 * 1024, rateWindowMs: 500 },
    });
    const slow = await open(`${base}${SLOW}`);
    const slowEnding = ending(slow);
    trickle(slow, 1024, 200);
    const normal = await fetch(`${base}/api/export/indicators.csv?year=2024&lang=en`, { headers });
    expect(normal.status).toBe(200);
    expect(
      parse(Buffer.from(await normal.arrayBuffer()), { bom: true, columns: true }).length,
    ).toBeGreaterThan(0);

    await expect.poll(() => cut(SLOW_NAME), { timeout: 20_000 }).toMatchObject({ reason: 'too_slow' });
    await expect.poll(() => exported(SLOW_NAME), { timeout: 10_000 }).toBeDefined();
    expect(Number(exported(SLOW_NAME)?.rows)).toBeLessThan(total);
    drain(slow);
    expect(await slowEnding).toBe('cut');
  }, 30_000);

  it('is cut at the total time limit, however it reads', async () => {
    const { base, exported, cut } = await serve({ exportLimits: { totalMs: 300, minBytesPerSecond: 0 } });
    const slow = await open(`${base}${SLOW}`);
    const slowEnding = ending(slow);
    await expect.poll(() => cut(SLOW_NAME), { timeout: 20_000 }).toMatchObject({ reason: 'too_long' });
    await expect.poll(() => exported(SLOW_NAME), { timeout: 10_000 }).toBeDefined();
    expect(Number(exported(SLOW_NAME)?.rows)).toBeLessThan(total);
    drain(slow);
    expect(await slowEnding).toBe('cut');
  }, 30_000);
});

describe('an in-memory database', () => {
  it('exports through its one connection without a slow reader holding it', async () => {
    const memory = openDatabase(':memory:');
    await prepareDatabase(memory, SEED_DIR, new Date('2025-01-15T09:00:00Z'));
    await addValues(memory, EXTRA_ROWS);
    const memoryHeaders = await tokenFor(memory);
    const logs: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const server = createApp({
      db: memory,
      logger: pino({ level: 'info' }, sink),
      webDist: '/nonexistent',
    }).listen(0, '127.0.0.1');
    servers.push(server);
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const slow = await open(`${base}${SLOW}`, memoryHeaders);
    const slowEnding = ending(slow);
    const health = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', engine: 'sqlite', email: 'off' });
    const other = await fetch(`${base}${LARGE}&indicator=CUL-01`, {
      headers: memoryHeaders,
      signal: AbortSignal.timeout(10_000),
    });
    expect(other.status).toBe(200);
    expect(
      parse(Buffer.from(await other.arrayBuffer()), { bom: true, columns: true }).length,
    ).toBeGreaterThan(0);
    slow.destroy();
    await slowEnding;
    await memory.destroy();
  }, 60_000);
});
