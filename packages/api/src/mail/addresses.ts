/**
 * Where a user's email goes, in which language, and whether they want email at all: set by the user
 * on the account screen (or by an administrator of their organisation, there or with
 * `pnpm cli user mail`), written to the audit trail like every other change to an account.
 */

import { appendAudit, type Db, type Language } from '@tangible/db';
import { z } from 'zod';
import type { Actor } from '../accounts.js';
import { canSetMailOf, type Principal } from '../auth/policy.js';
import { refuse } from '../problems.js';

const address = z.email().max(254);

export interface MailPreferences {
  email: string | null;
  language: Language;
  /** Whether the user wants reminders, returned values and the digest by email. */
  wanted: boolean;
}

/** Sets (or, with null, clears) a user's email address, and their email language and wish when given. */
export async function setMailAddress(
  db: Db,
  actor: Actor,
  input: {
    username: string;
    email: string | null;
    language?: Language | undefined;
    wanted?: boolean | undefined;
  },
  now: Date,
): Promise<MailPreferences> {
  if (input.email !== null && !address.safeParse(input.email).success)
    throw refuse('BAD_REQUEST', 'not_an_email', { value: input.email });
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'organisation_id', 'email', 'language', 'mail_wanted'])
    .where('username', '=', input.username.trim().toLowerCase())
    .executeTakeFirst();
  if (!user || user.organisation_id !== actor.organisationId)
    throw refuse('NOT_FOUND', 'no_such_user', { username: input.username });
  const language = input.language ?? user.language;
  const wanted = input.wanted ?? user.mail_wanted === 1;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ email: input.email, language, mail_wanted: wanted ? 1 : 0 })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, {
      organisationId: actor.organisationId,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actor: actor.name,
      action: 'user.mail',
      entityType: 'user',
      entityId: user.username,
      before: { email: user.email, language: user.language, wanted: user.mail_wanted === 1 },
      after: { email: input.email, language, wanted },
    });
  });
  return { email: input.email, language, wanted };
}

/** The caller's own email settings (the account screen). */
export async function mailSettingsOf(db: Db, userId: number): Promise<MailPreferences> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'language', 'mail_wanted'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { email: user.email, language: user.language, wanted: user.mail_wanted === 1 };
}

/**
 * A change to email settings asked through the API: the caller's own (no username, or their own),
 * or, for an administrator, any user's of their organisation. Anyone else is refused by the policy.
 */
export async function changeMailSettings(
  db: Db,
  principal: Principal,
  input: { username?: string | undefined; email: string | null; language: Language; wanted: boolean },
  now: Date,
): Promise<MailPreferences> {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  const { user } = principal;
  const username = input.username?.trim().toLowerCase() ?? user.username;
  if (!canSetMailOf(principal, username)) throw refuse('FORBIDDEN', 'mail_not_yours', { username });
  return setMailAddress(
    db,
    { userId: user.id, name: user.username, organisationId: user.organisationId },
    { username, email: input.email, language: input.language, wanted: input.wanted },
    now,
  );
}
