/**
 * Every HTTP route as every kind of caller: session cookies (signed in through the real endpoint),
 * API tokens, a revoked token, an expired session, nobody, and the public view.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiToken, demoPassword, sha256 } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
let closed: Server;
let open: Server;
let base: string;
let publicBase: string;
const headers: Record<string, Record<string, string>> = {};
/** Users of another organisation (Haeundae-gu) and a token of one, with their CSRF tokens. */
const OTHER_USERS = ['haeundae.admin', 'haeundae.mayor', 'haeundae.tour.head'];
const others: Record<string, { cookie: string; csrf: string; authorization?: string }> = {};
/** What only Busan's answers hold (see packages/api/src/authorization.test.ts). */
const BUSAN_ONLY = [
  'CUL-0',
  'ECO-0',
  'BAL-M',
  'TOURISM',
  'AIRPORT',
  '부산광역시',
  'Busan Metropolitan',
  'tourism.head',
];

async function listen(server: Server): Promise<string> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function cookieFor(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword(username) }),
  });
  const body = await jsonOf(res);
  return {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    csrf: body.result.data.csrfToken,
  };
}

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const logger = pino({ level: 'silent' });
  closed = createApp({ db, logger, webDist: '/nonexistent' }).listen(0, '127.0.0.1');
  open = createApp({ db, logger, webDist: '/nonexistent', publicDashboard: true }).listen(0, '127.0.0.1');
  base = await listen(closed);
  publicBase = await listen(open);
  for (const username of ['admin', 'mayor', 'planner', 'tourism.head', 'analyst']) {
    headers[username] = { cookie: (await cookieFor(username)).cookie };
  }
  for (const username of OTHER_USERS) others[username] = await cookieFor(username);
  const otherMayor = await findUserByUsername(db, 'haeundae.mayor');
  const otherToken = await createApiToken(db, otherMayor?.id ?? 0, 'http matrix haeundae', new Date());
  others.token = { cookie: '', csrf: '', authorization: `Bearer ${otherToken.token}` };
  const analyst = await findUserByUsername(db, 'analyst');
  const valid = await createApiToken(db, analyst?.id ?? 0, 'http matrix', new Date());
  headers.token = { authorization: `Bearer ${valid.token}` };
  const revoked = await createApiToken(db, analyst?.id ?? 0, 'http matrix revoked', new Date());
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', revoked.id)
    .execute();
  headers.revokedToken = { authorization: `Bearer ${revoked.token}` };
  const expiring = await cookieFor('mayor');
  const token = expiring.cookie.split('=')[1] ?? '';
  // Time passes: the session's expiry is now in the past.
  await db
    .updateTable('sessions')
    .set({ expires_at: '2000-01-01T00:00:00.000Z' })
    .where('id', '=', sha256(token))
    .execute();
  headers.expiredSession = { cookie: expiring.cookie };
  headers.anonymous = {};
});
afterAll(async () => {
  await new Promise((resolve) => closed.close(resolve));
  await new Promise((resolve) => open.close(resolve));
  await db.destroy();
});

const CALLERS = [
  'anonymous',
  'admin',
  'mayor',
  'planner',
  'tourism.head',
  'analyst',
  'token',
  'revokedToken',
  'expiredSession',
];
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const ROUTES: { name: string; path: string; expect: Record<string, number> }[] = [
  {
    name: 'GET /healthz is open to all',
    path: '/healthz',
    expect: Object.fromEntries(CALLERS.map((c) => [c, 200])),
  },
  ...['/api/export/indicators.csv?year=2024&asOf=2024-06', '/api/export/audit.csv?year=2024'].map((path) => ({
    name: `GET ${path.split('?')[0]} needs a session or a token`,
    path,
    expect: {
      anonymous: 401,
      admin: 200,
      mayor: 200,
      planner: 200,
      'tourism.head': 200,
      analyst: 200,
      token: 200,
      revokedToken: 401,
      expiredSession: 401,
    },
  })),
  ...['/api/plan/workbook.xlsx?year=2024', '/api/plan/workbook.csv?year=2024&kind=targets'].map((path) => ({
    name: `GET ${path.split('?')[0]} is for those who read the plan editor's outline`,
    path,
    expect: {
      anonymous: 401,
      admin: 200,
      mayor: 403,
      planner: 200,
      'tourism.head': 200,
      analyst: 403,
      token: 403,
      revokedToken: 401,
      expiredSession: 401,
    },
  })),
  {
    name: 'GET /trpc/indicators.list needs a session or a token',
    path: `/trpc/indicators.list?input=${input({ year: 2024 })}`,
    expect: {
      anonymous: 401,
      admin: 200,
      mayor: 200,
      planner: 200,
      'tourism.head': 200,
      analyst: 200,
      token: 200,
      revokedToken: 401,
      expiredSession: 401,
    },
  },
];

describe('HTTP routes', () => {
  it.each(ROUTES)('$name', async ({ path, expect: expected }) => {
    const actual: Record<string, number> = {};
    for (const caller of CALLERS)
      actual[caller] = (await fetch(`${base}${path}`, { headers: headers[caller] })).status;
    expect(actual).toEqual(expected);
  });

  it('refuses a mutation made with a session cookie but no CSRF token, and accepts it with one', async () => {
    const { cookie, csrf } = await cookieFor('analyst');
    const body = JSON.stringify({ name: 'csrf check' });
    const without = await fetch(`${base}/trpc/tokens.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    expect(without.status).toBe(403);
    expect((await jsonOf(without)).error.message).toMatch(/CSRF/);
    const withToken = await fetch(`${base}/trpc/tokens.create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body,
    });
    expect(withToken.status).toBe(200);
  });

  it('says every refusal of an HTTP route as a code the reader’s language can say', async () => {
    const anonymous = await fetch(`${base}/api/export/indicators.csv?year=2024`);
    expect(anonymous.status).toBe(401);
    expect((await jsonOf(anonymous)).problem).toEqual({ code: 'sign_in_or_token', params: {} });
    const { cookie } = await cookieFor('mayor');
    const notAllowed = await fetch(`${base}/api/import/template.csv?year=2024`, { headers: { cookie } });
    expect(notAllowed.status).toBe(403);
    expect((await jsonOf(notAllowed)).problem).toEqual({
      code: 'needs_permission',
      params: { permission: 'report' },
    });
    const badMonth = await fetch(`${base}/api/export/indicators.csv?year=2024&asOf=June`, {
      headers: { cookie },
    });
    expect(badMonth.status).toBe(400);
    expect(await jsonOf(badMonth)).toMatchObject({
      field: 'asOf',
      problem: { code: 'invalid_parameter', params: { field: 'asOf', reason: 'format' } },
    });
    const noPlan = await fetch(`${base}/api/export/indicators.csv?year=2031`, { headers: { cookie } });
    expect(noPlan.status).toBe(404);
    // Neither a plan nor stood for by a later plan's baselines (2023 and 2018 are: export/years.ts).
    expect((await jsonOf(noPlan)).problem).toEqual({
      code: 'no_such_export_year',
      params: { year: 2031, plans: '2024, 2025', baselines: '2018, 2023' },
    });
  });

  it('refuses writes made with an API token', async () => {
    const res = await fetch(`${base}/trpc/reports.submit`, {
      method: 'POST',
      headers: { ...headers.token, 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2024, code: 'CUL-01', period: '2024-05', value: 1 }),
    });
    expect(res.status).toBe(403);
  });

  it('refuses plan edits made with an API token, whatever its owner may do', async () => {
    const res = await fetch(`${base}/trpc/planEditor.confirm`, {
      method: 'POST',
      headers: { ...headers.token, 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2024 }),
    });
    expect(res.status).toBe(403);
  });
});

describe('the public view (PUBLIC_DASHBOARD=1)', () => {
  it('never shows a draft plan, even when asked for drafts', async () => {
    const asked = await fetch(
      `${publicBase}/trpc/plan.overview?input=${input({ year: 2024, drafts: true })}`,
    );
    expect(asked.status).toBe(401);
    const years = await fetch(`${publicBase}/trpc/plan.years?input=${input({ drafts: true })}`);
    expect(years.status).toBe(401);
  });

  it('lets nobody read the overview, sectors and milestones, without staff notes', async () => {
    const overview = await fetch(`${publicBase}/trpc/plan.overview?input=${input({ year: 2024 })}`);
    expect(overview.status).toBe(200);
    const timeline = await fetch(`${publicBase}/trpc/milestones.timeline?input=${input({ year: 2024 })}`);
    const tracks = (await jsonOf(timeline)).result.data.tracks as { milestones: { note: string | null }[] }[];
    expect(tracks.flatMap((t) => t.milestones).every((m) => m.note === null)).toBe(true);
    const signedIn = await fetch(`${base}/trpc/milestones.timeline?input=${input({ year: 2024 })}`, {
      headers: headers.mayor,
    });
    const internal = (await jsonOf(signedIn)).result.data.tracks as {
      milestones: { note: string | null }[];
    }[];
    expect(internal.flatMap((t) => t.milestones).some((m) => m.note !== null)).toBe(true);
    expect(
      (await fetch(`${publicBase}/trpc/sectors.detail?input=${input({ year: 2024, sector: 'ECO' })}`)).status,
    ).toBe(200);
  });

  it('keeps indicator details (notes, who entered), departments, audit and exports closed', async () => {
    for (const path of [
      `/trpc/indicators.detail?input=${input({ year: 2024, code: 'CUL-01' })}`,
      `/trpc/departments.comparison?input=${input({ year: 2024 })}`,
      `/trpc/audit.list?input=${input({ year: 2024 })}`,
      '/api/export/indicators.csv?year=2024',
    ]) {
      expect((await fetch(`${publicBase}${path}`)).status, path).toBe(401);
    }
  });
});

describe('a revoked API token on the public view', () => {
  it('is refused as a bad token on tRPC and on the HTTP routes, not served the citizen’s smaller answers', async () => {
    const overview = await fetch(`${publicBase}/trpc/plan.overview?input=${input({ year: 2024 })}`, {
      headers: headers.revokedToken,
    });
    expect(overview.status).toBe(401);
    expect((await jsonOf(overview)).error.data.problem.code).toBe('token_not_valid');
    const exported = await fetch(`${publicBase}/api/export/indicators.csv?year=2024`, {
      headers: headers.revokedToken,
    });
    expect(exported.status).toBe(401);
    expect(exported.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await jsonOf(exported)).problem.code).toBe('token_not_valid');
    // Without the token the same citizen reads the overview.
    expect((await fetch(`${publicBase}/trpc/plan.overview?input=${input({ year: 2024 })}`)).status).toBe(200);
  });
});

describe('users of another organisation on every HTTP route', () => {
  const exportsAndTemplates = [
    '/api/export/indicators.csv?year=2024&asOf=2024-06&lang=en',
    '/api/export/measurements.csv?year=2024&lang=en',
    '/api/export/milestones.csv?year=2024&lang=en',
    '/api/export/departments.csv?year=2024&lang=en',
    '/api/export/audit.csv?year=2024&lang=en',
    '/api/import/template.csv?year=2024',
    '/api/import/template.xlsx?year=2024&lang=en',
    `/trpc/indicators.list?input=${input({ year: 2024 })}`,
  ];
  const request = (who: string, path: string, init: RequestInit = {}) => {
    const caller = others[who];
    if (!caller) throw new Error(who);
    const auth: Record<string, string> = caller.authorization
      ? { authorization: caller.authorization }
      : { cookie: caller.cookie, 'x-csrf-token': caller.csrf };
    return fetch(`${base}${path}`, { ...init, headers: { ...auth, ...(init.headers as object) } });
  };

  it.each(exportsAndTemplates)('%s answers with their own organisation’s rows or a refusal', async (path) => {
    for (const who of [...OTHER_USERS, 'token']) {
      const res = await request(who, path);
      expect([200, 403], `${who} ${path}`).toContain(res.status);
      const body = path.endsWith('.xlsx') ? '' : await res.text();
      for (const mark of BUSAN_ONLY) expect(body, `${who} ${path} ${mark}`).not.toContain(mark);
    }
    // The same route as Busan's user: the marks are real.
    if (!path.includes('audit') && !path.includes('template')) {
      const busan = await (await fetch(`${base}${path}`, { headers: headers.admin })).text();
      expect(
        BUSAN_ONLY.some((mark) => busan.includes(mark)),
        path,
      ).toBe(true);
    }
  });

  it.each([
    ...exportsAndTemplates.filter((path) => path.startsWith('/api')),
    '/api/import/preview?year=2024',
    '/api/import/commit?year=2024',
    '/api/export/table.csv',
  ])('%s refuses any of them who names Busan', async (path) => {
    const named = `${path}${path.includes('?') ? '&' : '?'}org=busan`;
    for (const who of [...OTHER_USERS, 'token']) {
      const post = /preview|commit|table/.test(path);
      const res = await request(who, named, post ? { method: 'POST', body: 'x' } : {});
      expect(res.status, `${who} ${named}`).toBe(403);
      const { problem } = await jsonOf(res);
      expect(['other_organisation', 'needs_permission']).toContain(problem.code);
    }
  });

  it('imports nothing into Busan’s plan: its indicators are not theirs', async () => {
    const file = 'kpi_code,period,value\nCUL-01,2024-05,100\n';
    for (const path of ['/api/import/preview?year=2024', '/api/import/commit?year=2024']) {
      const res = await request('haeundae.admin', path, { method: 'POST', body: file });
      const text = await res.text();
      expect(text, path).toMatch(/CUL-01/);
      expect(text, path).not.toMatch(/"written":[1-9]/);
    }
    const cul01 = await db
      .selectFrom('measurements')
      .innerJoin('indicators', 'indicators.id', 'measurements.indicator_id')
      .select('measurements.id')
      .where('indicators.code', '=', 'CUL-01')
      .where('measurements.period', '=', '2024-05')
      .where('measurements.status', '=', 'pending')
      .execute();
    expect(cul01).toEqual([]);
  });
});
