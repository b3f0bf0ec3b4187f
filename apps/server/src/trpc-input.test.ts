/**
 * How much of a tRPC call's body the server reads: procedure names as tRPC itself derives them,
 * strangers' bodies refused past 8 KB before they are read, the large limit only for signed-in
 * callers of the procedures that need it.
 */

import type { IncomingMessage, Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { BODY_LIMITS, DRAIN_BYTES } from './requests.js';
import { jsonOf } from './test-json.js';
import { trpcBodyLimit, trpcProcedures } from './trpc-input.js';

const KB = 1024;
const MB = 1024 * KB;

describe('trpcProcedures', () => {
  it.each<[string, string, string[] | null]>([
    ['/auth.signIn', '/auth.signIn', ['auth.signIn']],
    // tRPC calls what follows the last slash, whatever comes before it.
    ['/x/auth.signIn', '/x/auth.signIn', ['auth.signIn']],
    ['/plan.years/auth.signIn', '/plan.years/auth.signIn?batch=1', ['auth.signIn']],
    ['/auth.signIn/', '/auth.signIn/', ['']],
    ['/auth%2EsignIn', '/auth%2EsignIn', ['auth.signIn']],
    ['/x%2Fauth.signIn', '/x%2Fauth.signIn', ['x/auth.signIn']],
    ['/plan.years,auth.signIn', '/plan.years,auth.signIn?batch=1', ['plan.years', 'auth.signIn']],
    ['/plan.years,auth.signIn', '/plan.years,auth.signIn?batch=%31', ['plan.years', 'auth.signIn']],
    // Not a batch: one procedure whose name holds a comma (there is none).
    ['/plan.years,auth.signIn', '/plan.years,auth.signIn?batch=true', ['plan.years,auth.signIn']],
    ['/%ff', '/%ff', null],
  ])('%s (%s) calls %j', (path, url, procedures) => {
    expect(trpcProcedures({ path, url })).toEqual(procedures);
  });
});

describe('trpcBodyLimit', () => {
  it.each<[string, string[] | null, boolean, number]>([
    ['a stranger signing in', ['auth.signIn'], false, BODY_LIMITS.anonymous],
    ['a stranger sending to a bulk procedure', ['reports.submitMany'], false, BODY_LIMITS.anonymous],
    ['a stranger sending to an unreadable name', null, false, BODY_LIMITS.anonymous],
    ['a signed-in caller', ['tokens.create'], true, BODY_LIMITS.trpc],
    ['a signed-in caller signing in again', ['auth.signIn'], true, BODY_LIMITS.signIn],
    [
      'a signed-in caller with a batch holding a sign-in',
      ['reports.submitMany', 'auth.signIn'],
      true,
      BODY_LIMITS.signIn,
    ],
    ['a signed-in caller submitting many entries', ['reports.submitMany'], true, BODY_LIMITS.bulk],
    ['a signed-in caller to an unreadable name', null, true, BODY_LIMITS.anonymous],
  ])('%s: %j', (_name, procedures, signedIn, limit) => {
    expect(trpcBodyLimit(procedures, signedIn)).toBe(limit);
  });

  it('gives strangers 8 KB, signed-in callers 1 MB, and 8 MB only to bulk procedures', () => {
    expect([BODY_LIMITS.anonymous, BODY_LIMITS.trpc, BODY_LIMITS.bulk]).toEqual([8 * KB, MB, 8 * MB]);
  });
});

let db: Db;
let server: Server;
let base: string;
let port: number;
/** The admin's session: may report for every department. */
let admin: Record<string, string>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }).listen(
    0,
    '127.0.0.1',
  );
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: demoPassword('admin') }),
  });
  expect(res.status).toBe(200);
  admin = {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': (await jsonOf(res)).result.data.csrfToken,
  };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

/** The server's side of every connection, in the order they came. */
const sockets: Socket[] = [];

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const answer = await jsonOf(res);
  const error = Array.isArray(answer) ? answer.find((a) => a.error)?.error : answer.error;
  return { status: res.status, problem: (error?.data?.problem?.code as string | undefined) ?? null };
}

/**
 * Declares a body of `declared` bytes, sends only its first kilobyte and waits for the answer: a
 * server that would read the body first never answers. Returns the status and how many bytes the
 * server read from the connection.
 */
function answerBeforeBody(
  path: string,
  declared: number,
  headers = '',
): Promise<{ status: number; read: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      if (!status) return;
      const serverSide = sockets.at(-1);
      resolve({ status: Number(status), read: serverSide?.bytesRead ?? Number.NaN });
      socket.destroy();
    });
    socket.on('error', reject);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n${headers}\r\n{"name":"${'x'.repeat(KB)}`,
    );
  });
}

/** A valid submitMany of `count` entries, each with a long note and evidence link in Korean. */
async function largeSubmission(count: number): Promise<string> {
  // Every measured indicator of the seed: they fit on the largest page.
  const input = encodeURIComponent(JSON.stringify({ year: 2024, limit: 100 }));
  const res = await fetch(`${base}/trpc/reports.status?input=${input}`, { headers: admin });
  const indicators: { code: string; periods: { period: string; state: string }[] }[] = (await jsonOf(res))
    .result.data.indicators;
  const open = indicators.flatMap((indicator) =>
    indicator.periods
      .filter((p) => p.state !== 'not_ended' && p.state !== 'pending')
      .map((p) => ({ code: indicator.code, period: p.period })),
  );
  expect(open.length).toBeGreaterThanOrEqual(count);
  const entries = open.slice(0, count).map((entry) => ({
    ...entry,
    value: 1,
    note: '보고'.repeat(500),
    evidenceUrl: `https://example.org/${'자료'.repeat(990)}`,
    // Values this low leave their indicators slipping: each comes with its commentary.
    analysis: '분석',
    nextSteps: '대책',
  }));
  return JSON.stringify({ year: 2024, entries });
}

describe('a tRPC call’s body', () => {
  it('to /trpc/x/auth.signIn (a sign-in, to tRPC) is held to the sign-in limit', async () => {
    const large = JSON.stringify({ username: 'a'.repeat(100 * KB), password: 'x' });
    expect(await post('/trpc/x/auth.signIn', large)).toEqual({ status: 413, problem: 'body_too_large' });
    expect(await post('/trpc/x/auth.signIn', large, admin)).toEqual({
      status: 413,
      problem: 'body_too_large',
    });
    expect(await answerBeforeBody('/trpc/x/auth.signIn', 7 * MB)).toMatchObject({ status: 413 });
  });

  it.each([
    '/trpc/plan.years',
    '/trpc/reports.submitMany',
    '/trpc/reports.submitMany?batch=1',
    '/trpc/tokens.create',
  ])('from a stranger to %s, declared 1 MB, is refused with 413 before it is read', async (path) => {
    const { status, read } = await answerBeforeBody(path, MB);
    expect(status).toBe(413);
    expect(read).toBeLessThan(4 * KB);
  });

  it('from a stranger that does not declare its length is cut off past 8 KB', async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * KB).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64 * MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    // The connection may be one kept alive from an earlier test: find it by the request.
    const connection = new Promise<IncomingMessage>((resolve) => {
      const onRequest = (req: IncomingMessage) => {
        if (req.method !== 'POST' || req.url !== '/trpc/plan.years') return;
        server.off('request', onRequest);
        resolve(req);
      };
      // Before the app's own listener, which rewrites req.url under its mount point.
      server.prependListener('request', onRequest);
    });
    const res = await fetch(`${base}/trpc/plan.years`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit);
    expect(res.status).toBe(413);
    await res.arrayBuffer();
    // Read until the connection is cut, or until the client ended its body (the connection then
    // stays open for its next request).
    const req = await connection;
    const { socket } = req;
    if (!socket.destroyed && !req.readableEnded) {
      await new Promise((resolve) => {
        socket.once('close', resolve);
        req.once('end', resolve);
      });
    }
    // Past the limit, at most DRAIN_BYTES more are read and thrown away so the client sees the answer.
    expect(socket.bytesRead).toBeLessThan(BODY_LIMITS.anonymous + DRAIN_BYTES + MB);
  });

  it('from a signed-in caller may be large for submitMany, and for no other procedure', {
    timeout: 60_000,
  }, async () => {
    const body = await largeSubmission(200);
    expect(Buffer.byteLength(body)).toBeGreaterThan(BODY_LIMITS.trpc);
    expect(await post('/trpc/reports.submitMany', body, admin)).toEqual({ status: 200, problem: null });
    expect(await post('/trpc/reports.submit', body, admin)).toEqual({
      status: 413,
      problem: 'body_too_large',
    });
    expect(await post('/trpc/reports.submitMany', body)).toEqual({ status: 413, problem: 'body_too_large' });
  });
});

describe('a tRPC address that names no procedure', () => {
  it.each([
    ['POST', '/trpc/auth.signIn/'],
    ['POST', '/trpc/auth.nothing'],
    ['GET', '/trpc/plan.years/'],
  ])('(%s %s) is refused with 404 and a code', async (method, path) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...admin },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });
    expect(res.status).toBe(404);
    expect((await jsonOf(res)).error.data.problem).toEqual({ code: 'no_such_route', params: {} });
  });
});
