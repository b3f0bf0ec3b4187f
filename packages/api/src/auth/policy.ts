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
 *
 * `public` is what citizens may read when PUBLIC_DASHBOARD=1: the overview, sector pages and
 * milestones, approved figures only, without notes or staff names. `account` is one's own session
 * (who am I, sign out). API tokens read and export only, whatever their owner's role.
 */

import type { Role } from '@tangible/db';

export type Permission = 'public' | 'read' | 'export' | 'report' | 'approve' | 'tokens' | 'admin' | 'account';

export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
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
  | { kind: 'anonymous' };

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['public', 'read', 'export', 'report', 'approve', 'tokens', 'admin', 'account'],
  executive: ['public', 'read', 'export', 'tokens', 'account'],
  approver: ['public', 'read', 'export', 'approve', 'tokens', 'account'],
  bureau_head: ['public', 'read', 'export', 'report', 'tokens', 'account'],
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

/** Whether the principal sees staff names, notes and pending values (everyone signed in; not the public view). */
export function seesInternalDetail(principal: Principal): boolean {
  return can(principal, 'read');
}
