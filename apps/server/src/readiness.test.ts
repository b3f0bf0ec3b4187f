/**
 * /livez and /readyz (readiness.ts) on the real app: ready only with the database answering, its
 * migrations the ones the process started with, every plan's figures built, and not draining.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Db, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { notReady, type Readiness } from './readiness.js';
import { jsonOf } from './test-json.js';

let db: Db;
let server: Server;
let base: string;
let readiness: Readiness;

beforeEach(async () => {
  ({ db } = await seededTestDatabase());
  readiness = notReady();
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent', readiness }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

const get = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await jsonOf(res), cache: res.headers.get('cache-control') };
};

describe('/readyz', () => {
  it('is ready on a prepared database, and remembers the migration it found', async () => {
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' }, cache: 'no-store' });
    const { rows } = await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(db);
    expect(readiness.migration).toBe(rows[0]?.name);
    expect(readiness.migration).toMatch(/^\d{4}-\d\d-\d\d-\d{4}-/);
  });

  it('is not ready while draining, though the process still answers /livez', async () => {
    readiness.draining = true;
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: { status: 'unready', reason: 'draining' },
    });
    expect(await get('/livez')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('is not ready when another release migrated the database past this process', async () => {
    await get('/readyz');
    await db
      .insertInto('kysely_migration' as never)
      .values({ name: '2099-01-01-9999-later', timestamp: new Date().toISOString() } as never)
      .execute();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { reason: 'migrations' } });
  });

  it('is not ready while a plan’s figures were built by other rules', async () => {
    await sql`update plan_figures set rules_version = 0`.execute(db);
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { reason: 'figures' } });
  });

  it('is not ready when the database does not answer, while /livez still does', async () => {
    await get('/readyz');
    await db.destroy();
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { reason: 'database' } });
    expect(await get('/livez')).toMatchObject({ status: 200 });
    ({ db } = await seededTestDatabase());
  });
});
