/**
 * Managing accounts and API tokens, shared by the app (admins, and everyone for their own tokens)
 * and `pnpm cli user …` / `pnpm cli token …`. Every change is written to the audit trail.
 */

import type { TextField } from '@tangible/core';
import {
  appendAudit,
  type Db,
  deleteSessionsOfUser,
  findDepartments,
  findTokens,
  findUserByUsername,
  hashPassword,
  insertUser,
  MIN_PASSWORD_LENGTH,
  type Role,
  revokeToken,
  revokeTokensOfUser,
} from '@tangible/db';
import { createApiToken } from './auth/sessions.js';
import { type ProblemCode, refuse } from './problems.js';
import { textRefusal } from './text.js';

export const ROLES: readonly Role[] = ['admin', 'executive', 'approver', 'bureau_head', 'analyst'];

/** Who made a change (a signed-in user, or the command line), within which organisation. */
export interface Actor {
  userId: number | null;
  name: string;
  /** The organisation whose accounts the change may touch: an admin's own, or the one the CLI names. */
  organisationId: number;
}

function bad(code: ProblemCode, params: Record<string, string | number> = {}): never {
  throw refuse('BAD_REQUEST', code, params);
}

/** The procedures check names with zod; the command line reaches these services directly. */
function checkText(field: TextField, text: string) {
  const refused = textRefusal(field, text);
  if (refused) throw refuse('BAD_REQUEST', refused.code, refused.params);
}

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) bad('password_too_short', { min: MIN_PASSWORD_LENGTH });
}

async function departmentIdFor(
  db: Db,
  organisationId: number,
  role: Role,
  departmentCode: string | null | undefined,
): Promise<number | null> {
  if (role !== 'bureau_head') {
    if (departmentCode) bad('department_only_for_bureau_head');
    return null;
  }
  if (!departmentCode) bad('department_required');
  const department = (await findDepartments(db, organisationId)).find(
    (d) => d.code === departmentCode.toUpperCase(),
  );
  if (!department) bad('no_such_department', { code: departmentCode });
  return department.id;
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: { username: string; displayName: string; role: Role; department?: string | null; password: string },
  now: Date,
) {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,31}$/.test(username)) {
    bad('username_format');
  }
  checkText('name', input.displayName);
  checkPassword(input.password);
  if (await findUserByUsername(db, username)) bad('username_taken', { username });
  const departmentId = await departmentIdFor(db, actor.organisationId, input.role, input.department);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      organisationId: actor.organisationId,
      departmentId,
      demoPassword: false,
      createdAt: now.toISOString(),
    });
    await appendAudit(trx, {
      organisationId: actor.organisationId,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actor: actor.name,
      action: 'user.create',
      entityType: 'user',
      entityId: username,
      after: { role: input.role, department: input.department ?? null, displayName: input.displayName },
    });
    return { id, username };
  });
}

/** A user of the organisation; one of another organisation is not found (it is not the actor's to know of). */
async function requireUser(db: Db, organisationId: number, username: string) {
  const user = await findUserByUsername(db, username);
  if (!user || user.organisation_id !== organisationId)
    throw refuse('NOT_FOUND', 'no_such_user', { username });
  return user;
}

/** Sets a new password (clearing the demo-password mark) and ends the user's sessions and API tokens. */
export async function setPassword(db: Db, actor: Actor, username: string, password: string, now: Date) {
  checkPassword(password);
  const user = await requireUser(db, actor.organisationId, username);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, demo_password: 0 })
      .where('id', '=', user.id)
      .execute();
    await deleteSessionsOfUser(trx, user.id);
    // A password is reset when it may have leaked: tokens made with it end too.
    await revokeTokensOfUser(trx, user.id, now.toISOString());
    await appendAudit(trx, {
      organisationId: actor.organisationId,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actor: actor.name,
      action: 'user.password',
      entityType: 'user',
      entityId: user.username,
    });
  });
}

/** Changes a user's role (and department) or disables them; ends their sessions. */
export async function updateUser(
  db: Db,
  actor: Actor,
  input: { username: string; role: Role; department?: string | null; disabled: boolean },
  now: Date,
) {
  const user = await requireUser(db, actor.organisationId, input.username);
  if (actor.userId === user.id && (input.disabled || input.role !== user.role)) {
    bad('own_account');
  }
  const departmentId = await departmentIdFor(db, actor.organisationId, input.role, input.department);
  const disabledAt = input.disabled ? (user.disabled_at ?? now.toISOString()) : null;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ role: input.role, department_id: departmentId, disabled_at: disabledAt })
      .where('id', '=', user.id)
      .execute();
    await deleteSessionsOfUser(trx, user.id);
    if (input.disabled) await revokeTokensOfUser(trx, user.id, now.toISOString());
    await appendAudit(trx, {
      organisationId: actor.organisationId,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actor: actor.name,
      action: 'user.update',
      entityType: 'user',
      entityId: user.username,
      before: {
        role: user.role,
        department: user.department_code ?? null,
        disabled: user.disabled_at !== null,
      },
      after: { role: input.role, department: input.department ?? null, disabled: input.disabled },
    });
  });
}

/** Creates an API token for a user; the token is returned once and stored only as a hash. */
export async function issueToken(db: Db, actor: Actor, username: string, name: string, now: Date) {
  checkText('name', name);
  const user = await requireUser(db, actor.organisationId, username);
  // The token and its audit entry are one write: a token never exists without its record.
  return db.transaction().execute(async (trx) => {
    const { id, token } = await createApiToken(trx, user.id, name, now);
    await appendAudit(trx, {
      organisationId: actor.organisationId,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actor: actor.name,
      action: 'token.create',
      entityType: 'api_token',
      entityId: String(id),
      after: { user: user.username, name },
    });
    return { id, token };
  });
}

/** Revokes a token; `ownerId` restricts it to that user's tokens (everyone but admins and the CLI). */
export async function withdrawToken(db: Db, actor: Actor, id: number, ownerId: number | null, now: Date) {
  const tokens = await findTokens(db, { organisationId: actor.organisationId, userId: ownerId ?? undefined });
  const token = tokens.find((t) => t.id === id);
  if (!token) throw refuse('NOT_FOUND', 'no_such_token', { id });
  await db.transaction().execute(async (trx) => {
    if (!(await revokeToken(trx, id, now.toISOString()))) bad('token_already_revoked', { id });
    await appendAudit(trx, {
      organisationId: actor.organisationId,
      at: now.toISOString(),
      actorUserId: actor.userId,
      actor: actor.name,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: String(id),
      before: { name: token.name, user: token.username },
    });
  });
}
