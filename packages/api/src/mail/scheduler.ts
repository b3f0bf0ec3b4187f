/**
 * The mail scheduler every server process runs (croner): every 30 seconds it sends what the outbox
 * holds; every 10 minutes it enqueues the reminders and digests the stored data says are due. Each
 * step is safe to run in several processes at once (leases and unique keys, not "only one process
 * runs it"), and none depends on having run at a given minute: a run finds what is owed now.
 */

import { randomUUID } from 'node:crypto';
import type { Db } from '@tangible/db';
import { Cron } from 'croner';
import { enqueueDigests } from './digest.js';
import { enqueueReminders } from './reminders.js';
import { drainOutbox } from './sender.js';
import { type MailSettings, smtpTransport } from './transport.js';

export interface SchedulerLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface MailScheduler {
  /** Starts no more rounds, lets the running one finish the message it is sending; resolves when it has. */
  stop(): Promise<void>;
}

export function startMailScheduler(db: Db, settings: MailSettings, log: SchedulerLog): MailScheduler {
  const transport = smtpTransport(settings);
  const owner = `${process.pid}-${randomUUID()}`;
  const stopping = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  // protect: a round still running when the next is due is not started twice in this process.
  const sending = new Cron('*/30 * * * * *', { protect: true, unref: true }, async () => {
    try {
      const round = drainOutbox(db, transport, { owner, from: settings.from, signal: stopping.signal });
      running = round.catch(() => {});
      const outcome = await round;
      if (outcome.sent + outcome.deferred + outcome.failed > 0) log.info({ mail: outcome }, 'mail sent');
    } catch (error) {
      log.error({ err: error }, 'mail round failed');
    }
  });
  const enqueueing = new Cron('0 */10 * * * *', { protect: true, unref: true }, async () => {
    try {
      const now = new Date();
      const reminders = await enqueueReminders(db, now);
      const digests = await enqueueDigests(db, now);
      if (reminders + digests > 0) log.info({ reminders, digests }, 'mail enqueued');
    } catch (error) {
      log.error({ err: error }, 'enqueueing reminders failed');
    }
  });
  // At start as well: a process that was down when something fell due catches up at once.
  void enqueueing.trigger();
  return {
    async stop() {
      stopping.abort();
      sending.stop();
      enqueueing.stop();
      // The database is closed after this: a send it could not mark would go again from another process.
      await running;
      transport.close();
    },
  };
}
