/**
 * The server when its storage fails: every write (a procedure, an HTTP route, a sign-in) answers
 * 503 with the reason, the health check answers 503 with the same reason, the log has SQLite's
 * error, and nothing was written.
 */

import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import {
  type Db,
  injectStorageFault,
  type StorageFault,
  type StorageReason,
  seededSqliteDatabase,
} from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

const FAULTS: [StorageFault, StorageReason, sqliteCode: string | null][] = [
  ['read_only', 'read_only', 'SQLITE_READONLY'],
  ['disk_full', 'disk_full', 'SQLITE_FULL'],
  ['file_missing', 'file_missing', null],
  ['file_replaced', 'file_replaced', null],
  ['shm_replaced', 'shm_failed', null],
  ['wal_missing', 'wal_failed', null],
];

/** Twelve months with long notes: enough new pages that a full disk cannot absorb them. */
const note = 'n'.repeat(1000);
const entries = Array.from({ length: 12 }, (_, i) => ({
  code: 'ECO-04',
  period: `2024-${String(i + 1).padStart(2, '0')}`,
  value: i + 1,
  note,
  // Values this low leave ECO-04 off track: they come with their commentary (follow-through).
  analysis: '원인 분석',
  nextSteps: '향후 대책',
}));
const csv = `kpi_code,period,value,note\n${entries.map((e) => `CUL-01,${e.period},${e.value},${note}`).join('\n')}\n`;

async function counts(db: Db) {
  const { rows } = await sql<{ measurements: number; audit: number; sessions: number }>`
    select (select count(*) from measurements) as measurements,
           (select count(*) from audit_log) as audit,
           (select count(*) from sessions) as sessions`.execute(db);
  return rows[0];
}

async function serve(db: Db) {
  const log: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => log.push(line) });
  const server = createApp({ db, logger, webDist: '/nonexistent' }).listen(0, '127.0.0.1');
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = (username: string) =>
    fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword(username) }),
    });
  const res = await signIn('admin');
  expect(res.status).toBe(200);
  const session = {
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': (await jsonOf(res)).result.data.csrfToken as string,
  };
  return {
    log,
    signIn,
    health: () => fetch(`${base}/healthz`),
    submit: () =>
      fetch(`${base}/trpc/reports.submitMany`, {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ year: 2024, entries }),
      }),
    importFile: () =>
      fetch(`${base}/api/import/commit?year=2024&filename=months.csv`, {
        method: 'POST',
        headers: { ...session, 'content-type': 'text/csv' },
        body: csv,
      }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the server when the database cannot be written', () => {
  it.each(FAULTS)(
    'with %s: writes and /healthz answer 503 (%s), and nothing is written',
    async (fault, reason, code) => {
      const { db } = await seededSqliteDatabase();
      const app = await serve(db);
      expect((await app.health()).status).toBe(200);
      const before = await counts(db);

      injectStorageFault(db, fault);

      const problem = { code: 'storage_unavailable', params: { reason } };
      const submitted = await app.submit();
      expect(submitted.status).toBe(503);
      expect((await jsonOf(submitted)).error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', problem });

      const imported = await app.importFile();
      expect(imported.status).toBe(503);
      expect(await jsonOf(imported)).toMatchObject({
        error: expect.stringMatching(/nothing was saved/),
        problem,
      });

      const health = await app.health();
      expect(health.status).toBe(503);
      expect(await jsonOf(health)).toEqual({
        status: 'error',
        database: 'unavailable',
        engine: 'sqlite',
        email: 'off',
        reason,
      });

      const logged = app.log.map((line) => JSON.parse(line)).filter((l) => l.reason === reason);
      expect(logged.map((l) => l.msg)).toEqual(
        expect.arrayContaining([
          'storage failure: the request was refused',
          'health check: the database cannot be written',
        ]),
      );
      expect(logged.every((l) => l.level === 50 && l.sqliteCode === code && l.err.message)).toBe(true);
      expect(app.log.join('\n')).not.toMatch(/cannot rollback/);
      expect(await counts(db)).toEqual(before);

      // A sign-in writes one small session row. A full disk (like the page limit) still takes a write
      // that fits in the pages the file has, and keeps it; every other fault refuses it.
      const signedIn = await app.signIn('planner');
      if (fault === 'disk_full') {
        expect(signedIn.status).toBe(200);
        expect((await counts(db))?.sessions).toBe((before?.sessions ?? 0) + 1);
      } else {
        expect(signedIn.status).toBe(503);
        expect((await jsonOf(signedIn)).error.data.problem).toEqual(problem);
      }
      await app.close();
      await db.destroy();
    },
  );
});
