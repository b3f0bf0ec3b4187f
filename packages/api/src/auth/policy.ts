/**
 * The one authorisation policy: who may do what. The tRPC middleware (trpc.ts) and the HTTP routes
 * (apps/server) both ask this module; no procedure checks a role by itself.
 *
 * | permission | admin | executive | approver | bureau_head      | analyst | API token | public view |
 * |------------|-------|-----------|----------|------------------|---------|-----------|-------------|
 * | read       | ✓     | ✓         | ✓        | ✓                | ✓       | ✓         |             |
 * | public     | ✓     | ✓         | ✓        | ✓                | ✓       | ✓         | ✓           |
 * | export     | ✓     | ✓         | ✓        | ✓                | ✓       | ✓         |             |
 * | report     | ✓     |           |          | own department   |         |           |             |
 * | approve    | ✓     |           | ✓        |                  |         |           |             |
 * | tokens     | ✓     | ✓         | ✓        | ✓                | ✓       |           |             |
 * | admin      | ✓     |           |          |                  |         |           |             |
 * | account    | ✓     | ✓         | ✓        | ✓                | ✓       |           |             |
 * | plan       | ✓     |           | ✓        |                  |         |           |             |
 * | propose    | ✓     |           | ✓        | own department   |         |           |             |
 * | direct     | ✓     | ✓         | ✓        |                  |         |           |             |
 * | follow     | ✓     |           | ✓        | own department   |         |           |             |
 *
 * `public` is what citizens may read when PUBLIC_DASHBOARD=1: the overview, sector pages and
 * milestones, approved figures only, without notes or staff names. `account` is one's own session
 * (who am I, sign out). API tokens read and export only, whatever their owner's role.
 * `plan` is the planning office's (the approver role) and the admin's: edit the plan, confirm it,
 * decide target revisions and proposed changes. `propose` asks for a target revision or a plan
 * change, which someone else with `plan` decides; a bureau head for their own department only.
 * `direct` records a directive (지시사항) given at a report meeting: the planning office, and the
 * mayor and the mayor's staff (the executive role; no separate role, so the users table's role
 * check stays as it is). `follow` reports progress on a directive or a corrective action, proposes a
 * directive's completion and keeps an indicator's corrective actions: a bureau head for their own
 * department, the planning office for any. Confirming a directive's completion is `plan` alone, so
 * a department can never close one by itself. A user's email settings (address, language, whether
 * they want email) are changed by the user themself or by an administrator of their organisation
 * (`canSetMailOf`); no one else, and no API token.
 */

import type { Role } from '@tangible/db';

export type Permission =
  | 'public'
  | 'read'
  | 'export'
  | 'report'
  | 'approve'
  | 'tokens'
  | 'admin'
  | 'account'
  | 'plan'
  | 'propose'
  | 'direct'
  | 'follow';

export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The organisation the user belongs to: everything the user reads or writes is its. */
  organisationId: number;
  organisationCode: string;
  /** The department of a bureau head; null for the other roles. */
  departmentId: number | null;
  departmentCode: string | null;
}

/** Who is asking: a user through a session or an API token, a citizen on the public view, or nobody. */
export type Principal =
  | { kind: 'user'; user: SignedInUser; via: 'session'; csrfToken: string; sessionId: string }
  | { kind: 'user'; user: SignedInUser; via: 'token'; tokenId: number }
  /** The operator at the server's command line, acting as a named user (with that user's role). */
  | { kind: 'user'; user: SignedInUser; via: 'cli' }
  | { kind: 'public' }
  /**
   * Nobody; `badToken` when the caller sent a bearer token that is unknown, revoked or whose owner
   * is deactivated: such a caller is refused and told so, never served as a citizen of the public view.
   */
  | { kind: 'anonymous'; badToken?: true };

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'public',
    'read',
    'export',
    'report',
    'approve',
    'tokens',
    'admin',
    'account',
    'plan',
    'propose',
    'direct',
    'follow',
  ],
  executive: ['public', 'read', 'export', 'tokens', 'account', 'direct'],
  approver: [
    'public',
    'read',
    'export',
    'approve',
    'tokens',
    'account',
    'plan',
    'propose',
    'direct',
    'follow',
  ],
  bureau_head: ['public', 'read', 'export', 'report', 'tokens', 'account', 'propose', 'follow'],
  analyst: ['public', 'read', 'export', 'tokens', 'account'],
};

const TOKEN_PERMISSIONS: readonly Permission[] = ['public', 'read', 'export'];
const PUBLIC_PERMISSIONS: readonly Permission[] = ['public'];

export function permissionsOf(principal: Principal): readonly Permission[] {
  switch (principal.kind) {
    case 'anonymous':
      return [];
    case 'public':
      return PUBLIC_PERMISSIONS;
    case 'user':
      return principal.via === 'token' ? TOKEN_PERMISSIONS : ROLE_PERMISSIONS[principal.user.role];
  }
}

export function can(principal: Principal, permission: Permission): boolean {
  return permissionsOf(principal).includes(permission);
}

/**
 * Whether a principal may write the actuals, notes and milestone dates of something owned by a
 * department: an admin anything, a bureau head only their own department's.
 */
export function canReportFor(principal: Principal, departmentId: number): boolean {
  if (!can(principal, 'report') || principal.kind !== 'user') return false;
  return principal.user.role === 'admin' || principal.user.departmentId === departmentId;
}

/**
 * Whether a principal may propose a change to what a department owns in the plan (a target
 * revision, an indicator or milestone): the planning office anything, a bureau head their own.
 */
export function canProposeFor(principal: Principal, departmentId: number): boolean {
  if (!can(principal, 'propose') || principal.kind !== 'user') return false;
  return can(principal, 'plan') || principal.user.departmentId === departmentId;
}

/**
 * Whether a principal may report on, or keep, the follow-through of a department (a directive
 * assigned to it, a corrective action it owns): the planning office any, a bureau head their own.
 */
export function canFollowFor(principal: Principal, departmentId: number): boolean {
  if (!can(principal, 'follow') || principal.kind !== 'user') return false;
  return can(principal, 'plan') || principal.user.departmentId === departmentId;
}

/**
 * Whether a principal may change the email settings of the user named `username` (of the
 * principal's own organisation: the lookup is confined to it, so another's user is not found):
 * the user themself, or an administrator. A token never (it has no `account`).
 */
export function canSetMailOf(principal: Principal, username: string): boolean {
  if (!can(principal, 'account') || principal.kind !== 'user') return false;
  return principal.user.username === username || can(principal, 'admin');
}

/**
 * Whether the principal may compare districts side by side: an executive or administrator (their
 * organisation must be a metropolitan city: districts/comparison.ts checks it).
 */
export function canCompareDistricts(principal: Principal): boolean {
  return (
    principal.kind === 'user' && (principal.user.role === 'executive' || principal.user.role === 'admin')
  );
}

/** Whether the principal sees staff names, notes and pending values (everyone signed in; not the public view). */
export function seesInternalDetail(principal: Principal): boolean {
  return can(principal, 'read');
}
