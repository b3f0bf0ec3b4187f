/**
 * The mail path against a real SMTP server the test starts (smtp-server): messages go out in each
 * recipient's language; while the server is down they wait and go later; two senders on one database
 * send each message once; a sender killed (SIGKILL) mid-batch loses none, and sends again at most the
 * one message it was sending (figures printed). On both engines (TEST_DATABASE=postgres).
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { claimMail, countMail, type Db, openTestDatabase, seededTestDatabase } from '@tangible/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueFor } from './enqueue.js';
import { drainOutbox, MAIL_LEASE_MS, sendDueMail } from './sender.js';
import { downPort, startSmtp, type TestSmtp } from './smtp.testing.js';
import { smtpTransport } from './transport.js';
import { returnedWording } from './wording.js';

const FROM = 'tangible@example.org';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./sender-child.testing.ts', import.meta.url));

let seeded: { db: Db; path: string };
let db: Db;
let tourism: number;
let fin: number;
const servers: TestSmtp[] = [];

beforeAll(async () => {
  seeded = await seededTestDatabase();
  db = seeded.db;
  const idOf = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  tourism = await idOf('tourism.head');
  fin = await idOf('fin.head');
  await db
    .updateTable('users')
    .set({ email: 'tourism@busan.example', language: 'ko' })
    .where('id', '=', tourism)
    .execute();
  await db
    .updateTable('users')
    .set({ email: 'fin@busan.example', language: 'en' })
    .where('id', '=', fin)
    .execute();
}, 60_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await db.deleteFrom('mail_outbox').execute();
});
afterAll(async () => {
  await db?.destroy();
});

async function smtp(port = 0): Promise<TestSmtp> {
  const server = await startSmtp(port);
  servers.push(server);
  return server;
}

/** Enqueues `count` returned-value messages for a user, each in its own transaction as events do. */
async function enqueueReturned(userId: number, count: number, prefix = 'test'): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await db.transaction().execute((trx) =>
      enqueueFor(
        trx,
        userId,
        {
          key: `${prefix}:${userId}:${i}`,
          kind: 'value_returned',
          word: (language, name) =>
            returnedWording(language, name, {
              code: 'TOUR-01',
              name: { ko: '관광객 수', en: 'Visitors' },
              period: '2024-03',
              reason: `#${i}`,
            }),
        },
        new Date(),
      ),
    );
  }
}

const uniqueIds = (server: TestSmtp) => new Set(server.received.map((m) => m.messageId)).size;

describe('the mail outbox, sent through a real SMTP server', () => {
  it('delivers each message once, in its recipient’s language, and enqueues a key only once', async () => {
    const server = await smtp();
    await enqueueReturned(tourism, 1);
    await enqueueReturned(fin, 1);
    await enqueueReturned(fin, 1); // the same key again: stored once
    const transport = smtpTransport({ url: server.url, from: FROM });
    const outcome = await drainOutbox(db, transport, { owner: 'a', from: FROM });
    transport.close();
    expect(outcome).toEqual({ sent: 2, deferred: 0, failed: 0 });
    const byTo = Object.fromEntries(server.received.map((m) => [m.to, m]));
    expect(byTo['tourism@busan.example']?.subject).toContain('반려되었습니다');
    expect(byTo['tourism@busan.example']?.text).toContain('사유: #0');
    expect(byTo['fin@busan.example']?.subject).toContain('was returned');
    expect(byTo['fin@busan.example']?.text).toContain('Reason: #0');
    expect(await countMail(db)).toEqual({ waiting: 0, sent: 2, failed: 0 });
  });

  it('keeps messages while the SMTP server is down and sends them once it is back and they are due', async () => {
    const port = await downPort();
    await enqueueReturned(tourism, 3);
    const transport = smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: FROM });
    const down = await sendDueMail(db, transport, { owner: 'a', from: FROM });
    expect(down).toEqual({ sent: 0, deferred: 1, failed: 0 });
    expect(await countMail(db)).toEqual({ waiting: 3, sent: 0, failed: 0 });

    const server = await smtp(port);
    // The failed one waits 30 s; the two given back untried go at once.
    expect((await drainOutbox(db, transport, { owner: 'a', from: FROM })).sent).toBe(2);
    const later = new Date(Date.now() + 31_000);
    expect((await drainOutbox(db, transport, { owner: 'a', from: FROM, now: () => later })).sent).toBe(1);
    transport.close();
    expect(server.received).toHaveLength(3);
    expect(uniqueIds(server)).toBe(3);
    expect(await countMail(db)).toEqual({ waiting: 0, sent: 3, failed: 0 });
  });

  it('sends each message once when two senders on two connections race for the same outbox', async () => {
    const server = await smtp();
    await enqueueReturned(fin, 120);
    const other = openTestDatabase(seeded.path);
    const one = smtpTransport({ url: server.url, from: FROM });
    const two = smtpTransport({ url: server.url, from: FROM });
    try {
      const [a, b] = await Promise.all([
        drainOutbox(db, one, { owner: 'one', from: FROM, batch: 5 }),
        drainOutbox(other, two, { owner: 'two', from: FROM, batch: 5 }),
      ]);
      expect(a.sent + b.sent).toBe(120);
      // Both took part: the race was run, not won by whoever started first.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    } finally {
      one.close();
      two.close();
      await other.destroy();
    }
    expect(server.received).toHaveLength(120);
    expect(uniqueIds(server)).toBe(120);
  });

  it('never leases one message to two claimers at once (eight claiming together, on PostgreSQL eight connections)', async () => {
    await enqueueReturned(fin, 200, 'claim');
    const claimed: number[] = [];
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + MAIL_LEASE_MS);
    await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        for (;;) {
          const batch = await claimMail(db, { owner: `claimer-${n}`, now, leaseUntil, limit: 3 });
          if (batch.length === 0) return;
          claimed.push(...batch.map((m) => m.id));
        }
      }),
    );
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed).size).toBe(200);
  });

  it('loses nothing when a sender is killed mid-batch, and sends again at most the one message in flight', async () => {
    const TOTAL = 200;
    const server = await smtp();
    await enqueueReturned(fin, TOTAL, 'kill');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', CHILD, seeded.path, server.url],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    while (server.received.length < 60) {
      if (child.exitCode !== null) throw new Error('the sender finished before it could be killed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const beforeRestart = server.received.length;

    // A restarted sender: the dead one's leases run out, and whatever it held is sent.
    const transport = smtpTransport({ url: server.url, from: FROM });
    const afterLease = new Date(Date.now() + MAIL_LEASE_MS + 1_000);
    await drainOutbox(db, transport, { owner: 'restarted', from: FROM, now: () => afterLease });
    transport.close();

    const unique = uniqueIds(server);
    const lost = TOTAL - unique;
    const duplicated = server.received.length - unique;
    console.log(
      `sender killed mid-batch: ${beforeRestart} delivered before the kill, ${server.received.length} in all; ${TOTAL} messages, ${lost} lost, ${duplicated} duplicated`,
    );
    expect(lost).toBe(0);
    expect(duplicated).toBeLessThanOrEqual(1);
    expect(await countMail(db)).toEqual({ waiting: 0, sent: TOTAL, failed: 0 });
  }, 60_000);
});
