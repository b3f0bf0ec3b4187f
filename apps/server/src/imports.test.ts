/** The import routes over HTTP: template, preview, commit, and a corpus of malformed files. */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword, readSource } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
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
  for (const username of ['tourism.head', 'analyst']) {
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

function post(path: string, body: Uint8Array | string, username = 'tourism.head') {
  const session = sessions[username];
  return fetch(`${base}/api/import/${path}`, {
    method: 'POST',
    headers: {
      cookie: session?.cookie ?? '',
      'x-csrf-token': session?.csrf ?? '',
      'content-type': 'text/csv',
    },
    body,
  });
}

async function measurements(): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*) as n from measurements`.execute(db);
  return Number(rows.rows[0]?.n);
}

describe('GET /api/import/template.csv', () => {
  it("lists the bureau head's own indicators and ended periods, values in force filled in", async () => {
    const res = await fetch(`${base}/api/import/template.csv?year=2024`, {
      headers: { cookie: sessions['tourism.head']?.cookie ?? '' },
    });
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = parse(await res.text(), { bom: true, columns: true });
    expect(new Set(rows.map((r) => r.kpi_code?.split('-')[0]))).toEqual(new Set(['CUL']));
    expect(rows.find((r) => r.kpi_code === 'CUL-01' && r.period === '2024-12')?.value).toBe('249192');
  });

  it('is refused to those who may not report', async () => {
    const res = await fetch(`${base}/api/import/template.csv?year=2024`, {
      headers: { cookie: sessions.analyst?.cookie ?? '' },
    });
    expect(res.status).toBe(403);
  });
});

describe('GET /api/import/template.xlsx', () => {
  it('holds the rows of template.csv, with Korean headers, and reads back as typed cells', async () => {
    const headers = { cookie: sessions['tourism.head']?.cookie ?? '' };
    const csv: Record<string, string>[] = parse(
      await (await fetch(`${base}/api/import/template.csv?year=2024`, { headers })).text(),
      { bom: true, columns: true },
    );
    const res = await fetch(`${base}/api/import/template.xlsx?year=2024&lang=ko`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tangible-import-template-2024-[A-Z-]+\.xlsx"$/,
    );
    const file = await readSource(new Uint8Array(await res.arrayBuffer()), 'template.xlsx');
    expect(file.sheets.map((s) => s.name)).toEqual(['실적']);
    const [header, ...rows] = file.sheets[0]?.rows ?? [];
    expect(header?.cells.map((c) => c.text)).toEqual([
      '지표 코드',
      '지표명',
      '기간',
      '값',
      '비고',
      '증빙 링크',
      '원인 분석',
      '향후 대책',
    ]);
    expect(rows.map((r) => [r.cells[0]?.text, r.cells[2]?.text, r.cells[3]?.typed ?? null])).toEqual(
      csv.map((r) => [
        r.kpi_code,
        r.period,
        r.value === '' ? null : { kind: 'number', value: Number(r.value), percent: false },
      ]),
    );
    expect(rows.length).toBeGreaterThan(10);
  });

  it('has English headers with lang=en', async () => {
    const res = await fetch(`${base}/api/import/template.xlsx?year=2024&lang=en`, {
      headers: { cookie: sessions['tourism.head']?.cookie ?? '' },
    });
    const file = await readSource(new Uint8Array(await res.arrayBuffer()), 'template.xlsx');
    expect(file.sheets[0]?.rows[0]?.cells.map((c) => c.text)).toEqual([
      'kpi_code',
      'kpi_name',
      'period',
      'value',
      'note',
      'evidence_url',
      'analysis',
      'next_steps',
    ]);
  });
});

describe('POST /api/import/preview and /commit', () => {
  it('previews, then commits a clean file as pending values', async () => {
    const file = 'kpi_code,period,value\r\nCUL-01,2024-09,"262,000"\r\n';
    const preview = await post('preview?year=2024', file);
    expect(preview.status).toBe(200);
    expect(await jsonOf(preview)).toMatchObject({
      encoding: 'UTF-8',
      canCommit: true,
      counts: { change: 1, error: 0 },
    });
    const before = await measurements();
    const commit = await post('commit?year=2024&filename=sept.csv', file);
    expect(await jsonOf(commit)).toEqual({
      written: 1,
      unchanged: 0,
      commentaryOwed: 0,
      counts: { new: 0, change: 1, same: 0, error: 0 },
    });
    expect(await measurements()).toBe(before + 1);
  });

  it('finds nothing to change in either template sent back unchanged, a pending value included', async () => {
    const pending = 'kpi_code,period,value\r\nCUL-01,2024-08,"271,000"\r\n';
    expect((await post('commit?year=2024&filename=aug.csv', pending)).status).toBe(200);
    const headers = { cookie: sessions['tourism.head']?.cookie ?? '' };
    for (const format of ['csv', 'xlsx']) {
      const template = await fetch(`${base}/api/import/template.${format}?year=2024`, { headers });
      const back = await post('preview?year=2024', new Uint8Array(await template.arrayBuffer()));
      const preview = await jsonOf(back);
      expect(preview.rows.find((r: { period: string }) => r.period === '2024-08')).toMatchObject({
        code: 'CUL-01',
        value: 271_000,
        outcome: 'same',
      });
      expect(preview.counts).toMatchObject({ new: 0, change: 0, error: 0 });
    }
  });

  it('reads from the header row and sheet the person chose, and refuses a sheet the file has not', async () => {
    const file = '실적 보고,,\r\nkpi_code,period,value\r\nCUL-01,2024-09,"262,000"\r\n';
    const found = await jsonOf(await post('preview?year=2024', file));
    expect(found.layout).toMatchObject({ headerRow: 2, headerChosen: false, titleRows: [1] });
    const chosen = await jsonOf(await post('preview?year=2024&headerRow=1', file));
    expect(chosen).toMatchObject({ needsMapping: true, layout: { headerRow: 1, headerChosen: true } });
    const sheet = await post('preview?year=2024&sheet=%EC%8B%A4%EC%A0%81', file);
    expect(sheet.status).toBe(400);
    expect((await jsonOf(sheet)).problem).toEqual({
      code: 'no_such_sheet',
      params: { sheet: '실적', sheets: '' },
    });
  });

  it('needs the CSRF token of the session', async () => {
    const res = await fetch(`${base}/api/import/preview?year=2024`, {
      method: 'POST',
      headers: { cookie: sessions['tourism.head']?.cookie ?? '' },
      body: 'kpi_code,period,value\nCUL-01,2024-09,1\n',
    });
    expect(res.status).toBe(403);
  });

  const header = 'kpi_code,period,value\n';
  it.each([
    ['an empty file', '', 400, /empty/],
    ['an unclosed quote', `${header}CUL-01,"2024-09,5\n`, 400, /never closed/],
    [
      'binary garbage',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      400,
      /zip format cannot be read/,
    ],
    ['a byte-order mark in the middle', `${header}CUL-01,2024-09,5\n\uFEFF${header}`, 400, /row 3/],
    ['a 50 MB file', new Uint8Array(50 * 1024 * 1024).fill(0x31), 413, /larger than 10 MB/],
    ['an unknown column layout', 'a,b,c\n1,2,3\n', 400, /not the template's/],
    ['bad rows', `${header}CUL-01,2024-13,5\n`, 422, /1 row\(s\) have problems; nothing was written/],
  ])('answers %s with a clear error and writes nothing', async (_name, body, status, message) => {
    const before = await measurements();
    const res = await post('commit?year=2024&filename=bad.csv', body);
    expect(res.status).toBe(status);
    const answer = await jsonOf(res);
    expect(answer.error).toMatch(message);
    // A refusal of the file travels as a code the reader's language says.
    if (status === 400) expect(answer.problem?.code).toMatch(/^(file_|not_template_columns$)/);
    // …and so does a file with bad rows, beside the preview that lists them.
    if (status === 422) {
      expect(answer.problem).toEqual({ code: 'import_has_problems', params: { count: 1 } });
      expect(answer.preview.problems).toHaveLength(1);
    }
    expect(await measurements()).toBe(before);
  });

  it.each([
    ['headers only', header],
    ['a row whose value cell is missing (blank: not reported)', `${header}CUL-01,2024-09\n`],
  ])('previews %s as nothing to import, and a commit writes nothing', async (_name, body) => {
    const before = await measurements();
    const preview = await jsonOf(await post('preview?year=2024&filename=blank.csv', body));
    expect(preview).toMatchObject({ nothingToImport: true, canCommit: false, counts: { error: 0 } });
    const committed = await post('commit?year=2024&filename=blank.csv', body);
    expect(committed.status).toBe(200);
    expect(await jsonOf(committed)).toMatchObject({ written: 0 });
    expect(await measurements()).toBe(before);
  });
});

describe('a bound on imports reading files at once', () => {
  it('refuses one more with 503, Retry-After and a code, writing nothing', async () => {
    const full = createApp({
      db,
      logger: pino({ level: 'silent' }),
      webDist: '/nonexistent',
      importLimits: { maxConcurrent: 0 },
    }).listen(0, '127.0.0.1');
    if (!full.listening) await new Promise((resolve) => full.once('listening', resolve));
    const session = sessions['tourism.head'];
    try {
      const before = await measurements();
      const res = await fetch(
        `http://127.0.0.1:${(full.address() as AddressInfo).port}/api/import/commit?year=2024&filename=a.csv`,
        {
          method: 'POST',
          headers: {
            cookie: session?.cookie ?? '',
            'x-csrf-token': session?.csrf ?? '',
            'content-type': 'application/octet-stream',
          },
          body: 'kpi_code,period,value\nCUL-01,2024-07,300000\n',
        },
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('10');
      expect(await res.json()).toMatchObject({
        problem: { code: 'import_busy', params: { running: 0, seconds: 10 } },
      });
      expect(await measurements()).toBe(before);
    } finally {
      await new Promise((resolve) => full.close(resolve));
    }
  });
});
