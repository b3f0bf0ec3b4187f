/**
 * The plan workbook's HTTP routes with the real app: the workbook downloaded and uploaded back is a
 * dry-run with nothing to change; a bad cell is a 422 naming its sheet, row and column, and nothing
 * is written; uploading is the planning office's (a bureau head, an analyst's token and nobody are
 * refused); one kind's CSV is read with its Korean headers (CP949: packages/api workbook.test.ts).
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
let server: Server;
let base: string;
const sessions: Record<string, { cookie: string; csrf: string }> = {};

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }).listen(
    0,
    '127.0.0.1',
  );
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const username of ['planner', 'tourism.head', 'analyst']) {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword(username) }),
    });
    sessions[username] = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrf: (await jsonOf(res)).result.data.csrfToken,
    };
  }
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

const as = (username: string) => ({
  cookie: sessions[username]?.cookie ?? '',
  'x-csrf-token': sessions[username]?.csrf ?? '',
});

async function upload(path: string, body: Uint8Array, username = 'planner', filename = 'plan.xlsx') {
  return fetch(`${base}/api/plan/workbook/${path}?year=2024&filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { ...as(username), 'content-type': 'application/octet-stream' },
    body,
  });
}

async function downloaded(lang = 'ko'): Promise<Uint8Array> {
  const res = await fetch(`${base}/api/plan/workbook.xlsx?year=2024&lang=${lang}`, {
    headers: as('planner'),
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe('/api/plan/workbook', () => {
  it('downloaded and uploaded back: nothing to change', async () => {
    const res = await upload('dry-run', await downloaded());
    expect(res.status).toBe(200);
    const run = await jsonOf(res);
    expect([run.added, run.changed, run.revisions, run.leaving, run.problems]).toEqual([[], [], [], [], []]);
  });

  it('a bad cell is a 422 naming its row and column, and nothing is written', async () => {
    const csv = await fetch(`${base}/api/plan/workbook.csv?year=2024&kind=indicators&lang=en`, {
      headers: as('planner'),
    });
    const lines = (await csv.text()).split('\r\n');
    const cells = (lines[1] ?? '').split(',');
    // weight is the 14th column (N), on the first data row (2); its cells hold no quoted commas before it.
    cells[13] = 'heavy';
    lines[1] = cells.join(',');
    const before = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const res = await upload(
      'apply',
      new TextEncoder().encode(lines.join('\r\n')),
      'planner',
      'indicators.csv',
    );
    expect(res.status).toBe(422);
    const body = await jsonOf(res);
    expect(body.problem.code).toBe('workbook_has_problems');
    expect(
      body.dryRun.problems.map((p: { position: string; code: string }) => `${p.position}: ${p.code}`),
    ).toEqual(['N2: not_a_number']);
    const after = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it.each([
    ['tourism.head', 403],
    ['analyst', 403],
    ['nobody', 401],
  ])('uploading as %s is refused (%i)', async (username, status) => {
    const res = await upload('dry-run', await downloaded(), username);
    expect(res.status).toBe(status);
  });

  it('reads one kind as a CSV with Korean headers, the rest of the plan left as it is', async () => {
    const csv = await fetch(`${base}/api/plan/workbook.csv?year=2024&kind=strategies&lang=ko`, {
      headers: as('planner'),
    });
    expect(csv.status).toBe(200);
    const text = (await csv.text()).replace(/^\ufeff/, '');
    expect(text.split('\r\n')[0]).toBe('분야 코드,전략 코드,전략명(국문),전략명(영문)');
    const edited = text.replace(/^(ECO,ECO-4,[^,]*),[^\r\n]*/m, '$1,Finance hub');
    const res = await upload('dry-run', new TextEncoder().encode(edited), 'planner', '전략.csv');
    const run = await jsonOf(res);
    expect(run.problems).toEqual([]);
    expect(run.changed.map((c: { code: string; field: string }) => `${c.code} ${c.field}`)).toEqual([
      'ECO-4 name.en',
    ]);
    expect(run.leaving).toEqual([]);
  });
});
