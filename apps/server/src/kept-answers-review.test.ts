/**
 * Review of kept-answers.ts (a29bfcc): what kept bytes must never be. Each test here fails on a29bfcc;
 * the jsonl and gzip;q=0 ones pass with the kept answers taken out of app.ts (tRPC's path as before).
 */

import { type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { answerMemoOf, createApiToken } from '@tangible/api';
import { type Db, findUserByUsername, seededTestDatabase } from '@tangible/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';

let db: Db;
let server: Server;
let base: string;
let analyst: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  server = createApp({ db, logger: pino({ level: 'silent' }), webDist: '/nonexistent' }).listen(
    0,
    '127.0.0.1',
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const user = await findUserByUsername(db, 'analyst');
  analyst = (await createApiToken(db, user?.id ?? 0, 'review', new Date())).token;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ res: IncomingMessage; sent: Buffer; text: string }>((resolve, reject) => {
    request(
      `${base}${path}`,
      { headers: { authorization: `Bearer ${analyst}`, 'accept-encoding': 'gzip', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const sent = Buffer.concat(chunks);
          const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(sent) : sent).toString(
            'utf8',
          );
          resolve({ res, sent, text });
        });
        res.on('error', reject);
      },
    )
      .on('error', reject)
      .end();
  });
}

const years = (input: Record<string, unknown> = {}) =>
  `/trpc/plan.years?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Resolves on the next call of `method` on `target` (called through), and stops watching. */
function nextCall<T extends object, K extends keyof T>(target: T, method: K): Promise<void> {
  const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
  return new Promise((resolve) => {
    (target as Record<K, unknown>)[method] = (...args: unknown[]) => {
      delete (target as Partial<T>)[method];
      const result = original(...args);
      resolve();
      return result;
    };
  });
}

describe('kept answers (review)', () => {
  it('never keeps an answer its client did not stay for: the next caller gets the answer, not an empty body', async () => {
    const memo = answerMemoOf(db);
    const path = years({ drafts: true });
    // The answer is held until the client has gone (a browser leaving the screen while the first
    // computation after a write runs); tRPC then writes no body and ends the answer, still 200.
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const answer = memo.answer.bind(memo);
    memo.answer = (async (...args: Parameters<typeof answer>) => {
      entered();
      await gate;
      return answer(...args);
    }) as typeof memo.answer;
    const ended = nextCall(memo.sent, 'set');
    try {
      const client = request(`${base}${path}`, {
        headers: { authorization: `Bearer ${analyst}`, 'accept-encoding': 'gzip' },
      });
      client.on('error', () => {});
      client.end();
      await inside;
      const [socket] = sockets;
      const closed = new Promise((resolve) => socket?.once('close', resolve));
      client.destroy();
      await closed;
      release();
      // Without the defect nothing is kept; end the wait with the next (healthy) keep instead.
      await Promise.race([ended, get(path).then(() => ended)]);
    } finally {
      delete (memo as { answer?: unknown }).answer;
    }
    const next = await get(path);
    expect(next.res.statusCode).toBe(200);
    expect(() => JSON.parse(next.text)).not.toThrow();
    expect(JSON.parse(next.text)).toHaveProperty('result.data');
  });

  it('sends an answer streamed as JSON lines (Accept: application/jsonl) as a valid HTTP answer', async () => {
    const path = `/trpc/plan.years,plan.overview?batch=1&input=${encodeURIComponent(
      JSON.stringify({ 0: {}, 1: { year: 1999 } }),
    )}`;
    // On a29bfcc: "Parse Error: Content-Length can't be present with Transfer-Encoding", and the
    // stream (with the refusal inside its 200) is kept and sent again.
    const answered = await get(path, { accept: 'application/jsonl' });
    expect(answered.res.statusCode).toBe(200);
    expect(answered.text).toContain('invalid_parameter');
  });

  it('keeps no more memory for sent answers than their budget', async () => {
    const memo = answerMemoOf(db);
    const before = memo.maxBytes;
    const held = new Set<ArrayBufferLike>();
    let kept = 0;
    const set = memo.sent.set.bind(memo.sent);
    memo.sent.set = ((version, key, value, bytes) => {
      kept += 1;
      held.add(value.buffer);
      set(version, key, value, bytes);
    }) as typeof set;
    try {
      memo.maxBytes = 400_000;
      // Forty small answers (the public view could ask for as many addresses): all fit the budget
      // as counted, ~0.4 KB each.
      for (let n = 0; n < 40; n += 1) expect((await get(`${years()}&n=${n}`)).res.statusCode).toBe(200);
      expect(kept).toBe(40);
      expect(memo.sent.bytes).toBeLessThanOrEqual(memo.sent.maxBytes);
      // What they hold: each gzipSync result is a view of zlib's 16 KB output buffer.
      const retained = [...held].reduce((sum, buffer) => sum + buffer.byteLength, 0);
      expect(retained).toBeLessThanOrEqual(memo.sent.maxBytes);
    } finally {
      memo.maxBytes = before;
      delete (memo.sent as { set?: unknown }).set;
    }
  });

  it('sends no gzip to a client that refuses it (Accept-Encoding: gzip;q=0)', async () => {
    const path = years({ drafts: false });
    for (let asked = 0; asked < 2; asked += 1) {
      const answered = await get(path, { 'accept-encoding': 'gzip;q=0, identity' });
      expect(answered.res.statusCode).toBe(200);
      expect(answered.res.headers['content-encoding']).toBeUndefined();
    }
  });
});
