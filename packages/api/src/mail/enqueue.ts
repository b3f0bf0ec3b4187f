/**
 * Enqueues a message for a user in the user's language, inside the caller's transaction: the message
 * exists exactly when the event that causes it was committed. Never sends: the scheduler does.
 */

import { type Database, enqueueMail, findMailRecipient, type Language } from '@tangible/db';
import type { Kysely } from 'kysely';
import type { Wording } from './wording.js';

/** The message's id, or null when the user has no address (or is disabled) or the key was enqueued already. */
export async function enqueueFor(
  trx: Kysely<Database>,
  userId: number,
  message: { key: string; kind: string; word: (language: Language, name: string) => Wording },
  now: Date,
): Promise<number | null> {
  const recipient = await findMailRecipient(trx, userId);
  if (!recipient) return null;
  const { subject, body } = message.word(recipient.language, recipient.display_name);
  return enqueueMail(
    trx,
    { key: message.key, kind: message.kind, userId, to: recipient.email, subject, body },
    now,
  );
}
