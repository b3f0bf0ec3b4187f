import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import { sentence } from '@tangible/api/problem-sentences';
import { type Db, seededTestDatabase, TEST_ENGINE } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
let server: Server;
let base: string;
/** The session cookie of the mayor, signed in through the real sign-in endpoint. */
let cookie: string;

/** fetch() as the signed-in mayor. */
function get(path: string) {
  return fetch(`${base}${path}`, { headers: { cookie } });
}

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const app = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mayor', password: demoPassword('mayor') }),
  });
  expect(signIn.status).toBe(200);
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

describe('GET /healthz', () => {
  it('answers JSON after checking the database', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ status: 'ok', database: 'ok', engine: TEST_ENGINE, email: 'off' });
  });

  it('answers 503 when the database is gone', async () => {
    const { db: closing } = await seededTestDatabase();
    const app = createApp({ db: closing, logger: pino({ level: 'silent' }), webDist: '/nonexistent' });
    const other = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    await closing.destroy();
    const res = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/healthz`);
    await new Promise((resolve) => other.close(resolve));
    expect(res.status).toBe(503);
    expect(await jsonOf(res)).toMatchObject({ status: 'error' });
  });
});

describe('/trpc', () => {
  it('serves the overview over HTTP', async () => {
    const input = encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06' }));
    const res = await get(`/trpc/plan.overview?input=${input}`);
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body.result.data.asOf).toBe('2024-06');
    expect(body.result.data.sectors).toHaveLength(5);
  });

  it('says which input field was wrong', async () => {
    const input = encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-13' }));
    const res = await get(`/trpc/plan.overview?input=${input}`);
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.error.data.zodError.fieldErrors.asOf[0]).toMatch(/YYYY-MM/);
    // …and as a problem with a code and a reason code (never zod's English), which the reader's
    // language says.
    expect(body.error.data.problem).toEqual({
      code: 'invalid_parameter',
      params: { field: 'asOf', reason: 'format', format: 'regex' },
    });
    expect(sentence('ko', body.error.data.problem.code, body.error.data.problem.params)).toBe(
      '요청 값 asOf의 형식이 맞지 않습니다.',
    );
  });

  it('answers a page of a list, and refuses a page larger than the bound with a code the reader’s language says', async () => {
    const page = (input: Record<string, unknown>) =>
      get(`/trpc/indicators.list?input=${encodeURIComponent(JSON.stringify({ year: 2024, ...input }))}`);
    const second = await jsonOf(await page({ page: 2, limit: 10, sort: 'attainment', order: 'desc' }));
    expect(second.result.data).toMatchObject({ total: 57, page: 2, limit: 10 });
    expect(second.result.data.indicators).toHaveLength(10);
    const res = await page({ limit: 101 });
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.error.data.problem).toEqual({
      code: 'invalid_parameter',
      params: { field: 'limit', reason: 'at_most', maximum: 100 },
    });
    expect(sentence('ko', body.error.data.problem.code, body.error.data.problem.params)).toBe(
      '요청 값 limit은(는) 100 이하여야 합니다.',
    );
  });
});

describe('GET /api/export/indicators.csv', () => {
  it('downloads a parsable CSV with a byte-order mark, the contract columns and one row per indicator', async () => {
    const res = await get('/api/export/indicators.csv?year=2024&asOf=2024-06&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="tangible-indicators-2024-as-of-2024-06-en.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(Buffer.from(bytes), { bom: true, columns: true });
    // Busan's (the caller's organisation's), not its districts'.
    const count = await db
      .selectFrom('indicators')
      .innerJoin('projects', 'projects.id', 'indicators.project_id')
      .innerJoin('strategies', 'strategies.id', 'projects.strategy_id')
      .innerJoin('sectors', 'sectors.id', 'strategies.sector_id')
      .innerJoin('plans', 'plans.id', 'sectors.plan_id')
      .where('plans.organisation_id', '=', 1)
      .where('plans.year', '=', 2024)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(rows).toHaveLength(Number(count.n));
    const contract = [
      'sector_code',
      'sector_name',
      'strategy',
      'project',
      'kpi_code',
      'kpi_name',
      'unit',
      'direction',
      'aggregation',
      'department',
      'baseline',
      'annual_target',
      'target_to_date',
      'actual_to_date',
      'attainment',
      'status',
      'forecast_year_end',
      'last_period',
    ];
    for (const column of contract) expect(Object.keys(rows[0] ?? {})).toContain(column);
    const gfci = rows.find((r) => r.kpi_code === 'ADM-01');
    expect(gfci).toMatchObject({ actual_to_date: '27', direction: 'decrease', last_period: '2024-Q1' });
    for (const row of rows) {
      expect(['on_track', 'at_risk', 'off_track', 'no_data']).toContain(row.status);
      if (row.attainment !== '') expect(Number.isFinite(Number(row.attainment))).toBe(true);
    }
  });

  it('keeps Korean text intact and filters by sector', async () => {
    const res = await get('/api/export/indicators.csv?year=2024&asOf=2024-12&sector=CUL&lang=ko');
    const rows: Record<string, string>[] = parse(await res.text(), { bom: true, columns: true });
    expect(rows.length).toBeGreaterThan(0);
    // Korean headers and names for people opening the file in Excel.
    expect(rows.every((r) => r['분야 코드'] === 'CUL')).toBe(true);
    expect(rows.find((r) => r['지표 코드'] === 'CUL-01')?.지표명).toBe('외국인 관광객 수');
  });

  it.each([
    ['year=abc', 400, /year/],
    ['year=2024&asOf=2024-6', 400, /The request value asOf is not in the expected format/],
    ['year=2024&lang=fr', 400, /lang/],
    ['year=2031', 404, /no plan for 2031/],
  ])('refuses %s with a clear error', async (query, status, message) => {
    const res = await get(`/api/export/indicators.csv?${query}`);
    expect(res.status).toBe(status);
    expect((await jsonOf(res)).error).toMatch(message);
  });
});

describe('every response', () => {
  it('carries security headers, and unknown API routes are 404 JSON', async () => {
    const res = await fetch(`${base}/api/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Lax and expires; without it the API and exports refuse', async () => {
    const signIn = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst', password: demoPassword('analyst') }),
    });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tangible_session=[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Expires=/);
    const input = encodeURIComponent(JSON.stringify({ year: 2024 }));
    expect((await fetch(`${base}/trpc/plan.overview?input=${input}`)).status).toBe(401);
    expect((await fetch(`${base}/api/export/indicators.csv?year=2024`)).status).toBe(401);
  });
});

describe('batched requests', () => {
  it('refuses a batch of more than 20 calls (no flood of sign-in guesses in one request)', async () => {
    const calls = Array.from({ length: 25 }, () => 'auth.signIn').join(',');
    const body = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [String(i), { username: 'mayor', password: `guess-${i}` }]),
    );
    const res = await fetch(`${base}/trpc/${calls}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
  });
});

describe('refusals', () => {
  it('carry a code and parameters for the reader’s language, beside the English sentence', async () => {
    const res = await fetch(`${base}/trpc/plan.years`);
    expect(res.status).toBe(401);
    const body = (await jsonOf(res)) as {
      error: { message: string; data: { problem: { code: string; params: object } | null } };
    };
    expect(body.error.data.problem).toEqual({ code: 'sign_in_required', params: {} });
    expect(body.error.message).toBe('Sign in to do this.');
  });
});

describe('listen', () => {
  it("calls its callback once, with the error, when the port is taken (as Express's does)", async () => {
    const port = (server.address() as AddressInfo).port;
    const app = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' });
    const calls: unknown[] = [];
    const second = app.listen(port, '127.0.0.1', (error) => calls.push(error));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toHaveLength(1);
    expect((calls[0] as NodeJS.ErrnoException | undefined)?.code).toBe('EADDRINUSE');
    expect(second.listening).toBe(false);
  });

  it('calls it once, with nothing, when it listens', async () => {
    const app = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' });
    const calls: unknown[] = [];
    const other = app.listen(0, '127.0.0.1', (error) => calls.push(error));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toEqual([undefined]);
    await new Promise((resolve) => other.close(resolve));
  });
});
