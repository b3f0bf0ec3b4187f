/** Users, sessions and API tokens (sign-in attempts and devices: sign-in.ts). Secrets are stored only as hashes. */

import type { Db } from '../connection.js';
import type { Role } from '../schema.js';

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.password_hash',
  'users.role',
  'users.department_id',
  'users.demo_password',
  'users.created_at',
  'users.disabled_at',
  'users.organisation_id',
  'organisations.code as organisation_code',
  'departments.code as department_code',
] as const;

function usersWithDepartment(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select(userColumns);
}

export type UserRecord = Awaited<ReturnType<typeof findUserByUsername>> & {};

/** Usernames are unique across organisations: a sign-in names only the user. */
export async function findUserByUsername(db: Db, username: string) {
  return usersWithDepartment(db)
    .where('users.username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return usersWithDepartment(db).where('users.id', '=', id).executeTakeFirst();
}

/** An organisation's users. */
export async function findUsers(db: Db, organisationId: number) {
  return usersWithDepartment(db)
    .where('users.organisation_id', '=', organisationId)
    .orderBy('users.username')
    .execute();
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  organisationId: number;
  departmentId: number | null;
  demoPassword: boolean;
  createdAt: string;
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: user.username.trim().toLowerCase(),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      organisation_id: user.organisationId,
      department_id: user.departmentId,
      demo_password: user.demoPassword ? 1 : 0,
      created_at: user.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function countUsersWithDemoPasswords(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('demo_password', '=', 1)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(
  db: Db,
  session: { id: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A live session (not expired at `now`) with its user, or undefined. */
export async function findLiveSession(db: Db, id: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(
  db: Db,
  token: { userId: number; name: string; tokenHash: string; prefix: string; createdAt: string },
): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: token.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An API token that is not revoked, with its owner (who must not be disabled). */
export async function findActiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Db, id: number, now: string) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** An organisation's API tokens, or one of its users' only. */
export async function findTokens(db: Db, owners: { organisationId: number; userId?: number | undefined }) {
  let query = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.prefix',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'users.username',
    ])
    .where('users.organisation_id', '=', owners.organisationId)
    .orderBy('api_tokens.id');
  if (owners.userId !== undefined) query = query.where('api_tokens.user_id', '=', owners.userId);
  return query.execute();
}

/** Revokes every active token of a user (a new password or a disabled account ends them). */
export async function revokeTokensOfUser(db: Db, userId: number, now: string) {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeToken(db: Db, id: number, now: string) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
