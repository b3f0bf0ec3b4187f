/** Exports over HTTP: every table, its filters and language, spreadsheet safety, and streaming that stops when the client goes. */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApiToken } from '@tangible/api';
import { type Db, findUserByUsername, insertDirective, seededTestDatabase } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

let db: Db;
let server: Server;
let base: string;
let headers: Record<string, string>;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  server = createApp({ db, logger: pino({ level: 'info' }, sink), webDist: '/nonexistent' }).listen(
    0,
    '127.0.0.1',
  );
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const analyst = await findUserByUsername(db, 'analyst');
  headers = {
    authorization: `Bearer ${(await createApiToken(db, analyst?.id ?? 0, 'exports test', new Date())).token}`,
  };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

async function csv(path: string) {
  const res = await fetch(`${base}${path}`, { headers });
  expect(res.status, path).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)], `${path} starts with a byte-order mark`).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  return { res, text, rows: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

describe('every export', () => {
  it.each([
    [
      '/api/export/measurements.csv?year=2024&sector=CUL&status=approved&lang=en',
      'measurements-2024-CUL-approved-en',
      'kpi_code',
    ],
    [
      '/api/export/milestones.csv?year=2024&asOf=2024-06&sector=BAL&lang=en',
      'milestones-2024-as-of-2024-06-BAL-en',
      'milestone_code',
    ],
    [
      '/api/export/departments.csv?year=2024&asOf=2024-12&lang=en',
      'departments-2024-as-of-2024-12-en',
      'department_code',
    ],
    ['/api/export/audit.csv?year=2024&lang=en', 'audit-2024-en', 'action'],
  ])('%s is named for what it holds and parses', async (path, name, column) => {
    const { res, text } = await csv(path);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="tangible-${name}.csv"`);
    expect(text.split('\r\n')[0]).toContain(column);
  });

  it('filters measurements by sector, status and as-of, with Korean headers and names', async () => {
    const { rows } = await csv(
      '/api/export/measurements.csv?year=2024&asOf=2024-03&sector=CUL&status=approved&lang=ko',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['분야 코드'] === 'CUL' && r.상태 === 'approved')).toBe(true);
    expect(rows.every((r) => ['2024-01', '2024-02', '2024-03', '2024-Q1'].includes(r.기간 ?? ''))).toBe(true);
    expect(rows.find((r) => r['지표 코드'] === 'CUL-01' && r.기간 === '2024-02')).toMatchObject({
      지표명: '외국인 관광객 수',
      값: '195000',
      비고: '춘절 연휴 중화권 관광객 증가',
    });
  });

  it('gives milestones their state and slippage as of the month', async () => {
    const { rows } = await csv('/api/export/milestones.csv?year=2024&asOf=2024-06&lang=en');
    const launch = rows.find(
      (r) => r.milestone_name === 'Gadeokdo New Airport Construction Authority launched',
    );
    expect(launch).toMatchObject({
      planned: '2024-05-31',
      actual: '2024-05-31',
      state: 'done_on_time',
      slippage_days: '0',
    });
  });
});

describe('the directives export', () => {
  it('holds the directives the page filters to, as CSV with a Korean header and as an Excel workbook', async () => {
    const planner = await findUserByUsername(db, 'planner');
    const { id: planId } = await db
      .selectFrom('plans')
      .select('id')
      .where('year', '=', 2024)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const sector = await db
      .selectFrom('sectors')
      .select('id')
      .where('plan_id', '=', planId)
      .where('code', '=', 'ECO')
      .executeTakeFirstOrThrow();
    const fin = await db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'FIN')
      .executeTakeFirstOrThrow();
    await insertDirective(db, {
      planId,
      sectorId: sector.id,
      projectId: null,
      indicatorId: null,
      meetingDate: '2024-01-15',
      meetingName: '경제 분야 업무보고',
      content: '=금융기관 유치 전략 수립',
      dueDate: '2024-03-31',
      departmentIds: [fin.id],
      recordedByUserId: planner?.id ?? 0,
      recordedBy: 'planner',
      recordedAt: '2024-01-15T09:00:00.000Z',
    });
    const { rows } = await csv('/api/export/directives.csv?year=2024&sector=ECO&overdue=1&lang=ko');
    expect(rows).toHaveLength(1);
    // Text that a spreadsheet would run as a formula is neutralised, as in every export.
    expect(rows[0]).toMatchObject({ 회의: '경제 분야 업무보고', 기한: '2024-03-31', '기한 경과': '1' });
    expect(rows[0]?.지시사항).toBe("'=금융기관 유치 전략 수립");
    expect((await csv('/api/export/directives.csv?year=2024&sector=CUL&lang=en')).rows).toHaveLength(0);

    const res = await fetch(`${base}/api/export/directives.xlsx?year=2024&sector=ECO&lang=en`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('directives-2024-ECO-en.xlsx');
    // A workbook is a zip file.
    expect([...Buffer.from(await res.arrayBuffer()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect((await fetch(`${base}/api/export/directives.xlsx?year=2024`)).status).toBe(401);
  });
});

describe('spreadsheet safety', () => {
  it('neutralises text that a spreadsheet would run as a formula, and leaves numbers alone', async () => {
    await sql`update measurements set note = '=HYPERLINK("http://evil.example","click")' where id = (select min(id) from measurements)`.execute(
      db,
    );
    await sql`update measurements set note = '@SUM(A1:A9)' where id = (select max(id) from measurements where status = 'approved' and indicator_id <= 57)`.execute(
      db,
    );
    const { rows } = await csv('/api/export/measurements.csv?year=2024&lang=en');
    const notes = rows.map((r) => r.note);
    expect(notes).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(notes).toContain("'@SUM(A1:A9)");
    expect(notes.some((n) => /^[=+\-@]/.test(n ?? ''))).toBe(false);
    expect(rows.every((r) => r.value === '' || Number.isFinite(Number(r.value)))).toBe(true);
  });

  it('makes the web app’s shown tables into the same safe CSV', async () => {
    const res = await fetch(`${base}/api/export/table.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'shown',
        header: ['지표', '값'],
        rows: [
          ['=1+1', -5],
          ['외국인 관광객 수', 1234.5],
          [null, null],
        ],
      }),
    });
    expect(res.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text).toBe("\uFEFF지표,값\r\n'=1+1,-5\r\n외국인 관광객 수,1234.5\r\n,\r\n");
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tangible-shown.csv"');
    // A screen's table comes named as the web app names it, `tangible-` first: not said twice.
    const named = await fetch(`${base}/api/export/table.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'tangible-tokens-ko', header: ['a'], rows: [['b']] }),
    });
    expect(named.headers.get('content-disposition')).toBe('attachment; filename="tangible-tokens-ko.csv"');
  });
});

describe('a large export', () => {
  it('streams, and stops reading the database when the client goes away', async () => {
    await sql`
      insert into measurements (indicator_id, period, value, note, source, status, entered_by, entered_at)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 200000)
      select (select min(id) from indicators), '2024-01', n.i, null, 'test', 'superseded', 'test', '2025-01-01'
      from n`.execute(db);
    logs.length = 0;
    const controller = new AbortController();
    const res = await fetch(`${base}/api/export/measurements.csv?year=2024&lang=en`, {
      headers,
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    controller.abort();
    await expect
      .poll(() => logs.find((l) => l.msg === 'export' && String(l.export).startsWith('measurements')), {
        timeout: 10_000,
      })
      .toBeTruthy();
    const logged = logs.find((l) => l.msg === 'export' && String(l.export).startsWith('measurements'));
    expect(Number(logged?.rows)).toBeLessThan(200_000);
  });
});

describe('an export that fails half way', () => {
  it('is cut off rather than ended, so it cannot pass for a complete file', async () => {
    const { default: express } = await import('express');
    const { sendCsv } = await import('./csv.js');
    const app = express();
    app.get('/broken.csv', async (_req, res) => {
      function* rows() {
        yield ['a', 1];
        yield ['b', 2];
        throw new Error('the database went away');
      }
      await sendCsv(res, { name: 'broken', columns: ['x', 'y'], header: ['x', 'y'], rows: rows() }).catch(
        () => {},
      );
    });
    const broken = app.listen(0, '127.0.0.1');
    if (!broken.listening) await new Promise((resolve) => broken.once('listening', resolve));
    // Either the connection drops before the headers or during the body: never a clean 200 file.
    const read = fetch(`http://127.0.0.1:${(broken.address() as AddressInfo).port}/broken.csv`).then((res) =>
      res.text(),
    );
    await expect(read).rejects.toThrow();
    await new Promise((resolve) => broken.close(resolve));
  });
});
