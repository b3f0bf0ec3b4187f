/**
 * A corpus of malformed, oversized and undecodable requests sent to every route family: each gets
 * its own 4xx with a short answer that says the problem as a code (never a 500, never a stack), and
 * an oversized body is cut off at its limit instead of being read to the end.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { BODY_LIMITS, DRAIN_BYTES } from './requests.js';

let db: Db;
let server: Server;
let port: number;
/** tourism.head's session: may read, export and report. */
let session: Record<string, string>;

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the session cookie and CSRF token. */
  signedIn?: boolean;
}

interface Answer {
  status: number;
  text: string;
}

/** One request on a connection of its own, exactly as written (no client-side URL clean-up). */
function send({ method = 'GET', path, headers = {}, body, signedIn = false }: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { ...(signedIn ? session : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes written as they are on one connection, for requests no HTTP client would send. */
function sendRaw(bytes: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.end(bytes, 'latin1');
  });
}

/** The problem code an answer carries: an HTTP route's `problem`, or tRPC's `error.data.problem`. */
function problemCode(text: string): string | null {
  try {
    const body = JSON.parse(text);
    const error = Array.isArray(body) ? body.find((b) => b.error)?.error : body.error;
    return body.problem?.code ?? error?.data?.problem?.code ?? null;
  } catch {
    return null;
  }
}

const json = { 'content-type': 'application/json' };
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const table = { name: 'shown', header: ['a'], rows: [['1']] };
const notUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const webDist = mkdtempSync(join(tmpdir(), 'tangible-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Tangible</title>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(webDist, 'assets', 'app.js.map'), '{"version":3}');
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist }).listen(0, '127.0.0.1');
  server.prependListener('request', (req: { url: string; socket: Socket }) =>
    connectionOf.set(req.url, req.socket),
  );
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
  const res = await fetch(`http://127.0.0.1:${port}/trpc/auth.signIn`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'tourism.head', password: demoPassword('tourism.head') }),
  });
  expect(res.status).toBe(200);
  const signedIn = (await res.json()) as { result: { data: { csrfToken: string } } };
  session = {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': signedIn.result.data.csrfToken,
  };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

type Case = [name: string, sent: Sent, status: number, problem: string | null];

const CORPUS: Case[] = [
  // tRPC, GET
  // Who may call a procedure is decided before its input is read.
  [
    'tRPC GET whose input is not JSON, signed out',
    { path: '/trpc/plan.overview?input=notjson' },
    401,
    'sign_in_required',
  ],
  [
    'tRPC GET whose input is cut short',
    { path: '/trpc/plan.overview?input=%7B%22year', signedIn: true },
    400,
    'body_malformed',
  ],
  ['tRPC GET whose input is not UTF-8', { path: '/trpc/plan.overview?input=%ff' }, 400, 'url_malformed'],
  ['tRPC GET with a bad %-escape', { path: '/trpc/plan.overview?input=%zz' }, 400, 'url_malformed'],
  [
    'tRPC GET of a signed-in user whose input is not JSON',
    { path: '/trpc/plan.overview?input={', signedIn: true },
    400,
    'body_malformed',
  ],
  [
    'tRPC GET with a wrong input',
    { path: `/trpc/plan.overview?input=${input({ year: 'x' })}`, signedIn: true },
    400,
    null,
  ],
  ['tRPC GET of an unknown procedure', { path: '/trpc/plan.nothing', signedIn: true }, 404, null],
  ['tRPC GET of an undecodable procedure name', { path: '/trpc/%ff' }, 400, 'url_malformed'],
  [
    'tRPC GET batch whose input is an array',
    { path: '/trpc/plan.overview?batch=1&input=[]', signedIn: true },
    400,
    null,
  ],
  [
    'tRPC GET batch whose input is a string',
    { path: `/trpc/plan.overview,plan.overview?batch=1&input=${input('x')}`, signedIn: true },
    400,
    null,
  ],
  [
    'tRPC GET batch of 30 calls',
    { path: `/trpc/${Array(30).fill('plan.years').join(',')}?batch=1`, signedIn: true },
    400,
    null,
  ],
  [
    'tRPC GET whose address is 9,000 characters',
    { path: `/trpc/plan.years?input=${'1'.repeat(9000)}` },
    414,
    'url_too_long',
  ],
  ['tRPC GET of a mutation', { path: '/trpc/auth.signIn', signedIn: true }, 405, null],
  // tRPC, POST
  [
    'sign-in that is not JSON',
    { method: 'POST', path: '/trpc/auth.signIn', headers: json, body: 'username=a' },
    400,
    'body_malformed',
  ],
  [
    'sign-in JSON cut short',
    { method: 'POST', path: '/trpc/auth.signIn', headers: json, body: '{"username":' },
    400,
    'body_malformed',
  ],
  [
    'sign-in that is not UTF-8',
    { method: 'POST', path: '/trpc/auth.signIn', headers: json, body: notUtf8 },
    400,
    'body_malformed',
  ],
  [
    'sign-in of 100 KB',
    {
      method: 'POST',
      path: '/trpc/auth.signIn',
      headers: json,
      body: JSON.stringify({ username: 'a'.repeat(100_000), password: 'x' }),
    },
    413,
    'body_too_large',
  ],
  [
    'sign-in in a batch, 100 KB',
    {
      method: 'POST',
      path: '/trpc/auth.signOut,auth.signIn?batch=1',
      headers: json,
      body: JSON.stringify({ 1: { username: 'a'.repeat(100_000) } }),
    },
    413,
    'body_too_large',
  ],
  [
    'sign-in declaring 10 GB',
    {
      method: 'POST',
      path: '/trpc/auth.signIn',
      headers: { ...json, 'content-length': 10 * 1024 ** 3 },
      body: '{}',
    },
    413,
    'body_too_large',
  ],
  [
    'sign-in with a 5,000-character username',
    {
      method: 'POST',
      path: '/trpc/auth.signIn',
      headers: json,
      body: JSON.stringify({ username: 'a'.repeat(5000), password: 'x' }),
    },
    400,
    null,
  ],
  ['sign-in of null', { method: 'POST', path: '/trpc/auth.signIn', headers: json, body: 'null' }, 400, null],
  [
    'sign-in of an array',
    { method: 'POST', path: '/trpc/auth.signIn', headers: json, body: '[1,2]' },
    400,
    null,
  ],
  ['sign-in with no content type', { method: 'POST', path: '/trpc/auth.signIn', body: '{}' }, 415, null],
  [
    'sign-in compressed with gzip',
    {
      method: 'POST',
      path: '/trpc/auth.signIn',
      headers: { ...json, 'content-encoding': 'gzip' },
      body: gzipSync('{}'),
    },
    415,
    'body_encoding_unsupported',
  ],
  [
    'a mutation that is not JSON, signed in',
    {
      method: 'POST',
      path: '/trpc/reports.submitMany',
      headers: json,
      body: '{"year":2024,',
      signedIn: true,
    },
    400,
    'body_malformed',
  ],
  [
    'a mutation of 9 MB',
    {
      method: 'POST',
      path: '/trpc/tokens.create',
      headers: json,
      body: JSON.stringify({ name: 'x'.repeat(9 * 1024 * 1024) }),
      signedIn: true,
    },
    413,
    'body_too_large',
  ],
  [
    'a mutation whose name holds a NUL',
    {
      method: 'POST',
      path: '/trpc/tokens.create',
      headers: json,
      body: JSON.stringify({ name: 'a\u0000b' }),
      signedIn: true,
    },
    400,
    'text_forbidden_character',
  ],
  [
    'a batch of mutations whose body is a string',
    {
      method: 'POST',
      path: '/trpc/tokens.create,tokens.create?batch=1',
      headers: json,
      body: '"x"',
      signedIn: true,
    },
    400,
    null,
  ],
  [
    'a query sent as POST',
    { method: 'POST', path: '/trpc/plan.years', headers: json, body: '{}', signedIn: true },
    405,
    null,
  ],
  [
    'PUT to tRPC',
    { method: 'PUT', path: '/trpc/plan.years', headers: json, body: '{}', signedIn: true },
    405,
    null,
  ],
  // CSV exports
  [
    'an export whose year is a word',
    { path: '/api/export/indicators.csv?year=abc', signedIn: true },
    400,
    null,
  ],
  [
    'an export whose as-of is not UTF-8',
    { path: '/api/export/indicators.csv?year=2024&asOf=%ff', signedIn: true },
    400,
    'url_malformed',
  ],
  [
    'an export with a sector given twice',
    { path: '/api/export/indicators.csv?year=2024&sector=A&sector=B', signedIn: true },
    400,
    null,
  ],
  ['an export for the year 1', { path: '/api/export/measurements.csv?year=1', signedIn: true }, 400, null],
  [
    'an export that does not exist',
    { path: '/api/export/nothing.csv?year=2024', signedIn: true },
    404,
    'no_such_route',
  ],
  ['an export without credentials', { path: '/api/export/indicators.csv?year=2024' }, 401, null],
  [
    'DELETE of an export',
    { method: 'DELETE', path: '/api/export/indicators.csv', signedIn: true },
    404,
    'no_such_route',
  ],
  // table.csv
  [
    'a shown table that is not JSON',
    { method: 'POST', path: '/api/export/table.csv', headers: json, body: '{"name":', signedIn: true },
    400,
    'body_malformed',
  ],
  [
    'a shown table that is not UTF-8',
    { method: 'POST', path: '/api/export/table.csv', headers: json, body: notUtf8, signedIn: true },
    400,
    'body_malformed',
  ],
  [
    'a shown table of 6 MB',
    {
      method: 'POST',
      path: '/api/export/table.csv',
      headers: json,
      body: JSON.stringify({ ...table, rows: [['x'.repeat(6 * 1024 * 1024)]] }),
      signedIn: true,
    },
    413,
    'body_too_large',
  ],
  [
    'a shown table compressed with deflate',
    {
      method: 'POST',
      path: '/api/export/table.csv',
      headers: { ...json, 'content-encoding': 'deflate' },
      body: '{}',
      signedIn: true,
    },
    415,
    'body_encoding_unsupported',
  ],
  [
    'a shown table of the wrong shape',
    { method: 'POST', path: '/api/export/table.csv', headers: json, body: '{}', signedIn: true },
    400,
    null,
  ],
  [
    'a shown table with no body',
    { method: 'POST', path: '/api/export/table.csv', signedIn: true },
    400,
    'body_malformed',
  ],
  [
    'a shown table, well formed',
    {
      method: 'POST',
      path: '/api/export/table.csv',
      headers: json,
      body: JSON.stringify(table),
      signedIn: true,
    },
    200,
    null,
  ],
  // imports
  [
    'an import of 11 MB',
    {
      method: 'POST',
      path: '/api/import/preview?year=2024',
      body: Buffer.alloc(11 * 1024 * 1024, 0x31),
      signedIn: true,
    },
    413,
    'file_too_large',
  ],
  [
    'an import whose year is a word',
    { method: 'POST', path: '/api/import/preview?year=abc', body: 'a,b\n1,2\n', signedIn: true },
    400,
    null,
  ],
  [
    'an import whose mapping is not JSON',
    { method: 'POST', path: '/api/import/preview?year=2024&mapping=%7B', body: 'a,b\n1,2\n', signedIn: true },
    400,
    null,
  ],
  [
    'an import whose mapping is not UTF-8',
    {
      method: 'POST',
      path: '/api/import/preview?year=2024&mapping=%c0%80',
      body: 'a,b\n1,2\n',
      signedIn: true,
    },
    400,
    'url_malformed',
  ],
  [
    'an import whose file name holds a NUL',
    {
      method: 'POST',
      path: '/api/import/commit?year=2024&filename=a%00.csv',
      body: 'kpi_code,period,value\nCUL-01,2024-09,1\n',
      signedIn: true,
    },
    400,
    'text_forbidden_character',
  ],
  [
    'an import whose file name has a right-to-left override',
    {
      method: 'POST',
      path: '/api/import/commit?year=2024&filename=a%E2%80%AEvsc.exe',
      body: 'kpi_code,period,value\nCUL-01,2024-09,1\n',
      signedIn: true,
    },
    400,
    'text_forbidden_character',
  ],
  [
    'an import of binary data',
    {
      method: 'POST',
      path: '/api/import/preview?year=2024',
      body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]),
      signedIn: true,
    },
    400,
    null,
  ],
  [
    'an import with no body',
    { method: 'POST', path: '/api/import/preview?year=2024', signedIn: true },
    400,
    null,
  ],
  [
    'an import compressed with gzip',
    {
      method: 'POST',
      path: '/api/import/preview?year=2024',
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync('a,b\n1,2\n'),
      signedIn: true,
    },
    415,
    'body_encoding_unsupported',
  ],
  [
    'an import without credentials, 11 MB',
    { method: 'POST', path: '/api/import/preview?year=2024', body: Buffer.alloc(11 * 1024 * 1024, 0x31) },
    401,
    null,
  ],
  // health, unknown API routes, the web app
  ['the health check', { path: '/healthz' }, 200, null],
  ['the health check with a bad %-escape', { path: '/healthz?%ff' }, 400, 'url_malformed'],
  ['an unknown API route', { path: '/api/nothing' }, 404, 'no_such_route'],
  [
    'an unknown API route with a body',
    { method: 'POST', path: '/api/nothing', headers: json, body: 'x'.repeat(100_000) },
    404,
    'no_such_route',
  ],
  ['an unknown API route, undecodable', { path: '/api/%ff' }, 400, 'url_malformed'],
  ['a page of the web app', { path: '/sectors/ECO' }, 200, null],
  ['a page whose address is not UTF-8', { path: '/%ff' }, 400, 'url_malformed'],
  ['a page with half an escape', { path: '/%E0%A4%A' }, 400, 'url_malformed'],
  ['a page with an overlong UTF-8 escape', { path: '/reports/%c0%80' }, 400, 'url_malformed'],
  ['a page whose address is 9,000 characters', { path: `/${'a'.repeat(9000)}` }, 414, 'url_too_long'],
  ['a page whose address is 20,000 characters', { path: `/${'a'.repeat(20_000)}` }, 431, null],
  ['a page reaching out of the web app', { path: '/..%2f..%2fetc%2fpasswd' }, 200, null],
  ['a source map', { path: '/assets/app.js.map' }, 404, null],
  ['a script of the web app', { path: '/assets/app.js' }, 200, null],
  // headers
  [
    'a session cookie that is not a session',
    { path: '/trpc/plan.years', headers: { cookie: 'tangible_session=%ff%; x' } },
    401,
    'sign_in_required',
  ],
  [
    'a bearer token of 5,000 characters',
    { path: '/trpc/plan.years', headers: { authorization: `Bearer ${'t'.repeat(5000)}` } },
    401,
    // An unknown token is said as one (the bad-token refusal), not as a missing sign-in.
    'token_not_valid',
  ],
];

describe('the bad-input corpus', () => {
  it.each(CORPUS)(
    'answers %s with its status, a problem code, and no stack',
    async (_name, sent, status, code) => {
      const answer = await send(sent);
      expect(answer.status).toBe(status);
      if (code) expect(problemCode(answer.text)).toBe(code);
      if (status >= 400) {
        expect(answer.text.length).toBeLessThan(2000);
        expect(answer.text).not.toMatch(/"stack"|\n\s+at |node_modules|\.ts:\d/);
      }
    },
  );

  it("says a wrong input field in a sentence, not as zod's issues in JSON", async () => {
    const answer = await send({
      path: `/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 'x' }))}`,
      signedIn: true,
    });
    expect(answer.status).toBe(400);
    const { error } = JSON.parse(answer.text);
    expect(error.data.problem.code).toBeTruthy();
    expect(error.message).not.toMatch(/^\s*[[{]/);
    expect(error.message).toMatch(/year/);
  });

  it.each([
    ['a request line with a control character', 'GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n', 400],
    [
      'a broken chunked body',
      'POST /trpc/auth.signIn HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
      400,
    ],
    // The client has gone before its body ended: the answer, if it is still written, is a 400.
    [
      'a body shorter than its declared length',
      'POST /trpc/auth.signIn HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}',
      [0, 400],
    ],
  ] as const)('answers %s without a 500', async (_name, bytes, status) => {
    const answer = await sendRaw(bytes);
    expect(typeof status === 'number' ? [status] : status).toContain(answer.status);
  });
});

/** The server's side of the connection each request came on, by its path. */
const connectionOf = new Map<string, Socket>();

/**
 * Streams up to `total` bytes (as a browser uploads a file) until the server answers; returns the
 * answer's status and how many bytes the server read from that connection in all.
 */
async function stream(path: string, total: number): Promise<{ status: number; serverRead: number }> {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { ...session, ...json },
  } as RequestInit);
  await res.arrayBuffer();
  const socket = connectionOf.get(path);
  if (!socket) throw new Error(`no connection for ${path}`);
  if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve));
  return { status: res.status, serverRead: socket.bytesRead };
}

describe('an oversized body', () => {
  const MB = 1024 * 1024;
  it.each([
    ['a sign-in', '/trpc/auth.signIn', BODY_LIMITS.signIn],
    ['a tRPC mutation', '/trpc/tokens.create', BODY_LIMITS.trpc],
    ['a shown table', '/api/export/table.csv', BODY_LIMITS.table],
    ['an import', '/api/import/preview?year=2024', BODY_LIMITS.import],
  ])(
    'of 64 MB sent as %s is refused with 413, and read no further than its limit and the drain',
    async (_name, path, limit) => {
      const { status, serverRead } = await stream(path, 64 * MB);
      expect(status).toBe(413);
      // Past the limit, at most DRAIN_BYTES more are read and thrown away so the client sees the answer.
      expect(serverRead).toBeLessThan(limit + DRAIN_BYTES + MB);
    },
  );
});

describe('a refused body that was sent whole', () => {
  /** Two requests on one kept-alive connection: the second on the socket the first used. */
  async function twoOnOneConnection(first: Sent): Promise<{ statuses: number[]; reused: boolean }> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const one = (sent: Sent) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: sent.method ?? 'GET',
            path: sent.path,
            agent,
            headers: sent.headers,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
          },
        );
        req.on('error', reject);
        req.end(sent.body);
      });
    try {
      const answers = [await one(first), await one({ path: '/healthz' })];
      return { statuses: answers.map((answer) => answer.status), reused: answers[1]?.reused ?? false };
    } finally {
      agent.destroy();
    }
  }

  it('leaves its connection open for the next request (a client reusing it loses nothing)', async () => {
    const refused = await twoOnOneConnection({
      method: 'POST',
      path: '/trpc/auth.signIn',
      headers: { ...json, 'content-encoding': 'gzip' },
      body: gzipSync('{}'),
    });
    expect(refused).toEqual({ statuses: [415, 200], reused: true });
  });
});
