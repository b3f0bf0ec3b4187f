/**
 * Kept answers sent as they were sent (kept-answers.ts): the second asking of a kept screen is the
 * first answer's bytes, never past a change of the data, never to a caller who may not see it.
 */

import { type IncomingMessage, request, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { answerMemoOf, createApiToken } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { listening } from './test-client.js';

let db: Db;
let server: Server;
let base: string;
let analyst: string;
let mayor: string;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  ({ server, base } = await listening(
    createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }),
  ));
  const tokenOf = async (username: string) =>
    (await createApiToken(db, (await findUserByUsername(db, username))?.id ?? 0, 'kept answers', new Date()))
      .token;
  analyst = await tokenOf('analyst');
  mayor = await tokenOf('mayor');
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

/** A GET read as sent (not decoded), and its JSON. */
function get(path: string, token: string | null, acceptEncoding: string | null = 'gzip, deflate, br') {
  return new Promise<{ res: IncomingMessage; sent: Buffer; json: unknown }>((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (acceptEncoding !== null) headers['accept-encoding'] = acceptEncoding;
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const sent = Buffer.concat(chunks);
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(sent) : sent).toString('utf8');
        resolve({ res, sent, json: JSON.parse(text) });
      });
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const overview = (input: Record<string, unknown> = {}) =>
  `/trpc/plan.overview?input=${encodeURIComponent(JSON.stringify({ year: 2024, asOf: '2024-06', ...input }))}`;

describe('a kept answer', () => {
  it('is sent again as the same bytes, gzip, without being computed again', async () => {
    const memo = answerMemoOf(db);
    const kept = memo.sent.size;
    const first = await get(overview(), analyst);
    expect(first.res.statusCode).toBe(200);
    expect(memo.sent.size).toBe(kept + 1);
    const computed = memo.computed;
    const second = await get(overview(), analyst);
    expect(second.res.statusCode).toBe(200);
    expect(second.res.headers['content-encoding']).toBe('gzip');
    expect(second.res.headers['cache-control']).toBe('no-store');
    expect(second.res.headers.vary).toMatch(/Accept-Encoding/);
    expect(second.json).toEqual(first.json);
    expect(memo.computed).toBe(computed);
    // A client that takes no gzip is answered by tRPC, with the same answer.
    const plain = await get(overview(), analyst, null);
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    expect(plain.json).toEqual(first.json);
  });

  it('is not sent once the data has changed', async () => {
    const before = await get(overview(), analyst);
    const renamed = 'Renamed while kept';
    await sql`update sectors set name_en = ${renamed} where id = (select min(id) from sectors)`.execute(db);
    const after = await get(overview(), analyst);
    expect(JSON.stringify(before.json)).not.toContain(renamed);
    expect(JSON.stringify(after.json)).toContain(renamed);
  });

  it('is never sent to a caller who may not see it, nor to one who sees another answer', async () => {
    const drafts = overview({ drafts: true });
    expect((await get(drafts, analyst)).res.statusCode).toBe(200);
    expect((await get(drafts, analyst)).res.statusCode).toBe(200);
    // The public view may not ask for drafts: refused, though the analyst's answer is kept.
    expect((await get(drafts, null)).res.statusCode).toBe(401);
    // The mayor (another role) is answered for the mayor, and the memo keeps a second answer.
    const sent = answerMemoOf(db).sent.size;
    expect((await get(drafts, mayor)).res.statusCode).toBe(200);
    expect(answerMemoOf(db).sent.size).toBe(sent + 1);
  });

  it('is not kept when refused, nor for a procedure that is not kept', async () => {
    const memo = answerMemoOf(db);
    const kept = memo.sent.size;
    expect((await get(overview({ year: 1999 }), analyst)).res.statusCode).not.toBe(200);
    expect((await get('/trpc/auth.me', analyst)).res.statusCode).toBe(200);
    expect(memo.sent.size).toBe(kept);
  });

  it('is not kept when the memo keeps nothing (ANSWER_MEMO_MB=0), and the answer is still gzip', async () => {
    const memo = answerMemoOf(db);
    const budget = memo.maxBytes;
    memo.maxBytes = 0;
    try {
      const kept = memo.sent.size;
      const answer = await get(overview({ asOf: '2024-05' }), analyst);
      expect(answer.res.statusCode).toBe(200);
      expect(answer.res.headers['content-encoding']).toBe('gzip');
      expect(memo.sent.size).toBe(kept);
    } finally {
      memo.maxBytes = budget;
    }
  });
});
