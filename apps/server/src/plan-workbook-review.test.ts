/**
 * Review of the plan workbook's HTTP routes: reading an uploaded workbook takes the same slots as
 * the value imports (the server's two cores), so the import limits bound it too.
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
let headers: Record<string, string>;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  // No slot for reading files at all: every upload that reads a file must be refused as busy.
  server = createApp({
    db,
    logger: pino({ level: 'silent' }),
    webDist: '/nonexistent',
    importLimits: { maxConcurrent: 0 },
  }).listen(0, '127.0.0.1');
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'planner', password: demoPassword('planner') }),
  });
  headers = {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': (await jsonOf(res)).result.data.csrfToken,
    'content-type': 'application/octet-stream',
  };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

describe('/api/plan/workbook uploads', () => {
  it('are bounded by the import limits (the slots are shared with /api/import)', async () => {
    const csv = await fetch(`${base}/api/plan/workbook.csv?year=2024&kind=strategies&lang=en`, { headers });
    const body = new Uint8Array(await csv.arrayBuffer());
    const res = await fetch(`${base}/api/plan/workbook/dry-run?year=2024&filename=strategies.csv`, {
      method: 'POST',
      headers,
      body,
    });
    // Today: 200. The routes keep their own counter of 2 (planWorkbookRoutes' maxConcurrent), so
    // two value imports and two workbooks read at once on a two-core server.
    expect(res.status).toBe(503);
    expect((await jsonOf(res)).problem.code).toBe('import_busy');
  });
});
