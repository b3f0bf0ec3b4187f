/**
 * The sender when things go wrong slowly or for the whole server: a lease that runs out while a slow
 * batch is still being worked through, and a mail server that refuses the sender's credentials.
 */

import { countMail, type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueFor } from './enqueue.js';
import { drainOutbox, sendDueMail } from './sender.js';
import { startSmtp, type TestSmtp } from './smtp.testing.js';
import { type MailTransport, type OutgoingMail, smtpTransport } from './transport.js';
import { returnedWording } from './wording.js';

const FROM = 'tangible@example.org';
let db: Db;
let fin: number;

beforeAll(async () => {
  db = (await seededTestDatabase()).db;
  fin = (
    await db.selectFrom('users').select('id').where('username', '=', 'fin.head').executeTakeFirstOrThrow()
  ).id;
  await db
    .updateTable('users')
    .set({ email: 'fin@busan.example', language: 'en' })
    .where('id', '=', fin)
    .execute();
}, 60_000);
afterEach(async () => {
  await db.deleteFrom('mail_outbox').execute();
});
afterAll(async () => {
  await db?.destroy();
});

async function enqueue(count: number, prefix: string, at: Date): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await db.transaction().execute((trx) =>
      enqueueFor(
        trx,
        fin,
        {
          key: `${prefix}:${i}`,
          kind: 'value_returned',
          word: (language, name) =>
            returnedWording(language, name, {
              code: 'TOUR-01',
              name: { ko: '관광객 수', en: 'Visitors' },
              period: '2024-03',
              reason: `#${i}`,
            }),
        },
        at,
      ),
    );
  }
}

/** A transport that records what it sends; `hold` keeps the first send waiting until released. */
function recording(hold = false) {
  const sent: OutgoingMail[] = [];
  let release = () => {};
  let started = () => {};
  const firstStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const transport: MailTransport = {
    async send(mail) {
      if (hold && sent.length === 0) {
        started();
        await released;
      }
      sent.push(mail);
    },
    close() {},
  };
  return { transport, sent, release, firstStarted };
}

describe('the sender, slow or refused', () => {
  it('does not send a message of its batch whose lease ran out and another sender took (only the one in flight may go twice)', async () => {
    const t0 = new Date();
    await enqueue(3, 'slow', t0);
    let clock = t0;
    const slow = recording(true);
    const first = sendDueMail(db, slow.transport, {
      owner: 'slow',
      from: FROM,
      now: () => clock,
      leaseMs: 60_000,
    });
    await slow.firstStarted;
    // The first send hangs past the lease; another process finds the batch free and sends it all.
    clock = new Date(t0.getTime() + 120_000);
    const other = recording();
    expect(
      (await drainOutbox(db, other.transport, { owner: 'other', from: FROM, now: () => clock })).sent,
    ).toBe(3);
    slow.release();
    await first;
    const sends = [...slow.sent, ...other.sent].map((m) => m.messageId);
    const duplicated = sends.length - new Set(sends).size;
    expect(duplicated).toBeLessThanOrEqual(1);
  });

  it('stops at the message it is sending when asked to (a process shutting down), giving the rest back at once', async () => {
    await enqueue(5, 'stop', new Date());
    const stopping = new AbortController();
    const sent: OutgoingMail[] = [];
    const transport: MailTransport = {
      async send(mail) {
        sent.push(mail);
        stopping.abort();
      },
      close() {},
    };
    await drainOutbox(db, transport, { owner: 'stopping', from: FROM, batch: 2, signal: stopping.signal });
    expect(sent).toHaveLength(1);
    // The other four are neither sent nor held under the stopped process's lease: another sends them now.
    const other = recording();
    expect((await drainOutbox(db, other.transport, { owner: 'other', from: FROM })).sent).toBe(4);
  });

  it('keeps every message waiting when the mail server refuses the credentials (535), rather than giving them all up', async () => {
    const servers: TestSmtp[] = [];
    const server = await startSmtp(0, { refuseLogin: true });
    servers.push(server);
    await enqueue(3, 'auth', new Date());
    const transport = smtpTransport({
      host: '127.0.0.1',
      port: server.port,
      user: 'kpi',
      pass: 'wrong',
      from: FROM,
    });
    try {
      const outcome = await drainOutbox(db, transport, { owner: 'a', from: FROM });
      expect(outcome.failed).toBe(0);
      expect(await countMail(db)).toEqual({ waiting: 3, sent: 0, failed: 0 });
    } finally {
      transport.close();
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
