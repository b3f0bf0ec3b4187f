/**
 * Sends what the outbox holds: claims a batch under a lease, sends each message and marks it sent at
 * once, one at a time, so that a sender killed mid-batch leaves at most the one message it was
 * sending in doubt (accepted by the mail server, not yet marked: sent again when its lease runs out).
 * A failure puts the message back with a growing wait; a permanent refusal (5xx) gives it up.
 */

import { claimMail, type Db, deferMail, failMail, holdMail, markMailSent, releaseMail } from '@tangible/db';
import type { MailTransport } from './transport.js';

export interface SenderOptions {
  /** Who holds the leases: unique per process. */
  owner: string;
  from: string;
  now?: () => Date;
  batch?: number;
  /** Aborted when the process stops: the message being sent is finished and marked, the rest given back. */
  signal?: AbortSignal;
  /** Longer than the slowest single send can take with the transport's timeouts (renewed per message). */
  leaseMs?: number;
}

export const MAIL_BATCH = 20;
export const MAIL_LEASE_MS = 5 * 60_000;
/** A message older than this is not worth sending (a reminder of last week's deadline, after an outage). */
export const MAIL_MAX_AGE_MS = 3 * 24 * 3600_000;

/** 30 s after the first failure, doubling, at most an hour: an SMTP server down for a day is tried 30 times. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

/** The Message-ID a message keeps through every attempt, so a receiver can tell a resend from a new message. */
export function messageIdOf(id: number, key: string): string {
  return `<outbox-${id}.${Buffer.from(key).toString('base64url').slice(0, 40)}@tangible>`;
}

/**
 * A 5xx to this message's recipient or content: this message will never go. A 5xx anywhere else (a
 * refused login, a refused sender address) is the server's settings, the same for every message:
 * they wait for the settings to be put right rather than all being given up.
 */
const permanent = (error: unknown) => {
  const { responseCode: code, command } = error as { responseCode?: number; command?: string };
  return (
    typeof code === 'number' && code >= 500 && code < 600 && (command === 'RCPT TO' || command === 'DATA')
  );
};

export interface SendOutcome {
  sent: number;
  deferred: number;
  failed: number;
}

/** One round: claims a batch and works through it. Returns what became of it. */
export async function sendDueMail(
  db: Db,
  transport: MailTransport,
  options: SenderOptions,
): Promise<SendOutcome> {
  const now = options.now ?? (() => new Date());
  const start = now();
  const claimed = await claimMail(db, {
    owner: options.owner,
    now: start,
    leaseUntil: new Date(start.getTime() + (options.leaseMs ?? MAIL_LEASE_MS)),
    limit: options.batch ?? MAIL_BATCH,
  });
  const leaseMs = options.leaseMs ?? MAIL_LEASE_MS;
  const outcome: SendOutcome = { sent: 0, deferred: 0, failed: 0 };
  for (const [index, message] of claimed.entries()) {
    if (options.signal?.aborted) {
      await releaseMail(
        db,
        claimed.slice(index).map((m) => m.id),
      );
      return outcome;
    }
    // Slow sends before it may have outlived the batch's lease: another sender may have this one.
    if (!(await holdMail(db, message.id, options.owner, new Date(now().getTime() + leaseMs)))) continue;
    if (start.getTime() - Date.parse(message.created_at) > MAIL_MAX_AGE_MS) {
      await failMail(db, message.id, now(), 'expired: waited longer than three days');
      outcome.failed += 1;
      continue;
    }
    try {
      await transport.send({
        from: options.from,
        to: message.to_address,
        subject: message.subject,
        text: message.body,
        messageId: messageIdOf(message.id, message.key),
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (permanent(error)) {
        await failMail(db, message.id, now(), text);
        outcome.failed += 1;
        continue;
      }
      // The server is down or busy: the rest of the batch would fail the same way. Put this one back
      // for later and give the others their leases back, to be tried at the next round.
      await deferMail(db, message.id, new Date(now().getTime() + retryDelayMs(message.attempts + 1)), text);
      await releaseMail(
        db,
        claimed.slice(index + 1).map((m) => m.id),
      );
      outcome.deferred += 1;
      return outcome;
    }
    await markMailSent(db, message.id, now());
    outcome.sent += 1;
  }
  return outcome;
}

/** Rounds until nothing due is left (or a round sends nothing): what a scheduler tick does. */
export async function drainOutbox(
  db: Db,
  transport: MailTransport,
  options: SenderOptions,
): Promise<SendOutcome> {
  const total: SendOutcome = { sent: 0, deferred: 0, failed: 0 };
  for (;;) {
    const round = await sendDueMail(db, transport, options);
    total.sent += round.sent;
    total.deferred += round.deferred;
    total.failed += round.failed;
    if (options.signal?.aborted || round.deferred > 0 || round.sent + round.failed === 0) return total;
  }
}
