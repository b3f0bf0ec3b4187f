/**
 * Free text is refused the same way wherever it comes in: a note typed into the grid, the same
 * note in an imported file, the same note given to a procedure; a name with a NUL, through any
 * procedure. Same problem code, same parameters; where it is (row, line and column, field) as each
 * path says it.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '@tangible/api';
import { type Db, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { jsonOf } from './test-json.js';

let db: Db;
let server: Server;
let base: string;
const sessions: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }).listen(
    0,
    '127.0.0.1',
  );
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const username of ['tourism.head', 'airport.head', 'admin']) {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword(username) }),
    });
    sessions[username] = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      'x-csrf-token': (await jsonOf(res)).result.data.csrfToken,
    };
  }
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

function call(username: string, procedure: string, input: unknown) {
  return fetch(`${base}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sessions[username] },
    body: JSON.stringify(input),
  });
}

/** A note typed into the grid (reports.submit): the refusal of its row and field. */
async function typedIn(note: string) {
  const res = await call('tourism.head', 'reports.submit', {
    year: 2024,
    code: 'CUL-01',
    period: '2024-09',
    value: 262_000,
    note,
  });
  expect(res.status).toBe(400);
  const [refused] = (await jsonOf(res)).error.data.entryErrors;
  return refused;
}

/** The same note in an imported file (preview): the refusal on its line and column. */
async function imported(note: string) {
  const file = `kpi_code,period,value,note\r\nCUL-01,2024-09,262000,"${note}"\r\n`;
  const res = await fetch(`${base}/api/import/preview?year=2024`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...sessions['tourism.head'] },
    body: file,
  });
  expect(res.status).toBe(200);
  const [refused] = (await jsonOf(res)).problems;
  return refused;
}

/** The same note given to a procedure's input (a milestone's note): its problem. */
async function given(note: string) {
  const res = await call('airport.head', 'reports.updateMilestone', {
    year: 2024,
    code: 'BAL-M02',
    note,
    reason: '일정 재확인',
  });
  expect(res.status).toBe(400);
  return (await jsonOf(res)).error.data.problem;
}

async function measurements(): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*) as n from measurements`.execute(db);
  return Number(rows.rows[0]?.n);
}

describe('a note', () => {
  it.each([
    ['of 1,001 characters', 'x'.repeat(1001), { code: 'text_too_long', params: { max: 1000, length: 1001 } }],
    [
      'with a right-to-left override',
      '확정\u202e치',
      { code: 'text_forbidden_character', params: { character: 'U+202E', position: 3 } },
    ],
  ])('%s is refused alike when typed, imported or given to a procedure', async (_name, note, expected) => {
    const before = await measurements();
    expect(await typedIn(note)).toMatchObject({ row: 1, field: 'note', ...expected });
    expect(await imported(note)).toMatchObject({ line: 2, column: 'note', ...expected });
    expect(await given(note)).toEqual(expected);
    expect(await measurements()).toBe(before);
  });

  it('with a NUL is refused when typed; in a file, the file itself is refused as not text', async () => {
    const expected = { code: 'text_forbidden_character', params: { character: 'U+0000', position: 3 } };
    expect(await typedIn('ab\u0000')).toMatchObject({ row: 1, field: 'note', ...expected });
    expect(await given('ab\u0000')).toEqual(expected);
    const res = await fetch(`${base}/api/import/preview?year=2024`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...sessions['tourism.head'] },
      body: 'kpi_code,period,value,note\r\nCUL-01,2024-09,262000,ab\u0000\r\n',
    });
    expect(res.status).toBe(400);
  });

  it('of 1,000 characters, with line breaks, is accepted', async () => {
    const note = `${'가'.repeat(498)}\r\n${'나'.repeat(500)}`;
    const res = await call('tourism.head', 'reports.submit', {
      year: 2024,
      code: 'CUL-01',
      period: '2024-08',
      value: 250_000,
      note,
    });
    expect(res.status).toBe(200);
  });
});

describe('a name with a NUL', () => {
  const expected = { code: 'text_forbidden_character', params: { character: 'U+0000', position: 2 } };

  it.each([
    ['an API token’s name', 'tourism.head', 'tokens.create', { name: 'a\u0000b' }],
    [
      'a user’s display name',
      'admin',
      'users.create',
      { username: 'kim', displayName: '김\u0000', role: 'analyst', password: 'long enough password' },
    ],
  ])('is refused as %s with the same problem', async (_name, username, procedure, input) => {
    const res = await call(username, procedure, input);
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).error.data.problem).toEqual(expected);
  });

  it('of 101 characters is too long, as a token name or a display name', async () => {
    const tooLong = { code: 'text_too_long', params: { max: 100, length: 101 } };
    const token = await call('tourism.head', 'tokens.create', { name: 'n'.repeat(101) });
    expect((await jsonOf(token)).error.data.problem).toEqual(tooLong);
    const user = await call('admin', 'users.create', {
      username: 'lee',
      displayName: '이'.repeat(101),
      role: 'analyst',
      password: 'long enough password',
    });
    expect((await jsonOf(user)).error.data.problem).toEqual(tooLong);
  });
});

/**
 * A username is looked up as it is given: PostgreSQL refuses a NUL in any text it is handed, so
 * before this rule a username with one was a 500 there and a plain "no such user" on SQLite. Now it
 * is the free-text refusal on both engines, before any lookup.
 */
describe('a username with a NUL', () => {
  const expected = { code: 'text_forbidden_character', params: { character: 'U+0000', position: 6 } };

  it('is refused at sign-in with the same problem, not a 500', async () => {
    const res = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mayor\u0000', password: demoPassword('mayor') }),
    });
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).error.data.problem).toEqual(expected);
  });

  it.each([
    ['users.setPassword', { username: 'mayor\u0000', password: 'long enough password' }],
    ['users.update', { username: 'mayor\u0000', role: 'analyst', disabled: false }],
    [
      'users.create',
      { username: 'mayor\u0000', displayName: '김', role: 'analyst', password: 'long enough password' },
    ],
  ])('is refused by %s with the same problem, not a 500', async (procedure, input) => {
    const res = await call('admin', procedure, input);
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).error.data.problem).toEqual(expected);
  });
});
